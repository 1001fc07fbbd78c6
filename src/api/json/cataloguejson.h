#pragma once

#include <QJsonObject>
#include <QString>

struct CatalogueEntry;
struct CataloguePage;

// The catalogue's answers as the REST API writes them: CatalogueEntry::toJson (snake_case,
// no local file path) with an api_url on every image, so a caller on another machine can
// fetch the bytes from us whether or not ComfyUI still has them.
class CatalogueJson final
{
public:
    static QJsonObject entry(const CatalogueEntry &entry, const QString &origin,
                             bool withGraph);
    // {"prompts", "limit", "offset", "has_more", "next_offset"} of one page.
    static QJsonObject page(const CataloguePage &page, const QString &origin, int limit,
                            int offset);
};
