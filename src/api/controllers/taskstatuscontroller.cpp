#include "taskstatuscontroller.h"

#include "apicontext.h"
#include "apirequest.h"
#include "comfyconnection.h"
#include "controllersupport.h"
#include "httpserveradapter.h"
#include "promptstatusjson.h"

#include <QDateTime>
#include <QJsonDocument>

namespace {
// Bounds the memory of the answer cache; a full cache is simply started afresh.
constexpr qsizetype MaxCachedAnswers = 4096;
constexpr qint64 NotFoundRecheckMs = 1000;
}

TaskStatusController::TaskStatusController(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    // Any change of a prompt (a step, a new state) makes its cached answers stale.
    connect(&m_context.connection.tracker(), &PromptTracker::statusChanged, this,
            [this](const QString &promptId) { m_answers.remove(promptId); });
}

void TaskStatusController::registerRoutes(HttpServerAdapter &server)
{
    server.routeDeferred("GET", QStringLiteral("/api/task_status/<prompt_id>"),
                         ApiRouter::BodyType::None,
                         [this](const ApiRequest &request, ApiResponder responder) {
                             handle(request, std::move(responder));
                         });
}

void TaskStatusController::handle(const ApiRequest &request, ApiResponder responder)
{
    const QString promptId = request.arg(QStringLiteral("prompt_id"));
    const Waiting waiting{std::move(responder), ControllerSupport::requestOrigin(request)};
    // The hot path of pollers: a finished prompt's answer, unchanged since it was written
    // (any change of the prompt drops it), is sent without looking anything else up.
    const auto cached = m_answers.constFind(promptId);
    if (cached != m_answers.cend() && !cached->notFound && cached->origin == waiting.origin) {
        ApiResponder hit = waiting.responder;
        hit.send(ApiResponse::bytes(cached->body, "application/json"));
        return;
    }
    const PromptTracker &tracker = m_context.connectionFor(promptId).tracker();
    const PromptStatus status = tracker.status(promptId);
    // Unknown with a usable snapshot means "never seen": neither queued nor in any history
    // we read. Without a snapshot (or offline) ComfyUI's {} would prove nothing, so the
    // tracker's Unknown (which says why) is the honest answer.
    const bool usable = tracker.isQueueCurrent();
    const bool unseen = status.state == PromptStatus::State::Unknown;
    // not_found is only what ComfyUI said then: the id may be submitted later (by any
    // client, with its own prompt_id) and finish between two queue reads. Ask again, but
    // at most once a second per id, however often a caller polls.
    const bool recheck = status.state == PromptStatus::State::NotFound
                         && notFoundRecheckDue(promptId);
    if (!usable || !(unseen || recheck)) {
        answer(waiting, promptId, status);
        return;
    }
    auto it = m_lookups.find(promptId);
    if (it != m_lookups.end()) {
        it->append(waiting);
        return;
    }
    m_lookups.insert(promptId, {waiting});
    lookUp(promptId);
}

bool TaskStatusController::notFoundRecheckDue(const QString &promptId)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_notFoundChecks.size() >= MaxCachedAnswers)
        m_notFoundChecks.clear();
    auto it = m_notFoundChecks.find(promptId);
    if (it == m_notFoundChecks.end()) {
        m_notFoundChecks.insert(promptId, now);
        return true;
    }
    if (now - it.value() < NotFoundRecheckMs)
        return false;
    it.value() = now;
    return true;
}

void TaskStatusController::lookUp(const QString &promptId)
{
    // The connection's verb feeds the tracker before this handler runs.
    ComfyReply *reply = m_context.connectionFor(promptId).lookUp(promptId);
    connect(reply, &ComfyReply::finished, this, [this, reply, promptId] {
        const QList<Waiting> waiting = m_lookups.take(promptId);
        if (!reply->ok()) {
            const ApiResponse failure = ControllerSupport::comfyFailure(reply->error());
            for (Waiting one : waiting)
                one.responder.send(failure);
            return;
        }
        const PromptStatus status =
            m_context.connectionFor(promptId).tracker().status(promptId);
        for (const Waiting &one : waiting)
            answer(one, promptId, status);
    });
}

void TaskStatusController::answer(const Waiting &waiting, const QString &promptId,
                                  const PromptStatus &status)
{
    // Pollers ask for the same finished prompt over and over: its answer (which depends only
    // on the prompt, the caller's origin and ComfyUI's URL) is serialised once and kept until
    // the tracker says the prompt changed.
    ComfyConnection &connection = m_context.connectionFor(promptId);
    ApiResponder responder = waiting.responder;
    const QUrl comfyUrl = connection.baseUrl();
    const auto cached = m_answers.constFind(promptId);
    if (cached != m_answers.cend() && cached->origin == waiting.origin
        && cached->comfyUrl == comfyUrl) {
        responder.send(ApiResponse::bytes(cached->body, "application/json"));
        return;
    }
    const QByteArray body = QJsonDocument(PromptStatusJson::status(
                                              status, waiting.origin, connection.client()))
                                .toJson(QJsonDocument::Compact);
    if (status.isFinal()) {
        if (m_answers.size() >= MaxCachedAnswers)
            m_answers.clear();
        m_answers.insert(promptId,
                         CachedAnswer{waiting.origin, comfyUrl, body,
                                      status.state == PromptStatus::State::NotFound});
    }
    responder.send(ApiResponse::bytes(body, "application/json"));
}
