#pragma once

#include <QString>
#include <QStringList>

// Why a workflow operation (name check, load, save, import, overrides) failed.
// The REST API turns the kind into an HTTP status with httpStatus(); the GUI shows message.
struct WorkflowError
{
    enum class Kind {
        None,
        InvalidName,      // 400: the name could leave the folder or is not portable
        NotFound,         // 404: no such workflow file (or a symlink pointing nowhere)
        AlreadyExists,    // 409: rename/duplicate/import target is taken
        TooLarge,         // 422: the file is over the size limit; nothing was parsed
        InvalidJson,      // 422: not JSON; line/column/offset say where
        NotAnObject,      // 422: JSON, but an array/number/string at the top
        UiFormat,         // 422: a ComfyUI UI save ("nodes" + "links"), not "API format"
        InvalidGraph,     // 422: an object, but not {"<id>": {"class_type", "inputs"}}
        NoWorkflowInPng,  // 422: a PNG without a usable "prompt" text chunk
        InvalidOverrides, // 400: the caller's overrides do not fit the workflow
        Io                // 500: the disk said no (permissions, full, ...)
    };

    Kind kind = Kind::None;
    QString message;        // human text, names the workflow and what is wrong
    qint64 offset = -1;     // InvalidJson: byte offset of the parse error
    int line = 0;           // InvalidJson: 1-based line of the parse error
    int column = 0;         // InvalidJson: 1-based column (in characters) of the parse error
    QStringList nodeIds;    // InvalidOverrides/InvalidGraph: every offending node id, sorted

    bool isError() const { return kind != Kind::None; }

    static WorkflowError make(Kind kind, const QString &message);
    static QString kindName(Kind kind);  // "invalid_name", "not_found", ...
    static int httpStatus(Kind kind);    // the status the REST API answers with
};
