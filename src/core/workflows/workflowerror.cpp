#include "workflowerror.h"

WorkflowError WorkflowError::make(Kind kind, const QString &message)
{
    WorkflowError error;
    error.kind = kind;
    error.message = message;
    return error;
}

QString WorkflowError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None: return QStringLiteral("none");
    case Kind::InvalidName: return QStringLiteral("invalid_name");
    case Kind::NotFound: return QStringLiteral("not_found");
    case Kind::AlreadyExists: return QStringLiteral("already_exists");
    case Kind::TooLarge: return QStringLiteral("too_large");
    case Kind::InvalidJson: return QStringLiteral("invalid_json");
    case Kind::NotAnObject: return QStringLiteral("not_an_object");
    case Kind::UiFormat: return QStringLiteral("ui_format");
    case Kind::InvalidGraph: return QStringLiteral("invalid_graph");
    case Kind::NoWorkflowInPng: return QStringLiteral("no_workflow_in_png");
    case Kind::InvalidOverrides: return QStringLiteral("invalid_overrides");
    case Kind::Io: return QStringLiteral("io");
    }
    return QStringLiteral("unknown");
}

int WorkflowError::httpStatus(Kind kind)
{
    switch (kind) {
    case Kind::None: return 200;
    case Kind::InvalidName:
    case Kind::InvalidOverrides:
        return 400; // the caller sent something wrong
    case Kind::NotFound: return 404;
    case Kind::AlreadyExists: return 409;
    case Kind::TooLarge:
    case Kind::InvalidJson:
    case Kind::NotAnObject:
    case Kind::UiFormat:
    case Kind::InvalidGraph:
    case Kind::NoWorkflowInPng:
        // The request was fine but the stored (or uploaded) file cannot be used as a
        // workflow: 422 tells the caller to fix the file, not to retry.
        return 422;
    case Kind::Io: return 500;
    }
    return 500;
}
