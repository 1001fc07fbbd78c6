#include "simengine.h"

#include "simexecutor.h"
#include "simwebsockethub.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>
#include <QUuid>

namespace {

constexpr int kMaxHistory = 10000;

SimJson errorObject(const QString &type, const QString &message)
{
    return SimJson::object({{QStringLiteral("type"), type},
                            {QStringLiteral("message"), message},
                            {QStringLiteral("details"), message},
                            {QStringLiteral("extra_info"), SimJson::object()}});
}

SimJson statusData(int remaining)
{
    return SimJson::object({{QStringLiteral("status"),
                             SimJson::object({{QStringLiteral("exec_info"),
                                               SimJson::object({{QStringLiteral(
                                                       "queue_remaining"), remaining}})}})}});
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

void SimEngine::log(const QString &line)
{
    // datetime.now().isoformat(): local time, microseconds.
    const QDateTime now = QDateTime::currentDateTime();
    m_log.append({now.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000"),
                  line});
    while (m_log.size() > 300)
        m_log.removeFirst();
}

SimJson SimEngine::submit(const SimJson &body, int *status, std::shared_ptr<void> *answered)
{
    log(QStringLiteral("got prompt\n"));
    SimJson number;
    if (body.contains(u"number")) {
        // float(json_data['number']): a client's 3 comes back as 3.0.
        const SimJson given = body.value(u"number");
        number = given.isNumber() ? SimJson(given.toDouble())
                                  : SimJson(given.toString().toDouble());
    } else {
        const bool front = body.value(u"front").toBool();
        number = SimJson(front ? -m_counter : m_counter);
        ++m_counter;
    }
    if (!body.contains(u"prompt")) {
        *status = 400;
        return SimJson::object({{QStringLiteral("error"),
                                 errorObject(QStringLiteral("no_prompt"),
                                             QStringLiteral("No prompt provided"))},
                                {QStringLiteral("node_errors"), SimJson::object()}});
    }
    const SimJson prompt = body.value(u"prompt");
    const SimJson idValue = body.value(u"prompt_id");
    const QString promptId = idValue.isUndefined() || idValue.isNull()
            ? QUuid::createUuid().toString(QUuid::WithoutBraces)
            : SimValidator::pyStr(idValue);
    const SimValidationResult result = m_validator.validate(
            prompt, body.value(u"partial_execution_targets"));
    if (!result.ok) {
        log(QStringLiteral("invalid prompt: %1\n").arg(SimValidator::pyRepr(result.error)));
        *status = 400;
        return SimJson::object({{QStringLiteral("error"), result.error},
                                {QStringLiteral("node_errors"), result.nodeErrors}});
    }
    SimQueueItem item;
    item.number = number;
    item.promptId = promptId;
    item.prompt = prompt;
    item.extraData = body.value(u"extra_data");
    if (!item.extraData.isObject())
        item.extraData = SimJson::object();
    if (body.contains(u"client_id"))
        item.extraData.insert(QStringLiteral("client_id"), body.value(u"client_id"));
    item.outputs = SimJson::fromStringList(result.goodOutputs);
    item.serial = ++m_nextSerial;
    item.cacheJson();
    m_awaitingAnswer.insert(item.serial);
    const QPointer<SimEngine> self(this);
    const quint64 serial = item.serial;
    *answered = std::shared_ptr<void>(nullptr, [self, serial](void *) {
        if (self)
            self->onAnswered(serial);
    });
    heapPush(item);
    broadcastStatus();
    Q_EMIT promptQueued(promptId);
    *status = 200;
    return SimJson::object({{QStringLiteral("prompt_id"), promptId},
                            {QStringLiteral("number"), number},
                            {QStringLiteral("node_errors"), result.nodeErrors}});
}

void SimEngine::onAnswered(quint64 serial)
{
    if (m_awaitingAnswer.remove(serial))
        scheduleWorker();
}

QByteArray SimEngine::queueJson() const
{
    QByteArray out = "{\"queue_running\": [";
    if (m_hasRunning)
        out += m_running.json;
    out += "], \"queue_pending\": [";
    for (qsizetype i = 0; i < m_heap.size(); ++i) {
        if (i)
            out += ", ";
        out += m_heap.at(i).json;
    }
    return out + "]}";
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
                m_awaitingAnswer.remove(m_heap.at(i).serial);
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
    m_awaitingAnswer.clear();
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
    m_hub->send(QStringLiteral("status"), statusData(queueRemaining()), QString());
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
    // The next prompt's client has not got its answer yet: wait for it (onAnswered).
    if (m_awaitingAnswer.contains(m_heap.first().serial))
        return;
    m_running = heapPop();
    m_hasRunning = true;
    broadcastStatus();
    Q_EMIT promptStarted(m_running.promptId);
    m_executor->start(m_running);
}

void SimEngine::onFinished(const QString &promptId, const SimJson &history)
{
    // ComfyUI's history entry: prompt, outputs, status, meta, in this order.
    SimJson entry = SimJson::object({{QStringLiteral("prompt"), m_running.toJson()}});
    for (const SimJson::Member &m : history.members())
        entry.insert(m.first, m.second);
    storeHistory(promptId, entry);
    const QString clientId = m_running.clientId();
    m_hasRunning = false;
    broadcastStatus();
    if (!clientId.isEmpty()) {
        m_hub->send(QStringLiteral("executing"),
                    SimJson::object({{QStringLiteral("node"), nullptr},
                                     {QStringLiteral("prompt_id"), promptId}}),
                    clientId);
    }
    Q_EMIT promptFinished(promptId);
    scheduleWorker();
}

void SimEngine::onClientConnected(const QString &sid)
{
    SimJson data = statusData(queueRemaining());
    data.insert(QStringLiteral("sid"), sid);
    m_hub->send(QStringLiteral("status"), data, sid);
    // A client that reconnects mid-run learns which node is executing (no prompt_id).
    if (m_hasRunning && m_executor->clientId() == sid && !m_executor->currentNode().isEmpty())
        m_hub->send(QStringLiteral("executing"),
                    SimJson::object({{QStringLiteral("node"), m_executor->currentNode()}}), sid);
}

// --- history -------------------------------------------------------------------------

void SimEngine::storeHistory(const QString &promptId, const SimJson &entry)
{
    QByteArray json;
    SimJson(promptId).writeTo(&json);
    json += ": ";
    entry.writeTo(&json);
    auto it = m_history.find(promptId);
    if (it != m_history.end()) {
        it->json = json; // a dict keeps the place of a key that is assigned again
        return;
    }
    const qint64 seq = ++m_historySeq;
    m_history.insert(promptId, HistoryEntry{seq, json});
    m_historyOrder.insert(seq, promptId);
    // MAXIMUM_HISTORY_SIZE: the oldest entry goes.
    while (m_history.size() > kMaxHistory) {
        const auto oldest = m_historyOrder.begin();
        m_history.remove(oldest.value());
        m_historyOrder.erase(oldest);
    }
}

void SimEngine::fillHistory(int count)
{
    for (int i = 0; i < count; ++i) {
        SimQueueItem item;
        item.number = SimJson(m_counter++);
        item.promptId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        item.prompt = SimJson::object(
                {{QStringLiteral("1"),
                  SimJson::object({{QStringLiteral("class_type"), QStringLiteral("EmptyImage")},
                                   {QStringLiteral("inputs"), SimJson::object()}})}});
        item.extraData = SimJson::object();
        item.outputs = SimJson::array({QStringLiteral("1")});
        const SimJson status = SimJson::object(
                {{QStringLiteral("status_str"), QStringLiteral("success")},
                 {QStringLiteral("completed"), true},
                 {QStringLiteral("messages"), SimJson::array()}});
        storeHistory(item.promptId,
                     SimJson::object({{QStringLiteral("prompt"), item.toJson()},
                                      {QStringLiteral("outputs"), SimJson::object()},
                                      {QStringLiteral("status"), status},
                                      {QStringLiteral("meta"), SimJson::object()}}));
    }
}

QByteArray SimEngine::historyJson(int maxItems, int offset) const
{
    const int count = int(m_history.size());
    if (offset < 0 && maxItems >= 0)
        offset = count - maxItems;
    offset = qMax(0, offset);
    QByteArray out = "{";
    if (offset >= count)
        return out + '}';
    // Start from whichever end is nearer: max_items=N reads only the last N entries.
    auto it = m_historyOrder.constBegin();
    if (offset > count / 2) {
        it = m_historyOrder.constEnd();
        for (int i = count; i > offset; --i)
            --it;
    } else {
        for (int i = 0; i < offset; ++i)
            ++it;
    }
    int written = 0;
    for (; it != m_historyOrder.constEnd(); ++it) {
        if (maxItems >= 0 && written >= maxItems)
            break;
        if (written++)
            out += ", ";
        out += m_history.value(it.value()).json;
    }
    return out + '}';
}

QByteArray SimEngine::historyJson(const QString &promptId) const
{
    const auto it = m_history.constFind(promptId);
    if (it == m_history.constEnd())
        return "{}";
    return '{' + it->json + '}';
}

void SimEngine::deleteHistory(const QStringList &ids)
{
    for (const QString &id : ids) {
        const auto it = m_history.constFind(id);
        if (it == m_history.constEnd())
            continue;
        m_historyOrder.remove(it->seq);
        m_history.erase(it);
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
    m_awaitingAnswer.clear();
    m_hasRunning = false;
    m_counter = 0;
    clearHistory();
    m_storage.clearTemp();
}
