#include "statustext.h"

#include "promptstatus.h"

namespace {

QString failure(const PromptStatus &status)
{
    QString message = QStringLiteral("Task failed");
    if (!status.errorNode.isEmpty()) {
        message += QStringLiteral(" in node ") + status.errorNode;
        if (!status.errorNodeType.isEmpty())
            message += QStringLiteral(" (") + status.errorNodeType + QLatin1Char(')');
    }
    if (!status.exceptionMessage.isEmpty())
        message += QStringLiteral(": ") + status.exceptionMessage;
    return message;
}

} // namespace

QString StatusText::message(const PromptStatus &status)
{
    using State = PromptStatus::State;
    using Reason = PromptStatus::Reason;
    switch (status.state) {
    case State::Pending:
        return QStringLiteral("Task is waiting in queue");
    case State::Running:
        return QStringLiteral("Task is currently running");
    case State::Completed:
        return QStringLiteral("Image generation completed");
    case State::CompletedWithoutImages:
        return QStringLiteral("Task finished without images");
    case State::Interrupted:
        return QStringLiteral("Task was interrupted");
    case State::Cancelled:
        return QStringLiteral("Task was removed from the queue");
    case State::NotFound:
        return QStringLiteral("Task not found on the ComfyUI server");
    case State::Lost:
        return QStringLiteral("Task was lost: it left the ComfyUI queue and is not in the "
                              "ComfyUI history (deleted by another client, or the server "
                              "restarted)");
    case State::Error:
        if (status.reason == Reason::InvalidHistory) {
            return QStringLiteral("Task status cannot be read: ComfyUI's history entry for "
                                  "it is invalid (%1)")
                .arg(status.reasonDetail);
        }
        return failure(status);
    case State::Unknown:
        break;
    }
    switch (status.reason) {
    case Reason::ServerUnreachable:
        return QStringLiteral("Task status cannot be determined: ComfyUI is unreachable");
    case Reason::QueueNotRead:
        return QStringLiteral("Task status cannot be determined yet: the ComfyUI queue has "
                              "not been read");
    default:
        return QStringLiteral("Task status cannot be determined yet: its ComfyUI history has "
                              "not been read");
    }
}
