#pragma once

#include <QString>

class Catalogue;
class CatalogueRecorder;
class ComfyConnection;
class ServerRegistry;
class WorkflowStore;

// What every API controller needs from core. Controllers read core's in-memory model
// (tracker, queue snapshot) and never ask ComfyUI per request when memory can answer.
struct ApiContext
{
    ComfyConnection &connection;
    WorkflowStore &workflows;
    int maxWaitSeconds = 300;     // upper bound of POST /api/workflow/<name>?wait=N
    // Where prompts of servers used before live (the desktop app can switch servers); a
    // prompt is always answered by the connection of the server that ran it.
    const ServerRegistry *servers = nullptr;
    // The local catalogue (null when switched off); its routes answer 503 while it is not
    // open. The recorder re-queues lost prompts.
    Catalogue *catalogue = nullptr;
    CatalogueRecorder *recorder = nullptr;

    // The connection that knows promptId, else the current one.
    ComfyConnection &connectionFor(const QString &promptId) const;
};
