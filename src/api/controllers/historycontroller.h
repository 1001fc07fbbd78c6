#pragma once

#include "apiresponder.h"

#include <QObject>

class HttpServerAdapter;
struct ApiContext;
struct ApiRequest;

// GET /api/history[?max_items=N] and GET /api/history/<prompt_id>: ComfyUI's own answers,
// passed through (history is ComfyUI's record, not ours). A per-prompt answer also feeds
// the tracker, so a later task_status for that prompt is answered from memory.
class HistoryController final : public QObject
{
    Q_OBJECT
public:
    explicit HistoryController(ApiContext &context, QObject *parent = nullptr);

    void registerRoutes(HttpServerAdapter &server);

private:
    void all(const ApiRequest &request, ApiResponder responder);
    void one(const ApiRequest &request, ApiResponder responder);

    ApiContext &m_context;
};
