#pragma once

#include "apiguardconfig.h"

#include <QHostAddress>
#include <QObject>

class ApiService;
class HttpServerAdapter;
struct ApiContext;

// The REST API as one switchable thing: guard + HTTP adapter + every controller. Used by
// `comfydesk --headless` and by the desktop app's "REST API" switch.
class ApiServer final : public QObject
{
    Q_OBJECT
public:
    ApiServer(ApiContext &context, const ApiGuardConfig &guardConfig, QObject *parent = nullptr);
    ~ApiServer() override;

    // Refuses (returns false, errorString() says why) to listen beyond loopback without a
    // token: the API can run prompts and read every image.
    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QString errorString() const { return m_error; }
    // Requests answered by the API (not those the guard refused before routing).
    quint64 requestsServed() const;

    HttpServerAdapter &adapter() { return *m_adapter; }

private:
    ApiGuardConfig m_config;
    HttpServerAdapter *m_adapter = nullptr;
    ApiService *m_service = nullptr;
    QString m_error;
    bool m_routesOk = false;
};
