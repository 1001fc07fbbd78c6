#include "queuecontroller.h"

#include "apicontext.h"
#include "apierror.h"
#include "apirequest.h"
#include "comfyconnection.h"
#include "controllersupport.h"
#include "httpserveradapter.h"

#include <QJsonArray>

namespace {

ApiResponse success(const QJsonObject &extra = {})
{
    QJsonObject body = extra;
    body.insert(QStringLiteral("status"), QStringLiteral("success"));
    return ApiResponse::json(body);
}

ApiResponse queueBadRequest(const QString &message)
{
    return ApiResponse::error(ApiError::Kind::BadRequest, message);
}

} // namespace

QueueController::QueueController(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
}

void QueueController::registerRoutes(HttpServerAdapter &server)
{
    server.routeDeferred("POST", QStringLiteral("/api/interrupt"), ApiRouter::BodyType::Json,
                         [this](const ApiRequest &request, ApiResponder responder) {
                             interrupt(request, std::move(responder));
                         });
    server.routeDeferred("POST", QStringLiteral("/api/queue/delete"),
                         ApiRouter::BodyType::Json,
                         [this](const ApiRequest &request, ApiResponder responder) {
                             remove(request, std::move(responder));
                         });
    server.routeDeferred("POST", QStringLiteral("/api/queue/clear"),
                         ApiRouter::BodyType::Json,
                         [this](const ApiRequest &, ApiResponder responder) {
                             clear(std::move(responder));
                         });
}

void QueueController::interrupt(const ApiRequest &request, ApiResponder responder)
{
    QString promptId;
    if (!request.json.isNull()) {
        if (!request.json.isObject()) {
            responder.send(queueBadRequest(QStringLiteral("The body must be a JSON object "
                                                     "({\"prompt_id\": \"...\"}) or empty")));
            return;
        }
        const QJsonValue value = request.json.object().value(QLatin1String("prompt_id"));
        if (!value.isUndefined() && !value.isNull() && !value.isString()) {
            responder.send(queueBadRequest(QStringLiteral("prompt_id must be a string")));
            return;
        }
        promptId = value.toString();
    }
    ComfyConnection &connection = m_context.connection;
    ControllerSupport::answerWhenDone(
        this, connection.interrupt(promptId), std::move(responder),
        [promptId](const ComfyReply &) {
            return success({{QStringLiteral("prompt_id"),
                             promptId.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                : QJsonValue(promptId)}});
        });
}

void QueueController::remove(const ApiRequest &request, ApiResponder responder)
{
    const QString usage = QStringLiteral("The body must be {\"prompt_ids\": [\"<id>\", ...]} "
                                         "with at least one id");
    if (!request.json.isObject()) {
        responder.send(queueBadRequest(usage));
        return;
    }
    const QJsonValue value = request.json.object().value(QLatin1String("prompt_ids"));
    if (!value.isArray() || value.toArray().isEmpty()) {
        responder.send(queueBadRequest(usage));
        return;
    }
    QStringList ids;
    for (const QJsonValue &id : value.toArray()) {
        if (!id.isString() || id.toString().isEmpty()) {
            responder.send(queueBadRequest(QStringLiteral("Every prompt id must be a non-empty "
                                                     "string")));
            return;
        }
        ids.append(id.toString());
    }
    ids.removeDuplicates();
    ComfyConnection &connection = m_context.connection;
    ControllerSupport::answerWhenDone(
        this, connection.cancel(ids), std::move(responder), [ids](const ComfyReply &) {
            return success({{QStringLiteral("deleted"), QJsonArray::fromStringList(ids)}});
        });
}

void QueueController::clear(ApiResponder responder)
{
    ComfyConnection &connection = m_context.connection;
    ControllerSupport::answerWhenDone(
        this, connection.clearPending(), std::move(responder),
        [](const ComfyReply &) { return success(); });
}
