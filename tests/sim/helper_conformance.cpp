#include "conformance.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Conformance {

static QString &currentVersion()
{
    static QString version = QStringLiteral("v0.3.65");
    return version;
}

QStringList transcriptVersions()
{
    return {QStringLiteral("v0.3.65"), QStringLiteral("v0.8.0")};
}

void setTranscriptVersion(const QString &version)
{
    currentVersion() = version;
}

QString transcriptVersion()
{
    return currentVersion();
}

QString transcriptDir()
{
    return QStringLiteral(COMFYDESK_TEST_DATA "/transcripts/") + currentVersion();
}

QJsonValue withoutNewerKeys(const QJsonValue &recorded)
{
    if (currentVersion() == QLatin1String("v0.3.65"))
        return recorded;
    static const QStringList newer{QStringLiteral("create_time"),
                                   QStringLiteral("output_matchtypes")};
    if (recorded.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : recorded.toArray())
            out.append(withoutNewerKeys(v));
        return out;
    }
    if (!recorded.isObject())
        return recorded;
    QJsonObject out;
    const QJsonObject object = recorded.toObject();
    // ComfyUI-Manager's flag ("extension": {"manager": ...}) in the server's feature flags
    // (GET /features and the websocket's feature_flags): only there, not wherever the
    // name appears.
    const bool featureFlags = object.contains(QLatin1String("supports_preview_metadata"));
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (featureFlags && it.key() == QLatin1String("extension"))
            continue;
        if (!newer.contains(it.key()))
            out.insert(it.key(), withoutNewerKeys(it.value()));
    }
    return out;
}

QJsonObject loadJsonFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QList<QJsonObject> loadJsonLines(const QString &path)
{
    QList<QJsonObject> lines;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

QString jsonKind(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("bool");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

static bool isHomogeneous(const QJsonArray &array)
{
    for (qsizetype i = 1; i < array.size(); ++i) {
        if (!shapeDiff(array.first(), array.at(i)).isEmpty())
            return false;
    }
    return true;
}

static QStringList arrayDiff(const QJsonArray &recorded, const QJsonArray &actual,
                             const QString &path)
{
    QStringList diffs;
    const auto element = [&path](qsizetype i) { return path + QLatin1Char('[')
                + QString::number(i) + QLatin1Char(']'); };
    if (recorded.size() == actual.size()) {
        for (qsizetype i = 0; i < recorded.size(); ++i)
            diffs += shapeDiff(recorded.at(i), actual.at(i), element(i));
        return diffs;
    }
    if (recorded.isEmpty() || actual.isEmpty()) {
        diffs << QStringLiteral("%1: array length differs: recorded %2, actual %3")
                     .arg(path).arg(recorded.size()).arg(actual.size());
        return diffs;
    }
    if (isHomogeneous(recorded)) {
        for (qsizetype i = 0; i < actual.size(); ++i)
            diffs += shapeDiff(recorded.first(), actual.at(i), element(i));
        return diffs;
    }
    diffs << QStringLiteral("%1: tuple length differs: recorded %2, actual %3")
                 .arg(path).arg(recorded.size()).arg(actual.size());
    const qsizetype common = qMin(recorded.size(), actual.size());
    for (qsizetype i = 0; i < common; ++i)
        diffs += shapeDiff(recorded.at(i), actual.at(i), element(i));
    return diffs;
}

QStringList shapeDiff(const QJsonValue &recorded, const QJsonValue &actual,
                      const QString &path)
{
    const QString recordedKind = jsonKind(recorded);
    const QString actualKind = jsonKind(actual);
    if (recordedKind != actualKind) {
        return {QStringLiteral("%1: type differs: recorded %2, actual %3")
                    .arg(path, recordedKind, actualKind)};
    }
    if (recorded.isArray())
        return arrayDiff(recorded.toArray(), actual.toArray(), path);
    if (!recorded.isObject())
        return {};

    QStringList diffs;
    const QJsonObject recordedObject = recorded.toObject();
    const QJsonObject actualObject = actual.toObject();
    for (auto it = recordedObject.begin(); it != recordedObject.end(); ++it) {
        const QString childPath = path + QLatin1Char('.') + it.key();
        if (!actualObject.contains(it.key()))
            diffs << QStringLiteral("%1: missing key (recorded %2)")
                         .arg(childPath, jsonKind(it.value()));
        else
            diffs += shapeDiff(it.value(), actualObject.value(it.key()), childPath);
    }
    for (auto it = actualObject.begin(); it != actualObject.end(); ++it) {
        if (!recordedObject.contains(it.key()))
            diffs << QStringLiteral("%1.%2: extra key (actual %3)")
                         .arg(path, it.key(), jsonKind(it.value()));
    }
    return diffs;
}

QJsonValue renameKeys(const QJsonValue &value, const QHash<QString, QString> &renames)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &element : value.toArray())
            out.append(renameKeys(element, renames));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject out;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(renames.value(it.key(), it.key()), renameKeys(it.value(), renames));
    return out;
}

QJsonValue renameStrings(const QJsonValue &value, const QHash<QString, QString> &renames)
{
    if (value.isString())
        return renames.value(value.toString(), value.toString());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &element : value.toArray())
            out.append(renameStrings(element, renames));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject out;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(it.key(), renameStrings(it.value(), renames));
    return out;
}

static QStringList eventNames(const QJsonArray &messages)
{
    QStringList names;
    for (const QJsonValue &message : messages)
        names << message.toArray().at(0).toString();
    return names;
}

QStringList valueDiff(const QJsonValue &recorded, const QJsonValue &actual,
                      const QStringList &keys, const QString &path)
{
    QStringList diffs;
    if (recorded.isArray() && actual.isArray()) {
        const QJsonArray r = recorded.toArray();
        const QJsonArray a = actual.toArray();
        for (qsizetype i = 0; i < qMin(r.size(), a.size()); ++i) {
            diffs += valueDiff(r.at(i), a.at(i), keys,
                               path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'));
        }
        return diffs;
    }
    if (!recorded.isObject() || !actual.isObject())
        return diffs;
    const QJsonObject r = recorded.toObject();
    const QJsonObject a = actual.toObject();
    for (auto it = r.begin(); it != r.end(); ++it) {
        if (!a.contains(it.key()))
            continue;
        const QString childPath = path + QLatin1Char('.') + it.key();
        const QJsonValue other = a.value(it.key());
        if (keys.contains(it.key()) && it.key() == QLatin1String("messages")) {
            const QStringList want = eventNames(it.value().toArray());
            const QStringList got = eventNames(other.toArray());
            if (want != got)
                diffs << QStringLiteral("%1: events recorded [%2], actual [%3]")
                             .arg(childPath, want.join(QLatin1String(", ")),
                                  got.join(QLatin1String(", ")));
        } else if (keys.contains(it.key()) && !it.value().isObject()
                   && !it.value().isArray()) {
            if (it.value() != other)
                diffs << QStringLiteral("%1: recorded %2, actual %3")
                             .arg(childPath, QString::fromUtf8(QJsonDocument(QJsonArray{
                                                  it.value()}).toJson(QJsonDocument::Compact)),
                                  QString::fromUtf8(QJsonDocument(QJsonArray{other})
                                                        .toJson(QJsonDocument::Compact)));
        } else {
            diffs += valueDiff(it.value(), other, keys, childPath);
        }
    }
    return diffs;
}

QJsonObject onlyKeys(const QJsonObject &object, const QStringList &keys)
{
    QJsonObject out;
    for (const QString &key : keys) {
        if (object.contains(key))
            out.insert(key, object.value(key));
    }
    return out;
}

} // namespace Conformance
