#pragma once

#include "simjson.h"
#include "simvalue.h"

#include <QHash>
#include <QList>
#include <QStringList>

class SimStorage;

struct SimNodeRun
{
    QList<SimValue> outputs;
    SimJson ui;                   // {"images": [...]} or {"text": [...]}; empty: no UI
    QString errorType;            // non-empty: the node raised (Python exception type)
    QString errorMessage;
    QStringList traceback;        // Python's traceback lines; empty: a generic one
};

// What each simulated node computes from its resolved inputs.
namespace SimNodes {

struct Context
{
    const SimStorage *storage = nullptr;
    SimJson prompt;               // hidden input PROMPT (written into saved PNGs)
    SimJson extraPngInfo;         // hidden input EXTRA_PNGINFO
};

SimNodeRun run(const QString &classType, const QHash<QString, SimValue> &inputs,
               const Context &context);
// The picture a sampled latent decodes to (also used for the step previews).
QImage decodeLatent(const SimValue &latent, int index, int width, int height);

} // namespace SimNodes
