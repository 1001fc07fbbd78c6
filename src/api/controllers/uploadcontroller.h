#pragma once

#include "apiresponder.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

class HttpServerAdapter;
struct ApiContext;
struct ApiRequest;

// POST /api/upload/image: a multipart/form-data body as ComfyUI's /upload/image takes it
// (field "image" with a file name; optional "subfolder", "type", "overwrite"), re-sent to
// ComfyUI; the answer is ComfyUI's {"name", "subfolder", "type"}.
class UploadController final : public QObject
{
    Q_OBJECT
public:
    struct Part
    {
        QString filename;   // set for file parts
        QByteArray data;
    };

    explicit UploadController(ApiContext &context, QObject *parent = nullptr);

    void registerRoutes(HttpServerAdapter &server);

    // Parts by field name; false with *error set when the body is not valid multipart.
    static bool parseMultipart(const QByteArray &contentType, const QByteArray &body,
                               QHash<QString, Part> *parts, QString *error);

private:
    void upload(const ApiRequest &request, ApiResponder responder);

    ApiContext &m_context;
};
