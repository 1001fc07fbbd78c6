#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkRequest;

// Who and where one ComfyUI server is for us: its base URL (http or https, may carry a
// path prefix), the bearer token of an auth proxy in front of it, and the client id we
// speak under. The HTTP client and the websocket both build their requests from it, so
// the two can never disagree; a different endpoint is a different server (and a
// different connection), never the same one re-pointed.
struct ComfyEndpoint
{
    // The one default, as documented: a ComfyUI on this machine, on its own port.
    static QUrl defaultBaseUrl();

    ComfyEndpoint();
    explicit ComfyEndpoint(const QUrl &baseUrl, const QString &bearerToken = {},
                           const QString &clientId = {});

    QUrl baseUrl;           // normalised (see normalizedBaseUrl)
    QString bearerToken;
    QString clientId;

    // Lower-case scheme and host, no trailing slash, no query or fragment.
    static QUrl normalizedBaseUrl(const QUrl &url);
    void setBaseUrl(const QUrl &url) { baseUrl = normalizedBaseUrl(url); }

    // <base><path>?<query>; path is already percent-encoded where a segment needs it.
    QUrl httpUrl(const QString &path, const QList<QPair<QString, QString>> &query = {}) const;
    // ws(s)://<host><prefix>/ws?clientId=<id>
    QUrl socketUrl() const;
    // A request to url with the Authorization header when there is a token. Never an
    // Origin header: ComfyUI's origin check answers 403 to a foreign one.
    QNetworkRequest request(const QUrl &url) const;

    // The same server: the same normalised URL and token (the client id is ours, not its).
    bool isSameServer(const ComfyEndpoint &other) const;
    bool operator==(const ComfyEndpoint &other) const = default;
};
