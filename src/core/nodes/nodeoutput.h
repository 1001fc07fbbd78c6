#pragma once

#include <QString>

// One output of a node class (ComfyUI's parallel output / output_name / output_is_list /
// output_tooltips arrays, zipped).
struct NodeOutput
{
    QString type;     // "LATENT", "IMAGE", ...
    QString name;     // the label; falls back to the type when the server sends none
    bool isList = false;
    QString tooltip;
};
