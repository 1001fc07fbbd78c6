#pragma once

#include "simhttprequest.h"
#include "simhttpresponse.h"

#include <optional>

class SimEngine;

// The routes a ComfyUI front end calls while it starts (user manager, settings, model
// manager, internal logs). Answered like the recorded client_init_*.json: plain
// "application/json" without charset, as those ComfyUI handlers send it.
class SimUserRoutes final
{
public:
    explicit SimUserRoutes(SimEngine *engine) : m_engine(engine) {}
    // `path` has no /api prefix; nothing when the path is not one of these routes.
    std::optional<SimHttpResponse> handle(const SimHttpRequest &request,
                                          const QString &path) const;

private:
    SimHttpResponse experimentModels() const;
    SimHttpResponse experimentModelFiles(const QString &folder) const;
    SimHttpResponse userdataList(const SimHttpRequest &request) const;
    SimHttpResponse logsRaw() const;

    SimEngine *m_engine;
};
