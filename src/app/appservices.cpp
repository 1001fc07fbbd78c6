#include "appservices.h"

#include "apicontext.h"
#include "catalogue.h"
#include "cataloguerecorder.h"
#include "clientidentity.h"
#include "comfyconnection.h"
#include "serverregistry.h"
#include "workflowstore.h"

#include <QSettings>

AppServices::AppServices(const AppConfig &config, QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
    // Claimed for the life of the process: no other live ComfyDesk speaks under this id.
    m_identity = std::make_unique<ClientIdentity>(settings);
    const int timeoutMs = config.requestTimeoutMs;
    m_servers = std::make_unique<ServerRegistry>(
        m_nam, ComfyEndpoint(config.comfyUrl, {}, m_identity->id()),
        [timeoutMs](ComfyConnection &connection) {
            connection.client().setTimeoutMs(timeoutMs);
        });
    m_servers->current().start();

    // The local catalogue opens in its own thread; until it has (or if it cannot), the app
    // and the API work without it.
    if (config.catalogueFile.compare(QLatin1String("off"), Qt::CaseInsensitive) != 0) {
        m_catalogue = std::make_unique<Catalogue>();
        m_catalogue->setImageCacheCapBytes(config.imageCacheBytes);
        connect(m_catalogue.get(), &Catalogue::opened, this, &AppServices::catalogueOpened);
        m_catalogue->open(config.catalogueFile.isEmpty() ? Catalogue::defaultFilePath()
                                                         : config.catalogueFile);
        m_recorder = std::make_unique<CatalogueRecorder>(*m_catalogue, *m_servers);
    }

    m_workflows = std::make_unique<WorkflowStore>(config.workflowsDir);
    m_context = std::make_unique<ApiContext>(ApiContext{m_servers->current(), *m_workflows});
    m_context->servers = m_servers.get();
    m_context->catalogue = m_catalogue.get();
    m_context->recorder = m_recorder.get();

    m_api = std::make_unique<ApiSwitch>(*m_context);
    ApiGuardConfig guard;
    guard.corsAllowedOrigins = config.apiCorsOrigins;
    guard.allowedHosts = config.apiAllowedHosts;
    guard.maxJsonBodyBytes = config.apiMaxJsonBytes;
    guard.maxUploadBodyBytes = config.apiMaxUploadBytes;
    m_api->setGuardConfig(guard);

    connect(m_servers.get(), &ServerRegistry::currentChanged, this,
            &AppServices::serveCurrentServer);
}

AppServices::~AppServices()
{
    // The API's handlers hold the context; they go first.
    m_api.reset();
}

// Another server in the window: the API serves it too (new prompts go there; prompts of
// the previous server are still answered by that server's connection).
void AppServices::serveCurrentServer()
{
    auto next = std::make_unique<ApiContext>(ApiContext{m_servers->current(), *m_workflows});
    next->servers = m_servers.get();
    next->catalogue = m_catalogue.get();
    next->recorder = m_recorder.get();
    const bool serving = m_api->isOn();
    if (serving)
        m_api->turnOff();
    m_api->setContext(*next);
    m_context = std::move(next);
    if (serving)
        Q_EMIT apiStateChanged(turnApiOn(m_apiHost, m_apiPort, m_apiToken));
}

ApiSwitch::Result AppServices::turnApiOn(const QString &host, quint16 port,
                                         const QString &token)
{
    const ApiSwitch::Result result = m_api->turnOn(host, port, token);
    if (result.listening) {
        m_apiHost = host;
        m_apiPort = port;
        m_apiToken = result.token;
    }
    return result;
}

void AppServices::turnApiOff()
{
    m_api->turnOff();
}

qint64 AppServices::apiRequestsServed() const
{
    return qint64(m_api->requestsServed());
}
