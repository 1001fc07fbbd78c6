#pragma once

#include "apiresponder.h"

#include <QByteArray>
#include <QObject>

class HttpServerAdapter;
struct ApiContext;
struct ApiRequest;

// GET /api/image/<prompt_id> (the list, from the tracker) and
// GET /api/image/<prompt_id>/<index> (the bytes, fetched from ComfyUI's /view and served by
// us: LAN callers often cannot reach a ComfyUI listening on localhost).
class ImageController final : public QObject
{
    Q_OBJECT
public:
    explicit ImageController(ApiContext &context, QObject *parent = nullptr);

    void registerRoutes(HttpServerAdapter &server);

    // From the magic bytes: image/png, image/jpeg, image/webp, image/gif, else
    // application/octet-stream (never trust ComfyUI's or the file name's word for it).
    static QByteArray sniffContentType(const QByteArray &data);

private:
    ApiResponse list(const ApiRequest &request) const;
    void bytes(const ApiRequest &request, ApiResponder responder);

    ApiContext &m_context;
};
