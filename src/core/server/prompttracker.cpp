#include "prompttracker.h"

#include "comfynodeid.h"

#include "historyentry.h"

#include <QJsonArray>

#include <algorithm>

namespace {

// The REST API copies these texts; the first three are the inherited service's wording.
const QString kPending = QStringLiteral("Task is waiting in queue");
const QString kRunning = QStringLiteral("Task is currently running");
const QString kCompleted = QStringLiteral("Image generation completed");
const QString kProcessing = QStringLiteral("Task finished without images");
const QString kInterrupted = QStringLiteral("Task was interrupted");
const QString kCancelled = QStringLiteral("Task was removed from the queue");
const QString kNotFound = QStringLiteral("Task not found on the ComfyUI server");
const QString kLostRestart =
    QStringLiteral("Task was lost: the ComfyUI server restarted before it finished");
const QString kLostMissing = QStringLiteral(
    "Task was lost: it left the ComfyUI queue and is not in the ComfyUI history "
    "(deleted by another client, or the server restarted)");
const QString kUnreachable =
    QStringLiteral("Task status cannot be determined: ComfyUI is unreachable");
const QString kNoQueue = QStringLiteral(
    "Task status cannot be determined yet: the ComfyUI queue has not been read");
const QString kNoHistory = QStringLiteral(
    "Task status cannot be determined yet: its ComfyUI history has not been read");

struct QueueItem
{
    double number = 0;
    QString promptId;
};

// Queue items are 5-element arrays [number, prompt_id, prompt, extra_data, outputs];
// anything else (a proxy's garbage) is skipped rather than trusted.
QList<QueueItem> queueItems(const QJsonValue &list)
{
    QList<QueueItem> items;
    const QJsonArray array = list.toArray();
    items.reserve(array.size());
    for (const QJsonValue &value : array) {
        const QJsonArray item = value.toArray();
        if (item.size() < 2 || !item.at(1).isString() || item.at(1).toString().isEmpty())
            continue;
        items.append({item.at(0).toDouble(), item.at(1).toString()});
    }
    return items;
}

QString failureMessage(const QString &node, const QString &nodeType, const QString &text)
{
    QString message = QStringLiteral("Task failed");
    if (!node.isEmpty()) {
        message += QStringLiteral(" in node ") + node;
        if (!nodeType.isEmpty())
            message += QStringLiteral(" (") + nodeType + QLatin1Char(')');
    }
    if (!text.isEmpty())
        message += QStringLiteral(": ") + text;
    return message;
}

bool isEvidenceOfAbsence(PromptStatus::State state)
{
    return state == PromptStatus::State::NotFound || state == PromptStatus::State::Lost;
}

} // namespace

PromptTracker::PromptTracker(QObject *parent)
    : QObject(parent)
{}

PromptTracker::Entry &PromptTracker::entryFor(const QString &promptId)
{
    auto it = m_entries.find(promptId);
    if (it == m_entries.end()) {
        it = m_entries.insert(promptId, Entry());
        it->status = derive(promptId, *it);
        m_active.insert(promptId);
    }
    return *it;
}

void PromptTracker::track(const QString &promptId, const QJsonObject &nodeErrors)
{
    if (promptId.isEmpty())
        return;
    Entry &entry = entryFor(promptId);
    m_tracked.insert(promptId);
    if (!nodeErrors.isEmpty())
        entry.nodeErrors = nodeErrors;
    publish(promptId, entry);
    updateFinalNodeErrors(promptId, entry);
}

void PromptTracker::markSubmitted(const QString &promptId, double number,
                                  const QJsonObject &nodeErrors)
{
    if (promptId.isEmpty())
        return;
    Entry &entry = entryFor(promptId);
    m_tracked.insert(promptId);
    entry.nodeErrors = nodeErrors;
    if (entry.phase == Phase::None)
        entry.priority = number;
    markSeenActive(entry, Phase::Pending);
    publish(promptId, entry);
    updateFinalNodeErrors(promptId, entry);
}

void PromptTracker::updateFinalNodeErrors(const QString &promptId, Entry &entry)
{
    // Events (even the history) can beat the POST /prompt answer for a fast prompt.
    if (!entry.isFinal || entry.nodeErrors.isEmpty()
        || entry.status.nodeErrors == entry.nodeErrors) {
        return;
    }
    entry.status.nodeErrors = entry.nodeErrors;
    Q_EMIT statusChanged(promptId);
}

QStringList PromptTracker::trackedUnfinished() const
{
    QStringList ids;
    for (const QString &id : m_tracked) {
        if (m_active.contains(id))
            ids.append(id);
    }
    return ids;
}

void PromptTracker::markSeenActive(Entry &entry, Phase phase)
{
    entry.phase = std::max(entry.phase, phase);
    entry.seenActiveGen = m_queueGen;
}

void PromptTracker::markFinished(const QString &promptId, Entry &entry)
{
    entry.phase = Phase::Finished;
    // Its result is only in the history now. Tracking it, even when another client
    // submitted it, makes the connection read that history once, so the prompt reaches
    // its final state instead of reading as running forever.
    m_tracked.insert(promptId);
}

void PromptTracker::reviveIfDisproved(const QString &promptId, Entry &entry)
{
    // NotFound and Lost say "ComfyUI does not have it"; seeing it in the queue or in
    // events proves otherwise (e.g. a snapshot read just before someone submitted it).
    if (entry.isFinal && isEvidenceOfAbsence(entry.status.state)) {
        entry.isFinal = false;
        m_active.insert(promptId);
    }
}

void PromptTracker::applyQueue(const QJsonObject &queue)
{
    const bool changed = !m_hasQueue || queue != m_queue;
    m_queue = queue;
    m_hasQueue = true;
    m_reachable = true;     // an answer came
    m_queueStale = false;
    ++m_queueGen;

    const QList<QueueItem> running = queueItems(queue.value(QLatin1String("queue_running")));
    QList<QueueItem> pending = queueItems(queue.value(QLatin1String("queue_pending")));
    // ComfyUI sends its heap as is; the heap orders by (number, prompt_id).
    std::sort(pending.begin(), pending.end(), [](const QueueItem &a, const QueueItem &b) {
        return a.number != b.number ? a.number < b.number : a.promptId < b.promptId;
    });

    for (const QueueItem &item : running) {
        Entry &entry = entryFor(item.promptId);
        reviveIfDisproved(item.promptId, entry);
        if (entry.isFinal)
            continue;
        markSeenActive(entry, Phase::Running);
        entry.inQueueGen = m_queueGen;
        entry.priority = item.number;
    }
    for (qsizetype i = 0; i < pending.size(); ++i) {
        const QueueItem &item = pending.at(i);
        Entry &entry = entryFor(item.promptId);
        reviveIfDisproved(item.promptId, entry);
        if (entry.isFinal)
            continue;   // e.g. cancelled by us while this snapshot was on its way
        markSeenActive(entry, Phase::Pending);
        entry.inQueueGen = m_queueGen;
        entry.queuePosition = int(i + 1);
        entry.priority = item.number;
    }

    // Seen active before this snapshot and not in it: it finished (or was removed). Its
    // history read tells which; until then it still reads as running.
    for (const QString &id : std::as_const(m_active)) {
        Entry &entry = m_entries[id];
        if (entry.phase != Phase::None && entry.inQueueGen != m_queueGen
            && entry.seenActiveGen < m_queueGen) {
            markFinished(id, entry);
        }
    }
    publishActive();
    if (changed)
        Q_EMIT queueChanged();
}

void PromptTracker::applyHistory(const QJsonObject &history)
{
    for (auto it = history.constBegin(); it != history.constEnd(); ++it) {
        const QString &promptId = it.key();
        if (promptId.isEmpty())
            continue;
        const HistoryEntry parsed = HistoryEntry::parse(promptId, it.value());
        Entry &entry = entryFor(promptId);

        PromptStatus status;
        status.promptId = promptId;
        if (parsed.outcome == HistoryEntry::Outcome::Invalid) {
            // Never demote a good answer because of a later bad one.
            if (entry.isFinal)
                continue;
            status.state = PromptStatus::State::Error;
            status.message = QStringLiteral("Task status cannot be read: ComfyUI's history "
                                            "entry for it is invalid (%1)")
                                 .arg(parsed.problem);
            finish(promptId, entry, status);
            continue;
        }

        // A valid history entry is ComfyUI's own final record: it replaces whatever we
        // concluded before (e.g. Cancelled when the delete came too late to stop it).
        status.priority = parsed.number;
        status.startedAtMs = parsed.startedAtMs;
        status.executionTime = parsed.executionTime;
        status.outputs = parsed.outputs;
        switch (parsed.outcome) {
        case HistoryEntry::Outcome::Success:
            status.images = parsed.images;
            if (status.images.isEmpty()) {
                // "processing" is the inherited service's name for "ComfyUI has it but no
                // images". Here it is FINAL: history is written once, when the prompt has
                // finished, so an entry without images will never gain any; waiting for
                // them would leave callers polling forever.
                status.state = PromptStatus::State::Processing;
                status.message = kProcessing;
            } else {
                status.state = PromptStatus::State::Completed;
                status.message = kCompleted;
            }
            break;
        case HistoryEntry::Outcome::Error:
            status.state = PromptStatus::State::Error;
            status.errorNode = parsed.errorNode;
            status.errorNodeType = parsed.errorNodeType;
            status.exceptionType = parsed.exceptionType;
            status.exceptionMessage = parsed.exceptionMessage;
            status.message = failureMessage(parsed.errorNode, parsed.errorNodeType,
                                            parsed.exceptionMessage);
            break;
        case HistoryEntry::Outcome::Interrupted:
            status.state = PromptStatus::State::Interrupted;
            status.errorNode = parsed.errorNode;
            status.errorNodeType = parsed.errorNodeType;
            status.message = kInterrupted;
            break;
        case HistoryEntry::Outcome::Invalid:
            break;
        }
        finish(promptId, entry, status);
    }
}

void PromptTracker::applyHistoryMissing(const QString &promptId)
{
    if (promptId.isEmpty())
        return;
    Entry &entry = entryFor(promptId);
    // Without a fresh snapshot, or while it is in the snapshot, {} is what a queued or
    // running prompt answers too: nothing to conclude.
    if (entry.isFinal || !m_reachable || !m_hasQueue || m_queueStale
        || entry.inQueueGen == m_queueGen) {
        publish(promptId, entry);
        return;
    }
    PromptStatus status;
    status.promptId = promptId;
    if (entry.phase == Phase::None) {
        // Never seen queued or running. Should someone submit this id after our snapshot,
        // the next snapshot or event revives it (see reviveIfDisproved).
        status.state = PromptStatus::State::NotFound;
        status.message = kNotFound;
        finish(promptId, entry, status);
    } else if (entry.seenActiveGen < m_queueGen) {
        // A snapshot read after we last saw it active does not hold it, and ComfyUI has no
        // result for it: it will never finish.
        status.state = PromptStatus::State::Lost;
        status.message = kLostMissing;
        status.priority = entry.priority;
        status.startedAtMs = entry.startedAtMs;
        finish(promptId, entry, status);
    } else {
        // Seen active (submitted, or events) after the snapshot was read: the snapshot may
        // predate it. Wait for the next one.
        publish(promptId, entry);
    }
}

void PromptTracker::applyEvent(const ComfyEvent &event)
{
    using Type = ComfyEvent::Type;
    switch (event.type) {
    case Type::ExecutionStart:
    case Type::ExecutionCached:
    case Type::Executing:
    case Type::Progress:
    case Type::ProgressState:
    case Type::Executed:
    case Type::ExecutionSuccess:
    case Type::ExecutionError:
    case Type::ExecutionInterrupted:
        break;
    default:
        return;     // status, previews, text: not about one prompt's state
    }

    QString promptId = event.promptId;
    if (promptId.isEmpty()) {
        // After a reconnect ComfyUI re-sends "executing" for the current node without a
        // prompt_id; it can only be the one prompt we know to be running.
        if (event.type != Type::Executing || event.nodeIsNull || event.node.isEmpty())
            return;
        QString runningId;
        for (const QString &id : std::as_const(m_active)) {
            if (m_entries.value(id).phase != Phase::Running)
                continue;
            if (!runningId.isEmpty())
                return;     // ambiguous
            runningId = id;
        }
        if (runningId.isEmpty())
            return;
        promptId = runningId;
    }

    Entry &entry = entryFor(promptId);
    reviveIfDisproved(promptId, entry);
    if (entry.isFinal)
        return;

    switch (event.type) {
    case Type::ExecutionStart:
        markSeenActive(entry, Phase::Running);
        entry.startedAtMs = event.timestamp;
        entry.currentNode.clear();
        entry.step = 0;
        entry.maxSteps = 0;
        break;
    case Type::ExecutionCached:
    case Type::Executed:
        // Images are NOT taken from executed.output: the history entry carries the same
        // {filename, subfolder, type} for every output node, cached ones included, and is
        // the single source, so a status never mixes two half-views of one run.
        markSeenActive(entry, Phase::Running);
        break;
    case Type::Executing:
        if (event.nodeIsNull) {
            markFinished(promptId, entry);
            entry.currentNode.clear();
        } else {
            markSeenActive(entry, Phase::Running);
            entry.currentNode = event.node;
            entry.step = 0;
            entry.maxSteps = 0;
        }
        break;
    case Type::Progress:
        markSeenActive(entry, Phase::Running);
        if (!event.node.isEmpty())
            entry.currentNode = event.node;
        entry.step = event.value;
        entry.maxSteps = event.max;
        break;
    case Type::ProgressState: {
        markSeenActive(entry, Phase::Running);
        // Broadcast even for other clients' prompts: the only progress we get for them.
        const QJsonObject nodes = event.data.value(QLatin1String("nodes")).toObject();
        for (auto it = nodes.constBegin(); it != nodes.constEnd(); ++it) {
            const QJsonObject node = it.value().toObject();
            if (node.value(QLatin1String("state")).toString() != QLatin1String("running"))
                continue;
            entry.currentNode = it.key();
            entry.step = qRound(node.value(QLatin1String("value")).toDouble());
            entry.maxSteps = qRound(node.value(QLatin1String("max")).toDouble());
            break;
        }
        break;
    }
    case Type::ExecutionSuccess:
        // Finished, awaiting history: it keeps reading as running until the history read
        // (which ComfyConnection makes next) gives the images and the execution time.
        markFinished(promptId, entry);
        break;
    case Type::ExecutionError:
    case Type::ExecutionInterrupted: {
        PromptStatus status;
        status.promptId = promptId;
        status.priority = entry.priority;
        status.startedAtMs = entry.startedAtMs;
        if (entry.startedAtMs > 0 && event.timestamp >= entry.startedAtMs)
            status.executionTime = double(event.timestamp - entry.startedAtMs) / 1000.0;
        const QString node = comfyNodeId(event.data.value(QLatin1String("node_id")));
        status.errorNode = node.isEmpty() ? event.node : node;
        status.errorNodeType = event.data.value(QLatin1String("node_type")).toString();
        if (event.type == Type::ExecutionError) {
            status.state = PromptStatus::State::Error;
            status.exceptionType = event.data.value(QLatin1String("exception_type")).toString();
            status.exceptionMessage =
                event.data.value(QLatin1String("exception_message")).toString().trimmed();
            status.message = failureMessage(status.errorNode, status.errorNodeType,
                                            status.exceptionMessage);
        } else {
            status.state = PromptStatus::State::Interrupted;
            status.message = kInterrupted;
        }
        finish(promptId, entry, status);
        return;
    }
    default:
        break;
    }
    publish(promptId, entry);
}

void PromptTracker::markCancelled(const QString &promptId)
{
    if (promptId.isEmpty())
        return;
    Entry &entry = entryFor(promptId);
    if (entry.isFinal && !isEvidenceOfAbsence(entry.status.state))
        return;     // it already ended otherwise; a late delete changes nothing
    // ComfyUI deletes only pending prompts: one that already runs goes on and ends as
    // completed, failed or interrupted, which its history read will tell.
    if (entry.phase >= Phase::Running)
        return;
    PromptStatus status;
    status.promptId = promptId;
    status.state = PromptStatus::State::Cancelled;
    status.message = kCancelled;
    status.priority = entry.priority;
    finish(promptId, entry, status);
}

void PromptTracker::setServerReachable(bool reachable)
{
    if (reachable == m_reachable)
        return;
    m_reachable = reachable;
    // What we knew before the outage may be stale (prompts ran, the server may have
    // restarted): keep reading Unknown until a fresh queue snapshot.
    if (reachable)
        m_queueStale = true;
    publishActive();
}

void PromptTracker::serverRestarted()
{
    const QSet<QString> active = m_active;
    for (const QString &id : active) {
        auto it = m_entries.find(id);
        if (it == m_entries.end() || it->isFinal || it->phase == Phase::None
            || it->inQueueGen == m_queueGen) {
            continue;
        }
        PromptStatus status;
        status.promptId = id;
        status.state = PromptStatus::State::Lost;
        status.message = kLostRestart;
        status.priority = it->priority;
        status.startedAtMs = it->startedAtMs;
        finish(id, *it, status);
    }
}

PromptStatus PromptTracker::status(const QString &promptId) const
{
    const auto it = m_entries.constFind(promptId);
    if (it != m_entries.constEnd())
        return it->status;
    return derive(promptId, Entry());
}

QList<PromptStatus> PromptTracker::all() const
{
    QList<PromptStatus> list;
    list.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        list.append(entry.status);
    return list;
}

PromptStatus PromptTracker::derive(const QString &promptId, const Entry &entry) const
{
    if (entry.isFinal)
        return entry.status;

    PromptStatus status;
    status.promptId = promptId;
    status.nodeErrors = entry.nodeErrors;
    status.priority = entry.priority;
    status.startedAtMs = entry.startedAtMs;

    if (!m_reachable) {
        status.message = kUnreachable;
        return status;
    }
    if (!m_hasQueue || m_queueStale) {
        status.message = kNoQueue;
        return status;
    }
    switch (entry.phase) {
    case Phase::None:
        status.message = kNoHistory;
        break;
    case Phase::Pending:
        status.state = PromptStatus::State::Pending;
        status.message = kPending;
        // 0 when submitted after the last snapshot: its place is not known yet.
        status.queuePosition = entry.inQueueGen == m_queueGen ? entry.queuePosition : 0;
        break;
    case Phase::Running:
    case Phase::Finished:
        status.state = PromptStatus::State::Running;
        status.message = kRunning;
        status.currentNode = entry.currentNode;
        status.step = entry.step;
        status.maxSteps = entry.maxSteps;
        break;
    }
    return status;
}

void PromptTracker::publish(const QString &promptId, Entry &entry)
{
    PromptStatus next = derive(promptId, entry);
    if (next == entry.status)
        return;
    entry.status = std::move(next);
    Q_EMIT statusChanged(promptId);
}

void PromptTracker::publishActive()
{
    // A copy: a slot connected to statusChanged may call back into the tracker.
    const QSet<QString> active = m_active;
    for (const QString &id : active) {
        auto it = m_entries.find(id);
        if (it != m_entries.end())
            publish(id, *it);
    }
}

void PromptTracker::finish(const QString &promptId, Entry &entry, PromptStatus status)
{
    status.promptId = promptId;
    if (status.nodeErrors.isEmpty())
        status.nodeErrors = entry.nodeErrors;
    entry.isFinal = true;
    m_active.remove(promptId);
    if (status == entry.status)
        return;
    entry.status = std::move(status);
    Q_EMIT statusChanged(promptId);
}
