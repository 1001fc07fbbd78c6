#pragma once

#include <QObject>

class CatalogueController;
class EventsController;
class HistoryController;
class HttpServerAdapter;
class ImageController;
class OpenApiController;
class QueueController;
class SystemController;
class TaskStatusController;
class UploadController;
class WorkflowController;
struct ApiContext;

// Owns one controller per resource and registers all of their routes on an adapter.
// The context (connection, workflow store) must outlive the service.
class ApiService final : public QObject
{
    Q_OBJECT
public:
    explicit ApiService(ApiContext &context, QObject *parent = nullptr);
    ~ApiService() override;

    // Returns false if a route could not be added (a duplicate: a programming error).
    bool registerRoutes(HttpServerAdapter &server);

    EventsController &events() const { return *m_events; }

private:
    WorkflowController *m_workflows;
    TaskStatusController *m_taskStatus;
    ImageController *m_images;
    HistoryController *m_history;
    SystemController *m_system;
    QueueController *m_queue;
    UploadController *m_upload;
    CatalogueController *m_catalogue;
    OpenApiController *m_openApi;
    EventsController *m_events;
};
