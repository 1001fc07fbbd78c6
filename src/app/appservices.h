#pragma once

#include "apiswitch.h"
#include "appconfig.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <memory>

class Catalogue;
class CatalogueRecorder;
class ClientIdentity;
class QSettings;
class ServerRegistry;
class WorkflowStore;
struct ApiContext;

// Everything the app runs besides its window, built from the resolved configuration: the
// ComfyUI connections, the local catalogue and its recorder, the workflow folder and the
// REST API switch. The same object serves `--headless` and the desktop, and the GUI tests
// build it as the app does.
class AppServices final : public QObject
{
    Q_OBJECT
public:
    AppServices(const AppConfig &config, QSettings &settings, QObject *parent = nullptr);
    ~AppServices() override;

    const AppConfig &config() const { return m_config; }
    ServerRegistry &servers() { return *m_servers; }
    WorkflowStore &workflows() { return *m_workflows; }
    Catalogue *catalogue() { return m_catalogue.get(); }
    CatalogueRecorder *recorder() { return m_recorder.get(); }
    QNetworkAccessManager &network() { return m_nam; }

    // The API serves the current server: after a switch it is restarted on the same
    // address for the new one (failure reported by apiStateChanged).
    ApiSwitch::Result turnApiOn(const QString &host, quint16 port, const QString &token);
    void turnApiOff();
    bool isApiOn() const { return m_api->isOn(); }
    qint64 apiRequestsServed() const;

Q_SIGNALS:
    void catalogueOpened(bool ok);
    // The API went on or off by itself (a server switch restarted it).
    void apiStateChanged(const ApiSwitch::Result &result);

private:
    void serveCurrentServer();

    AppConfig m_config;
    QNetworkAccessManager m_nam;
    std::unique_ptr<ClientIdentity> m_identity;
    std::unique_ptr<ServerRegistry> m_servers;
    std::unique_ptr<Catalogue> m_catalogue;
    std::unique_ptr<CatalogueRecorder> m_recorder;
    std::unique_ptr<WorkflowStore> m_workflows;
    std::unique_ptr<ApiContext> m_context;
    std::unique_ptr<ApiSwitch> m_api;
    QString m_apiHost;
    quint16 m_apiPort = 0;
    QString m_apiToken;
};
