// ComfyDesk's entry point: parses the command line and wires core, the REST API and the
// GUI. `--headless` runs only the API, on QCoreApplication, with no display.
#include "apicontext.h"
#include "apiswitch.h"
#include "appconfig.h"
#include "catalogue.h"
#include "catalogueproblemtext.h"
#include "cataloguerecorder.h"
#include "clientidentity.h"
#include "comfyconnection.h"
#include "mainwindow.h"
#include "serverregistry.h"
#include "shutdownsignals.h"
#include "workflowstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTranslator>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

// --headless runs without a display; so do --help and --version, which must work on a
// server or in a terminal with no display at all.
bool needsNoDisplay(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"--headless", "-headless", "--help", "-h", "-?", "--help-all",
                                 "--version", "-v"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

void installTranslations(QCoreApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("comfydesk"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        app.installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
}

void printLine(FILE *stream, const QString &text)
{
    std::fprintf(stream, "%s\n", text.toLocal8Bit().constData());
    std::fflush(stream);
}

} // namespace

int main(int argc, char *argv[])
{
    if (!needsNoDisplay(argc, argv) && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        printLine(stderr, QStringLiteral("ComfyDesk: no display (DISPLAY and WAYLAND_DISPLAY "
                                         "are unset). Use --headless to run only the REST "
                                         "API, or QT_QPA_PLATFORM=offscreen."));
        return 1;
    }
    std::unique_ptr<QCoreApplication> app = needsNoDisplay(argc, argv)
        ? std::make_unique<QCoreApplication>(argc, argv)
        : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ComfyDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("ComfyDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop client and LAN gateway for ComfyUI."));
    parser.addHelpOption();
    parser.addVersionOption();
    AppConfig::addOptions(parser);
    parser.process(*app);

    QSettings settings;
    QStringList errors;
    AppConfig config = AppConfig::resolve(parser, &settings, QStringLiteral(".env"), &errors);
    const bool headless = config.headless;
    if (!errors.isEmpty()) {
        printLine(stderr, errors.join(QLatin1Char('\n')));
        if (!headless)
            QMessageBox::critical(nullptr, QStringLiteral("ComfyDesk"),
                                  errors.join(QLatin1Char('\n')));
        return 2;
    }
    if (!headless)
        installTranslations(*app, config.language);

    QNetworkAccessManager nam;
    // Claimed for the life of the process: no other live ComfyDesk speaks under this id.
    const ClientIdentity identity(settings);
    ServerRegistry servers(nam, ComfyEndpoint(config.comfyUrl, {}, identity.id()),
                           [&config](ComfyConnection &connection) {
                               connection.client().setTimeoutMs(config.requestTimeoutMs);
                           });
    ComfyConnection &connection = servers.current();
    connection.start();

    // The local catalogue opens in its own thread; until it has (or if it cannot), the app
    // and the API work without it.
    std::unique_ptr<Catalogue> catalogue;
    std::unique_ptr<CatalogueRecorder> recorder;
    if (config.catalogueFile.compare(QLatin1String("off"), Qt::CaseInsensitive) != 0) {
        catalogue = std::make_unique<Catalogue>();
        catalogue->setImageCacheCapBytes(config.imageCacheBytes);
        QObject::connect(catalogue.get(), &Catalogue::opened, catalogue.get(),
                         [cat = catalogue.get()](bool ok) {
            if (!ok)
                printLine(stderr, CatalogueProblemText::sentence(*cat));
        });
        catalogue->open(config.catalogueFile.isEmpty() ? Catalogue::defaultFilePath()
                                                       : config.catalogueFile);
        recorder = std::make_unique<CatalogueRecorder>(*catalogue, servers);
    }

    WorkflowStore workflows(config.workflowsDir);
    auto context = std::make_unique<ApiContext>(ApiContext{connection, workflows});
    context->servers = &servers;
    context->catalogue = catalogue.get();
    context->recorder = recorder.get();

    ApiSwitch api(*context);
    ApiGuardConfig guard;
    guard.corsAllowedOrigins = config.apiCorsOrigins;
    guard.allowedHosts = config.apiAllowedHosts;
    guard.maxJsonBodyBytes = config.apiMaxJsonBytes;
    guard.maxUploadBodyBytes = config.apiMaxUploadBytes;
    api.setGuardConfig(guard);
    if (config.apiEnabled) {
        const ApiSwitch::Result result = api.turnOn(config.apiHost, config.apiPort,
                                                    config.apiToken);
        if (result.tokenGenerated) {
            printLine(stdout, QStringLiteral("API token (send as \"Authorization: Bearer <token>\""
                                             " or \"X-API-Key: <token>\"): %1")
                                  .arg(result.token));
        }
        printLine(result.listening ? stdout : stderr,
                  result.listening ? QStringLiteral("ComfyDesk API on http://%1:%2/api")
                                         .arg(config.apiHost).arg(result.port)
                                   : result.message);
        if (!result.listening && headless)
            return 1;
        config.apiToken = result.token;
    }

    ShutdownSignals shutdown;
    QObject::connect(&shutdown, &ShutdownSignals::requested, app.get(), [](int) {
        QCoreApplication::quit();
    });

    if (headless)
        return app->exec();

    MainWindow window(servers);
    // Another server in the window: the API serves it too (new prompts go there; prompts of
    // the previous server are still answered by that server's connection).
    QObject::connect(&servers, &ServerRegistry::currentChanged, &api,
                     [&](ComfyConnection *current) {
        auto next = std::make_unique<ApiContext>(ApiContext{*current, workflows});
        next->servers = &servers;
        next->catalogue = catalogue.get();
        next->recorder = recorder.get();
        const bool serving = api.isOn();
        if (serving)
            api.turnOff();
        api.setContext(*next);
        context = std::move(next);
        if (serving) {
            const MainWindow::ApiSettings shown = window.apiSettings();
            const ApiSwitch::Result result = api.turnOn(shown.host, shown.port, shown.token);
            window.showApiState(result.listening, result.message);
        }
    });
    window.setApiSettings({api.isOn(), config.apiHost, config.apiPort, config.apiToken});
    QObject::connect(&window, &MainWindow::apiSettingsChanged, &api,
                     [&](const MainWindow::ApiSettings &wanted) {
        settings.setValue(QStringLiteral("api/enabled"), wanted.enabled);
        if (!wanted.enabled) {
            api.turnOff();
            window.showApiState(false, QObject::tr("Off."));
            return;
        }
        const ApiSwitch::Result result = api.turnOn(wanted.host, wanted.port, wanted.token);
        if (result.listening) {
            settings.setValue(QStringLiteral("api/host"), wanted.host);
            settings.setValue(QStringLiteral("api/port"), wanted.port);
            settings.setValue(QStringLiteral("api/token"), result.token);
            MainWindow::ApiSettings shown = wanted;
            shown.token = result.token;
            window.setApiSettings(shown);
        } else {
            settings.setValue(QStringLiteral("api/enabled"), false);
        }
        window.showApiState(result.listening, result.message);
    });
    window.show();
    return app->exec();
}
