#pragma once

#include <QString>

class ComfyConnection;
class WorkflowStore;

// What every API controller needs from core. Controllers read core's in-memory model
// (tracker, queue snapshot) and never ask ComfyUI per request when memory can answer.
struct ApiContext
{
    ComfyConnection &connection;
    WorkflowStore &workflows;
    int maxWaitSeconds = 300;     // upper bound of POST /api/workflow/<name>?wait=N
};
