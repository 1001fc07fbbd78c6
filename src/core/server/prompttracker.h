#pragma once

#include "comfyevent.h"
#include "promptstatus.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>

// The in-memory picture of where every prompt of one ComfyUI server is, fed by
// /queue answers, /history answers and websocket events. Pure logic: it sends nothing;
// ComfyConnection decides what to read and feeds the answers in.
//
// Why both sources: /history/<id> answers {} for a pending, a running and an unknown
// prompt alike, so "not in history" only means something together with a /queue read.
//
// Statuses are derived when an answer or event is applied and stored ready, so status()
// is one hash lookup (the REST API calls it at very high rates).
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
    // at once and becomes Lost, not NotFound, if ComfyUI later forgets it.
    void markSubmitted(const QString &promptId, double number,
                       const QJsonObject &nodeErrors = {});
    QStringList trackedUnfinished() const;

    // A whole GET /queue answer: {"queue_running": [...], "queue_pending": [...]}.
    void applyQueue(const QJsonObject &queue);
    // A GET /history or /history/<id> answer: {"<id>": entry, ...}.
    void applyHistory(const QJsonObject &history);
    // GET /history/<id> answered {}. Judged against the LAST APPLIED queue snapshot, which
    // the caller must have read BEFORE this history read: a prompt in neither is NotFound,
    // or Lost if we had seen it queued or running. (A queue read after the history read
    // proves nothing: the prompt may have finished in between.)
    void applyHistoryMissing(const QString &promptId);
    void applyEvent(const ComfyEvent &event);
    // We (or the API) deleted it from the pending queue (POST /queue {"delete": [id]}).
    // Ignored for a prompt already seen running: ComfyUI's delete does not stop it.
    void markCancelled(const QString &promptId);

    // The server is gone (offline): statuses become Unknown until the next queue read.
    void setServerReachable(bool reachable);
    bool isServerReachable() const { return m_reachable; }
    // The server restarted (its queue and history are gone): prompts we saw pending or
    // running and that are not in the current queue snapshot become Lost. Call it after
    // applying the restarted server's first queue; called earlier, prompts still in the
    // old snapshot become Lost through the next queue and history reads instead.
    void serverRestarted();

    PromptStatus status(const QString &promptId) const;
    QList<PromptStatus> all() const;

    QJsonObject queueSnapshot() const { return m_queue; }
    bool hasQueueSnapshot() const { return m_hasQueue; }

Q_SIGNALS:
    void statusChanged(const QString &promptId);
    void queueChanged();

private:
    // How far a prompt got, as far as queue snapshots and events tell. Only moves forward:
    // a stale snapshot read before an event must not pull a running prompt back to pending.
    enum class Phase { None, Pending, Running, Finished };

    struct Entry
    {
        PromptStatus status;        // published: what status() returns
        bool isFinal = false;       // status holds a final state that sticks
        Phase phase = Phase::None;
        quint64 seenActiveGen = 0;  // queue generation when last seen pending/running
        quint64 inQueueGen = 0;     // generation of the last snapshot that held it
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
    void publishActive();
    void finish(const QString &promptId, Entry &entry, PromptStatus status);
    void reviveIfDisproved(const QString &promptId, Entry &entry);
    void markSeenActive(Entry &entry, Phase phase);
    void markFinished(const QString &promptId, Entry &entry);
    void updateFinalNodeErrors(const QString &promptId, Entry &entry);

    QJsonObject m_queue;
    bool m_hasQueue = false;
    bool m_reachable = true;
    bool m_queueStale = false;      // reachable again, but no queue read since the outage
    quint64 m_queueGen = 0;         // counts applied queue snapshots
    QHash<QString, Entry> m_entries;
    QSet<QString> m_active;         // entries that are not final
    QSet<QString> m_tracked;
};
