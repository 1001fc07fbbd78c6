#pragma once

// ComfyConnection's private half, shared by comfyconnection.cpp (connection, resync,
// silence check) and comfyconnectionverbs.cpp (the verbs).
#include "comfyconnection.h"
#include "comfysocket.h"
#include "nodecatalogueloader.h"

#include <QFutureWatcher>
#include <QList>
#include <QPointer>
#include <QTimer>

#include <functional>

class ComfyConnection::Private
{
public:
    Private(ComfyConnection *owner, QNetworkAccessManager &nam)
        : q(owner)
        , client(nam)
    {}

    void setState(State newState);
    void setFailure(const ComfyError &error);
    // On every connect (ComfyUI may have restarted with other nodes or another device).
    void readServerFacts();
    void onSilence();
    void resync();
    void onQueueRead(ComfyReply *reply, const QStringList &candidates, quint64 requestToken);
    void onQueueParsed(const QueueSnapshot &snapshot, const QStringList &candidates,
                       quint64 requestToken);
    void readHistory(const QString &promptId);
    void onHistoryRead(ComfyReply *reply, const QString &promptId);
    void noteFailure(const ComfyError &error);
    void finishResync(bool succeeded);
    void cancelResync();
    bool triggersResync(const ComfyEvent &event) const;
    // Runs onDone when reply finishes, before any handler the caller connects; forgotten
    // (never run) when the connection is destroyed first.
    void afterReply(ComfyReply *reply, std::function<void(ComfyReply *)> onDone);
    void dropVerbReplies();
    // cancel() and clearPending(): reply removes promptIds from the pending queue.
    void afterRemoval(ComfyReply *reply, const QStringList &promptIds);
    // The steps of moveToFront(), each ending `outer` on failure.
    void moveToFrontDeleted(ComfyReply *outer, const QueueEntry &entry);
    void moveToFrontChecked(ComfyReply *outer, const QueueEntry &entry, ComfyReply *history);

    ComfyConnection *q;
    PromptTracker tracker;
    ComfyClient client;
    ComfySocket socket;
    State state = State::Stopped;
    ComfyError failure;
    SystemInfo systemInfo;
    NodeCatalogue catalogue;
    NodeCatalogueLoader catalogueLoader;    // after client: destroyed before it

    // The deaf-socket check: a resync started by silence compares the queue it reads with
    // the last one read; a change the socket never announced (no message since that read,
    // nor within a grace period after) means ComfyUI no longer talks to it.
    QTimer silenceTimer;
    bool silenceCheck = false;      // the running resync was started by silence
    bool heardSinceSnapshot = false;    // a socket message since the last /queue read
    bool suspectDeaf = false;           // an unannounced change seen; grace running
    QTimer deafGraceTimer;
    int deafReplaced = 0;

    // Coalescing: one resync in flight, at most one more queued behind it. A burst of
    // status broadcasts (two per prompt, plus one per queue change) costs two reads.
    bool resyncRunning = false;
    bool resyncQueued = false;
    int historyReadsLeft = 0;
    bool checkingSilence = false;       // the queue being parsed was read for silence
    QPointer<QFutureWatcher<QueueSnapshot>> queueParse;   // the /queue body in the pool
    QList<QPointer<ComfyReply>> resyncReplies;
    QList<QPointer<ComfyReply>> verbReplies;   // the client's replies our verbs wait for
    QList<QPointer<ComfyReply>> chainReplies;  // replies we made that end a chain of them
};
