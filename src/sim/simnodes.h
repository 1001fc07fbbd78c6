#pragma once

#include "simvalue.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

class SimStorage;

struct SimNodeRun
{
    QList<SimValue> outputs;
    QJsonObject ui;               // {"images": [...]} or {"text": [...]}; empty: no UI
    QString errorType;            // non-empty: the node raised (Python exception type)
    QString errorMessage;
};

// What each simulated node computes from its resolved inputs.
namespace SimNodes {

struct Context
{
    const SimStorage *storage = nullptr;
    QJsonObject prompt;           // hidden input PROMPT (written into saved PNGs)
    QJsonObject extraPngInfo;     // hidden input EXTRA_PNGINFO
};

SimNodeRun run(const QString &classType, const QHash<QString, SimValue> &inputs,
               const Context &context);
// The picture a sampled latent decodes to (also used for the step previews).
QImage decodeLatent(const SimValue &latent, int index, int width, int height);

} // namespace SimNodes
