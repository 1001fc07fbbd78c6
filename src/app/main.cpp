// ComfyDesk's entry point: parses the command line and wires core, GUI (and later the API).
#include "comfyconnection.h"
#include "dotenv.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTranslator>
#include <QUuid>

namespace {

// One stable client id per installation: ComfyUI routes progress only to the websocket
// whose clientId matches the prompt's client_id, so it must survive restarts.
QString installationClientId()
{
    QSettings settings;
    QString id = settings.value(QStringLiteral("comfy/clientId")).toString();
    if (id.isEmpty()) {
        id = QStringLiteral("comfydesk-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        settings.setValue(QStringLiteral("comfy/clientId"), id);
    }
    return id;
}

void installTranslations(QApplication &app, const QString &language)
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

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ComfyDesk"));
    QApplication::setApplicationName(QStringLiteral("ComfyDesk"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    const DotEnv env;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Desktop client and LAN gateway for ComfyUI."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption comfyUrl(
        QStringLiteral("comfy-url"),
        QCoreApplication::translate("main", "ComfyUI base URL (env COMFYUI_BASE_URL)."),
        QStringLiteral("url"),
        env.value(QStringLiteral("COMFYUI_BASE_URL"), QStringLiteral("http://localhost:8188")));
    const QCommandLineOption language(
        QStringLiteral("lang"),
        QCoreApplication::translate("main", "User interface language (en, zh_CN)."),
        QStringLiteral("language"));
    parser.addOption(comfyUrl);
    parser.addOption(language);
    parser.process(app);

    installTranslations(app, parser.value(language));

    QNetworkAccessManager nam;
    ComfyConnection connection(nam);
    connection.setBaseUrl(QUrl::fromUserInput(parser.value(comfyUrl)));
    connection.setClientId(installationClientId());
    connection.start();

    MainWindow window(connection);
    window.show();
    return app.exec();
}
