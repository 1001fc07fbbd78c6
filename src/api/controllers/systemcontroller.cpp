#include "systemcontroller.h"

#include "apicontext.h"
#include "apierror.h"
#include "apirequest.h"
#include "comfyconnection.h"
#include "controllersupport.h"
#include "httpserveradapter.h"

#include <QJsonDocument>

SystemController::SystemController(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    connect(&m_context.connection.tracker(), &PromptTracker::queueChanged, this,
            [this] { m_queueBody.clear(); });
}

void SystemController::registerRoutes(HttpServerAdapter &server)
{
    const auto deferred = [this](void (SystemController::*method)(ApiResponder)) {
        return [this, method](const ApiRequest &, ApiResponder responder) {
            (this->*method)(std::move(responder));
        };
    };
    server.routeDeferred("GET", QStringLiteral("/api/test_comfy"), ApiRouter::BodyType::None,
                         deferred(&SystemController::testComfy));
    // /api/status and /api/view_queue: undocumented aliases the original service had.
    for (const QString &path : {QStringLiteral("/api/system_stats"),
                                QStringLiteral("/api/status")}) {
        server.routeDeferred("GET", path, ApiRouter::BodyType::None,
                             deferred(&SystemController::systemStats));
    }
    for (const QString &path : {QStringLiteral("/api/queue"),
                                QStringLiteral("/api/view_queue")}) {
        server.routeDeferred("GET", path, ApiRouter::BodyType::None,
                             deferred(&SystemController::queue));
    }
    server.route("GET", QStringLiteral("/api/health"), ApiRouter::BodyType::None,
                 [](const ApiRequest &) {
                     return ApiResponse::json(QJsonObject{{QStringLiteral("status"),
                                                           QStringLiteral("ok")}});
                 });
    server.route("GET", QStringLiteral("/api/ready"), ApiRouter::BodyType::None,
                 [this](const ApiRequest &) { return ready(); });
}

void SystemController::testComfy(ApiResponder responder)
{
    ComfyClient &client = m_context.connection.client();
    const QString url = client.endpoint(QStringLiteral("/system_stats")).toString();
    ControllerSupport::answerWhenDone(
        this, client.systemStats(), std::move(responder), [url](const ComfyReply &reply) {
            return ApiResponse::json(QJsonObject{
                {QStringLiteral("status"), QStringLiteral("success")},
                {QStringLiteral("comfyui_url"), url},
                {QStringLiteral("response"),
                 QJsonObject{{QStringLiteral("system_stats"), reply.object()}}},
            });
        });
}

void SystemController::systemStats(ApiResponder responder)
{
    ControllerSupport::answerWhenDone(
        this, m_context.connection.client().systemStats(), std::move(responder),
        [](const ComfyReply &reply) { return ApiResponse::json(reply.object()); });
}

void SystemController::queue(ApiResponder responder)
{
    ComfyConnection &connection = m_context.connection;
    const PromptTracker &tracker = connection.tracker();
    // The snapshot is re-read on every queue change ComfyUI broadcasts, so while connected
    // it is as fresh as asking, without a request per call.
    if (connection.isQueueCurrent()) {
        // Each item carries a whole prompt graph: serialise once per queue change.
        if (m_queueBody.isEmpty())
            m_queueBody = QJsonDocument(tracker.queueSnapshot()).toJson(QJsonDocument::Compact);
        responder.send(ApiResponse::bytes(m_queueBody, "application/json"));
        return;
    }
    ControllerSupport::answerWhenDone(
        this, connection.client().queue(), std::move(responder),
        [](const ComfyReply &reply) { return ApiResponse::json(reply.object()); });
}

ApiResponse SystemController::ready() const
{
    const ComfyConnection &connection = m_context.connection;
    const QString url = connection.baseUrl().toString();
    if (connection.state() != ComfyConnection::State::Connected) {
        return ApiResponse::error(ApiError::Kind::ServiceUnavailable,
                                  QStringLiteral("ComfyUI at %1 is not reachable").arg(url));
    }
    return ApiResponse::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")},
                                         {QStringLiteral("comfyui_url"), url}});
}
