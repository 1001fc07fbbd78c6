#pragma once

#include "simnodecatalog.h"
#include "simqueueitem.h"
#include "simstorage.h"
#include "simvalidator.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>

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

    // POST /prompt with a parsed JSON body: returns the HTTP status and JSON answer. An
    // accepted prompt does not start before `*answered` has been released (the HTTP layer
    // drops it once the answer is on the socket).
    SimJson submit(const SimJson &body, int *status, std::shared_ptr<void> *answered);
    QByteArray queueJson() const;
    int queueRemaining() const;
    void deleteFromQueue(const QStringList &ids);
    void clearQueue();
    void interrupt(const QString &promptId); // empty: whatever runs
    // History as JSON text, keys oldest first (QJsonObject would sort them).
    QByteArray historyJson(int maxItems, int offset) const;
    QByteArray historyJson(const QString &promptId) const;
    void deleteHistory(const QStringList &ids);
    void clearHistory();
    int historySize() const { return int(m_history.size()); }
    // The log ring /internal/logs/raw shows: (ISO time, line with its newline).
    const QList<QPair<QString, QString>> &logEntries() const { return m_log; }
    void log(const QString &line);
    // Test hook: appends `count` finished entries at once (a full history in no time).
    void fillHistory(int count);
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
    void onFinished(const QString &promptId, const SimJson &history);
    void onClientConnected(const QString &sid);
    void onAnswered(quint64 serial);
    void storeHistory(const QString &promptId, const SimJson &entry);

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
    quint64 m_nextSerial = 0;
    QSet<quint64> m_awaitingAnswer;
    // History like ComfyUI's dict: insertion order, a re-used id keeps its place. Entries
    // are kept serialised, so reading one costs the same with 10 or 10,000 of them.
    struct HistoryEntry
    {
        qint64 seq = 0;
        QByteArray json;
    };
    QHash<QString, HistoryEntry> m_history;
    QMap<qint64, QString> m_historyOrder;
    qint64 m_historySeq = 0;
    QList<QPair<QString, QString>> m_log;
};
