#include "comfyconnection.h"

#include "comfyconnection_p.h"

#include <QJsonArray>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>
#include <QSet>
#include <QTimer>
#include <QUuid>

namespace {
// ComfyUI's own frontend falls back to polling after a few quiet seconds, too.
constexpr int DefaultSilenceCheckMs = 5000;
// How long a broadcast may trail the /queue answer that showed its change.
constexpr int DeafGraceMs = 1000;
}

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
    const quint64 token = tracker.queueRequested();
    ComfyReply *reply = client.queueBytes();
    resyncReplies.append(reply);
    QObject::connect(reply, &ComfyReply::finished, q, [this, reply, candidates, token] {
        onQueueRead(reply, candidates, token);
    });
}

void ComfyConnection::Private::noteFailure(const ComfyError &error)
{
    if (error.kind == ComfyError::Kind::Cancelled || error.kind == ComfyError::Kind::None)
        return;
    // Without a usable /queue answer nothing can be told about any prompt: an HTTP error
    // here is a proxy in front of a dead ComfyUI (502/503) as often as anything else.
    setFailure(error);
    tracker.setServerReachable(false);
}

void ComfyConnection::Private::setFailure(const ComfyError &error)
{
    if (failure.kind == error.kind && failure.httpStatus == error.httpStatus)
        return;
    failure = error;
    Q_EMIT q->failureChanged(failure);
}

void ComfyConnection::Private::readServerFacts()
{
    catalogueLoader.load(client);
    afterReply(client.systemStats(), [this](ComfyReply *reply) {
        if (!reply->ok())
            return;
        systemInfo = SystemInfo::fromJson(reply->object());
        Q_EMIT q->systemInfoChanged();
    });
}

void ComfyConnection::Private::onSilence()
{
    // Only while something is pending or running: an idle ComfyUI says nothing at all.
    if (state != State::Connected || tracker.activeCount() == 0)
        return;
    if (!resyncRunning)
        silenceCheck = true;
    resync();
    silenceTimer.start();
}

void ComfyConnection::Private::onQueueRead(ComfyReply *reply, const QStringList &candidates,
                                           quint64 requestToken)
{
    resyncReplies.removeAll(reply);
    checkingSilence = std::exchange(silenceCheck, false);
    if (!reply->ok()) {
        noteFailure(reply->error());
        finishResync(false);
        return;
    }
    // Parsed in the pool; the resync stays running until the snapshot is applied, so
    // snapshots are applied in the order they were read. cancelResync() drops the watcher.
    auto *watcher = new QFutureWatcher<QueueSnapshot>(q);
    queueParse = watcher;
    QObject::connect(watcher, &QFutureWatcherBase::finished, q,
                     [this, watcher, candidates, requestToken] {
        watcher->deleteLater();
        if (queueParse != watcher || watcher->future().resultCount() == 0)
            return;
        queueParse = nullptr;
        onQueueParsed(watcher->result(), candidates, requestToken);
    });
    // std::function needs a copyable callable; QPromise is move-only.
    auto promise = std::make_shared<QPromise<QueueSnapshot>>();
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, body = reply->data()] {
        promise->addResult(QueueSnapshot::fromBody(body));
        promise->finish();
    });
}

void ComfyConnection::Private::onQueueParsed(const QueueSnapshot &snapshot,
                                             const QStringList &candidates,
                                             quint64 requestToken)
{
    if (!snapshot.error.isEmpty()) {
        ComfyError error;
        error.kind = ComfyError::Kind::InvalidJson;
        error.message = QStringLiteral("ComfyUI answered GET %1 with a body that is not "
                                       "the queue's JSON (%2)")
                            .arg(client.endpoint(QStringLiteral("/queue"))
                                     .toDisplayString(QUrl::RemoveUserInfo),
                                 snapshot.error);
        noteFailure(error);
        finishResync(false);
        return;
    }
    setFailure({});
    if (std::exchange(checkingSilence, false) && !heardSinceSnapshot && !suspectDeaf
        && !snapshot.queue.hasSamePrompts(tracker.queue())) {
        // The queue changed and the socket said nothing since the last read (every change
        // is broadcast as "status"). Its broadcast may still be on the way, on the other
        // TCP connection: only if nothing at all arrives within the grace period has
        // ComfyUI stopped routing to this socket.
        suspectDeaf = true;
        deafGraceTimer.start();
    }
    // applyQueue() marks the server reachable itself, in one step with the fresh snapshot;
    // announcing reachability first would publish every active prompt twice for nothing.
    tracker.applyQueue(snapshot, requestToken);
    heardSinceSnapshot = false;

    // A prompt in the queue has no history yet; only the others are worth a read.
    QSet<QString> queued;
    for (const QList<QueueEntry> *list : {&snapshot.queue.running, &snapshot.queue.pending}) {
        for (const QueueEntry &entry : *list)
            queued.insert(entry.promptId);
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
        if (history.contains(promptId)) {
            tracker.applyHistory(history);
            Q_EMIT q->historyRead(history);
        } else if (history.isEmpty()) {
            tracker.applyHistoryMissing(promptId);
        }
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
    delete queueParse;      // its pool job ends unheard
    resyncRunning = false;
    resyncQueued = false;
    silenceCheck = false;
    checkingSilence = false;
    suspectDeaf = false;
    deafGraceTimer.stop();
    historyReadsLeft = 0;
}

// ---------------------------------------------------------------------------------------

ComfyConnection::ComfyConnection(QNetworkAccessManager &nam, QObject *parent)
    : ComfyConnection(nam, ComfyEndpoint(), parent)
{}

ComfyConnection::ComfyConnection(QNetworkAccessManager &nam, const ComfyEndpoint &endpoint,
                                 QObject *parent)
    : QObject(parent)
    , d(new Private(this, nam))
{
    ComfyEndpoint initial = endpoint;
    // A fresh id until the owner sets the process's (ClientIdentity): tests and
    // throw-away connections must not write the user's settings.
    if (initial.clientId.isEmpty())
        initial.clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    d->client.setEndpoint(initial);
    d->socket.setEndpoint(initial);

    d->silenceTimer.setSingleShot(true);
    d->silenceTimer.setInterval(DefaultSilenceCheckMs);
    connect(&d->silenceTimer, &QTimer::timeout, this, [this] { d->onSilence(); });
    d->deafGraceTimer.setSingleShot(true);
    d->deafGraceTimer.setInterval(DeafGraceMs);
    connect(&d->deafGraceTimer, &QTimer::timeout, this, [this] {
        if (!std::exchange(d->suspectDeaf, false) || d->state != State::Connected)
            return;
        ++d->deafReplaced;
        d->socket.close();
        d->socket.open();
        Q_EMIT socketReplaced();
    });

    connect(&d->socket, &ComfySocket::connected, this, [this] {
        d->setState(State::Connected);
        d->silenceTimer.start();
        d->resync();
        d->readServerFacts();
    });
    connect(&d->catalogueLoader, &NodeCatalogueLoader::loaded, this,
            [this](const NodeCatalogue &catalogue) {
                d->catalogue = catalogue;
                Q_EMIT nodeCatalogueChanged();
            });
    connect(&d->socket, &ComfySocket::disconnected, this, [this] {
        if (d->state == State::Stopped)
            return;
        d->setState(State::Reconnecting);
        // Events may be lost from now on; the queue read also tells whether the server
        // is gone or only the websocket dropped.
        d->resync();
    });
    connect(&d->socket, &ComfySocket::reconnectScheduled, this, [this](int delayMs) {
        // Keep the reachability fresh while the socket cannot connect (and keep statuses
        // moving when only the websocket is blocked, e.g. by a proxy).
        if (d->state == State::Stopped)
            return;
        Q_EMIT reconnectScheduled(delayMs);
        d->resync();
    });
    connect(&d->socket, &ComfySocket::eventReceived, this, [this](const ComfyEvent &event) {
        d->heardSinceSnapshot = true;
        d->suspectDeaf = false;
        d->deafGraceTimer.stop();
        if (d->silenceTimer.interval() > 0)
            d->silenceTimer.start();
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
    d->dropVerbReplies();
    disconnect(&d->socket, nullptr, this, nullptr); // closing must not start a resync
    d->cancelResync();
    d->socket.close();
    delete d;
}

void ComfyConnection::setEndpoint(const ComfyEndpoint &endpoint)
{
    if (d->state != State::Stopped)
        return;
    d->client.setEndpoint(endpoint);
    d->socket.setEndpoint(endpoint);
}

void ComfyConnection::setBaseUrl(const QUrl &url)
{
    ComfyEndpoint next = endpoint();
    next.setBaseUrl(url);
    setEndpoint(next);
}

void ComfyConnection::setClientId(const QString &clientId)
{
    ComfyEndpoint next = endpoint();
    next.clientId = clientId;
    setEndpoint(next);
}

void ComfyConnection::setBearerToken(const QString &token)
{
    ComfyEndpoint next = endpoint();
    next.bearerToken = token;
    setEndpoint(next);
}

const ComfyEndpoint &ComfyConnection::endpoint() const
{
    return d->client.comfyEndpoint();
}

QUrl ComfyConnection::baseUrl() const
{
    return d->client.baseUrl();
}

QString ComfyConnection::clientId() const
{
    return d->client.clientId();
}

void ComfyConnection::setReconnectDelays(int minMs, int maxMs)
{
    d->socket.setReconnectDelays(minMs, maxMs);
}

void ComfyConnection::setSilenceCheckMs(int ms)
{
    d->silenceTimer.setInterval(qMax(0, ms));
    if (ms <= 0)
        d->silenceTimer.stop();
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
    d->silenceTimer.stop();
    d->catalogueLoader.cancel();
    d->socket.close();
    d->cancelResync();
}

ComfyConnection::State ComfyConnection::state() const
{
    return d->state;
}

bool ComfyConnection::isQueueCurrent() const
{
    return d->state == State::Connected && d->tracker.isQueueCurrent();
}

ComfyClient &ComfyConnection::client()
{
    return d->client;
}

PromptTracker &ComfyConnection::tracker()
{
    return d->tracker;
}

const PromptTracker &ComfyConnection::tracker() const
{
    return d->tracker;
}

ComfySocket &ComfyConnection::socket()
{
    return d->socket;
}

const SystemInfo &ComfyConnection::systemInfo() const
{
    return d->systemInfo;
}

const NodeCatalogue &ComfyConnection::nodeCatalogue() const
{
    return d->catalogue;
}

ComfyError ComfyConnection::lastFailure() const
{
    return d->failure;
}

int ComfyConnection::deafSocketsReplaced() const
{
    return d->deafReplaced;
}

void ComfyConnection::resync()
{
    d->resync();
}
