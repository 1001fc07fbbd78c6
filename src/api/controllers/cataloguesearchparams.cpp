#include "cataloguesearchparams.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace {

QString quoted(const QString &value)
{
    return QLatin1Char('"') + value + QLatin1Char('"');
}

// HTML forms send a space as '+': decode the value as a form does, so "q=red+fox" finds
// both words (a literal plus arrives as %2B).
QString formValue(const QUrlQuery &query, const QString &key)
{
    QString raw = query.queryItemValue(key, QUrl::FullyEncoded);
    raw.replace(QLatin1Char('+'), QLatin1String("%20"));
    return QUrl::fromPercentEncoding(raw.toUtf8());
}

// -1 any, 0 false, 1 true; -2 when the text is none of true/false/1/0.
int parseFlag(const QString &text)
{
    if (text == QLatin1String("1") || text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        return 1;
    if (text == QLatin1String("0")
        || text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
        return 0;
    return -2;
}

} // namespace

const QStringList &CatalogueSearchParams::statusNames()
{
    static const QStringList names = {
        QStringLiteral("pending"),     QStringLiteral("running"),
        QStringLiteral("completed"),   QStringLiteral("processing"),
        QStringLiteral("error"),       QStringLiteral("interrupted"),
        QStringLiteral("cancelled"),   QStringLiteral("lost"),
        QStringLiteral("not_found"),
    };
    return names;
}

qint64 CatalogueSearchParams::parseTime(const QString &text, bool upper)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,15}$"));
    if (digits.match(text).hasMatch())
        return text.toLongLong() + (upper ? 1 : 0);
    static const QRegularExpression day(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
    if (day.match(text).hasMatch()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid())
            return -1;
        const QDateTime start = date.startOfDay(Qt::UTC);
        return (upper ? start.addDays(1) : start).toMSecsSinceEpoch();
    }
    // A date and a time: nothing else (Qt would also take "2024-05-01 10:00" or a bare
    // "T10:00", which ISO 8601 does not define as a point in time).
    static const QRegularExpression dateTime(
        QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?"
                       "(Z|[+-][0-9]{2}:[0-9]{2})?$"));
    if (!dateTime.match(text).hasMatch())
        return -1;
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return -1;
    // No zone written: UTC, as every time this API writes (never the server's local zone,
    // which a caller on another machine cannot know).
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    const qint64 ms = time.toMSecsSinceEpoch();
    if (ms < 0)
        return -1;
    return ms + (upper ? 1 : 0);
}

QString CatalogueSearchParams::parse(const QUrlQuery &urlQuery, CatalogueQuery *query)
{
    const auto has = [&](const char *key) {
        return urlQuery.hasQueryItem(QLatin1String(key));
    };
    const auto value = [&](const char *key) {
        return formValue(urlQuery, QLatin1String(key));
    };

    query->limit = DefaultLimit;
    query->text = value("q").trimmed();
    query->workflow = value("workflow");
    query->server = value("server");

    if (has("status")) {
        const QStringList statuses = value("status").split(QLatin1Char(','),
                                                           Qt::SkipEmptyParts);
        for (const QString &part : statuses) {
            const QString status = part.trimmed();
            if (!statusNames().contains(status)) {
                return QStringLiteral("status %1 is not one of %2 (comma-separated)")
                    .arg(quoted(status), statusNames().join(QLatin1String(", ")));
            }
            if (!query->statuses.contains(status))
                query->statuses.append(status);
        }
    }

    for (const char *key : {"since", "until"}) {
        if (!has(key))
            continue;
        const QString text = value(key).trimmed();
        const bool upper = qstrcmp(key, "until") == 0;
        const qint64 ms = parseTime(text, upper);
        if (ms < 0) {
            return QStringLiteral("%1 %2 is not a date (2024-05-01), a date and time "
                                  "(2024-05-01T10:00:00Z) or epoch milliseconds")
                .arg(QLatin1String(key), quoted(text));
        }
        (upper ? query->untilMs : query->sinceMs) = ms;
    }
    if (query->sinceMs > 0 && query->untilMs > 0 && query->sinceMs >= query->untilMs) {
        return QStringLiteral("since %1 is after until %2")
            .arg(quoted(value("since").trimmed()), quoted(value("until").trimmed()));
    }

    for (const char *key : {"starred", "has_images"}) {
        if (!has(key))
            continue;
        const QString text = value(key);
        const int flag = parseFlag(text);
        if (flag < -1) {
            return QStringLiteral("%1 %2 must be true, false, 1 or 0")
                .arg(QLatin1String(key), quoted(text));
        }
        (qstrcmp(key, "starred") == 0 ? query->starred : query->hasImages) = flag;
    }

    if (has("sort")) {
        const QString sort = value("sort");
        if (sort == QLatin1String("newest"))
            query->sort = CatalogueQuery::Sort::Newest;
        else if (sort == QLatin1String("oldest"))
            query->sort = CatalogueQuery::Sort::Oldest;
        else if (sort == QLatin1String("longest"))
            query->sort = CatalogueQuery::Sort::LongestFirst;
        else if (sort == QLatin1String("shortest"))
            query->sort = CatalogueQuery::Sort::ShortestFirst;
        else
            return QStringLiteral("sort %1 is not one of newest, oldest, longest, shortest")
                .arg(quoted(sort));
    }

    if (has("limit")) {
        const QString text = value("limit");
        bool ok = false;
        const int limit = text.toInt(&ok);
        if (!ok || limit < 1 || limit > MaxLimit || text.startsWith(QLatin1Char('+'))) {
            return QStringLiteral("limit %1 must be a whole number from 1 to %2")
                .arg(quoted(text)).arg(MaxLimit);
        }
        query->limit = limit;
    }
    if (has("offset")) {
        const QString text = value("offset");
        bool ok = false;
        const int offset = text.toInt(&ok);
        if (!ok || offset < 0 || text.startsWith(QLatin1Char('+')))
            return QStringLiteral("offset %1 must be a whole number >= 0").arg(quoted(text));
        query->offset = offset;
    }
    return {};
}
