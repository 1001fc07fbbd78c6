#pragma once

#include "apiresponder.h"

#include <QObject>

class HttpServerAdapter;
struct ApiContext;
struct ApiRequest;

// ComfyUI and service status: GET /api/test_comfy, /api/system_stats (alias /api/status),
// /api/queue (alias /api/view_queue), /api/health, /api/ready.
class SystemController final : public QObject
{
    Q_OBJECT
public:
    explicit SystemController(ApiContext &context, QObject *parent = nullptr);

    void registerRoutes(HttpServerAdapter &server);

private:
    void testComfy(ApiResponder responder);
    void systemStats(ApiResponder responder);
    void queue(ApiResponder responder);
    ApiResponse ready() const;

    ApiContext &m_context;
    QByteArray m_queueBody; // serialised queue snapshot; emptied when the queue changes
};
