#include "apirouter.h"

#include <QUrl>

namespace {

bool isArgument(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(QLatin1Char('<'))
           && segment.endsWith(QLatin1Char('>'));
}

QString argumentName(const QString &segment)
{
    return segment.mid(1, segment.size() - 2);
}

// A route without its handler; addRoute() fills in the segments.
ApiRouter::Route newRoute(const QByteArray &method, const QString &pattern,
                          ApiRouter::BodyType bodyType)
{
    ApiRouter::Route route;
    route.method = method.toUpper();
    route.pattern = pattern;
    route.bodyType = bodyType;
    return route;
}

} // namespace

bool ApiRouter::add(const QByteArray &method, const QString &pattern, BodyType bodyType,
                    Handler handler)
{
    Route route = newRoute(method, pattern, bodyType);
    route.handler = std::move(handler);
    return addRoute(std::move(route));
}

bool ApiRouter::addDeferred(const QByteArray &method, const QString &pattern,
                            BodyType bodyType, DeferredHandler handler)
{
    Route route = newRoute(method, pattern, bodyType);
    route.deferredHandler = std::move(handler);
    return addRoute(std::move(route));
}

bool ApiRouter::addRoute(Route route)
{
    if (!route.pattern.startsWith(QLatin1Char('/')) || route.method.isEmpty())
        return false;
    route.segments = route.pattern.mid(1).split(QLatin1Char('/'));
    for (const QString &segment : std::as_const(route.segments)) {
        if (segment.contains(QLatin1Char('<')) && !isArgument(segment))
            return false;
    }
    for (const Route &existing : std::as_const(m_routes)) {
        if (existing.method == route.method && existing.segments == route.segments)
            return false;
    }
    m_routes.append(std::move(route));
    return true;
}

ApiRouter::Match ApiRouter::match(const QByteArray &method,
                                  const QStringList &decodedSegments) const
{
    Match result;
    for (const Route &route : m_routes) {
        if (route.segments.size() != decodedSegments.size())
            continue;
        QHash<QString, QString> args;
        bool matches = true;
        for (qsizetype i = 0; i < route.segments.size() && matches; ++i) {
            const QString &expected = route.segments.at(i);
            const QString &actual = decodedSegments.at(i);
            if (isArgument(expected)) {
                if (actual.isEmpty())
                    matches = false;
                else
                    args.insert(argumentName(expected), actual);
            } else if (expected != actual) {
                matches = false;
            }
        }
        if (!matches)
            continue;
        if (!result.allowedMethods.contains(route.method))
            result.allowedMethods.append(route.method);
        if (!result.route && route.method == method) {
            result.route = &route;
            result.args = args;
        }
    }
    return result;
}

QStringList ApiRouter::splitPath(const QByteArray &rawPath)
{
    QStringList segments;
    const QList<QByteArray> parts = rawPath.mid(rawPath.startsWith('/') ? 1 : 0).split('/');
    segments.reserve(parts.size());
    for (const QByteArray &part : parts)
        segments.append(QUrl::fromPercentEncoding(part));
    return segments;
}
