#include "catalogueentry.h"
#include "catalogueentry_p.h"

#include <QDateTime>
#include <QJsonArray>

namespace {

// 0 is "not known", not 1970.
QJsonValue timeJson(qint64 ms)
{
    if (ms == 0)
        return QJsonValue(QJsonValue::Null);
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

// Only what ComfyUI and the catalogue know about the image: cache and thumbnail paths are
// this machine's business and must not leak through the REST API.
QJsonObject catalogueImageJson(const CatalogueImage &image)
{
    return QJsonObject{
        {QStringLiteral("index"), image.index},
        {QStringLiteral("node_id"), image.nodeId},
        {QStringLiteral("filename"), image.filename},
        {QStringLiteral("subfolder"), image.subfolder},
        {QStringLiteral("type"), image.type},
        {QStringLiteral("width"), image.width},
        {QStringLiteral("height"), image.height},
        {QStringLiteral("byte_size"), image.byteSize},
        {QStringLiteral("cached"), !image.cachedPath.isEmpty()},
        {QStringLiteral("evicted"), image.evicted},
    };
}

bool CatalogueEntry::isFinished() const
{
    static const QStringList finished{
        QStringLiteral("completed"), QStringLiteral("processing"), QStringLiteral("error"),
        QStringLiteral("interrupted"), QStringLiteral("cancelled"), QStringLiteral("lost"),
        QStringLiteral("not_found")};
    return finished.contains(status);
}

QJsonObject CatalogueEntry::toJson() const
{
    return toJson(false);
}

QJsonObject CatalogueEntry::toJson(bool withGraph) const
{
    QJsonObject json{
        {QStringLiteral("prompt_id"), promptId},
        {QStringLiteral("server"), server},
        {QStringLiteral("workflow"), workflow},
        {QStringLiteral("status"), status},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("client_id"), clientId},
        {QStringLiteral("submitted_here"), submittedHere},
        {QStringLiteral("queued_at"), timeJson(queuedAtMs)},
        {QStringLiteral("started_at"), timeJson(startedAtMs)},
        {QStringLiteral("finished_at"), timeJson(finishedAtMs)},
        {QStringLiteral("execution_time"),
         executionTime < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(executionTime)},
        {QStringLiteral("requeued_as"), textOrNull(requeuedAs)},
        {QStringLiteral("requeued_from"), textOrNull(requeuedFrom)},
        {QStringLiteral("starred"), starred},
        {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
        {QStringLiteral("note"), note},
        {QStringLiteral("summary"), summary.toJson()},
    };
    if (errorNode.isEmpty() && errorType.isEmpty() && errorMessage.isEmpty()) {
        json.insert(QStringLiteral("error"), QJsonValue(QJsonValue::Null));
    } else {
        json.insert(QStringLiteral("error"),
                    QJsonObject{{QStringLiteral("node"), errorNode},
                                {QStringLiteral("type"), errorType},
                                {QStringLiteral("message"), errorMessage}});
    }
    QJsonArray imageArray;
    for (const CatalogueImage &image : images)
        imageArray.append(catalogueImageJson(image));
    json.insert(QStringLiteral("images"), imageArray);
    if (withGraph)
        json.insert(QStringLiteral("graph"), graph);
    return json;
}
