#include "desktopwiring.h"

#include "appservices.h"
#include "cataloguerecorder.h"
#include "historydock.h"
#include "mainwindow.h"

#include <QSettings>
#include <QStatusBar>

DesktopWiring::DesktopWiring(AppServices &services, MainWindow &window, QSettings &settings,
                             QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_window(window)
    , m_settings(settings)
{
    connect(&window, &MainWindow::apiSettingsChanged, this, &DesktopWiring::applyApiSettings);
    connect(&services, &AppServices::apiStateChanged, this,
            [this](const ApiSwitch::Result &result) {
        m_window.showApiState(result.listening, result.message);
    });
    // The count changes with every request: the status bar reads it once a second rather
    // than being told per request.
    m_servedTimer.setInterval(1000);
    connect(&m_servedTimer, &QTimer::timeout, this, [this] {
        if (m_services.isApiOn())
            m_window.setApiRequestsServed(m_services.apiRequestsServed());
    });
    m_servedTimer.start();

    // The history browser reads the catalogue; re-queueing a lost prompt is the recorder's
    // (it links the new prompt to the lost one).
    window.setCatalogue(services.catalogue());
    connect(window.historyDock(), &HistoryDock::requeueRequested, this,
            [this](const QStringList &ids) {
        if (!m_services.recorder())
            return;
        m_services.recorder()->requeue(ids, this,
                                       [this](const CatalogueRecorder::RequeueResult &result) {
            m_window.statusBar()->showMessage(
                result.failures.isEmpty()
                    ? tr("Re-queued %n lost prompt(s).", nullptr, int(result.requeuedAs.size()))
                    : tr("Re-queueing failed: %1").arg(result.failures.join(QStringLiteral("; "))),
                8000);
        });
    });
}

void DesktopWiring::applyApiSettings()
{
    const MainWindow::ApiSettings wanted = m_window.apiSettings();
    m_settings.setValue(QStringLiteral("api/enabled"), wanted.enabled);
    if (!wanted.enabled) {
        m_services.turnApiOff();
        m_window.showApiState(false, tr("The REST API is off."));
        return;
    }
    const ApiSwitch::Result result = m_services.turnApiOn(wanted.host, wanted.port,
                                                          wanted.token);
    if (result.listening) {
        m_settings.setValue(QStringLiteral("api/host"), wanted.host);
        m_settings.setValue(QStringLiteral("api/port"), wanted.port);
        m_settings.setValue(QStringLiteral("api/token"), result.token);
        MainWindow::ApiSettings shown = wanted;
        shown.port = result.port;
        shown.token = result.token;
        m_window.setApiSettings(shown);
    } else {
        m_settings.setValue(QStringLiteral("api/enabled"), false);
    }
    m_window.showApiState(result.listening, result.message);
}
