#include "apiserver.h"

#include "apiservice.h"
#include "httpserveradapter.h"

ApiServer::ApiServer(ApiContext &context, const ApiGuardConfig &guardConfig, QObject *parent)
    : QObject(parent)
    , m_config(guardConfig)
{
    // Probes answer without a token so load balancers and scripts can check liveness.
    if (!m_config.publicPaths.contains(QStringLiteral("/api/health")))
        m_config.publicPaths.append(QStringLiteral("/api/health"));
    m_adapter = new HttpServerAdapter(m_config, this);
    m_service = new ApiService(context, this);
    // A refused route is a programming error; never serve a half-registered API.
    m_routesOk = m_service->registerRoutes(*m_adapter);
}

ApiServer::~ApiServer() = default;

bool ApiServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_routesOk) {
        m_error = tr("The REST API routes could not be registered.");
        return false;
    }
    if (!address.isLoopback() && m_config.token.isEmpty()) {
        m_error = tr("Refusing to listen on %1 without an API token: set one for any "
                     "address beyond loopback.").arg(address.toString());
        return false;
    }
    if (!m_adapter->listen(address, port)) {
        m_error = tr("Cannot listen on %1 port %2: %3")
                      .arg(address.toString()).arg(port).arg(m_adapter->errorString());
        return false;
    }
    return true;
}

quint64 ApiServer::requestsServed() const
{
    return m_adapter->responsesWritten();
}

quint16 ApiServer::port() const
{
    return m_adapter->serverPort();
}
