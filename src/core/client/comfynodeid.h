#pragma once

#include <QJsonValue>
#include <QString>

// A ComfyUI node id as text. Node ids are strings in every recording, but a custom node
// could send a number: accept both rather than silently losing the node. Anything else
// (null, object, ...) is no id.
inline QString comfyNodeId(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    return {};
}
