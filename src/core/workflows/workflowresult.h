#pragma once

#include "workflowerror.h"

#include <QJsonObject>
#include <QString>

#include <utility>

// A workflow graph (ComfyUI "API format", always bare: {"<id>": {"class_type", "inputs"}})
// or the reason there is none.
struct WorkflowResult
{
    QJsonObject graph;
    QString name;        // the stored name, when the operation knows one (load, import)
    WorkflowError error;

    bool isOk() const { return !error.isError(); }

    static WorkflowResult failure(WorkflowError error)
    {
        WorkflowResult result;
        result.error = std::move(error);
        return result;
    }
};
