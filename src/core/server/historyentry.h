#pragma once

#include "promptstatus.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

// One value of a GET /history answer ({"<prompt id>": entry}), read defensively: ComfyUI,
// a proxy or a custom node may send anything, so every field is type-checked and a bad
// entry becomes Outcome::Invalid with a sentence saying what is wrong, never a crash.
//
// Recorded shape (tests/data/transcripts/v0.3.65/history_*.json):
//   {"prompt": [number, id, prompt, extra_data, outputs_to_execute],
//    "outputs": {node_id: {"images": [{"filename", "subfolder", "type"}]} | {"text": [...]}},
//    "status": {"status_str": "success"|"error", "completed": bool,
//               "messages": [[event, {"prompt_id", "timestamp", ...}], ...]},
//    "meta": {...}}
struct HistoryEntry
{
    enum class Outcome {
        Invalid,     // not readable; problem says why
        Success,     // status_str "success" and completed
        Error,       // last message execution_error (or status_str "error" without one)
        Interrupted  // last message execution_interrupted
    };

    QString promptId;
    Outcome outcome = Outcome::Invalid;
    QString problem;            // Invalid: what is wrong with the entry

    double number = 0;          // prompt[0]: the queue priority it ran with
    QList<ImageRef> images;     // every images[] item of every output node, in node order
    QJsonObject outputs;        // as sent
    qint64 startedAtMs = 0;     // execution_start timestamp, 0 if absent
    qint64 endedAtMs = 0;       // execution_success/error/interrupted timestamp, 0 if absent
    double executionTime = -1;  // seconds between the two, -1 when either is missing

    QString errorNode;          // Error / Interrupted: the node it stopped in
    QString errorNodeType;
    QString exceptionType;      // Error
    QString exceptionMessage;

    static HistoryEntry parse(const QString &promptId, const QJsonValue &value);
};
