#include "cataloguejson.h"

#include "catalogueentry.h"
#include "promptstatusjson.h"

#include <QJsonArray>

QJsonObject CatalogueJson::entry(const CatalogueEntry &entry, const QString &origin,
                                 bool withGraph)
{
    QJsonObject json = entry.toJson(withGraph);
    // toJson lists the images in entry.images' order; each keeps its own index, which is
    // what /api/image/<prompt_id>/<index> takes.
    QJsonArray images = json.value(QLatin1String("images")).toArray();
    for (qsizetype i = 0; i < images.size() && i < entry.images.size(); ++i) {
        QJsonObject image = images.at(i).toObject();
        image.insert(QStringLiteral("api_url"),
                     PromptStatusJson::imageApiUrl(origin, entry.promptId,
                                                   entry.images.at(i).index));
        images.replace(i, image);
    }
    json.insert(QStringLiteral("images"), images);
    return json;
}

QJsonObject CatalogueJson::page(const CataloguePage &page, const QString &origin, int limit,
                                int offset)
{
    QJsonArray prompts;
    for (const CatalogueEntry &entry : page.entries)
        prompts.append(CatalogueJson::entry(entry, origin, false));
    return {
        {QStringLiteral("prompts"), prompts},
        {QStringLiteral("limit"), limit},
        {QStringLiteral("offset"), offset},
        {QStringLiteral("has_more"), page.hasMore},
        {QStringLiteral("next_offset"), page.hasMore
                                            ? QJsonValue(offset + int(page.entries.size()))
                                            : QJsonValue(QJsonValue::Null)},
    };
}
