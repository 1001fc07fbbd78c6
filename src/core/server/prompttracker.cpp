#include "prompttracker.h"

#include "historyentry.h"

#include <algorithm>

namespace {

// Progress of a sampler can tick hundreds of times a second; views need ~20 Hz.
constexpr int ProgressIntervalMs = 50;

bool isEvidenceOfAbsence(PromptStatus::State state)
{
    return state == PromptStatus::State::NotFound || state == PromptStatus::State::Lost;
}

// Everything but the progress fields: what decides statusChanged over progressChanged.
bool sameApartFromProgress(PromptStatus a, PromptStatus b)
{
    a.currentNode = b.currentNode;
    a.step = b.step;
    a.maxSteps = b.maxSteps;
    return a == b;
}

} // namespace

PromptTracker::PromptTracker(QObject *parent)
    : QObject(parent)
{
    m_progressTimer.setSingleShot(true);
    m_progressTimer.setInterval(ProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &PromptTracker::flushProgress);
}

PromptTracker::Entry &PromptTracker::entryFor(const QString &promptId)
{
    auto it = m_entries.find(promptId);
    if (it == m_entries.end()) {
        it = m_entries.insert(promptId, Entry());
        it->status = derive(promptId, *it);
        m_active.insert(promptId);
        Q_EMIT promptAdded(promptId);
    }
    return *it;
}

void PromptTracker::track(const QString &promptId, const QJsonObject &nodeErrors)
{
    if (promptId.isEmpty())
        return;
    Entry &entry = entryFor(promptId);
    entry.tracked = true;
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
    // ComfyUI accepting it again (moved to the front: deleted, then queued anew) proves
    // an earlier "gone" wrong.
    if (entry.isFinal && isEvidenceOfAbsence(entry.status.state)) {
        reviveIfDisproved(promptId, entry);
        entry.phase = Phase::None;
    }
    entry.tracked = true;
    entry.nodeErrors = nodeErrors;
    // ComfyUI's answer is the prompt's number now (a prompt queued again at the front
    // gets a new, negative one).
    if (entry.phase <= Phase::Pending) {
        entry.priority = number;
        m_positionsDirty = true;
    }
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
    // Only the active set is scanned: its size is the queue's, not the history's.
    QStringList ids;
    for (const QString &id : m_active) {
        const auto it = m_entries.constFind(id);
        if (it != m_entries.cend() && it->tracked)
            ids.append(id);
    }
    return ids;
}

QStringList PromptTracker::pendingIds() const
{
    QStringList ids;
    for (const QString &id : m_active) {
        const auto it = m_entries.constFind(id);
        if (it != m_entries.cend() && it->phase == Phase::Pending)
            ids.append(id);
    }
    return ids;
}

void PromptTracker::markSeenActive(Entry &entry, Phase phase)
{
    if (phase > entry.phase || entry.phase == Phase::Pending)
        m_positionsDirty = true;
    entry.phase = std::max(entry.phase, phase);
    entry.seenActiveReq = m_requestSeq;
}

void PromptTracker::markFinished(Entry &entry)
{
    if (entry.phase == Phase::Pending)
        m_positionsDirty = true;
    entry.phase = Phase::Finished;
    // Its result is only in the history now. Tracking it, even when another client
    // submitted it, makes the connection read that history once, so the prompt reaches
    // its final state instead of reading as running forever.
    entry.tracked = true;
}

void PromptTracker::reviveIfDisproved(const QString &promptId, Entry &entry)
{
    // NotFound and Lost say "ComfyUI does not have it"; seeing it in the queue or in
    // events proves otherwise (e.g. a snapshot read just before someone submitted it).
    if (entry.isFinal && isEvidenceOfAbsence(entry.status.state)) {
        entry.isFinal = false;
        entry.finalSeq = 0;
        m_active.insert(promptId);
    }
}

void PromptTracker::applyQueue(const QJsonObject &queue, quint64 requestToken)
{
    applyQueue(QueueSnapshot::fromJson(queue), requestToken);
}

void PromptTracker::applyQueue(QueueSnapshot snapshot, quint64 requestToken)
{
    const bool changed = !m_hasQueue || !snapshot.queue.hasSamePrompts(m_queue);
    m_queueJson = std::move(snapshot.json);
    m_queue = std::move(snapshot.queue);
    m_hasQueue = true;
    m_reachable = true;     // an answer came
    m_queueStale = false;
    m_positionsDirty = true;
    ++m_queueGen;
    m_appliedRequest = requestToken;

    for (const QueueEntry &item : std::as_const(m_queue.running)) {
        Entry &entry = entryFor(item.promptId);
        reviveIfDisproved(item.promptId, entry);
        if (entry.isFinal)
            continue;
        markSeenActive(entry, Phase::Running);
        entry.inQueueGen = m_queueGen;
        entry.priority = item.number;
    }
    for (const QueueEntry &item : std::as_const(m_queue.pending)) {
        Entry &entry = entryFor(item.promptId);
        reviveIfDisproved(item.promptId, entry);
        if (entry.isFinal)
            continue;   // e.g. cancelled by us while this snapshot was on its way
        markSeenActive(entry, Phase::Pending);
        entry.inQueueGen = m_queueGen;
        entry.priority = item.number;
    }

    // Seen active before this snapshot and not in it: it finished (or was removed). Its
    // history read tells which; until then it still reads as running.
    for (const QString &id : std::as_const(m_active)) {
        Entry &entry = m_entries[id];
        if (entry.phase != Phase::None && entry.inQueueGen != m_queueGen
            && entry.seenActiveReq < requestToken) {
            markFinished(entry);
        }
    }
    publishActive();
    if (changed)
        Q_EMIT queueChanged();
}

bool PromptTracker::refreshPositions()
{
    // A pending prompt's place: among every prompt known to be pending (in the last
    // snapshot, or accepted since), in ComfyUI's run order (number, then prompt id). So a
    // prompt has its place from the moment its submit is answered, not from the next read.
    if (!m_positionsDirty)
        return false;
    m_positionsDirty = false;
    struct Place
    {
        double number;
        const QString *id;
        Entry *entry;
    };
    QList<Place> pending;
    for (const QString &id : std::as_const(m_active)) {
        Entry &entry = m_entries[id];
        if (entry.phase == Phase::Pending)
            pending.append({entry.priority, &id, &entry});
    }
    std::sort(pending.begin(), pending.end(), [](const Place &a, const Place &b) {
        return a.number != b.number ? a.number < b.number : *a.id < *b.id;
    });
    bool moved = false;
    for (qsizetype i = 0; i < pending.size(); ++i) {
        if (pending.at(i).entry->queuePosition != int(i + 1)) {
            pending.at(i).entry->queuePosition = int(i + 1);
            moved = true;
        }
    }
    return moved;
}

void PromptTracker::applyHistory(const QJsonObject &history)
{
    for (auto it = history.constBegin(); it != history.constEnd(); ++it) {
        if (!it.key().isEmpty())
            applyHistoryEntry(it.key(), it.value());
    }
}

void PromptTracker::applyHistoryEntry(const QString &promptId, const QJsonValue &value)
{
    const HistoryEntry parsed = HistoryEntry::parse(promptId, value);
    Entry &entry = entryFor(promptId);

    PromptStatus status;
    status.promptId = promptId;
    if (parsed.outcome == HistoryEntry::Outcome::Invalid) {
        // Never demote a good answer because of a later bad one.
        if (entry.isFinal)
            return;
        status.state = PromptStatus::State::Error;
        status.reason = PromptStatus::Reason::InvalidHistory;
        status.reasonDetail = parsed.problem;
        finish(promptId, entry, status);
        return;
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
        // Final even without images: history is written once, when the prompt has
        // finished, so an entry without images will never gain any; waiting for them
        // would leave callers polling forever.
        status.state = status.images.isEmpty() ? PromptStatus::State::CompletedWithoutImages
                                               : PromptStatus::State::Completed;
        break;
    case HistoryEntry::Outcome::Error:
        status.state = PromptStatus::State::Error;
        status.reason = PromptStatus::Reason::ExecutionFailed;
        status.errorNode = parsed.errorNode;
        status.errorNodeType = parsed.errorNodeType;
        status.exceptionType = parsed.exceptionType;
        status.exceptionMessage = parsed.exceptionMessage;
        break;
    case HistoryEntry::Outcome::Interrupted:
        status.state = PromptStatus::State::Interrupted;
        status.errorNode = parsed.errorNode;
        status.errorNodeType = parsed.errorNodeType;
        break;
    case HistoryEntry::Outcome::Invalid:
        break;
    }
    finish(promptId, entry, status);
}

void PromptTracker::applyHistoryMissing(const QString &promptId)
{
    if (promptId.isEmpty())
        return;
    Entry &entry = entryFor(promptId);
    // Without a fresh snapshot, or while it is in the snapshot, {} is what a queued or
    // running prompt answers too: nothing to conclude.
    if (entry.isFinal || !isQueueCurrent() || entry.inQueueGen == m_queueGen) {
        publish(promptId, entry);
        return;
    }
    PromptStatus status;
    status.promptId = promptId;
    if (entry.phase == Phase::None) {
        // Never seen queued or running. Should someone submit this id after our snapshot,
        // the next snapshot or event revives it (see reviveIfDisproved).
        status.state = PromptStatus::State::NotFound;
        finish(promptId, entry, status);
    } else if (entry.seenActiveReq < m_appliedRequest) {
        // A snapshot read after we last saw it active does not hold it, and ComfyUI has no
        // result for it: it will never finish (or our delete removed it).
        status.state = entry.cancelRequested ? PromptStatus::State::Cancelled
                                             : PromptStatus::State::Lost;
        if (!entry.cancelRequested)
            status.reason = PromptStatus::Reason::LeftQueueNoHistory;
        status.priority = entry.priority;
        status.startedAtMs = entry.startedAtMs;
        finish(promptId, entry, status);
    } else {
        // Seen active (submitted, or events) after the snapshot was read: the snapshot may
        // predate it. Wait for the next one.
        publish(promptId, entry);
    }
}

void PromptTracker::markCancelled(const QString &promptId)
{
    if (promptId.isEmpty())
        return;
    Entry &entry = entryFor(promptId);
    if (entry.isFinal && !isEvidenceOfAbsence(entry.status.state))
        return;     // it already ended otherwise; a late delete changes nothing
    // ComfyUI deletes only pending prompts: one that already runs goes on and ends as
    // completed, failed or interrupted, which its history read will tell. (Lost because
    // the queue read saw our delete's effect first is ours to correct.)
    const bool lostToOurDelete = entry.cancelRequested && entry.isFinal
                                 && entry.status.state == PromptStatus::State::Lost;
    if (entry.phase >= Phase::Running && !lostToOurDelete)
        return;
    PromptStatus status;
    status.promptId = promptId;
    status.state = PromptStatus::State::Cancelled;
    status.priority = entry.priority;
    finish(promptId, entry, status);
}

void PromptTracker::markCancelRequested(const QStringList &promptIds, bool requested)
{
    for (const QString &id : promptIds) {
        const auto it = m_entries.find(id);
        if (it != m_entries.end())
            it->cancelRequested = requested;
    }
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

void PromptTracker::setRecentLimit(int limit)
{
    m_recentLimit = qMax(0, limit);
    forgetOldFinished();
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
        status.reason = PromptStatus::Reason::ServerUnreachable;
        return status;
    }
    if (!m_hasQueue || m_queueStale) {
        status.reason = PromptStatus::Reason::QueueNotRead;
        return status;
    }
    switch (entry.phase) {
    case Phase::None:
        status.reason = PromptStatus::Reason::HistoryNotRead;
        break;
    case Phase::Pending:
        status.state = PromptStatus::State::Pending;
        status.queuePosition = qMax(1, entry.queuePosition);
        break;
    case Phase::Running:
    case Phase::Finished:
        status.state = PromptStatus::State::Running;
        status.currentNode = entry.currentNode;
        status.step = entry.step;
        status.maxSteps = entry.maxSteps;
        break;
    }
    return status;
}

void PromptTracker::publish(const QString &promptId, Entry &entry)
{
    if (refreshPositions()) {
        publishActive();    // other prompts moved too
        publishOne(promptId, entry);
        return;
    }
    publishOne(promptId, entry);
}

void PromptTracker::publishOne(const QString &promptId, Entry &entry)
{
    PromptStatus next = derive(promptId, entry);
    if (next == entry.status)
        return;
    const bool progressOnly = next.state == PromptStatus::State::Running
                              && entry.status.state == PromptStatus::State::Running
                              && sameApartFromProgress(next, entry.status);
    entry.status = std::move(next);
    if (!progressOnly) {
        m_progressDirty.remove(promptId);
        Q_EMIT statusChanged(promptId);
        return;
    }
    m_progressDirty.insert(promptId);
    if (!m_progressTimer.isActive())
        m_progressTimer.start();
}

void PromptTracker::flushProgress()
{
    const QSet<QString> dirty = std::exchange(m_progressDirty, {});
    for (const QString &id : dirty) {
        if (m_entries.contains(id))
            Q_EMIT progressChanged(id);
    }
}

void PromptTracker::publishActive()
{
    refreshPositions();
    // A copy: a slot connected to statusChanged may call back into the tracker.
    const QSet<QString> active = m_active;
    for (const QString &id : active) {
        auto it = m_entries.find(id);
        if (it != m_entries.end())
            publishOne(id, *it);
    }
}

void PromptTracker::finish(const QString &promptId, Entry &entry, PromptStatus status)
{
    status.promptId = promptId;
    if (status.nodeErrors.isEmpty())
        status.nodeErrors = entry.nodeErrors;
    if (entry.phase == Phase::Pending && !entry.isFinal)
        m_positionsDirty = true;
    entry.isFinal = true;
    entry.finalSeq = ++m_finalSeq;
    m_finalOrder.emplace_back(promptId, entry.finalSeq);
    m_active.remove(promptId);
    m_progressDirty.remove(promptId);
    if (status != entry.status) {
        entry.status = std::move(status);
        Q_EMIT statusChanged(promptId);
    }
    if (refreshPositions())
        publishActive();
    forgetOldFinished();
}

void PromptTracker::forgetOldFinished()
{
    // Finished prompts beyond the limit are forgotten, oldest first. A (id, seq) pair
    // whose seq no longer matches was revived or re-finished since: skip it.
    while (m_finalOrder.size() > size_t(m_recentLimit)) {
        const auto [id, seq] = m_finalOrder.front();
        m_finalOrder.pop_front();
        const auto it = m_entries.constFind(id);
        if (it == m_entries.cend() || !it->isFinal || it->finalSeq != seq)
            continue;
        m_entries.erase(it);
        Q_EMIT promptRemoved(id);
    }
}
