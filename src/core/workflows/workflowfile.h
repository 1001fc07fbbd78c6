#pragma once

#include "workflowresult.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// What a workflow file may contain, independent of where it is stored: JSON text in
// ComfyUI's "API format", either bare {"<id>": {"class_type", "inputs"}} or wrapped as
// {"prompt": {...}} (the files of the original Flask service were wrapped).
class WorkflowFile final
{
public:
    static constexpr qint64 MaxSize = 16 * 1024 * 1024;

    // Parses and checks JSON bytes; the result's graph is always the bare graph.
    // `what` names the source in messages ("workflow 'x'", "file '/tmp/a.json'").
    static WorkflowResult parse(const QByteArray &json, const QString &what);

    // Checks an already parsed object: recognises UI-format saves, unwraps {"prompt": ...}
    // and checks the API graph shape.
    static WorkflowResult fromObject(const QJsonObject &object, const QString &what);

    // Empty error if every node is {"class_type": "<non-empty string>", "inputs": {...}}.
    static WorkflowError checkGraph(const QJsonObject &graph, const QString &what);

    // True for the "Save"/"Export" (non-API) form of the ComfyUI front end.
    static bool isUiFormat(const QJsonObject &object);

    // Sorts node ids as people read them: numbers numerically ("2" < "10"), then others.
    static void sortNodeIds(QStringList &ids);

    // 1-based line and column (in characters) of a byte offset in UTF-8 text.
    static void lineAndColumn(const QByteArray &text, qint64 offset, int *line, int *column);
};
