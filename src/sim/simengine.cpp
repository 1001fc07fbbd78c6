#include "simengine.h"

#include "simexecutor.h"
#include "simwebsockethub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QUuid>

namespace {

constexpr int kMaxHistory = 10000;

QJsonObject errorObject(const QString &type, const QString &message)
{
    return QJsonObject{{QStringLiteral("type"), type},
                       {QStringLiteral("message"), message},
                       {QStringLiteral("details"), message},
                       {QStringLiteral("extra_info"), QJsonObject()}};
}

QByteArray jsonString(const QString &s)
{
    const QByteArray array = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

SimEngine::SimEngine(QObject *parent)
    : QObject(parent)
    , m_catalog(m_storage)
    , m_validator(m_catalog, m_storage)
    , m_hub(new SimWebSocketHub(this))
    , m_executor(new SimExecutor(m_hub, &m_catalog, &m_storage, this))
{
    connect(m_executor, &SimExecutor::finished, this, &SimEngine::onFinished);
    connect(m_hub, &SimWebSocketHub::clientConnected, this, &SimEngine::onClientConnected);
}

SimEngine::~SimEngine() = default;

// --- heapq, as CPython implements it -------------------------------------------------

void SimEngine::siftDown(int start, int pos)
{
    const SimQueueItem item = m_heap.at(pos);
    while (pos > start) {
        const int parent = (pos - 1) >> 1;
        if (item < m_heap.at(parent)) {
            m_heap[pos] = m_heap.at(parent);
            pos = parent;
            continue;
        }
        break;
    }
    m_heap[pos] = item;
}

void SimEngine::siftUp(int pos)
{
    const int end = int(m_heap.size());
    const int start = pos;
    const SimQueueItem item = m_heap.at(pos);
    int child = 2 * pos + 1;
    while (child < end) {
        const int right = child + 1;
        if (right < end && !(m_heap.at(child) < m_heap.at(right)))
            child = right;
        m_heap[pos] = m_heap.at(child);
        pos = child;
        child = 2 * pos + 1;
    }
    m_heap[pos] = item;
    siftDown(start, pos);
}

void SimEngine::heapPush(const SimQueueItem &item)
{
    m_heap.append(item);
    siftDown(0, int(m_heap.size()) - 1);
}

SimQueueItem SimEngine::heapPop()
{
    SimQueueItem last = m_heap.takeLast();
    if (m_heap.isEmpty())
        return last;
    SimQueueItem top = m_heap.at(0);
    m_heap[0] = last;
    siftUp(0);
    return top;
}

void SimEngine::heapify()
{
    for (int i = int(m_heap.size()) / 2 - 1; i >= 0; --i)
        siftUp(i);
}

// --- queue ---------------------------------------------------------------------------

QJsonObject SimEngine::submit(const QJsonValue &bodyValue, int *status)
{
    const QJsonObject body = bodyValue.toObject();
    QJsonValue number;
    if (body.contains(QLatin1String("number"))) {
        number = body.value(QLatin1String("number")).toDouble();
    } else {
        const bool front = body.value(QLatin1String("front")).toBool();
        number = double(front ? -m_counter : m_counter);
        ++m_counter;
    }
    if (!body.contains(QLatin1String("prompt"))) {
        *status = 400;
        return QJsonObject{{QStringLiteral("error"), errorObject(QStringLiteral("no_prompt"),
                                                                 QStringLiteral("No prompt "
                                                                                "provided"))},
                           {QStringLiteral("node_errors"), QJsonObject()}};
    }
    const QJsonValue prompt = body.value(QLatin1String("prompt"));
    const QJsonValue idValue = body.value(QLatin1String("prompt_id"));
    const QString promptId = idValue.isUndefined() || idValue.isNull()
            ? QUuid::createUuid().toString(QUuid::WithoutBraces)
            : SimValidator::pyStr(idValue);
    const SimValidationResult result = m_validator.validate(
            prompt, body.value(QLatin1String("partial_execution_targets")));
    if (!result.ok) {
        *status = 400;
        return QJsonObject{{QStringLiteral("error"), result.error},
                           {QStringLiteral("node_errors"), result.nodeErrors}};
    }
    SimQueueItem item;
    item.number = number;
    item.promptId = promptId;
    item.prompt = prompt.toObject();
    item.extraData = body.value(QLatin1String("extra_data")).toObject();
    if (body.contains(QLatin1String("client_id")))
        item.extraData.insert(QStringLiteral("client_id"), body.value(QLatin1String("client_id")));
    item.outputs = QJsonArray::fromStringList(result.goodOutputs);
    heapPush(item);
    broadcastStatus();
    Q_EMIT promptQueued(promptId);
    scheduleWorker();
    *status = 200;
    return QJsonObject{{QStringLiteral("prompt_id"), promptId},
                       {QStringLiteral("number"), number},
                       {QStringLiteral("node_errors"), result.nodeErrors}};
}

QJsonObject SimEngine::queueJson() const
{
    QJsonArray running;
    if (m_hasRunning)
        running.append(m_running.toJson());
    QJsonArray pending;
    for (const SimQueueItem &item : m_heap)
        pending.append(item.toJson());
    return QJsonObject{{QStringLiteral("queue_running"), running},
                       {QStringLiteral("queue_pending"), pending}};
}

int SimEngine::queueRemaining() const
{
    return int(m_heap.size()) + (m_hasRunning ? 1 : 0);
}

void SimEngine::deleteFromQueue(const QStringList &ids)
{
    for (const QString &id : ids) {
        for (int i = 0; i < m_heap.size(); ++i) {
            if (m_heap.at(i).promptId == id) {
                m_heap.removeAt(i);
                heapify();
                broadcastStatus();
                break;
            }
        }
    }
}

void SimEngine::clearQueue()
{
    m_heap.clear();
    broadcastStatus();
}

void SimEngine::interrupt(const QString &promptId)
{
    if (!m_hasRunning)
        return;
    if (promptId.isEmpty() || promptId == m_running.promptId)
        m_executor->interrupt();
}

void SimEngine::broadcastStatus()
{
    m_hub->send(QStringLiteral("status"),
                QJsonObject{{QStringLiteral("status"),
                             QJsonObject{{QStringLiteral("exec_info"),
                                          QJsonObject{{QStringLiteral("queue_remaining"),
                                                       queueRemaining()}}}}}},
                QString());
}

void SimEngine::scheduleWorker()
{
    if (m_workerScheduled || m_hasRunning)
        return;
    m_workerScheduled = true;
    QTimer::singleShot(0, this, &SimEngine::takeNext);
}

void SimEngine::takeNext()
{
    m_workerScheduled = false;
    if (m_hasRunning || m_heap.isEmpty())
        return;
    m_running = heapPop();
    m_hasRunning = true;
    broadcastStatus();
    Q_EMIT promptStarted(m_running.promptId);
    m_executor->start(m_running);
}

void SimEngine::onFinished(const QString &promptId, const QJsonObject &history)
{
    QJsonObject entry = history;
    entry.insert(QStringLiteral("prompt"), m_running.toJson());
    m_historyOrder.removeAll(promptId);
    m_historyOrder.append(promptId);
    m_history.insert(promptId, entry);
    while (m_historyOrder.size() > kMaxHistory)
        m_history.remove(m_historyOrder.takeFirst());
    const QString clientId = m_running.clientId();
    m_hasRunning = false;
    broadcastStatus();
    if (!clientId.isEmpty()) {
        m_hub->send(QStringLiteral("executing"),
                    QJsonObject{{QStringLiteral("node"), QJsonValue::Null},
                                {QStringLiteral("prompt_id"), promptId}},
                    clientId);
    }
    Q_EMIT promptFinished(promptId);
    scheduleWorker();
}

void SimEngine::onClientConnected(const QString &sid)
{
    m_hub->send(QStringLiteral("status"),
                QJsonObject{{QStringLiteral("status"),
                             QJsonObject{{QStringLiteral("exec_info"),
                                          QJsonObject{{QStringLiteral("queue_remaining"),
                                                       queueRemaining()}}}}},
                            {QStringLiteral("sid"), sid}},
                sid);
    // A client that reconnects mid-run learns which node is executing (no prompt_id).
    if (m_hasRunning && m_executor->clientId() == sid && !m_executor->currentNode().isEmpty())
        m_hub->send(QStringLiteral("executing"),
                    QJsonObject{{QStringLiteral("node"), m_executor->currentNode()}}, sid);
}

// --- history -------------------------------------------------------------------------

QByteArray SimEngine::historyJson(int maxItems, int offset) const
{
    const int count = int(m_historyOrder.size());
    if (offset < 0 && maxItems >= 0)
        offset = count - maxItems;
    QByteArray out = "{";
    int written = 0;
    for (int i = qMax(0, offset); i < count; ++i) {
        if (maxItems >= 0 && written >= maxItems)
            break;
        const QString &id = m_historyOrder.at(i);
        if (written++)
            out += ',';
        out += jsonString(id) + ':'
                + QJsonDocument(m_history.value(id)).toJson(QJsonDocument::Compact);
    }
    return out + '}';
}

QByteArray SimEngine::historyJson(const QString &promptId) const
{
    if (!m_history.contains(promptId))
        return "{}";
    return '{' + jsonString(promptId) + ':'
            + QJsonDocument(m_history.value(promptId)).toJson(QJsonDocument::Compact) + '}';
}

void SimEngine::deleteHistory(const QStringList &ids)
{
    for (const QString &id : ids) {
        m_history.remove(id);
        m_historyOrder.removeAll(id);
    }
}

void SimEngine::clearHistory()
{
    m_history.clear();
    m_historyOrder.clear();
}

void SimEngine::reset()
{
    m_executor->abort();
    m_executor->clearCache();
    m_hub->closeAll();
    m_heap.clear();
    m_hasRunning = false;
    m_counter = 0;
    clearHistory();
    m_storage.clearTemp();
}
