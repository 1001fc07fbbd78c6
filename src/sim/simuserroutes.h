#pragma once

#include "simhttprequest.h"
#include "simhttpresponse.h"

#include <optional>

class SimEngine;

// The routes a ComfyUI front end calls while it starts (user manager, settings, model
// manager, internal logs), answered like the recorded client_init_*.json. Those files
// give the content type without its charset parameter (so does the history file recorded
// with them, for a route recorded with "; charset=utf-8" everywhere else): aiohttp's
// json_response and text responses add it, and so does the simulator.
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
