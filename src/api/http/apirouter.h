#pragma once

#include "apirequest.h"
#include "apiresponse.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class ApiResponder;

// The route table of the API. Pure data + matching, no HTTP server involved, so the
// adapter (which owns QHttpServer) stays the only place that knows the HTTP library.
class ApiRouter
{
public:
    // What body a route accepts; decides 415 and whether the body is parsed as JSON.
    enum class BodyType {
        None,      // body ignored (GET and friends)
        Json,      // application/json (or +json); parsed, 400 on a syntax error
        Multipart, // multipart/form-data (uploads); passed through raw
        Any        // passed through raw, any Content-Type
    };

    using Handler = std::function<ApiResponse(const ApiRequest &request)>;
    using DeferredHandler = std::function<void(const ApiRequest &request,
                                               ApiResponder responder)>;

    struct Route
    {
        QByteArray method;
        QString pattern;       // "/api/workflow/<name>"
        QStringList segments;  // split pattern; "<name>" marks an argument
        BodyType bodyType = BodyType::None;
        Handler handler;
        DeferredHandler deferredHandler;
    };

    struct Match
    {
        const Route *route = nullptr;       // set when method and path match
        QHash<QString, QString> args;
        QList<QByteArray> allowedMethods;   // path matched under these methods (for 405)
    };

    // pattern: literal segments and "<name>" segments; each argument matches exactly one
    // non-empty decoded segment. Returns false for a malformed pattern or a duplicate.
    bool add(const QByteArray &method, const QString &pattern, BodyType bodyType,
             Handler handler);
    bool addDeferred(const QByteArray &method, const QString &pattern, BodyType bodyType,
                     DeferredHandler handler);

    // decodedSegments: the request path split on '/' (from the raw path, so an encoded
    // slash stays inside its segment) and percent-decoded.
    Match match(const QByteArray &method, const QStringList &decodedSegments) const;

    QList<Route> routes() const { return m_routes; }

    // "/a/b%20c" -> {"a", "b c"}; empty segments (double or trailing slash) are kept.
    static QStringList splitPath(const QByteArray &rawPath);

private:
    bool addRoute(Route route);

    QList<Route> m_routes;
};
