#pragma once

#include <QString>

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

    // The connection that knows promptId, else the current one.
    ComfyConnection &connectionFor(const QString &promptId) const;
};
