#include "imagecontroller.h"

#include "apicontext.h"
#include "apierror.h"
#include "statustext.h"
#include "apirequest.h"
#include "comfyconnection.h"
#include "controllersupport.h"
#include "httpserveradapter.h"
#include "promptstatusjson.h"

#include <QJsonArray>

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

} // namespace

ImageController::ImageController(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
}

void ImageController::registerRoutes(HttpServerAdapter &server)
{
    server.route("GET", QStringLiteral("/api/image/<prompt_id>"), ApiRouter::BodyType::None,
                 [this](const ApiRequest &request) { return list(request); });
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

ApiResponse ImageController::list(const ApiRequest &request) const
{
    const QString promptId = request.arg(QStringLiteral("prompt_id"));
    ComfyConnection &connection = m_context.connectionFor(promptId);
    const PromptStatus status = connection.tracker().status(promptId);
    if (status.state != PromptStatus::State::Completed)
        return notCompleted(status);
    return ApiResponse::json(QJsonObject{
        {QStringLiteral("status"), QStringLiteral("success")},
        {QStringLiteral("images"),
         PromptStatusJson::images(status, ControllerSupport::requestOrigin(request),
                                  connection.client())},
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
        responder.send(notCompleted(status));
        return;
    }
    if (index >= status.images.size()) {
        responder.send(ApiResponse::error(
            ApiError::Kind::NotFound,
            QStringLiteral("Prompt %1 has %2 image(s); there is no index %3")
                .arg(status.promptId)
                .arg(status.images.size())
                .arg(index)));
        return;
    }
    const ImageRef image = status.images.at(index);
    ComfyReply *reply = connection.client().view(image.filename, image.subfolder, image.type);
    connect(reply, &ComfyReply::finished, this, [reply, responder, image]() mutable {
        if (!responder.isWaiting())
            return; // the caller hung up: write nothing
        if (!reply->ok()) {
            if (reply->error().kind == ComfyError::Kind::Http
                && reply->error().httpStatus == 404) {
                responder.send(ApiResponse::error(
                    ApiError::Kind::NotFound,
                    QStringLiteral("ComfyUI no longer has %1: %2")
                        .arg(image.filename, reply->error().message)));
                return;
            }
            responder.send(ControllerSupport::comfyFailure(reply->error()));
            return;
        }
        const QByteArray &data = reply->data();
        ApiResponse response = ApiResponse::bytes(data, sniffContentType(data));
        response.addHeader(QByteArrayLiteral("Content-Disposition"),
                           "inline; filename=\"" + dispositionName(image.filename) + '"');
        responder.send(response);
    });
}
