#pragma once

#include <QByteArray>
#include <QObject>

class HttpServerAdapter;

// GET /api/openapi.json: the document is built once and served as ready bytes.
class OpenApiController final : public QObject
{
    Q_OBJECT
public:
    explicit OpenApiController(const QString &version, QObject *parent = nullptr);

    void registerRoutes(HttpServerAdapter &server);

private:
    QByteArray m_document;
};
