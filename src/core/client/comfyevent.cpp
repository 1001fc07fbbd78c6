#include "comfyevent.h"

#include "comfynodeid.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QtEndian>

namespace {

// Binary frame types of ComfyUI's server.py (BinaryEventTypes).
constexpr quint32 BinaryPreviewImage = 1;
constexpr quint32 BinaryText = 3;
constexpr quint32 BinaryPreviewImageWithMetadata = 4;

constexpr qsizetype HeaderSize = 4;

ComfyEvent::Type typeFromName(const QString &name)
{
    static const QHash<QString, ComfyEvent::Type> types = {
        {QStringLiteral("status"), ComfyEvent::Type::Status},
        {QStringLiteral("execution_start"), ComfyEvent::Type::ExecutionStart},
        {QStringLiteral("execution_cached"), ComfyEvent::Type::ExecutionCached},
        {QStringLiteral("executing"), ComfyEvent::Type::Executing},
        {QStringLiteral("progress"), ComfyEvent::Type::Progress},
        {QStringLiteral("progress_state"), ComfyEvent::Type::ProgressState},
        {QStringLiteral("executed"), ComfyEvent::Type::Executed},
        {QStringLiteral("execution_success"), ComfyEvent::Type::ExecutionSuccess},
        {QStringLiteral("execution_error"), ComfyEvent::Type::ExecutionError},
        {QStringLiteral("execution_interrupted"), ComfyEvent::Type::ExecutionInterrupted},
        {QStringLiteral("feature_flags"), ComfyEvent::Type::FeatureFlags},
    };
    return types.value(name, ComfyEvent::Type::Unknown);
}

// progress_state sends 0.0/1.0 floats, progress sends ints: read both.
int intValue(const QJsonValue &value)
{
    return value.isDouble() ? qRound(value.toDouble()) : 0;
}

// Millisecond epoch timestamps (~1.8e12) are exact in a double.
qint64 timestampValue(const QJsonValue &value)
{
    return value.isDouble() ? static_cast<qint64>(value.toDouble()) : 0;
}

// Reads a 4-byte big-endian number at offset; false when the frame is too short.
bool readUInt32(const QByteArray &frame, qsizetype offset, quint32 *out)
{
    if (offset < 0 || frame.size() - offset < 4)
        return false;
    *out = qFromBigEndian<quint32>(frame.constData() + offset);
    return true;
}

// The block at offset: a big-endian quint32 length, then that many bytes. False when the
// frame is shorter than the length says; *next is the offset just past the block.
bool readBlock(const QByteArray &frame, qsizetype offset, QByteArray *block, qsizetype *next)
{
    quint32 length = 0;
    if (!readUInt32(frame, offset, &length))
        return false;
    const qsizetype start = offset + 4;
    // Compare in 64 bits: a hostile length near 2^32 must not wrap around.
    if (qint64(length) > qint64(frame.size()) - start)
        return false;
    *block = frame.mid(start, qsizetype(length));
    *next = start + qsizetype(length);
    return true;
}

QString formatFromMimeType(const QString &mimeType)
{
    if (mimeType == QLatin1String("image/png"))
        return QStringLiteral("png");
    if (mimeType == QLatin1String("image/jpeg") || mimeType == QLatin1String("image/jpg"))
        return QStringLiteral("jpeg");
    if (mimeType.startsWith(QLatin1String("image/")))
        return mimeType.mid(6);
    return {};
}

} // namespace

ComfyEvent ComfyEvent::fromText(const QByteArray &message)
{
    ComfyEvent event;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(message, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return event;

    const QJsonObject root = doc.object();
    const QJsonValue typeValue = root.value(QLatin1String("type"));
    if (!typeValue.isString())
        return event;
    event.typeName = typeValue.toString();

    // A known type whose "data" is not an object is malformed: keep the name for
    // diagnostics but do not pretend to know what it says.
    const QJsonValue dataValue = root.value(QLatin1String("data"));
    if (!dataValue.isObject())
        return event;
    const QJsonObject data = dataValue.toObject();
    event.data = data;
    event.type = typeFromName(event.typeName);

    event.promptId = data.value(QLatin1String("prompt_id")).toString();

    switch (event.type) {
    case Type::Status: {
        const QJsonObject execInfo = data.value(QLatin1String("status")).toObject()
                                         .value(QLatin1String("exec_info")).toObject();
        const QJsonValue remaining = execInfo.value(QLatin1String("queue_remaining"));
        if (remaining.isDouble())
            event.queueRemaining = intValue(remaining);
        event.sid = data.value(QLatin1String("sid")).toString();
        break;
    }
    case Type::ExecutionStart:
    case Type::ExecutionSuccess:
        event.timestamp = timestampValue(data.value(QLatin1String("timestamp")));
        break;
    case Type::ExecutionCached: {
        const QJsonArray nodes = data.value(QLatin1String("nodes")).toArray();
        for (const QJsonValue &node : nodes)
            event.cachedNodes.append(comfyNodeId(node));
        event.timestamp = timestampValue(data.value(QLatin1String("timestamp")));
        break;
    }
    case Type::Executing: {
        const QJsonValue node = data.value(QLatin1String("node"));
        // {"node": null} ends the prompt; a missing "node" is malformed, not an end.
        event.nodeIsNull = node.isNull();
        event.node = comfyNodeId(node);
        break;
    }
    case Type::Progress:
        event.node = comfyNodeId(data.value(QLatin1String("node")));
        event.value = intValue(data.value(QLatin1String("value")));
        event.max = intValue(data.value(QLatin1String("max")));
        break;
    case Type::Executed:
        event.node = comfyNodeId(data.value(QLatin1String("node")));
        event.output = data.value(QLatin1String("output")).toObject();
        break;
    case Type::ExecutionError:
    case Type::ExecutionInterrupted:
        event.node = comfyNodeId(data.value(QLatin1String("node_id")));
        event.timestamp = timestampValue(data.value(QLatin1String("timestamp")));
        break;
    case Type::ProgressState:
    case Type::FeatureFlags:
    case Type::Unknown:
    case Type::PreviewImage:
    case Type::Text:
        break;
    }
    return event;
}

ComfyEvent ComfyEvent::fromBinary(const QByteArray &frame)
{
    ComfyEvent event;
    quint32 frameType = 0;
    if (!readUInt32(frame, 0, &frameType))
        return event;

    switch (frameType) {
    case BinaryPreviewImage: {
        quint32 format = 0;
        if (!readUInt32(frame, HeaderSize, &format))
            return event;
        if (format == 1)
            event.imageFormat = QStringLiteral("jpeg");
        else if (format == 2)
            event.imageFormat = QStringLiteral("png");
        else
            return event;
        event.image = frame.mid(HeaderSize + 4);
        if (event.image.isEmpty())
            return ComfyEvent();
        event.type = Type::PreviewImage;
        return event;
    }
    case BinaryPreviewImageWithMetadata: {
        QByteArray json;
        qsizetype imageStart = 0;
        if (!readBlock(frame, HeaderSize, &json, &imageStart))
            return event;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return event;
        event.metadata = doc.object();
        event.image = frame.mid(imageStart);
        if (event.image.isEmpty())
            return ComfyEvent();
        event.promptId = event.metadata.value(QLatin1String("prompt_id")).toString();
        event.node = comfyNodeId(event.metadata.value(QLatin1String("node_id")));
        event.imageFormat = formatFromMimeType(
            event.metadata.value(QLatin1String("image_type")).toString());
        event.type = Type::PreviewImage;
        return event;
    }
    case BinaryText: {
        QByteArray node;
        qsizetype textStart = 0;
        if (!readBlock(frame, HeaderSize, &node, &textStart))
            return event;
        event.node = QString::fromUtf8(node);
        event.text = QString::fromUtf8(frame.mid(textStart));
        event.type = Type::Text;
        return event;
    }
    default:
        return event;
    }
}
