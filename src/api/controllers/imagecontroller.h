#pragma once

#include "apiresponder.h"

#include <QByteArray>
#include <QObject>

#include <functional>
#include <optional>

class ComfyConnection;
class HttpServerAdapter;
struct ApiContext;
struct ApiRequest;
struct CatalogueEntry;
struct CatalogueImage;
struct ComfyError;
struct ImageRef;

// GET /api/image/<prompt_id> (the list) and GET /api/image/<prompt_id>/<index> (the bytes,
// fetched from ComfyUI's /view and served by us: LAN callers often cannot reach a ComfyUI
// listening on localhost). The tracker answers first; a prompt it does not know as
// completed (forgotten after a restart of ComfyDesk or ComfyUI), or an image ComfyUI no
// longer serves, is looked up in the catalogue: its cached original, else ComfyUI's /view
// under the recorded name.
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
    // What the catalogue fallback needs besides the prompt: the answer when the catalogue
    // cannot serve the image either, and whether ComfyUI was already asked for the file.
    struct Fallback
    {
        QString promptId;
        int index = 0;
        ApiResponse otherwise;
        bool comfyAsked = false;
    };

    void list(const ApiRequest &request, ApiResponder responder);
    void bytes(const ApiRequest &request, ApiResponder responder);

    bool catalogueOpen() const;
    void listFromCatalogue(const QString &promptId, const QString &origin,
                           ApiResponse otherwise, ApiResponder responder);
    void bytesFromCatalogue(Fallback fallback, ApiResponder responder);
    void serveCatalogueImage(const CatalogueEntry &entry, const CatalogueImage &image,
                             Fallback fallback, ApiResponder responder);
    void fetchFromComfy(ComfyConnection &connection, const ImageRef &image,
                        ApiResponder responder,
                        std::function<void(const ComfyError &error)> onFailure);
    // Recently viewed images are evicted from the cache last.
    void touch(const QString &promptId, int index);
    // The connection to the server a catalogue entry ran on, if this process has one.
    ComfyConnection *connectionOfServer(const QString &server) const;

    ApiContext &m_context;
};
