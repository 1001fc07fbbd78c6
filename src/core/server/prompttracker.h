#pragma once

#include "comfyevent.h"
#include "comfyqueue.h"
#include "promptstatus.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>

// The in-memory picture of where every prompt of one ComfyUI server is, fed by
// /queue answers, /history answers and websocket events. Pure logic: it sends nothing;
// ComfyConnection decides what to read and feeds the answers in.
//
// Why both sources: /history/<id> answers {} for a pending, a running and an unknown
// prompt alike, so "not in history" only means something together with a /queue read.
//
// Statuses are derived when an answer or event is applied and stored ready, so status()
// is one hash lookup (the REST API calls it at very high rates).
//
// Memory is bounded: prompts still queued or running are all kept; finished ones only in
// a recent set (recentLimit()). A forgotten id reads Unknown/HistoryNotRead, so whoever
// asks reads its history again (the local catalogue is the long memory).
class PromptTracker final : public QObject
{
    Q_OBJECT
public:
    explicit PromptTracker(QObject *parent = nullptr);

    // Prompts whose history we keep reading until they finish (ours, or asked about).
    // Any prompt that left the queue (or ended on the socket) without a known result is
    // tracked automatically, other clients' ones included: its history has the result.
    void track(const QString &promptId, const QJsonObject &nodeErrors = {});
    // track() for a prompt ComfyUI has just accepted (POST /prompt answered 200): it is
    // known to be queued even before the next /queue read shows it, so it reads as Pending
    // at once (placed by its number among the pending prompts known) and becomes Lost,
    // not NotFound, if ComfyUI later forgets it.
    void markSubmitted(const QString &promptId, double number,
                       const QJsonObject &nodeErrors = {});
    QStringList trackedUnfinished() const;
    // Every prompt known to wait in the queue: in the last snapshot or accepted since.
    QStringList pendingIds() const;

    // Call when a GET /queue goes out; hand the token to applyQueue() with its answer. An
    // answer proves a prompt gone only if it was requested after the prompt was last seen
    // queued or running: a read already on its way when a submit was answered cannot
    // hold that prompt, and must not make it look finished.
    quint64 queueRequested() { return ++m_requestSeq; }
    // A whole GET /queue answer: {"queue_running": [...], "queue_pending": [...]}.
    void applyQueue(const QJsonObject &queue, quint64 requestToken);
    // The same, already parsed (ComfyConnection parses in the thread pool).
    void applyQueue(QueueSnapshot snapshot, quint64 requestToken);
    // The same for an answer requested just now.
    void applyQueue(const QJsonObject &queue) { applyQueue(queue, queueRequested()); }
    // A GET /history or /history/<id> answer: {"<id>": entry, ...}.
    void applyHistory(const QJsonObject &history);
    // GET /history/<id> answered {}. Judged against the LAST APPLIED queue snapshot, which
    // the caller must have read BEFORE this history read: a prompt in neither is NotFound,
    // or Lost if we had seen it queued or running. (A queue read after the history read
    // proves nothing: the prompt may have finished in between.)
    void applyHistoryMissing(const QString &promptId);
    void applyEvent(const ComfyEvent &event);
    // We deleted it from the pending queue (POST /queue {"delete": [id]}).
    // Ignored for a prompt already seen running: ComfyUI's delete does not stop it.
    void markCancelled(const QString &promptId);
    // A delete of these is on its way (requested true) or failed (false): should one leave
    // the queue without a history meanwhile, it was cancelled by us, not lost.
    void markCancelRequested(const QStringList &promptIds, bool requested);

    // The server is gone (offline): statuses become Unknown until the next queue read.
    void setServerReachable(bool reachable);
    bool isServerReachable() const { return m_reachable; }
    // The one answer to "can the queue snapshot be trusted now": reachable, read at least
    // once, and read again since the last outage.
    bool isQueueCurrent() const { return m_reachable && m_hasQueue && !m_queueStale; }

    PromptStatus status(const QString &promptId) const;
    QList<PromptStatus> all() const;
    bool contains(const QString &promptId) const { return m_entries.contains(promptId); }

    // The last /queue answer as ComfyUI sent it (for pass-through) and typed.
    QJsonObject queueSnapshot() const { return m_queueJson; }
    const ComfyQueue &queue() const { return m_queue; }
    bool hasQueueSnapshot() const { return m_hasQueue; }

    // How many finished prompts are remembered (oldest forgotten first).
    void setRecentLimit(int limit);
    int recentLimit() const { return m_recentLimit; }
    int activeCount() const { return int(m_active.size()); }

Q_SIGNALS:
    void promptAdded(const QString &promptId);      // first heard of
    void promptRemoved(const QString &promptId);    // forgotten (finished, beyond the limit)
    // Its state or anything but progress changed (position, result, reason, ...).
    void statusChanged(const QString &promptId);
    // Only its current node or step changed; at most every progressIntervalMs per prompt.
    void progressChanged(const QString &promptId);
    void queueChanged();

private:
    // How far a prompt got, as far as queue snapshots and events tell. Only moves forward:
    // a stale snapshot read before an event must not pull a running prompt back to pending.
    enum class Phase { None, Pending, Running, Finished };

    struct Entry
    {
        PromptStatus status;        // published: what status() returns
        bool isFinal = false;       // status holds a final state that sticks
        bool tracked = false;       // its history is read until it is final
        bool cancelRequested = false;
        Phase phase = Phase::None;
        quint64 seenActiveReq = 0;  // m_requestSeq when last seen pending/running
        quint64 inQueueGen = 0;     // generation of the last snapshot that held it
        quint64 finalSeq = 0;       // when it became final (its place in m_finalOrder)
        int queuePosition = 0;
        double priority = 0;
        QString currentNode;
        int step = 0;
        int maxSteps = 0;
        qint64 startedAtMs = 0;
        QJsonObject nodeErrors;
    };

    Entry &entryFor(const QString &promptId);
    PromptStatus derive(const QString &promptId, const Entry &entry) const;
    void publish(const QString &promptId, Entry &entry);
    void publishOne(const QString &promptId, Entry &entry);
    void publishActive();
    bool refreshPositions();
    void finish(const QString &promptId, Entry &entry, PromptStatus status);
    void forgetOldFinished();
    void reviveIfDisproved(const QString &promptId, Entry &entry);
    void markSeenActive(Entry &entry, Phase phase);
    void markFinished(Entry &entry);
    void updateFinalNodeErrors(const QString &promptId, Entry &entry);
    void flushProgress();
    void applyHistoryEntry(const QString &promptId, const QJsonValue &value);

    QJsonObject m_queueJson;
    ComfyQueue m_queue;
    bool m_hasQueue = false;
    bool m_reachable = true;
    bool m_queueStale = false;      // reachable again, but no queue read since the outage
    bool m_positionsDirty = false;
    quint64 m_queueGen = 0;         // counts applied queue snapshots
    quint64 m_requestSeq = 0;       // counts /queue requests (queueRequested())
    quint64 m_appliedRequest = 0;   // the request whose answer was applied last
    quint64 m_finalSeq = 0;
    int m_recentLimit = 2000;
    QHash<QString, Entry> m_entries;
    QSet<QString> m_active;         // entries that are not final
    std::deque<std::pair<QString, quint64>> m_finalOrder;   // (id, finalSeq), oldest first
    QSet<QString> m_progressDirty;
    QTimer m_progressTimer;
};
