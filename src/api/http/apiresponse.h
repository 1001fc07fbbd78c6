#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

// What a route handler answers. Plain value: handlers build it, the adapter writes it.
class ApiResponse
{
public:
    using Header = QPair<QByteArray, QByteArray>;

    ApiResponse() = default;

    static ApiResponse json(const QJsonObject &object, int status = 200);
    static ApiResponse json(const QJsonArray &array, int status = 200);
    static ApiResponse bytes(const QByteArray &body, const QByteArray &contentType,
                             int status = 200);
    static ApiResponse error(const ApiError &error);
    static ApiResponse error(ApiError::Kind kind, const QString &message);
    static ApiResponse noContent(int status = 204);

    int status() const { return m_status; }
    QByteArray body() const { return m_body; }
    QByteArray contentType() const { return m_contentType; }
    QList<Header> headers() const { return m_headers; }

    // Adds a header; Content-Type and Content-Length are written by the adapter itself.
    ApiResponse &addHeader(const QByteArray &name, const QByteArray &value);
    bool hasHeader(const QByteArray &name) const;

private:
    int m_status = 200;
    QByteArray m_body;
    QByteArray m_contentType;
    QList<Header> m_headers;
};
