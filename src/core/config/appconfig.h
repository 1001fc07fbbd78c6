#pragma once

#include "comfyendpoint.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QUrl>

class QCommandLineParser;
class QSettings;

// Every setting the app and the headless API run on, with where each value came from.
// Precedence, lowest first: built-in default < QSettings (the app's settings dialog) <
// `.env` in the working directory < process environment < command-line flag.
struct AppConfig
{
    QUrl comfyUrl = ComfyEndpoint::defaultBaseUrl();
    QString apiHost = QStringLiteral("127.0.0.1"); // loopback unless told otherwise
    quint16 apiPort = 5000;
    QString apiToken;                // required (generated if empty) beyond loopback
    bool apiEnabled = false;         // the desktop app's switch; --headless forces it on
    bool headless = false;
    QString workflowsDir;            // default: ./workflows; installed: the user's data folder
    QString language;                // GUI only: "en", "zh_CN"; empty = the system's
    int requestTimeoutMs = 30000;    // every ComfyUI request
    QStringList apiCorsOrigins;      // exact origins browsers may call the API from; none
    QStringList apiAllowedHosts;     // extra Host header names accepted (DNS rebinding)
    qint64 apiMaxJsonBytes = 1024 * 1024;
    qint64 apiMaxUploadBytes = 64 * 1024 * 1024;
    // The local catalogue's SQLite file; empty: the app data folder's catalogue.sqlite;
    // "off": no catalogue at all.
    QString catalogueFile;
    qint64 imageCacheBytes = 4LL * 1024 * 1024 * 1024;   // originals kept, least viewed go

    // Sets up every option (with its default shown in --help).
    static void addOptions(QCommandLineParser &parser);
    // Resolves the settings from all sources. `errors` gets a sentence per bad value
    // (bad URL, port out of range, ...); the caller stops with them.
    static AppConfig resolve(const QCommandLineParser &parser, QSettings *settings,
                             const QString &dotEnvPath, QStringList *errors);

    // The folder used when none is given (InstallLayout decides which).
    static QString defaultWorkflowsDir();
    // True when the API would listen on something other than the loopback interface.
    bool apiBeyondLoopback() const;
    // 128 random bits from the system generator, URL-safe text.
    static QString generateToken();
};
