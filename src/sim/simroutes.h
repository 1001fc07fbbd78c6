#pragma once

#include "simhttprequest.h"
#include "simhttpresponse.h"
#include "simuserroutes.h"

class SimEngine;

// ComfyUI's HTTP routes (server.py), each also under /api/.
class SimRoutes final
{
public:
    explicit SimRoutes(SimEngine *engine) : m_engine(engine), m_userRoutes(engine) {}
    SimHttpResponse handle(const SimHttpRequest &request) const;

private:
    SimHttpResponse systemStats() const;
    SimHttpResponse postPrompt(const SimHttpRequest &request) const;
    SimHttpResponse postQueue(const SimHttpRequest &request) const;
    SimHttpResponse postHistory(const SimHttpRequest &request) const;
    SimHttpResponse getHistory(const SimHttpRequest &request) const;
    SimHttpResponse view(const SimHttpRequest &request) const;
    SimHttpResponse upload(const SimHttpRequest &request) const;

    SimEngine *m_engine;
    SimUserRoutes m_userRoutes;
};
