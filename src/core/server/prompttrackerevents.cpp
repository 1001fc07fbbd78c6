// PromptTracker, part two: what websocket events tell about a prompt.
#include "prompttracker.h"

#include "comfynodeid.h"

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
            markFinished(entry);
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
        markFinished(entry);
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
            status.reason = PromptStatus::Reason::ExecutionFailed;
            status.exceptionType = event.data.value(QLatin1String("exception_type")).toString();
            status.exceptionMessage =
                event.data.value(QLatin1String("exception_message")).toString().trimmed();
        } else {
            status.state = PromptStatus::State::Interrupted;
        }
        finish(promptId, entry, status);
        return;
    }
    default:
        break;
    }
    publish(promptId, entry);
}
