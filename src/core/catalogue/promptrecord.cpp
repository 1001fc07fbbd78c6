#include "promptrecord.h"

PromptRecord PromptRecord::fromStatus(const QString &server, const PromptStatus &status)
{
    using State = PromptStatus::State;

    PromptRecord record;
    record.server = server;
    record.promptId = status.promptId;
    record.hasStatus = true;
    record.status = PromptStatus::stateName(status.state);
    record.reason = reasonCode(status.reason);
    record.startedAtMs = status.startedAtMs;
    record.executionTime = status.executionTime;
    // The tracker keeps no end time; it follows from the start and the duration, and is
    // left unknown (0 keeps what is stored) rather than guessed from the clock.
    if (status.isFinal() && status.startedAtMs > 0 && status.executionTime >= 0)
        record.finishedAtMs = status.startedAtMs + qint64(status.executionTime * 1000.0);
    record.errorNode = status.errorNode;
    record.errorType = status.exceptionType;
    record.errorMessage = status.exceptionMessage;
    // An unreadable history entry has no exception; what is wrong with it is its message,
    // as HistoryPage records it.
    if (record.errorMessage.isEmpty() && status.reason == PromptStatus::Reason::InvalidHistory)
        record.errorMessage = status.reasonDetail;
    // Only a completed prompt's list is known to be whole; other states leave the stored
    // images alone.
    if (status.state == State::Completed) {
        record.hasImages = true;
        record.images = status.images;
    }
    return record;
}

QString PromptRecord::reasonCode(PromptStatus::Reason reason)
{
    using Reason = PromptStatus::Reason;
    switch (reason) {
    case Reason::None: return {};
    case Reason::ServerUnreachable: return QStringLiteral("server_unreachable");
    case Reason::QueueNotRead: return QStringLiteral("queue_not_read");
    case Reason::HistoryNotRead: return QStringLiteral("history_not_read");
    case Reason::LeftQueueNoHistory: return QStringLiteral("left_queue_no_history");
    case Reason::InvalidHistory: return QStringLiteral("invalid_history");
    case Reason::ExecutionFailed: return QStringLiteral("execution_failed");
    }
    return {};
}
