#include "openapicontroller.h"

#include "apirequest.h"
#include "httpserveradapter.h"
#include "openapidocument.h"

OpenApiController::OpenApiController(const QString &version, QObject *parent)
    : QObject(parent)
    , m_document(OpenApiDocument::json(version))
{
}

void OpenApiController::registerRoutes(HttpServerAdapter &server)
{
    server.route("GET", QStringLiteral("/api/openapi.json"), ApiRouter::BodyType::None,
                 [this](const ApiRequest &) {
                     return ApiResponse::bytes(m_document,
                                               QByteArrayLiteral("application/json"));
                 });
}
