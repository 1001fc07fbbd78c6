#pragma once

#include "apiresponder.h"

#include <QObject>

class HttpServerAdapter;
struct ApiContext;
struct ApiRequest;

// Queue control: POST /api/interrupt (optional {"prompt_id"}), POST /api/queue/delete
// ({"prompt_ids": [...]}), POST /api/queue/clear. Every change is followed by a resync so
// the tracker (and task_status) reflects it without waiting for ComfyUI's broadcast.
class QueueController final : public QObject
{
    Q_OBJECT
public:
    explicit QueueController(ApiContext &context, QObject *parent = nullptr);

    void registerRoutes(HttpServerAdapter &server);

private:
    void interrupt(const ApiRequest &request, ApiResponder responder);
    void remove(const ApiRequest &request, ApiResponder responder);
    void clear(ApiResponder responder);

    ApiContext &m_context;
};
