#pragma once

#include "apiresponder.h"

#include <QObject>

#include <optional>

class Catalogue;
class HttpServerAdapter;
struct ApiContext;
struct ApiRequest;

// The local catalogue of every prompt and image (ComfyDesk's own record, kept across
// restarts of ComfyDesk and of ComfyUI):
//   GET  /api/catalogue?q=&status=&...   a search, one page (CatalogueSearchParams)
//   GET  /api/catalogue/<prompt_id>      one prompt with its graph
//   POST /api/catalogue/requeue          queue lost prompts again
// Answers come from the catalogue's worker thread, so every route is deferred.
class CatalogueController final : public QObject
{
    Q_OBJECT
public:
    explicit CatalogueController(ApiContext &context, QObject *parent = nullptr);

    void registerRoutes(HttpServerAdapter &server);

    // The 503 while the catalogue cannot answer (switched off, still opening, failed to
    // open: why, in a few words without the file's path); nothing when it is open.
    static std::optional<ApiResponse> unavailable(const Catalogue *catalogue);

private:
    void search(const ApiRequest &request, ApiResponder responder);
    void one(const ApiRequest &request, ApiResponder responder);
    void requeue(const ApiRequest &request, ApiResponder responder);

    ApiContext &m_context;
};
