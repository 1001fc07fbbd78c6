#include "comfyendpoint.h"

#include <QNetworkRequest>

QUrl ComfyEndpoint::defaultBaseUrl()
{
    return QUrl(QStringLiteral("http://localhost:8188"));
}

ComfyEndpoint::ComfyEndpoint()
    : baseUrl(defaultBaseUrl())
{}

ComfyEndpoint::ComfyEndpoint(const QUrl &url, const QString &token, const QString &id)
    : baseUrl(normalizedBaseUrl(url))
    , bearerToken(token)
    , clientId(id)
{}

QUrl ComfyEndpoint::normalizedBaseUrl(const QUrl &url)
{
    QUrl normalized =
        url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    normalized.setScheme(normalized.scheme().toLower());
    normalized.setHost(normalized.host().toLower());
    return normalized;
}

QUrl ComfyEndpoint::httpUrl(const QString &path,
                            const QList<QPair<QString, QString>> &query) const
{
    QUrl url = baseUrl;
    QString prefix = baseUrl.path(QUrl::FullyEncoded);
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + path, QUrl::TolerantMode);
    url.setFragment(QString());
    if (query.isEmpty()) {
        url.setQuery(QString());
        return url;
    }
    QByteArray encoded;
    for (const auto &item : query) {
        if (!encoded.isEmpty())
            encoded += '&';
        encoded += QUrl::toPercentEncoding(item.first) + '='
                   + QUrl::toPercentEncoding(item.second);
    }
    url.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);
    return url;
}

QUrl ComfyEndpoint::socketUrl() const
{
    QUrl url = httpUrl(QStringLiteral("/ws"));
    const QString scheme = baseUrl.scheme().toLower();
    url.setScheme(scheme == QLatin1String("https") || scheme == QLatin1String("wss")
                      ? QStringLiteral("wss")
                      : QStringLiteral("ws"));
    if (!clientId.isEmpty()) {
        url.setQuery(QStringLiteral("clientId=")
                         + QString::fromLatin1(QUrl::toPercentEncoding(clientId)),
                     QUrl::StrictMode);
    }
    return url;
}

QNetworkRequest ComfyEndpoint::request(const QUrl &url) const
{
    QNetworkRequest request(url);
    if (!bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearerToken.toUtf8());
    return request;
}

bool ComfyEndpoint::isSameServer(const ComfyEndpoint &other) const
{
    return baseUrl == other.baseUrl && bearerToken == other.bearerToken;
}
