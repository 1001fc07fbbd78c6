#pragma once

// A real REST API against the simulator, for the controller tests: SimServer +
// ComfyConnection + WorkflowStore on a temporary copy of workflows/ + HttpServerAdapter
// with ApiService on 127.0.0.1:<free port>, and a QNetworkAccessManager to call it.

#include "apicontext.h"
#include "apiguardconfig.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

class ApiService;
class ComfyConnection;
class HttpServerAdapter;
class SimServer;
class WorkflowStore;

struct ApiTestReply
{
    int status = 0;                 // 0: no HTTP answer (timeout, connection error)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const;
};

class ApiTestFixture final
{
public:
    explicit ApiTestFixture(const ApiGuardConfig &config = {});
    ~ApiTestFixture();

    // Starts the simulator, the connection (waits until Connected) and the API server.
    bool start();

    SimServer &sim() { return *m_sim; }
    ComfyConnection &connection() { return *m_connection; }
    WorkflowStore &store() { return *m_store; }
    HttpServerAdapter &adapter() { return *m_adapter; }
    ApiContext &context() { return *m_context; }
    QString workflowsDir() const { return m_workflowsDir.path(); }
    quint16 apiPort() const;
    QUrl url(const QString &pathAndQuery) const;

    ApiTestReply get(const QString &pathAndQuery, int timeoutMs = 10000);
    ApiTestReply post(const QString &pathAndQuery, const QByteArray &body,
                      const QByteArray &contentType = "application/json",
                      int timeoutMs = 10000);
    ApiTestReply postJson(const QString &pathAndQuery, const QJsonObject &body,
                          int timeoutMs = 10000);

    // POST /prompt straight to the simulator as ANOTHER client; returns the prompt id.
    QString submitAsOtherClient(const QJsonObject &graph, const QString &clientId);
    // A sample workflow's graph, read from the repository's workflows/ folder.
    static QJsonObject sampleGraph(const QString &name);

    // Polls GET /api/task_status/<id> until its "status" is `status`; the last body.
    QJsonObject waitForStatus(const QString &promptId, const QString &status,
                              int timeoutMs = 20000);

private:
    ApiTestReply finish(class QNetworkReply *reply, int timeoutMs);

    QTemporaryDir m_workflowsDir;
    std::unique_ptr<SimServer> m_sim;
    QNetworkAccessManager m_comfyNam;
    QNetworkAccessManager m_nam;
    std::unique_ptr<ComfyConnection> m_connection;
    std::unique_ptr<WorkflowStore> m_store;
    std::unique_ptr<ApiContext> m_context;
    std::unique_ptr<HttpServerAdapter> m_adapter;
    std::unique_ptr<ApiService> m_service;
};
