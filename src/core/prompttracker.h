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
class PromptTracker final : public QObject
{
    Q_OBJECT
public:
    explicit PromptTracker(QObject *parent = nullptr);

    // Prompts whose history we keep reading until they finish (ours, or asked about).
    void track(const QString &promptId, const QJsonObject &nodeErrors = {});
    QStringList trackedUnfinished() const;

    // A whole GET /queue answer: {"queue_running": [...], "queue_pending": [...]}.
    void applyQueue(const QJsonObject &queue);
    // A GET /history or /history/<id> answer: {"<id>": entry, ...}.
    void applyHistory(const QJsonObject &history);
    // GET /history/<id> answered {}: finished nowhere. With the queue read after it,
    // a prompt in neither is NotFound (or Lost if we had seen it queued or running).
    void applyHistoryMissing(const QString &promptId);
    void applyEvent(const ComfyEvent &event);

    // The server is gone (offline): statuses become Unknown until the next queue read.
    void setServerReachable(bool reachable);
    // The server restarted (its queue and history are gone): prompts we saw pending or
    // running and that are not in the new queue become Lost.
    void serverRestarted();

    PromptStatus status(const QString &promptId) const;
    QList<PromptStatus> all() const;

    QJsonObject queueSnapshot() const { return m_queue; }
    bool hasQueueSnapshot() const { return m_hasQueue; }

Q_SIGNALS:
    void statusChanged(const QString &promptId);
    void queueChanged();

private:
    // implementation-defined members
    QJsonObject m_queue;
    bool m_hasQueue = false;
    bool m_reachable = true;
    QHash<QString, PromptStatus> m_known;
    QSet<QString> m_tracked;
};
