#include "comfyconnection.h"

#include "comfysocket.h"

#include <QJsonArray>
#include <QPointer>
#include <QSet>
#include <QUuid>

class ComfyConnection::Private
{
public:
    Private(ComfyConnection *owner, QNetworkAccessManager &nam)
        : q(owner)
        , client(nam)
    {}

    void setState(State newState);
    void resync();
    void onQueueRead(ComfyReply *reply, const QStringList &candidates);
    void readHistory(const QString &promptId);
    void onHistoryRead(ComfyReply *reply, const QString &promptId);
    void noteFailure(const ComfyError &error);
    void finishResync(bool succeeded);
    void cancelResync();
    bool triggersResync(const ComfyEvent &event) const;

    ComfyConnection *q;
    PromptTracker tracker;
    ComfyClient client;
    ComfySocket socket;
    State state = State::Stopped;

    // Coalescing: one resync in flight, at most one more queued behind it. A burst of
    // status broadcasts (two per prompt, plus one per queue change) costs two reads.
    bool resyncRunning = false;
    bool resyncQueued = false;
    int historyReadsLeft = 0;
    QList<QPointer<ComfyReply>> resyncReplies;
    QList<QPointer<ComfyReply>> submitReplies;
};

void ComfyConnection::Private::setState(State newState)
{
    if (state == newState)
        return;
    state = newState;
    Q_EMIT q->stateChanged(newState);
}

bool ComfyConnection::Private::triggersResync(const ComfyEvent &event) const
{
    switch (event.type) {
    case ComfyEvent::Type::Status:              // the queue changed
    case ComfyEvent::Type::ExecutionSuccess:
    case ComfyEvent::Type::ExecutionError:
    case ComfyEvent::Type::ExecutionInterrupted:
        return true;
    case ComfyEvent::Type::Executing:
        return event.nodeIsNull;                // the prompt ended: history is written
    default:
        return false;
    }
}

void ComfyConnection::Private::resync()
{
    if (resyncRunning) {
        resyncQueued = true;
        return;
    }
    resyncRunning = true;
    resyncQueued = false;

    // Which prompts to look up is decided BEFORE the queue read goes out: a prompt
    // tracked later (its submit answered meanwhile) may be missing from this queue
    // answer only because the answer is older than the prompt, and reading its history
    // {} against it would wrongly call it NotFound. The next resync covers it.
    const QStringList candidates = tracker.trackedUnfinished();
    ComfyReply *reply = client.queue();
    resyncReplies.append(reply);
    QObject::connect(reply, &ComfyReply::finished, q,
                     [this, reply, candidates] { onQueueRead(reply, candidates); });
}

void ComfyConnection::Private::noteFailure(const ComfyError &error)
{
    if (error.kind == ComfyError::Kind::Cancelled || error.kind == ComfyError::Kind::None)
        return;
    // Without a usable /queue answer nothing can be told about any prompt: an HTTP error
    // here is a proxy in front of a dead ComfyUI (502/503) as often as anything else.
    tracker.setServerReachable(false);
}

void ComfyConnection::Private::onQueueRead(ComfyReply *reply, const QStringList &candidates)
{
    resyncReplies.removeAll(reply);
    if (!reply->ok()) {
        noteFailure(reply->error());
        finishResync(false);
        return;
    }
    const QJsonObject queue = reply->object();
    // applyQueue() marks the server reachable itself, in one step with the fresh snapshot;
    // announcing reachability first would publish every active prompt twice for nothing.
    tracker.applyQueue(queue);

    // A prompt in the queue has no history yet; only the others are worth a read.
    QSet<QString> queued;
    for (const auto key : {QLatin1String("queue_running"), QLatin1String("queue_pending")}) {
        const QJsonArray items = queue.value(key).toArray();
        for (const QJsonValue &item : items)
            queued.insert(item.toArray().at(1).toString());
    }
    const QStringList unfinished = tracker.trackedUnfinished();
    QStringList toRead;
    for (const QString &id : candidates) {
        if (!queued.contains(id) && unfinished.contains(id))
            toRead.append(id);
    }
    // Prompts that became tracked during this read (another client's prompt that just left
    // the queue, or our submit answered meanwhile) are read by one follow-up resync whose
    // queue answer is newer than them; without it, a prompt finishing last on an idle
    // server would stay "running" until something else changed.
    for (const QString &id : unfinished) {
        if (!queued.contains(id) && !candidates.contains(id)) {
            resyncQueued = true;
            break;
        }
    }
    if (toRead.isEmpty()) {
        finishResync(true);
        return;
    }
    historyReadsLeft = int(toRead.size());
    for (const QString &id : std::as_const(toRead))
        readHistory(id);
}

void ComfyConnection::Private::readHistory(const QString &promptId)
{
    ComfyReply *reply = client.historyFor(promptId);
    resyncReplies.append(reply);
    QObject::connect(reply, &ComfyReply::finished, q,
                     [this, reply, promptId] { onHistoryRead(reply, promptId); });
}

void ComfyConnection::Private::onHistoryRead(ComfyReply *reply, const QString &promptId)
{
    resyncReplies.removeAll(reply);
    if (reply->ok()) {
        const QJsonObject history = reply->object();
        if (history.contains(promptId))
            tracker.applyHistory(history);
        else if (history.isEmpty())
            tracker.applyHistoryMissing(promptId);
    } else {
        noteFailure(reply->error());
    }
    if (--historyReadsLeft == 0)
        finishResync(true);
}

void ComfyConnection::Private::finishResync(bool succeeded)
{
    resyncRunning = false;
    if (succeeded)
        Q_EMIT q->resynced();
    if (resyncQueued)
        resync();
}

// Drops the resync in progress without running its handlers: a half-done resync must
// neither report resynced() nor feed the tracker after stop().
void ComfyConnection::Private::cancelResync()
{
    const QList<QPointer<ComfyReply>> replies = resyncReplies;
    resyncReplies.clear();
    for (const QPointer<ComfyReply> &reply : replies) {
        if (reply) {
            QObject::disconnect(reply, nullptr, q, nullptr);
            reply->abort();
        }
    }
    resyncRunning = false;
    resyncQueued = false;
    historyReadsLeft = 0;
}

// ---------------------------------------------------------------------------------------

ComfyConnection::ComfyConnection(QNetworkAccessManager &nam, QObject *parent)
    : QObject(parent)
    , d(new Private(this, nam))
{
    // A fresh id until the owner sets the installation's (ClientIdentity): tests and
    // throw-away connections must not write the user's settings.
    setClientId(QUuid::createUuid().toString(QUuid::WithoutBraces));

    connect(&d->socket, &ComfySocket::connected, this, [this] {
        d->setState(State::Connected);
        d->resync();
    });
    connect(&d->socket, &ComfySocket::disconnected, this, [this] {
        if (d->state == State::Stopped)
            return;
        d->setState(State::Reconnecting);
        // Events may be lost from now on; the queue read also tells whether the server
        // is gone or only the websocket dropped.
        d->resync();
    });
    connect(&d->socket, &ComfySocket::reconnectScheduled, this, [this] {
        // Keep the reachability fresh while the socket cannot connect (and keep statuses
        // moving when only the websocket is blocked, e.g. by a proxy).
        if (d->state != State::Stopped)
            d->resync();
    });
    connect(&d->socket, &ComfySocket::eventReceived, this, [this](const ComfyEvent &event) {
        d->tracker.applyEvent(event);
        Q_EMIT eventReceived(event);
        if (d->triggersResync(event))
            d->resync();
    });
}

ComfyConnection::~ComfyConnection()
{
    // Our handlers must not run while the members are being torn down; the callers'
    // own handlers on submit replies still get their Cancelled finish from the client.
    for (const QPointer<ComfyReply> &reply : std::as_const(d->submitReplies)) {
        if (reply)
            disconnect(reply, nullptr, this, nullptr);
    }
    disconnect(&d->socket, nullptr, this, nullptr); // closing must not start a resync
    d->cancelResync();
    d->socket.close();
    delete d;
}

void ComfyConnection::setBaseUrl(const QUrl &url)
{
    d->client.setBaseUrl(url);
    d->socket.setBaseUrl(url);
}

QUrl ComfyConnection::baseUrl() const
{
    return d->client.baseUrl();
}

void ComfyConnection::setClientId(const QString &clientId)
{
    d->client.setClientId(clientId);
    d->socket.setClientId(clientId);
}

QString ComfyConnection::clientId() const
{
    return d->client.clientId();
}

void ComfyConnection::setBearerToken(const QString &token)
{
    d->client.setBearerToken(token);
    d->socket.setBearerToken(token);
}

void ComfyConnection::setReconnectDelays(int minMs, int maxMs)
{
    d->socket.setReconnectDelays(minMs, maxMs);
}

void ComfyConnection::start()
{
    if (d->state != State::Stopped)
        return;
    d->setState(State::Connecting);
    d->socket.open();
}

void ComfyConnection::stop()
{
    if (d->state == State::Stopped)
        return;
    d->setState(State::Stopped);
    d->socket.close();
    d->cancelResync();
}

ComfyConnection::State ComfyConnection::state() const
{
    return d->state;
}

ComfyClient &ComfyConnection::client()
{
    return d->client;
}

PromptTracker &ComfyConnection::tracker()
{
    return d->tracker;
}

ComfySocket &ComfyConnection::socket()
{
    return d->socket;
}

ComfyReply *ComfyConnection::submit(const QJsonObject &prompt, const SubmitOptions &options)
{
    ComfyReply *reply = d->client.submitPrompt(prompt, options);
    d->submitReplies.removeAll(QPointer<ComfyReply>());
    d->submitReplies.append(reply);
    // Connected before the caller can connect: the prompt is tracked by the time the
    // caller's handler runs.
    connect(reply, &ComfyReply::finished, this, [this, reply] {
        d->submitReplies.removeAll(reply);
        if (!reply->ok())
            return;
        const QJsonObject answer = reply->object();
        const QString promptId = answer.value(QLatin1String("prompt_id")).toString();
        if (promptId.isEmpty())
            return;
        // Accepted means queued, even before a /queue read shows it: Pending at once,
        // and Lost rather than NotFound if ComfyUI forgets it (a restart).
        d->tracker.markSubmitted(promptId, answer.value(QLatin1String("number")).toDouble(),
                                 answer.value(QLatin1String("node_errors")).toObject());
        d->resync();
    });
    return reply;
}

void ComfyConnection::resync()
{
    d->resync();
}
