#include "eventscontroller.h"

#include "apicontext.h"
#include "apirequest.h"
#include "apiresponse.h"
#include "comfyconnection.h"
#include "controllersupport.h"
#include "httprequestscanner.h"
#include "httpserveradapter.h"
#include "promptstatusjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QWebSocket>

namespace {

const QString EventsPath = QStringLiteral("/api/events");

// Nothing a subscriber says is read; a small cap keeps a chatty client from making the
// socket buffer large messages for nothing.
constexpr qint64 kMaxIncomingBytes = 4096;

// Server frames are unmasked: 2 header bytes, 4 from 126 bytes of payload, 10 from 64 KiB.
qint64 frameSize(qint64 payload)
{
    return payload + (payload <= 125 ? 2 : payload <= 0xFFFF ? 4 : 10);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

EventsController::EventsController(ApiContext &context, QObject *parent)
    : EventsController(context, Limits(), parent)
{
}

EventsController::EventsController(ApiContext &context, const Limits &limits, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_limits(limits)
{
    m_progressTimer.setInterval(qMax(1, m_limits.progressIntervalMs));
    connect(&m_progressTimer, &QTimer::timeout, this, &EventsController::flushProgress);

    ComfyConnection &connection = m_context.connection;
    connect(&connection.tracker(), &PromptTracker::statusChanged, this,
            &EventsController::onStatusChanged);
    connect(&connection.tracker(), &PromptTracker::queueChanged, this,
            &EventsController::onQueueChanged);
    connect(&connection, &ComfyConnection::eventReceived, this, &EventsController::onEvent);
}

EventsController::~EventsController()
{
    // Say goodbye properly; the sockets' signals must not reach a half-destroyed object.
    for (Subscriber &subscriber : m_subscribers) {
        subscriber.socket->disconnect(this);
        subscriber.socket->close(QWebSocketProtocol::CloseCodeGoingAway);
    }
}

bool EventsController::registerRoutes(HttpServerAdapter &server)
{
    server.route("GET", EventsPath, ApiRouter::BodyType::None, [](const ApiRequest &) {
        return ApiResponse::error(
            ApiError::Kind::BadRequest,
            QStringLiteral("/api/events is a websocket: connect with an Upgrade: websocket "
                           "request (ws://<host>:<port>/api/events)"));
    });
    return server.routeWebSocket(
        EventsPath, [this](const HttpRequestHead &head) { return admit(head); },
        [this](std::unique_ptr<QWebSocket> socket) { subscribe(std::move(socket)); });
}

HttpHeadVerdict EventsController::admit(const HttpRequestHead &) const
{
    if (m_subscribers.size() >= m_limits.maxSubscribers) {
        return HttpHeadVerdict::reject(
            503, "too many event subscribers (" + QByteArray::number(m_limits.maxSubscribers)
                     + "); try again later");
    }
    return HttpHeadVerdict::accept(0);
}

void EventsController::subscribe(std::unique_ptr<QWebSocket> socket)
{
    // The head check ran before the handshake; several handshakes may finish together.
    if (m_subscribers.size() >= m_limits.maxSubscribers) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                      QStringLiteral("too many event subscribers"));
        return;
    }
    QWebSocket *raw = socket.release();
    raw->setParent(this);
    raw->setMaxAllowedIncomingFrameSize(kMaxIncomingBytes);
    raw->setMaxAllowedIncomingMessageSize(kMaxIncomingBytes);

    Subscriber subscriber;
    subscriber.socket = raw;
    const QUrlQuery query(raw->requestUrl());
    subscriber.promptFilter = query.queryItemValue(QStringLiteral("prompt_id"),
                                                   QUrl::FullyDecoded);
    const QByteArray host = raw->request().rawHeader("Host");
    subscriber.origin = QStringLiteral("http://")
                        + (host.isEmpty() ? QStringLiteral("127.0.0.1")
                                          : QString::fromLatin1(host));

    connect(raw, &QWebSocket::bytesWritten, this, [this, raw](qint64 bytes) {
        const auto it = m_subscribers.find(raw);
        if (it != m_subscribers.end())
            it->written += bytes;
    });
    connect(raw, &QWebSocket::disconnected, this, [this, raw] { unsubscribe(raw); });

    Subscriber &stored = *m_subscribers.insert(raw, subscriber);
    Q_EMIT subscriberCountChanged(subscriberCount());

    if (!send(stored, helloMessage()))
        return;
    // Where things stand now, so a tool that connects mid-run needs no extra request.
    if (stored.promptFilter.isEmpty()) {
        const PromptTracker &tracker = m_context.connection.tracker();
        if (m_context.connection.isQueueCurrent()) {
            const QJsonObject queue = tracker.queueSnapshot();
            if (!send(stored, compact(QJsonObject{
                                  {QStringLiteral("type"), QStringLiteral("queue")},
                                  {QStringLiteral("running"),
                                   queue.value(QLatin1String("queue_running")).toArray().size()},
                                  {QStringLiteral("pending"),
                                   queue.value(QLatin1String("queue_pending")).toArray().size()},
                              }))) {
                return;
            }
        }
    } else {
        // The one prompt it asked about: where it is now.
        ComfyConnection &connection = m_context.connection;
        const PromptStatus status = connection.tracker().status(stored.promptFilter);
        if (status.state != PromptStatus::State::Unknown) {
            send(stored, statusMessage(stored.promptFilter,
                                       PromptStatusJson::status(status, stored.origin,
                                                                connection.client())));
        }
    }
}

void EventsController::unsubscribe(QWebSocket *socket)
{
    const auto it = m_subscribers.find(socket);
    if (it == m_subscribers.end())
        return;
    // Deleted later: this may run inside one of the socket's own signals.
    m_subscribers.erase(it);
    socket->disconnect(this);
    socket->deleteLater();
    if (m_subscribers.isEmpty()) {
        // What was last sent matters to nobody now.
        m_lastStatus.clear();
        m_progress.clear();
        m_progressTimer.stop();
    }
    Q_EMIT subscriberCountChanged(subscriberCount());
}

QByteArray EventsController::statusMessage(const QString &promptId, const QJsonObject &body)
{
    return compact(QJsonObject{{QStringLiteral("type"), QStringLiteral("status")},
                               {QStringLiteral("prompt_id"), promptId},
                               {QStringLiteral("data"), body}});
}

QByteArray EventsController::helloMessage() const
{
    ComfyConnection &connection = m_context.connection;
    const bool reachable = connection.isQueueCurrent();
    return compact(QJsonObject{
        {QStringLiteral("type"), QStringLiteral("hello")},
        {QStringLiteral("client_id"), connection.clientId()},
        {QStringLiteral("comfyui_url"), connection.baseUrl().toString()},
        {QStringLiteral("comfyui_reachable"), reachable},
    });
}

void EventsController::onStatusChanged(const QString &promptId)
{
    if (m_subscribers.isEmpty())
        return;
    ComfyConnection &connection = m_context.connection;
    const PromptStatus status = connection.tracker().status(promptId);
    // The tracker reports every sampler step as a status change of a running prompt; the
    // throttled progress messages carry those, so only other changes make a status message.
    QJsonObject key = PromptStatusJson::status(status, QString(), connection.client());
    QJsonObject info = key.value(QLatin1String("execution_info")).toObject();
    if (!info.isEmpty()) {
        info.remove(QLatin1String("step"));
        info.remove(QLatin1String("max"));
        key.insert(QLatin1String("execution_info"), info);
    }
    if (status.isFinal()) {
        // A throttled progress update would arrive after the final status.
        m_progress.remove(promptId);
        const auto last = m_lastStatus.constFind(promptId);
        const bool repeat = last != m_lastStatus.cend() && *last == key;
        m_lastStatus.remove(promptId);
        if (repeat)
            return;
    } else {
        auto last = m_lastStatus.find(promptId);
        if (last != m_lastStatus.end() && *last == key)
            return;
        m_lastStatus.insert(promptId, key);
    }

    // The body names image URLs under the Host each subscriber used: build it once per Host.
    QHash<QString, QByteArray> byOrigin;
    const QList<QWebSocket *> sockets = m_subscribers.keys();
    for (QWebSocket *socket : sockets) {
        const auto it = m_subscribers.find(socket);
        if (it == m_subscribers.end())
            continue;
        if (!it->promptFilter.isEmpty() && it->promptFilter != promptId)
            continue;
        auto message = byOrigin.find(it->origin);
        if (message == byOrigin.end()) {
            message = byOrigin.insert(
                it->origin,
                statusMessage(promptId, PromptStatusJson::status(status, it->origin,
                                                                 connection.client())));
        }
        send(*it, *message);
    }
}

void EventsController::onQueueChanged()
{
    const QJsonObject queue = m_context.connection.tracker().queueSnapshot();
    const int running = int(queue.value(QLatin1String("queue_running")).toArray().size());
    const int pending = int(queue.value(QLatin1String("queue_pending")).toArray().size());
    if (running == m_lastRunning && pending == m_lastPending)
        return;
    m_lastRunning = running;
    m_lastPending = pending;
    broadcast(QString(), compact(QJsonObject{{QStringLiteral("type"), QStringLiteral("queue")},
                                             {QStringLiteral("running"), running},
                                             {QStringLiteral("pending"), pending}}));
}

void EventsController::onEvent(const ComfyEvent &event)
{
    if (event.type != ComfyEvent::Type::Progress || event.promptId.isEmpty())
        return;
    if (m_subscribers.isEmpty())
        return;
    PendingProgress &progress = m_progress[event.promptId];
    progress.node = event.node;
    progress.value = event.value;
    progress.max = event.max;
    // A sampler reports every step; tools need a lively bar, not hundreds of frames.
    if (!progress.lastSent.isValid()
        || progress.lastSent.elapsed() >= m_limits.progressIntervalMs) {
        progress.waiting = false;
        progress.lastSent.start();
        sendProgress(event.promptId, progress);
        return;
    }
    progress.waiting = true;
    if (!m_progressTimer.isActive())
        m_progressTimer.start();
}

void EventsController::flushProgress()
{
    bool stillWaiting = false;
    const QStringList ids = m_progress.keys();
    for (const QString &promptId : ids) {
        const auto it = m_progress.find(promptId);
        if (it == m_progress.end() || !it->waiting)
            continue;
        if (it->lastSent.elapsed() < m_limits.progressIntervalMs) {
            stillWaiting = true;
            continue;
        }
        it->waiting = false;
        it->lastSent.start();
        const PendingProgress copy = *it;
        sendProgress(promptId, copy);
    }
    if (!stillWaiting)
        m_progressTimer.stop();
}

void EventsController::sendProgress(const QString &promptId, const PendingProgress &progress)
{
    broadcast(promptId, compact(QJsonObject{
                            {QStringLiteral("type"), QStringLiteral("progress")},
                            {QStringLiteral("prompt_id"), promptId},
                            {QStringLiteral("node"), progress.node.isEmpty()
                                                         ? QJsonValue(QJsonValue::Null)
                                                         : QJsonValue(progress.node)},
                            {QStringLiteral("value"), progress.value},
                            {QStringLiteral("max"), progress.max},
                        }));
}

void EventsController::broadcast(const QString &promptId, const QByteArray &message)
{
    // send() may drop a subscriber: iterate over a copy of the keys.
    const QList<QWebSocket *> sockets = m_subscribers.keys();
    for (QWebSocket *socket : sockets) {
        const auto it = m_subscribers.find(socket);
        if (it == m_subscribers.end())
            continue;
        const bool wants = promptId.isEmpty() ? it->promptFilter.isEmpty()
                                              : it->promptFilter.isEmpty()
                                                    || it->promptFilter == promptId;
        if (wants)
            send(*it, message);
    }
}

bool EventsController::send(Subscriber &subscriber, const QByteArray &message)
{
    QWebSocket *socket = subscriber.socket;
    if (socket->state() != QAbstractSocket::ConnectedState)
        return false;
    // QWebSocket has no bytesToWrite(): count frames handed over against bytes written.
    const qint64 pending = subscriber.queued - subscriber.written;
    if (pending + frameSize(message.size()) > m_limits.maxPendingBytes) {
        ++m_droppedSlow;
        socket->abort();
        unsubscribe(socket);
        return false;
    }
    subscriber.queued += frameSize(message.size());
    socket->sendTextMessage(QString::fromUtf8(message));
    return true;
}
