#include "historycontroller.h"

#include "apicontext.h"
#include "apierror.h"
#include "apirequest.h"
#include "comfyconnection.h"
#include "controllersupport.h"
#include "httpserveradapter.h"

HistoryController::HistoryController(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
}

void HistoryController::registerRoutes(HttpServerAdapter &server)
{
    server.routeDeferred("GET", QStringLiteral("/api/history"), ApiRouter::BodyType::None,
                         [this](const ApiRequest &request, ApiResponder responder) {
                             all(request, std::move(responder));
                         });
    server.routeDeferred("GET", QStringLiteral("/api/history/<prompt_id>"),
                         ApiRouter::BodyType::None,
                         [this](const ApiRequest &request, ApiResponder responder) {
                             one(request, std::move(responder));
                         });
}

void HistoryController::all(const ApiRequest &request, ApiResponder responder)
{
    int maxItems = -1;
    if (request.query.hasQueryItem(QStringLiteral("max_items"))) {
        bool ok = false;
        maxItems = request.query.queryItemValue(QStringLiteral("max_items")).toInt(&ok);
        if (!ok || maxItems < 0) {
            responder.send(ApiResponse::error(ApiError::Kind::BadRequest,
                                              QStringLiteral("max_items must be an integer "
                                                             ">= 0")));
            return;
        }
    }
    ControllerSupport::answerWhenDone(
        this, m_context.connection.client().history(maxItems), std::move(responder),
        [](const ComfyReply &reply) { return ApiResponse::json(reply.object()); });
}

void HistoryController::one(const ApiRequest &request, ApiResponder responder)
{
    const QString promptId = request.arg(QStringLiteral("prompt_id"));
    ComfyConnection &connection = m_context.connection;
    ControllerSupport::answerWhenDone(
        this, connection.client().historyFor(promptId), std::move(responder),
        [&connection, promptId](const ComfyReply &reply) {
            const QJsonObject history = reply.object();
            if (!history.contains(promptId)) {
                // {} also while it is queued or running: say which, from the tracker.
                const PromptStatus status = connection.tracker().status(promptId);
                return ApiResponse::error(
                    ApiError::Kind::NotFound,
                    QStringLiteral("ComfyUI has no history for prompt %1 (status: %2)")
                        .arg(promptId, PromptStatus::stateName(status.state)));
            }
            connection.tracker().applyHistory(history);
            return ApiResponse::json(history);
        });
}
