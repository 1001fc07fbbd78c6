#include "imagecontroller.h"

#include "apicontext.h"
#include "apierror.h"
#include "statustext.h"
#include "apirequest.h"
#include "catalogue.h"
#include "cataloguerecorder.h"
#include "comfyconnection.h"
#include "controllersupport.h"
#include "httpserveradapter.h"
#include "promptstatusjson.h"
#include "serverregistry.h"

#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QPromise>
#include <QThreadPool>

namespace {

// Lists images only for a prompt that has them; any other state is a 404 naming it.
ApiResponse notCompleted(const PromptStatus &status)
{
    return ApiResponse::error(
        ApiError::Kind::NotFound,
        QStringLiteral("No images for prompt %1: its status is %2 (%3)")
            .arg(status.promptId, PromptStatus::stateName(status.state),
                 StatusText::message(status)));
}

ApiResponse noSuchIndex(const QString &promptId, qsizetype count, int index)
{
    return ApiResponse::error(
        ApiError::Kind::NotFound,
        QStringLiteral("Prompt %1 has %2 image(s); there is no index %3")
            .arg(promptId).arg(count).arg(index));
}

ApiResponse gone(const QString &promptId, int index)
{
    return ApiResponse::error(
        ApiError::Kind::NotFound,
        QStringLiteral("Image %1 of prompt %2 is gone from ComfyUI and from the local cache")
            .arg(index).arg(promptId));
}

// A file name safe inside a quoted Content-Disposition parameter.
QByteArray dispositionName(const QString &filename)
{
    QByteArray name;
    for (const QChar ch : filename) {
        const char16_t unit = ch.unicode();
        name.append(unit >= 0x20 && unit < 0x7f && unit != '"' && unit != '\\'
                        ? char(unit) : '_');
    }
    return name.isEmpty() ? QByteArrayLiteral("image") : name;
}

ApiResponse imageResponse(const QByteArray &data, const QString &filename)
{
    ApiResponse response =
        ApiResponse::bytes(data, ImageController::sniffContentType(data));
    response.addHeader(QByteArrayLiteral("Content-Disposition"),
                       "inline; filename=\"" + dispositionName(filename) + '"');
    return response;
}

bool isNotFound(const ComfyError &error)
{
    return error.kind == ComfyError::Kind::Http && error.httpStatus == 404;
}

ImageRef refOf(const CatalogueImage &image)
{
    return ImageRef{image.filename, image.subfolder, image.type, image.nodeId};
}

const CatalogueImage *imageAt(const CatalogueEntry &entry, int index)
{
    for (const CatalogueImage &image : entry.images) {
        if (image.index == index)
            return &image;
    }
    return nullptr;
}

// Reads a cached original off the UI thread (an upscaled image is tens of MB, and the
// disk may be slow or asleep); done gets nothing when the file cannot be read. Dropped
// with context.
void readFile(const QString &path, QObject *context,
              std::function<void(std::optional<QByteArray>)> done)
{
    auto *watcher = new QFutureWatcher<QByteArray>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::move(done)] {
                         watcher->deleteLater();
                         if (watcher->future().resultCount() > 0)
                             done(watcher->result());
                         else
                             done(std::nullopt);
                     });
    // std::function needs a copyable callable; QPromise is move-only.
    auto promise = std::make_shared<QPromise<QByteArray>>();
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, path] {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray data = file.readAll();
            if (file.error() == QFileDevice::NoError)
                promise->addResult(data);
        }
        promise->finish();
    });
}

} // namespace

ImageController::ImageController(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
}

void ImageController::registerRoutes(HttpServerAdapter &server)
{
    server.routeDeferred("GET", QStringLiteral("/api/image/<prompt_id>"),
                         ApiRouter::BodyType::None,
                         [this](const ApiRequest &request, ApiResponder responder) {
                             list(request, std::move(responder));
                         });
    server.routeDeferred("GET", QStringLiteral("/api/image/<prompt_id>/<index>"),
                         ApiRouter::BodyType::None,
                         [this](const ApiRequest &request, ApiResponder responder) {
                             bytes(request, std::move(responder));
                         });
}

QByteArray ImageController::sniffContentType(const QByteArray &data)
{
    if (data.startsWith("\x89PNG\r\n\x1a\n"))
        return QByteArrayLiteral("image/png");
    if (data.startsWith("\xff\xd8\xff"))
        return QByteArrayLiteral("image/jpeg");
    if (data.size() >= 12 && data.startsWith("RIFF") && data.mid(8, 4) == "WEBP")
        return QByteArrayLiteral("image/webp");
    if (data.startsWith("GIF87a") || data.startsWith("GIF89a"))
        return QByteArrayLiteral("image/gif");
    return QByteArrayLiteral("application/octet-stream");
}

bool ImageController::catalogueOpen() const
{
    return m_context.catalogue && m_context.catalogue->isOpen();
}

ComfyConnection *ImageController::connectionOfServer(const QString &server) const
{
    if (m_context.servers) {
        for (ComfyConnection *connection : m_context.servers->connections()) {
            if (CatalogueRecorder::serverKey(*connection) == server)
                return connection;
        }
        return nullptr;
    }
    return CatalogueRecorder::serverKey(m_context.connection) == server ? &m_context.connection
                                                                         : nullptr;
}

void ImageController::list(const ApiRequest &request, ApiResponder responder)
{
    const QString promptId = request.arg(QStringLiteral("prompt_id"));
    const QString origin = ControllerSupport::requestOrigin(request);
    ComfyConnection &connection = m_context.connectionFor(promptId);
    const PromptStatus status = connection.tracker().status(promptId);
    if (status.state != PromptStatus::State::Completed) {
        if (catalogueOpen())
            listFromCatalogue(promptId, origin, notCompleted(status), std::move(responder));
        else
            responder.send(notCompleted(status));
        return;
    }
    responder.send(ApiResponse::json(QJsonObject{
        {QStringLiteral("status"), QStringLiteral("success")},
        {QStringLiteral("images"), PromptStatusJson::images(status, origin, connection.client())},
    }));
}

void ImageController::listFromCatalogue(const QString &promptId, const QString &origin,
                                        ApiResponse otherwise, ApiResponder responder)
{
    m_context.catalogue->entry(promptId, this, [this, origin, otherwise, responder](
                                                   const std::optional<CatalogueEntry> &entry)
                                                   mutable {
        if (!responder.isWaiting())
            return;
        if (!entry || entry->status != QLatin1String("completed") || entry->images.isEmpty()) {
            responder.send(otherwise);
            return;
        }
        // The same shape as the tracker's list; "url" (ComfyUI's own) only while this
        // process still talks to the server that made the image.
        ComfyConnection *connection = connectionOfServer(entry->server);
        QJsonArray images;
        for (const CatalogueImage &image : entry->images) {
            if (connection) {
                images.append(PromptStatusJson::image(refOf(image), entry->promptId,
                                                      image.index, origin,
                                                      connection->client()));
                continue;
            }
            images.append(QJsonObject{
                {QStringLiteral("filename"), image.filename},
                {QStringLiteral("subfolder"), image.subfolder},
                {QStringLiteral("type"), image.type},
                {QStringLiteral("api_url"),
                 PromptStatusJson::imageApiUrl(origin, entry->promptId, image.index)},
            });
        }
        responder.send(ApiResponse::json(QJsonObject{
            {QStringLiteral("status"), QStringLiteral("success")},
            {QStringLiteral("images"), images},
        }));
    });
}

void ImageController::bytes(const ApiRequest &request, ApiResponder responder)
{
    const QString indexText = request.arg(QStringLiteral("index"));
    bool ok = false;
    const int index = indexText.toInt(&ok);
    if (!ok || index < 0 || indexText.startsWith(QLatin1Char('+'))) {
        responder.send(ApiResponse::error(
            ApiError::Kind::BadRequest,
            QStringLiteral("Image index must be a number >= 0, not \"%1\"").arg(indexText)));
        return;
    }
    const QString promptId = request.arg(QStringLiteral("prompt_id"));
    ComfyConnection &connection = m_context.connectionFor(promptId);
    const PromptStatus status = connection.tracker().status(promptId);
    if (status.state != PromptStatus::State::Completed) {
        if (catalogueOpen())
            bytesFromCatalogue({promptId, index, notCompleted(status), false},
                               std::move(responder));
        else
            responder.send(notCompleted(status));
        return;
    }
    if (index >= status.images.size()) {
        responder.send(noSuchIndex(status.promptId, status.images.size(), index));
        return;
    }
    const ImageRef image = status.images.at(index);
    fetchFromComfy(connection, image, responder,
                   [this, promptId, index, image, responder](const ComfyError &error) mutable {
        const bool notFound = isNotFound(error);
        if (!catalogueOpen()) {
            responder.send(notFound ? ApiResponse::error(
                                          ApiError::Kind::NotFound,
                                          QStringLiteral("ComfyUI no longer has %1: %2")
                                              .arg(image.filename, error.message))
                                    : ControllerSupport::comfyFailure(error));
            return;
        }
        // Deleted from ComfyUI's output folder, or ComfyUI is down: our cached original
        // is the same file.
        bytesFromCatalogue({promptId, index,
                            notFound ? gone(promptId, index)
                                     : ControllerSupport::comfyFailure(error),
                            true},
                           responder);
    });
    touch(promptId, index);
}

void ImageController::bytesFromCatalogue(Fallback fallback, ApiResponder responder)
{
    const QString promptId = fallback.promptId;
    m_context.catalogue->entry(promptId, this, [this, fallback, responder](
                                                   const std::optional<CatalogueEntry> &entry)
                                                   mutable {
        if (!responder.isWaiting())
            return;
        if (!entry || entry->status != QLatin1String("completed")) {
            responder.send(fallback.otherwise);
            return;
        }
        const CatalogueImage *image = imageAt(*entry, fallback.index);
        if (!image) {
            responder.send(noSuchIndex(entry->promptId, entry->images.size(), fallback.index));
            return;
        }
        serveCatalogueImage(*entry, *image, fallback, responder);
    });
}

void ImageController::serveCatalogueImage(const CatalogueEntry &entry,
                                          const CatalogueImage &image, Fallback fallback,
                                          ApiResponder responder)
{
    const auto fromComfy = [this, server = entry.server, image, fallback](
                               ApiResponder responder) {
        if (fallback.comfyAsked) {
            responder.send(fallback.otherwise);
            return;
        }
        ComfyConnection *connection = connectionOfServer(server);
        if (!connection) {
            // Another server's file name means another image here: never ask the wrong one.
            responder.send(gone(fallback.promptId, fallback.index));
            return;
        }
        fetchFromComfy(*connection, refOf(image), responder,
                       [fallback, responder](const ComfyError &error) mutable {
            responder.send(isNotFound(error) ? gone(fallback.promptId, fallback.index)
                                             : ControllerSupport::comfyFailure(error));
        });
        m_context.catalogue->touchImage(image.rowId);
    };
    if (image.cachedPath.isEmpty()) {
        fromComfy(responder);
        return;
    }
    readFile(image.cachedPath, this, [this, image, responder, fromComfy](
                                         std::optional<QByteArray> data) mutable {
        if (!responder.isWaiting())
            return;
        if (!data) {
            // Removed behind the catalogue's back: ComfyUI may still have it.
            fromComfy(responder);
            return;
        }
        if (catalogueOpen())
            m_context.catalogue->touchImage(image.rowId);
        responder.send(imageResponse(*data, image.filename));
    });
}

void ImageController::fetchFromComfy(
    ComfyConnection &connection, const ImageRef &image, ApiResponder responder,
    std::function<void(const ComfyError &error)> onFailure)
{
    ComfyReply *reply = connection.client().view(image.filename, image.subfolder, image.type);
    connect(reply, &ComfyReply::finished, this,
            [reply, responder, image, onFailure = std::move(onFailure)]() mutable {
                if (!responder.isWaiting())
                    return; // the caller hung up: write nothing
                if (!reply->ok()) {
                    onFailure(reply->error());
                    return;
                }
                responder.send(imageResponse(reply->data(), image.filename));
            });
}

void ImageController::touch(const QString &promptId, int index)
{
    if (!catalogueOpen())
        return;
    Catalogue *catalogue = m_context.catalogue;
    catalogue->entry(promptId, this, [catalogue, index](
                                          const std::optional<CatalogueEntry> &entry) {
        if (!entry)
            return;
        if (const CatalogueImage *image = imageAt(*entry, index))
            catalogue->touchImage(image->rowId);
    });
}
