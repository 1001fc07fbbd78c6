#include "apitestfixture.h"

#include "apiservice.h"
#include "comfyconnection.h"
#include "httpserveradapter.h"
#include "simserver.h"
#include "workflowstore.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

QByteArray ApiTestReply::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

ApiTestFixture::ApiTestFixture(const ApiGuardConfig &config)
    : m_sim(std::make_unique<SimServer>())
    , m_connection(std::make_unique<ComfyConnection>(m_comfyNam))
    , m_store(std::make_unique<WorkflowStore>(m_workflowsDir.path()))
    , m_adapter(std::make_unique<HttpServerAdapter>(config))
{
    m_context.reset(new ApiContext{*m_connection, *m_store, 60});
    m_service = std::make_unique<ApiService>(*m_context);
}

ApiTestFixture::~ApiTestFixture()
{
    // Controllers refer to the connection: they go first.
    m_service.reset();
    m_adapter.reset();
    m_connection->stop();
}

bool ApiTestFixture::start()
{
    const QDir source(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows"));
    for (const QString &file : source.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        if (!QFile::copy(source.filePath(file), m_workflowsDir.filePath(file)))
            return false;
    }
    if (m_sim->listen() == 0)
        return false;
    m_connection->setBaseUrl(m_sim->baseUrl());
    m_connection->setClientId(QStringLiteral("comfydesk-api-test"));
    m_connection->setReconnectDelays(50, 200);
    QSignalSpy resynced(m_connection.get(), &ComfyConnection::resynced);
    m_connection->start();
    if (!resynced.wait(10000) && resynced.isEmpty())
        return false;
    if (!m_service->registerRoutes(*m_adapter))
        return false;
    return m_adapter->listen(QHostAddress::LocalHost, 0);
}

quint16 ApiTestFixture::apiPort() const
{
    return m_adapter->serverPort();
}

QUrl ApiTestFixture::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(apiPort()).arg(pathAndQuery));
}

ApiTestReply ApiTestFixture::finish(QNetworkReply *reply, int timeoutMs)
{
    ApiTestReply result;
    if (!reply->isFinished()) {
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(timeoutMs);
    }
    if (reply->isFinished()) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
    }
    reply->abort();
    reply->deleteLater();
    return result;
}

ApiTestReply ApiTestFixture::get(const QString &pathAndQuery, int timeoutMs)
{
    return finish(m_nam.get(QNetworkRequest(url(pathAndQuery))), timeoutMs);
}

ApiTestReply ApiTestFixture::post(const QString &pathAndQuery, const QByteArray &body,
                                  const QByteArray &contentType, int timeoutMs)
{
    QNetworkRequest request(url(pathAndQuery));
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    return finish(m_nam.post(request, body), timeoutMs);
}

ApiTestReply ApiTestFixture::postJson(const QString &pathAndQuery, const QJsonObject &body,
                                      int timeoutMs)
{
    return post(pathAndQuery, QJsonDocument(body).toJson(QJsonDocument::Compact),
                "application/json", timeoutMs);
}

QString ApiTestFixture::submitAsOtherClient(const QJsonObject &graph, const QString &clientId)
{
    QNetworkRequest request(QUrl(m_sim->baseUrl().toString() + QStringLiteral("/prompt")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QJsonObject body{{QStringLiteral("prompt"), graph},
                           {QStringLiteral("client_id"), clientId}};
    const ApiTestReply reply =
        finish(m_nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)), 10000);
    return reply.json().value(QLatin1String("prompt_id")).toString();
}

QJsonObject ApiTestFixture::sampleGraph(const QString &name)
{
    QFile file(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/") + name
               + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject ApiTestFixture::waitForStatus(const QString &promptId, const QString &status,
                                          int timeoutMs)
{
    QJsonObject last;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        last = get(QStringLiteral("/api/task_status/") + promptId).json();
        if (last.value(QLatin1String("status")).toString() == status)
            return last;
        // Let the connection apply what ComfyUI broadcast before asking again.
        QSignalSpy changed(&m_connection->tracker(), &PromptTracker::statusChanged);
        changed.wait(50);
    }
    return last;
}
