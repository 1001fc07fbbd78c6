#include "apiresponse.h"

#include "httpheaders.h"

#include <QJsonDocument>

namespace {
const QByteArray kJsonType = QByteArrayLiteral("application/json");
}

ApiResponse ApiResponse::json(const QJsonObject &object, int status)
{
    return bytes(QJsonDocument(object).toJson(QJsonDocument::Compact), kJsonType, status);
}

ApiResponse ApiResponse::json(const QJsonArray &array, int status)
{
    return bytes(QJsonDocument(array).toJson(QJsonDocument::Compact), kJsonType, status);
}

ApiResponse ApiResponse::bytes(const QByteArray &body, const QByteArray &contentType,
                               int status)
{
    ApiResponse response;
    response.m_status = status;
    response.m_body = body;
    response.m_contentType = contentType;
    return response;
}

ApiResponse ApiResponse::error(const ApiError &error)
{
    return bytes(error.toJsonBytes(), kJsonType, error.httpStatus());
}

ApiResponse ApiResponse::error(ApiError::Kind kind, const QString &message)
{
    return error(ApiError(kind, message));
}

ApiResponse ApiResponse::noContent(int status)
{
    ApiResponse response;
    response.m_status = status;
    return response;
}

ApiResponse &ApiResponse::addHeader(const QByteArray &name, const QByteArray &value)
{
    m_headers.append({name, value});
    return *this;
}

bool ApiResponse::hasHeader(const QByteArray &name) const
{
    return HttpHeaders::contains(m_headers, name);
}
