#pragma once

#include "simnodecatalog.h"
#include "simqueueitem.h"
#include "simstorage.h"
#include "simvalidator.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

class SimExecutor;
class SimWebSocketHub;

// The simulated ComfyUI process state: prompt queue (a binary heap exactly like Python's
// heapq, so GET /queue shows the same pending order), history, counter, worker.
class SimEngine final : public QObject
{
    Q_OBJECT
public:
    explicit SimEngine(QObject *parent = nullptr);
    ~SimEngine() override;

    SimStorage &storage() { return m_storage; }
    const SimNodeCatalog &catalog() const { return m_catalog; }
    SimWebSocketHub *hub() const { return m_hub; }
    SimExecutor *executor() const { return m_executor; }

    // POST /prompt with a parsed JSON body: returns the HTTP status and JSON answer.
    QJsonObject submit(const QJsonValue &body, int *status);
    QJsonObject queueJson() const;
    int queueRemaining() const;
    void deleteFromQueue(const QStringList &ids);
    void clearQueue();
    void interrupt(const QString &promptId); // empty: whatever runs
    // History as JSON text, keys oldest first (QJsonObject would sort them).
    QByteArray historyJson(int maxItems, int offset) const;
    QByteArray historyJson(const QString &promptId) const;
    void deleteHistory(const QStringList &ids);
    void clearHistory();
    void reset(); // a process restart: queue, history, cache, counter and sockets are gone

Q_SIGNALS:
    void promptQueued(const QString &promptId);
    void promptStarted(const QString &promptId);
    void promptFinished(const QString &promptId);

private:
    void heapPush(const SimQueueItem &item);
    SimQueueItem heapPop();
    void heapify();
    void siftDown(int start, int pos);
    void siftUp(int pos);
    void broadcastStatus();
    void scheduleWorker();
    void takeNext();
    void onFinished(const QString &promptId, const QJsonObject &history);
    void onClientConnected(const QString &sid);

    SimStorage m_storage;
    SimNodeCatalog m_catalog;
    SimValidator m_validator;
    SimWebSocketHub *m_hub;
    SimExecutor *m_executor;
    QList<SimQueueItem> m_heap;
    bool m_hasRunning = false;
    SimQueueItem m_running;
    bool m_workerScheduled = false;
    qint64 m_counter = 0;
    QStringList m_historyOrder;
    QHash<QString, QJsonObject> m_history;
};
