#include "apiservice.h"

#include "apicontext.h"
#include "cataloguecontroller.h"
#include "eventscontroller.h"
#include "historycontroller.h"
#include "httpserveradapter.h"
#include "imagecontroller.h"
#include "openapicontroller.h"
#include "queuecontroller.h"
#include "systemcontroller.h"
#include "taskstatuscontroller.h"
#include "uploadcontroller.h"
#include "workflowcontroller.h"

#include <QCoreApplication>

ApiService::ApiService(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_workflows(new WorkflowController(context, this))
    , m_taskStatus(new TaskStatusController(context, this))
    , m_images(new ImageController(context, this))
    , m_history(new HistoryController(context, this))
    , m_system(new SystemController(context, this))
    , m_queue(new QueueController(context, this))
    , m_upload(new UploadController(context, this))
    , m_catalogue(new CatalogueController(context, this))
    , m_openApi(new OpenApiController(QCoreApplication::applicationVersion().isEmpty()
                                          ? QStringLiteral("0")
                                          : QCoreApplication::applicationVersion(),
                                      this))
    , m_events(new EventsController(context, this))
{
}

ApiService::~ApiService() = default;

bool ApiService::registerRoutes(HttpServerAdapter &server)
{
    m_workflows->registerRoutes(server);
    m_taskStatus->registerRoutes(server);
    m_images->registerRoutes(server);
    m_history->registerRoutes(server);
    m_system->registerRoutes(server);
    m_queue->registerRoutes(server);
    m_upload->registerRoutes(server);
    m_catalogue->registerRoutes(server);
    m_openApi->registerRoutes(server);
    return m_events->registerRoutes(server);
}
