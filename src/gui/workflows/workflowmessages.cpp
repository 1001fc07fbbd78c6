#include "workflowmessages.h"

#include "workflowfile.h"

using Kind = WorkflowError::Kind;

QString WorkflowMessages::fileNote(const WorkflowError &error)
{
    switch (error.kind) {
    case Kind::None:
        return {};
    case Kind::UiFormat:
        return tr("UI format: open it in ComfyUI and use Export (API)");
    case Kind::InvalidJson:
        return tr("Not valid JSON (line %1, column %2)").arg(error.line).arg(error.column);
    case Kind::TooLarge:
        return tr("Too large to open (over %1 MB)").arg(WorkflowFile::MaxSize / (1024 * 1024));
    case Kind::NotAnObject:
    case Kind::InvalidGraph:
        return tr("Not a ComfyUI API-format workflow");
    default:
        return tr("Cannot be read");
    }
}

QString WorkflowMessages::importProblem(const QString &fileName, const WorkflowError &error)
{
    const bool png = fileName.endsWith(QLatin1String(".png"), Qt::CaseInsensitive);
    switch (error.kind) {
    case Kind::None:
        return {};
    case Kind::UiFormat:
        if (png) {
            return tr("“%1” holds only ComfyUI's UI workflow, not the API-format prompt. "
                      "Open it in ComfyUI, use Workflow › Export (API) (“Save (API Format)” "
                      "in older versions) and import the exported file.")
                .arg(fileName);
        }
        return tr("“%1” is a ComfyUI UI-format workflow, not the API format ComfyDesk runs. "
                  "Open it in ComfyUI, use Workflow › Export (API) (“Save (API Format)” in "
                  "older versions) and import the exported file.")
            .arg(fileName);
    case Kind::NoWorkflowInPng:
        return tr("“%1” is a PNG without a ComfyUI workflow: it has no “prompt” text. Only "
                  "images saved by ComfyUI carry one.")
            .arg(fileName);
    case Kind::InvalidJson:
        return tr("“%1” is neither an API-format workflow (JSON) nor a PNG made by ComfyUI: "
                  "it is not valid JSON (line %2, column %3).")
            .arg(fileName)
            .arg(error.line)
            .arg(error.column);
    case Kind::NotAnObject:
    case Kind::InvalidGraph:
        return tr("“%1” is JSON, but not a ComfyUI API-format workflow.").arg(fileName);
    case Kind::TooLarge:
        return tr("“%1” is too large to import (the limit is %2 MB).")
            .arg(fileName)
            .arg(WorkflowFile::MaxSize / (1024 * 1024));
    case Kind::NotFound:
        return tr("“%1” does not exist.").arg(fileName);
    default:
        return tr("“%1” could not be imported: %2").arg(fileName, reason(error));
    }
}

QString WorkflowMessages::reason(const WorkflowError &error)
{
    switch (error.kind) {
    case Kind::None:
        return {};
    case Kind::AlreadyExists:
        return tr("a workflow with that name already exists");
    case Kind::NotFound:
        return tr("it is no longer in the workflows folder");
    case Kind::InvalidName:
    case Kind::Io:
    default:
        // Core's own wording (English): it names the exact character or system error.
        return error.message;
    }
}
