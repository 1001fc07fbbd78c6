#pragma once

#include "catalogueentry.h"

#include <QString>
#include <QStringList>

class QUrlQuery;

// The query string of GET /api/catalogue turned into a CatalogueQuery. Every parameter is
// optional; a bad one is refused with a sentence naming it and the value, never guessed.
class CatalogueSearchParams final
{
public:
    static constexpr int DefaultLimit = 50;
    static constexpr int MaxLimit = 500;

    // The API status names a filter may use (PromptStatus::stateName of final and
    // unfinished states; "unknown" is never recorded).
    static const QStringList &statusNames();

    // Fills query and answers "" when every parameter is good, else the 400 sentence.
    static QString parse(const QUrlQuery &urlQuery, CatalogueQuery *query);

    // since/until: "2024-05-01" (a day, UTC), "2024-05-01T10:00:00[.123]" (UTC unless it
    // carries Z or an offset) or epoch milliseconds (digits only). As the catalogue's bound:
    // the first millisecond it covers, or (upper) the first one after it, so until includes
    // the instant named, or the whole day named. -1 when it is none of these.
    static qint64 parseTime(const QString &text, bool upper);
};
