#pragma once

#include "simnodes.h"
#include "simqueueitem.h"

#include <QHash>
#include <QObject>

class SimNodeCatalog;
class SimStorage;
class SimWebSocketHub;

// Runs one prompt at a time like ComfyUI's PromptExecutor, one node per event-loop turn
// (timers, never blocking), sending the same websocket messages in the same order.
class SimExecutor final : public QObject
{
    Q_OBJECT
public:
    SimExecutor(SimWebSocketHub *hub, const SimNodeCatalog *catalog, const SimStorage *storage,
                QObject *parent = nullptr);

    void start(const SimQueueItem &item);
    bool isRunning() const { return m_running; }
    QString promptId() const { return m_item.promptId; }
    QString clientId() const { return m_item.clientId(); }
    QString currentNode() const { return m_currentNode; }
    void interrupt() { if (m_running) m_interrupted = true; }
    void abort();           // forget the running prompt without any message (restart)
    void clearCache() { m_cache.clear(); }

    void setNodeDelayMs(int ms) { m_nodeDelayMs = ms; }
    void setStepDelayMs(int ms) { m_stepDelayMs = ms; }
    void setFailingNodeClass(const QString &classType) { m_failingClass = classType; }
    // ComfyUI's --preview-method: sampler step previews are only sent when enabled.
    void setPreviews(bool on) { m_previews = on; }

Q_SIGNALS:
    // history: {outputs, status, meta}; the engine puts "prompt" first.
    void finished(const QString &promptId, const SimJson &history);

private:
    struct CacheEntry
    {
        QList<SimValue> outputs;
        SimJson ui;
    };
    QString signature(const QString &nodeId, QHash<QString, QString> *memo) const;
    void buildOrder(const QString &nodeId, QStringList *order, QSet<QString> *seen) const;
    void addMessage(const QString &event, SimJson data);
    void sendToClient(const QString &type, const SimJson &data);
    void sendProgressState();
    void setProgress(const QString &nodeId, const SimJson &value, const SimJson &max,
                     bool finished, bool send = true);
    void addOutput(const QString &nodeId, const SimJson &ui);
    void schedule(int ms, void (SimExecutor::*step)());
    void runNext();
    void executeCurrent();
    void runStep();
    void completeNode(const SimNodeRun &run);
    void fail(const QString &type, const QString &message, const QStringList &traceback = {});
    void interrupted();
    void finish(bool success);
    QHash<QString, SimValue> resolveInputs(const QString &nodeId, SimJson *current) const;
    void sendPreview(const QImage &image, bool jpeg);
    SimNodes::Context context() const;

    SimWebSocketHub *m_hub;
    const SimNodeCatalog *m_catalog;
    const SimStorage *m_storage;
    int m_nodeDelayMs = 20; // never 0 ms: a client must be able to see a node running
    int m_stepDelayMs = 0;
    bool m_previews = false;
    QString m_failingClass;

    QHash<QString, CacheEntry> m_cache; // signature -> outputs, kept across prompts
    quint64 m_generation = 0;
    quint64 m_uncacheableCounter = 0;

    bool m_running = false;
    bool m_interrupted = false;
    SimQueueItem m_item;
    QHash<QString, QString> m_signatures;
    QStringList m_order;
    int m_index = 0;
    int m_step = 0;
    int m_steps = 0;
    QString m_currentNode;
    QHash<QString, QList<SimValue>> m_values;
    SimJson m_progress;     // node id -> progress entry, in the order nodes started
    SimJson m_messages;
    QStringList m_executed;
    SimJson m_uiOutputs;
    SimJson m_meta;
};
