#include "apiswitch.h"

#include "apicontext.h"
#include "apiserver.h"
#include "appconfig.h"
#include "comfyconnection.h"

ApiSwitch::ApiSwitch(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(&context)
{
}

ApiSwitch::~ApiSwitch() = default;

ApiSwitch::Result ApiSwitch::turnOn(const QString &host, quint16 port, const QString &token)
{
    turnOff();
    Result result;
    const QHostAddress address = host == QLatin1String("localhost")
        ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
    if (address.isNull()) {
        result.message = tr("“%1” is not an IP address to listen on.").arg(host);
        return result;
    }
    result.token = token;
    if (result.token.isEmpty() && !address.isLoopback()) {
        result.token = AppConfig::generateToken();
        result.tokenGenerated = true;
    }
    ApiGuardConfig guard = m_guardConfig;
    guard.token = result.token.toUtf8();
    auto server = std::make_unique<ApiServer>(*m_context, guard);
    if (!server->listen(address, port)) {
        result.message = server->errorString();
        return result;
    }
    result.listening = true;
    result.port = server->port();
    const QString url = QStringLiteral("http://%1:%2/api").arg(host).arg(server->port());
    result.message = result.token.isEmpty()
        ? tr("Serving %1 (this computer only; ComfyUI: %2)")
              .arg(url, m_context->connection.baseUrl().toString())
        : tr("Serving %1 (ComfyUI: %2). Callers send the token as "
             "“Authorization: Bearer <token>” or “X-API-Key: <token>”.")
              .arg(url, m_context->connection.baseUrl().toString());
    m_server = std::move(server);
    return result;
}

void ApiSwitch::turnOff()
{
    if (m_server)
        m_servedBefore += m_server->requestsServed();
    m_server.reset();
}

quint64 ApiSwitch::requestsServed() const
{
    return m_servedBefore + (m_server ? m_server->requestsServed() : 0);
}
