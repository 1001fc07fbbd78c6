#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Every error the REST API answers, whatever layer notices it (guard, router, controller).
// One table maps the kind to its HTTP status, so the same failure always gets the same code,
// and one body shape is used everywhere: {"error": "<text>", "status_code": N}.
class ApiError
{
public:
    enum class Kind {
        BadRequest,           // 400: malformed request, bad JSON, bad target
        Unauthorized,         // 401: missing or wrong token
        Forbidden,            // 403: foreign Origin
        NotFound,             // 404: unknown route or resource
        MethodNotAllowed,     // 405: route exists, method does not
        RequestTimeout,       // 408: head + body not complete within the deadline
        PayloadTooLarge,      // 413: body over the limit
        UnsupportedMediaType, // 415: wrong Content-Type for the route
        MisdirectedRequest,   // 421: Host header is not one of ours (DNS rebinding)
        TooManyRequests,      // 429: too many bad tokens from this address
        HeaderFieldsTooLarge, // 431: request head over the limit
        InternalError,        // 500
        NotImplemented,       // 501: e.g. a Transfer-Encoding we do not speak
        BadGateway,           // 502: ComfyUI unreachable or answered nonsense
        ServiceUnavailable,   // 503: connection caps, ComfyUI not ready
        GatewayTimeout        // 504: ComfyUI did not answer in time
    };

    ApiError(Kind kind, const QString &message);

    Kind kind() const { return m_kind; }
    int httpStatus() const { return httpStatus(m_kind); }
    QString message() const { return m_message; }

    // Extra members merged into the body next to "error" and "status_code", e.g. ComfyUI's
    // "node_errors" on a validation failure. "error" and "status_code" cannot be replaced.
    ApiError &withDetail(const QString &key, const QJsonValue &value);

    QJsonObject toJson() const;
    QByteArray toJsonBytes() const;

    static int httpStatus(Kind kind);
    // The standard reason phrase for any status this API sends ("Not Found", ...).
    static QByteArray reasonPhrase(int status);
    // The JSON body for an arbitrary status, for code that only has a number.
    static QByteArray jsonBody(int status, const QString &message);

private:
    Kind m_kind;
    QString m_message;
    QJsonObject m_details;
};
