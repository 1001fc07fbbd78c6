#include "historyentry.h"

#include "comfynodeid.h"

#include <QJsonArray>

#include <algorithm>

namespace {

// Node ids are strings ("2", "10", subgraph ids like "5:3"); QJsonObject iterates them
// sorted as text ("10" before "2"), which would put a batch's images in a surprising order.
bool historyNodeIdLess(const QString &a, const QString &b)
{
    const QStringList pa = a.split(QLatin1Char(':'));
    const QStringList pb = b.split(QLatin1Char(':'));
    for (qsizetype i = 0; i < std::min(pa.size(), pb.size()); ++i) {
        bool okA = false;
        bool okB = false;
        const qlonglong na = pa.at(i).toLongLong(&okA);
        const qlonglong nb = pb.at(i).toLongLong(&okB);
        if (okA && okB) {
            if (na != nb)
                return na < nb;
        } else if (pa.at(i) != pb.at(i)) {
            return pa.at(i) < pb.at(i);
        }
    }
    return pa.size() < pb.size();
}

qint64 timestampOf(const QJsonObject &data)
{
    const QJsonValue ts = data.value(QLatin1String("timestamp"));
    return ts.isDouble() ? qint64(ts.toDouble()) : 0;
}

} // namespace

HistoryEntry HistoryEntry::parse(const QString &promptId, const QJsonValue &value)
{
    HistoryEntry entry;
    entry.promptId = promptId;

    if (!value.isObject()) {
        entry.problem = QStringLiteral("the history entry is not a JSON object");
        return entry;
    }
    const QJsonObject object = value.toObject();

    const QJsonArray prompt = object.value(QLatin1String("prompt")).toArray();
    if (!prompt.isEmpty() && prompt.at(0).isDouble())
        entry.number = prompt.at(0).toDouble();

    const QJsonValue outputsValue = object.value(QLatin1String("outputs"));
    if (!outputsValue.isUndefined() && !outputsValue.isObject()) {
        entry.problem = QStringLiteral("its \"outputs\" is not a JSON object");
        return entry;
    }
    entry.outputs = outputsValue.toObject();

    QStringList nodeIds = entry.outputs.keys();
    std::sort(nodeIds.begin(), nodeIds.end(), historyNodeIdLess);
    for (const QString &nodeId : std::as_const(nodeIds)) {
        const QJsonArray images = entry.outputs.value(nodeId).toObject()
                                      .value(QLatin1String("images")).toArray();
        for (const QJsonValue &imageValue : images) {
            const QJsonObject image = imageValue.toObject();
            const QJsonValue filename = image.value(QLatin1String("filename"));
            if (!filename.isString() || filename.toString().isEmpty())
                continue;   // not a file reference: nothing a caller could fetch
            ImageRef ref;
            ref.filename = filename.toString();
            ref.subfolder = image.value(QLatin1String("subfolder")).toString();
            // Kept as sent, even empty: /view needs the real type and a guess would
            // point callers at the wrong folder ("temp" for PreviewImage, not "output").
            ref.type = image.value(QLatin1String("type")).toString();
            ref.nodeId = nodeId;
            entry.images.append(ref);
        }
    }

    const QJsonValue statusValue = object.value(QLatin1String("status"));
    if (!statusValue.isObject()) {
        entry.problem = QStringLiteral("its \"status\" is missing or not a JSON object");
        return entry;
    }
    const QJsonObject status = statusValue.toObject();
    const QString statusStr = status.value(QLatin1String("status_str")).toString();
    const bool completed = status.value(QLatin1String("completed")).toBool(false);

    QString lastEvent;
    QJsonObject lastData;
    const QJsonArray messages = status.value(QLatin1String("messages")).toArray();
    for (const QJsonValue &messageValue : messages) {
        const QJsonArray message = messageValue.toArray();
        if (message.size() < 2 || !message.at(0).isString())
            continue;
        const QString event = message.at(0).toString();
        const QJsonObject data = message.at(1).toObject();
        if (event == QLatin1String("execution_start")) {
            entry.startedAtMs = timestampOf(data);
        } else if (event == QLatin1String("execution_success")
                   || event == QLatin1String("execution_error")
                   || event == QLatin1String("execution_interrupted")) {
            entry.endedAtMs = timestampOf(data);
        }
        lastEvent = event;
        lastData = data;
    }
    if (entry.startedAtMs > 0 && entry.endedAtMs >= entry.startedAtMs)
        entry.executionTime = double(entry.endedAtMs - entry.startedAtMs) / 1000.0;

    if (lastEvent == QLatin1String("execution_error")) {
        entry.outcome = Outcome::Error;
        entry.errorNode = comfyNodeId(lastData.value(QLatin1String("node_id")));
        entry.errorNodeType = lastData.value(QLatin1String("node_type")).toString();
        entry.exceptionType = lastData.value(QLatin1String("exception_type")).toString();
        entry.exceptionMessage =
            lastData.value(QLatin1String("exception_message")).toString().trimmed();
    } else if (lastEvent == QLatin1String("execution_interrupted")) {
        entry.outcome = Outcome::Interrupted;
        entry.errorNode = comfyNodeId(lastData.value(QLatin1String("node_id")));
        entry.errorNodeType = lastData.value(QLatin1String("node_type")).toString();
    } else if (statusStr == QLatin1String("success") && completed) {
        entry.outcome = Outcome::Success;
    } else if (statusStr == QLatin1String("error")) {
        // ComfyUI always logs the cause; an entry without it still failed.
        entry.outcome = Outcome::Error;
    } else {
        entry.problem = QStringLiteral("its status (status_str \"%1\", completed %2) is "
                                       "neither a success nor an error")
                            .arg(statusStr, completed ? QStringLiteral("true")
                                                      : QStringLiteral("false"));
    }
    return entry;
}
