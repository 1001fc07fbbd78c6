#include "workflowcontroller.h"

#include "apicontext.h"
#include "apierror.h"
#include "statustext.h"
#include "apirequest.h"
#include "comfyconnection.h"
#include "controllersupport.h"
#include "httpserveradapter.h"
#include "promptstatusjson.h"
#include "workflowname.h"
#include "workflowoverrides.h"
#include "workflowstore.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace {
constexpr int SweepIntervalMs = 100;
}

WorkflowController::WorkflowController(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    connect(&m_folderWatcher, &WorkflowFolderWatcher::changed, this,
            [this] { m_namesValid = false; });
    connect(&m_context.connection.tracker(), &PromptTracker::statusChanged, this,
            &WorkflowController::onStatusChanged);
    m_sweepTimer.setInterval(SweepIntervalMs);
    connect(&m_sweepTimer, &QTimer::timeout, this, &WorkflowController::sweep);
}

void WorkflowController::registerRoutes(HttpServerAdapter &server)
{
    server.route("GET", QStringLiteral("/api/workflows"), ApiRouter::BodyType::None,
                 [this](const ApiRequest &) { return list(); });
    server.route("GET", QStringLiteral("/api/workflow/<name>"), ApiRouter::BodyType::None,
                 [this](const ApiRequest &request) { return show(request); });
    server.routeDeferred("POST", QStringLiteral("/api/workflow/<name>"),
                         ApiRouter::BodyType::Json,
                         [this](const ApiRequest &request, ApiResponder responder) {
                             submit(request, std::move(responder));
                         });
}

int WorkflowController::waitStatusCode(const PromptStatus &status)
{
    using State = PromptStatus::State;
    switch (status.state) {
    case State::Completed:
    case State::CompletedWithoutImages:
        return 200;
    case State::Error:
        return 500;
    case State::Interrupted:
    case State::Cancelled:
        return 409;
    case State::Lost:
    case State::NotFound:
        return 502;
    case State::Unknown:
    case State::Pending:
    case State::Running:
        break;
    }
    return 202;
}

void WorkflowController::refreshNames()
{
    const QString folder = m_context.workflows.folder();
    if (folder != m_folderWatcher.folder())
        m_folderWatcher.setFolder(folder);
    const QJsonObject body{{QStringLiteral("workflows"),
                            QJsonArray::fromStringList(m_context.workflows.names())}};
    m_namesBody = QJsonDocument(body).toJson(QJsonDocument::Compact);
    // While the folder is missing (or cannot be watched) list it afresh every time: a
    // caller that creates it and asks at once must not wait for the watcher's event.
    m_namesValid = m_folderWatcher.isWatching() && m_folderWatcher.folderExists();
}

ApiResponse WorkflowController::list()
{
    if (!m_namesValid || m_context.workflows.folder() != m_folderWatcher.folder())
        refreshNames();
    return ApiResponse::bytes(m_namesBody, QByteArrayLiteral("application/json"));
}

ApiResponse WorkflowController::workflowFailure(const WorkflowError &error)
{
    const int status = WorkflowError::httpStatus(error.kind);
    switch (status) {
    case 400: {
        ApiError apiError(ApiError::Kind::BadRequest, error.message);
        if (!error.nodeIds.isEmpty())
            apiError.withDetail(QStringLiteral("node_ids"),
                                QJsonArray::fromStringList(error.nodeIds));
        return ApiResponse::error(apiError);
    }
    case 404:
        return ApiResponse::error(ApiError::Kind::NotFound, error.message);
    default:
        return ControllerSupport::errorStatus(status, error.message);
    }
}

ApiResponse WorkflowController::show(const ApiRequest &request) const
{
    const QString name = request.arg(QStringLiteral("name"));
    const QString invalid = WorkflowName::validate(name);
    if (!invalid.isEmpty())
        return ApiResponse::error(ApiError::Kind::BadRequest, invalid);
    const WorkflowResult loaded = m_context.workflows.load(name);
    if (!loaded.isOk())
        return workflowFailure(loaded.error);
    return ApiResponse::json(loaded.graph);
}

void WorkflowController::submit(const ApiRequest &request, ApiResponder responder)
{
    const QString name = request.arg(QStringLiteral("name"));
    const QString invalid = WorkflowName::validate(name);
    if (!invalid.isEmpty()) {
        responder.send(ApiResponse::error(ApiError::Kind::BadRequest, invalid));
        return;
    }
    // Checked before touching the disk or ComfyUI: a bad request changes nothing.
    if (request.json.isNull()) {
        responder.send(ApiResponse::error(
            ApiError::Kind::BadRequest,
            QStringLiteral("The body must be a JSON object of overrides ({} for none)")));
        return;
    }
    if (!request.json.isObject()) {
        responder.send(ApiResponse::error(
            ApiError::Kind::BadRequest,
            QStringLiteral("The body must be a JSON object of overrides, not an array")));
        return;
    }
    int waitSeconds = 0;
    if (request.query.hasQueryItem(QStringLiteral("wait"))) {
        bool ok = false;
        const double value = request.query.queryItemValue(QStringLiteral("wait")).toDouble(&ok);
        if (!ok || !std::isfinite(value) || value < 0) {
            responder.send(ApiResponse::error(
                ApiError::Kind::BadRequest,
                QStringLiteral("wait must be a number of seconds >= 0")));
            return;
        }
        waitSeconds = int(std::ceil(std::min<double>(value, m_context.maxWaitSeconds)));
    }

    const WorkflowResult loaded = m_context.workflows.load(name);
    if (!loaded.isOk()) {
        responder.send(workflowFailure(loaded.error));
        return;
    }
    const WorkflowResult merged = WorkflowOverrides::apply(loaded.graph, request.json.object());
    if (!merged.isOk()) {
        responder.send(workflowFailure(merged.error));
        return;
    }

    ComfyConnection &connection = m_context.connection;
    SubmitOptions options;
    options.workflowName = name;   // the catalogue files the prompt under its workflow
    ComfyReply *reply = connection.submit(merged.graph, options);
    const QString origin = ControllerSupport::requestOrigin(request);
    // The prompt is submitted even when the caller hangs up meanwhile: it cannot be
    // recalled, and the tracker still follows it.
    connect(reply, &ComfyReply::finished, this,
            [this, reply, responder, origin, waitSeconds]() mutable {
                if (!reply->ok()) {
                    responder.send(ControllerSupport::comfyFailure(reply->error()));
                    return;
                }
                const QJsonObject answer = reply->object();
                const QJsonObject body{
                    {QStringLiteral("status"), QStringLiteral("success")},
                    {QStringLiteral("prompt_id"), answer.value(QLatin1String("prompt_id"))},
                    {QStringLiteral("number"), answer.value(QLatin1String("number"))},
                    {QStringLiteral("node_errors"),
                     answer.value(QLatin1String("node_errors")).toObject()},
                    {QStringLiteral("error"), QJsonValue::Null},
                    {QStringLiteral("client_id"), m_context.connection.clientId()},
                };
                if (waitSeconds <= 0) {
                    responder.send(ApiResponse::json(body));
                    return;
                }
                Waiter waiter;
                waiter.responder = responder;
                waiter.promptId = body.value(QLatin1String("prompt_id")).toString();
                waiter.origin = origin;
                waiter.submitAnswer = body;
                waiter.deadline = QDeadlineTimer(qint64(waitSeconds) * 1000);
                wait(std::move(waiter));
            });
}

void WorkflowController::wait(Waiter waiter)
{
    const PromptStatus status = m_context.connection.tracker().status(waiter.promptId);
    if (status.isFinal()) {
        answerFinal(waiter, status);
        return;
    }
    m_waiters.append(std::move(waiter));
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
}

void WorkflowController::answerFinal(Waiter &waiter, const PromptStatus &status) const
{
    QJsonObject body = PromptStatusJson::status(status, waiter.origin,
                                                m_context.connection.client());
    const int code = waitStatusCode(status);
    if (code != 200) {
        body.insert(QStringLiteral("error"), StatusText::message(status));
        body.insert(QStringLiteral("status_code"), code);
    }
    waiter.responder.send(ApiResponse::json(body, code));
}

void WorkflowController::onStatusChanged(const QString &promptId)
{
    if (m_waiters.isEmpty())
        return;
    const PromptStatus status = m_context.connection.tracker().status(promptId);
    if (!status.isFinal())
        return;
    for (qsizetype i = m_waiters.size() - 1; i >= 0; --i) {
        if (m_waiters.at(i).promptId != promptId)
            continue;
        Waiter waiter = m_waiters.takeAt(i);
        answerFinal(waiter, status);
    }
}

void WorkflowController::sweep()
{
    for (qsizetype i = m_waiters.size() - 1; i >= 0; --i) {
        Waiter &waiter = m_waiters[i];
        if (!waiter.responder.isWaiting()) {
            // The caller hung up: nothing to write, forget it now rather than at the deadline.
            m_waiters.removeAt(i);
            continue;
        }
        if (!waiter.deadline.hasExpired())
            continue;
        const PromptStatus status = m_context.connection.tracker().status(waiter.promptId);
        QJsonObject body = waiter.submitAnswer;
        // Unknown (e.g. ComfyUI went away meanwhile) is reported as such, not as pending.
        body.insert(QStringLiteral("status"), PromptStatus::stateName(status.state));
        body.insert(QStringLiteral("message"), StatusText::message(status));
        if (status.state == PromptStatus::State::Pending && status.queuePosition > 0)
            body.insert(QStringLiteral("queue_position"), status.queuePosition);
        waiter.responder.send(ApiResponse::json(body, 202));
        m_waiters.removeAt(i);
    }
    if (m_waiters.isEmpty())
        m_sweepTimer.stop();
}
