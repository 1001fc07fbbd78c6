#pragma once

#include "comfyendpoint.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

class QSettings;

// Every setting the desktop app's settings dialog edits, as one value. Stored in QSettings
// under the keys AppConfig reads (comfy/url, api/host, api/port, ...), so the headless API
// and the desktop app agree on one configuration.
//
// validate() reports problems as codes per field, never as sentences: the GUI words them
// in tr() text next to the field they concern.
struct DesktopSettings
{
    // Where the REST API listens: the two common choices, or an address the user types.
    enum class ApiBind { ThisComputer, AllNetworks, OneAddress };

    enum class Field {
        ComfyUrl,
        ComfyToken,
        WorkflowsDir,
        ApiAddress,
        ApiPort,
        ApiToken,
        ApiAllowedOrigins,
        Language
    };

    enum class Reason {
        UrlEmpty,          // no URL at all
        UrlInvalid,        // not parseable as a URL
        UrlNotHttp,        // a scheme other than http or https
        UrlNoHost,         // http(s) without a host
        UrlHasQuery,       // a base URL takes no query or fragment
        TokenHasSpaces,    // a token is sent in a header: no spaces or control characters
        FolderEmpty,
        AddressEmpty,
        AddressNotIp,      // one address must be an IPv4 or IPv6 address
        PortOutOfRange,    // 1..65535
        OriginInvalid,     // not scheme://host[:port] (e.g. a path, a query, user info)
        LanguageUnknown
    };

    struct Problem
    {
        Field field;
        Reason reason;
        QString value;     // the offending text (e.g. the one bad origin of many)
        bool operator==(const Problem &other) const = default;
    };

    QUrl comfyUrl = ComfyEndpoint::defaultBaseUrl();
    QString comfyToken;              // bearer token of an auth proxy in front of ComfyUI
    QString workflowsDir;
    bool apiEnabled = false;
    ApiBind apiBind = ApiBind::ThisComputer;
    QString apiAddress;              // used with ApiBind::OneAddress
    int apiPort = 5000;              // int, so an out-of-range value can be told, not wrapped
    QString apiToken;
    QStringList apiAllowedOrigins;   // exact browser origins, "http://host:port"
    QString language;                // "" = the system's, "en", "zh_CN"
    bool notifyWhenBackground = true;

    // The address the API binds for the chosen mode: 127.0.0.1, 0.0.0.0 or apiAddress.
    QString apiHost() const;
    // The mode an address stands for (what a stored api/host is shown as).
    static ApiBind bindFor(const QString &host);

    // Missing keys keep the defaults above; workflowsDir defaults to defaultWorkflowsDir.
    static DesktopSettings load(QSettings &settings, const QString &defaultWorkflowsDir = {});
    void save(QSettings &settings) const;

    // Every problem, in the order of the fields above (the first one is where the dialog
    // puts the focus). Empty when the settings can be saved and applied.
    QList<Problem> validate() const;
    // Single checks, for a field checked while it is typed in.
    static QList<Problem> checkComfyUrl(const QUrl &url);
    static QList<Problem> checkOrigins(const QStringList &origins);
    static bool isValidOrigin(const QString &origin, Reason *reason = nullptr);

    // A new API token: 192 random bits from the system generator, 32 URL-safe characters
    // (fits a header, a URL and a shell command without quoting).
    static QString generateApiToken();

    // The languages the app ships, "" (the system's) first.
    static QStringList languages();

    bool operator==(const DesktopSettings &other) const = default;
};
