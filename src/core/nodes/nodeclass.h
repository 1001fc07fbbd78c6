#pragma once

#include "nodeinput.h"
#include "nodeoutput.h"

#include <QList>
#include <QString>

// One node class of /object_info: what a form for it needs.
struct NodeClass
{
    QString name;             // the class_type used in API-format workflows
    QString displayName;      // falls back to name
    QString category;         // "sampling", "image/upscaling", ...
    QString description;
    QString pythonModule;     // "nodes", "comfy_extras.nodes_...", "custom_nodes...."
    bool outputNode = false;  // ends a graph (SaveImage, PreviewImage, ...)
    bool deprecated = false;
    bool experimental = false;
    bool apiNode = false;     // a paid, remote API node
    // Required, then optional, then hidden; each in ComfyUI's input_order (the order the
    // frontend shows), else in the order written in the answer.
    QList<NodeInput> inputs;
    QList<NodeOutput> outputs;

    // The input of that name, or nullptr; valid while this NodeClass lives unchanged.
    const NodeInput *input(const QString &inputName) const;
};
