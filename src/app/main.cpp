// ComfyDesk's entry point: parses the command line and wires core, the REST API and the
// GUI. `--headless` runs only the API, on QCoreApplication, with no display.
#include "appconfig.h"
#include "appservices.h"
#include "catalogue.h"
#include "desktopsettings.h"
#include "desktopwiring.h"
#include "installlayout.h"
#include "workflowsamples.h"
#include "workflowstore.h"
#include "catalogueproblemtext.h"
#include "mainwindow.h"
#include "shutdownsignals.h"
#include "uilanguage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>

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

void printLine(FILE *stream, const QString &text)
{
    std::fprintf(stream, "%s\n", text.toLocal8Bit().constData());
    std::fflush(stream);
}

// Prints one line when the window has painted for the first time.
class FirstPaintProbe final : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            QMetaObject::invokeMethod(this, [] { printLine(stdout, QStringLiteral(
                "comfydesk: first paint")); }, Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_done = false;
};

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
    // Lets Wayland compositors and docks match the window to the installed .desktop file
    // (its icon and name).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.comfydesk.ComfyDesk"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop client and LAN gateway for ComfyUI."));
    parser.addHelpOption();
    parser.addVersionOption();
    AppConfig::addOptions(parser);
    // What the file manager passes (the .desktop file's %F): imported as workflows.
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QStringLiteral("Workflow .json files (API format) or PNGs "
                                                "saved by ComfyUI to import (desktop only)."),
                                 QStringLiteral("[files...]"));
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
    // The desktop's words, dates and numbers in the chosen language, for the whole run.
    std::unique_ptr<UiLanguage> language;
    if (!headless)
        language = std::make_unique<UiLanguage>(config.language);

    // An installed app's first run puts the sample workflows into the user's folder.
    if (QDir(config.workflowsDir) == QDir(InstallLayout::userWorkflowsDir())) {
        const WorkflowSamples::Result samples = WorkflowSamples::copyOnFirstRun(
            InstallLayout::sampleWorkflowsDir(), config.workflowsDir, settings);
        if (!samples.error.isEmpty())
            printLine(stderr, samples.error);
        else if (!samples.copied.isEmpty())
            printLine(stdout, QStringLiteral("Sample workflows copied into %1: %2")
                                  .arg(config.workflowsDir, samples.copied.join(QLatin1String(", "))));
    }

    AppServices services(config, settings);
    QObject::connect(&services, &AppServices::catalogueOpened, &services,
                     [&services](bool ok) {
        if (!ok)
            printLine(stderr, CatalogueProblemText::sentence(*services.catalogue()));
    });

    if (config.apiEnabled) {
        const ApiSwitch::Result result = services.turnApiOn(config.apiHost, config.apiPort,
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

    if (headless) {
        if (!parser.positionalArguments().isEmpty())
            printLine(stderr, QStringLiteral("Files given on the command line are imported by "
                                             "the desktop app only; --headless ignores them."));
        return app->exec();
    }

    DesktopSettings desktop = DesktopSettings::load(settings, services.workflows().folder());
    // The command line and environment win over what the settings file says.
    desktop.comfyUrl = config.comfyUrl;
    desktop.workflowsDir = services.workflows().folder();
    desktop.apiEnabled = services.isApiOn();
    desktop.apiBind = DesktopSettings::bindFor(config.apiHost);
    desktop.apiAddress = config.apiHost;
    desktop.apiPort = config.apiPort;
    desktop.apiToken = config.apiToken;
    desktop.apiAllowedOrigins = config.apiCorsOrigins;
    desktop.language = config.language;
    MainWindow window(services.servers(), services.workflows(), desktop);
    window.setApiSettings({services.isApiOn(), config.apiHost, config.apiPort,
                           config.apiToken});
    DesktopWiring wiring(services, window, settings);
    // The workbench benchmark times process start to the first painted window.
    if (qEnvironmentVariableIsSet("COMFYDESK_STARTUP_PROBE"))
        window.installEventFilter(new FirstPaintProbe(&window));
    window.show();
    QStringList files;
    for (const QString &file : parser.positionalArguments())
        files << QFileInfo(file).absoluteFilePath();
    // Once the event loop runs: a problem with a file is shown in a message box.
    if (!files.isEmpty())
        QMetaObject::invokeMethod(&window, [&window, files] { window.importFiles(files); },
                                  Qt::QueuedConnection);
    return app->exec();
}
