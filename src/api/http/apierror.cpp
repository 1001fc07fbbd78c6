#include "apierror.h"

#include <QJsonDocument>

ApiError::ApiError(Kind kind, const QString &message)
    : m_kind(kind)
    , m_message(message)
{}

ApiError &ApiError::withDetail(const QString &key, const QJsonValue &value)
{
    m_details.insert(key, value);
    return *this;
}

QJsonObject ApiError::toJson() const
{
    QJsonObject object = m_details;
    object.insert(QStringLiteral("error"), m_message);
    object.insert(QStringLiteral("status_code"), httpStatus());
    return object;
}

QByteArray ApiError::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

int ApiError::httpStatus(Kind kind)
{
    switch (kind) {
    case Kind::BadRequest: return 400;
    case Kind::Unauthorized: return 401;
    case Kind::Forbidden: return 403;
    case Kind::NotFound: return 404;
    case Kind::MethodNotAllowed: return 405;
    case Kind::RequestTimeout: return 408;
    case Kind::PayloadTooLarge: return 413;
    case Kind::UnsupportedMediaType: return 415;
    case Kind::MisdirectedRequest: return 421;
    case Kind::TooManyRequests: return 429;
    case Kind::HeaderFieldsTooLarge: return 431;
    case Kind::InternalError: return 500;
    case Kind::NotImplemented: return 501;
    case Kind::BadGateway: return 502;
    case Kind::ServiceUnavailable: return 503;
    case Kind::GatewayTimeout: return 504;
    }
    return 500;
}

QByteArray ApiError::reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 201: return QByteArrayLiteral("Created");
    case 202: return QByteArrayLiteral("Accepted");
    case 204: return QByteArrayLiteral("No Content");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 408: return QByteArrayLiteral("Request Timeout");
    case 409: return QByteArrayLiteral("Conflict");
    case 413: return QByteArrayLiteral("Payload Too Large");
    case 415: return QByteArrayLiteral("Unsupported Media Type");
    case 421: return QByteArrayLiteral("Misdirected Request");
    case 422: return QByteArrayLiteral("Unprocessable Entity");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 501: return QByteArrayLiteral("Not Implemented");
    case 502: return QByteArrayLiteral("Bad Gateway");
    case 503: return QByteArrayLiteral("Service Unavailable");
    case 504: return QByteArrayLiteral("Gateway Timeout");
    default: break;
    }
    return QByteArrayLiteral("Unknown");
}

QByteArray ApiError::jsonBody(int status, const QString &message)
{
    QJsonObject object;
    object.insert(QStringLiteral("error"), message);
    object.insert(QStringLiteral("status_code"), status);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
