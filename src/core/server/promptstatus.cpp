#include "promptstatus.h"

QString PromptStatus::stateName(State state)
{
    switch (state) {
    case State::Unknown: return QStringLiteral("unknown");
    case State::NotFound: return QStringLiteral("not_found");
    case State::Pending: return QStringLiteral("pending");
    case State::Running: return QStringLiteral("running");
    case State::CompletedWithoutImages: return QStringLiteral("processing");
    case State::Completed: return QStringLiteral("completed");
    case State::Error: return QStringLiteral("error");
    case State::Interrupted: return QStringLiteral("interrupted");
    case State::Cancelled: return QStringLiteral("cancelled");
    case State::Lost: return QStringLiteral("lost");
    }
    return QStringLiteral("unknown");
}
