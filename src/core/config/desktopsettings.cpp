#include "desktopsettings.h"

#include <QHostAddress>
#include <QRandomGenerator>
#include <QSettings>

namespace {

// The keys AppConfig::resolve() reads; the desktop-only ones live beside them.
const QString KeyComfyUrl = QStringLiteral("comfy/url");
const QString KeyComfyToken = QStringLiteral("comfy/token");
const QString KeyWorkflowsDir = QStringLiteral("workflows/dir");
const QString KeyApiEnabled = QStringLiteral("api/enabled");
const QString KeyApiHost = QStringLiteral("api/host");
// The typed address is kept while another mode is chosen, so switching back restores it.
const QString KeyApiOneAddress = QStringLiteral("api/oneAddress");
const QString KeyApiPort = QStringLiteral("api/port");
const QString KeyApiToken = QStringLiteral("api/token");
const QString KeyApiOrigins = QStringLiteral("api/corsOrigins");
const QString KeyLanguage = QStringLiteral("ui/language");
const QString KeyNotify = QStringLiteral("ui/notifyWhenBackground");

const QString LoopbackHost = QStringLiteral("127.0.0.1");
const QString AnyHost = QStringLiteral("0.0.0.0");

bool hasSpaceOrControl(const QString &text)
{
    for (const QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

// QHostAddress also takes the old short forms ("192.168.1" is 192.168.0.1): a person
// typing that has most likely not finished typing, so only four parts count as IPv4.
bool isIpAddress(const QString &text)
{
    const QHostAddress address(text);
    if (address.isNull())
        return false;
    return address.protocol() != QAbstractSocket::IPv4Protocol
           || text.count(QLatin1Char('.')) == 3;
}

QStringList splitList(const QString &text)
{
    QStringList items;
    for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = item.trimmed();
        if (!trimmed.isEmpty())
            items.append(trimmed);
    }
    return items;
}

} // namespace

QString DesktopSettings::apiHost() const
{
    switch (apiBind) {
    case ApiBind::ThisComputer:
        return LoopbackHost;
    case ApiBind::AllNetworks:
        return AnyHost;
    case ApiBind::OneAddress:
        return apiAddress.trimmed();
    }
    return LoopbackHost;
}

DesktopSettings::ApiBind DesktopSettings::bindFor(const QString &host)
{
    const QString trimmed = host.trimmed();
    if (trimmed.isEmpty() || trimmed == LoopbackHost || trimmed == QLatin1String("localhost"))
        return ApiBind::ThisComputer;
    if (trimmed == AnyHost)
        return ApiBind::AllNetworks;
    return ApiBind::OneAddress;
}

DesktopSettings DesktopSettings::load(QSettings &settings, const QString &defaultWorkflowsDir)
{
    DesktopSettings s;
    // AppConfig reads every value with toString(); a list is stored as one comma-separated
    // text for the same reason.
    if (settings.contains(KeyComfyUrl))
        s.comfyUrl = QUrl(settings.value(KeyComfyUrl).toString().trimmed());
    s.comfyToken = settings.value(KeyComfyToken).toString();
    s.workflowsDir = settings.value(KeyWorkflowsDir, defaultWorkflowsDir).toString();
    s.apiEnabled = settings.value(KeyApiEnabled, false).toBool();
    const QString host = settings.value(KeyApiHost, LoopbackHost).toString().trimmed();
    s.apiBind = bindFor(host);
    s.apiAddress = s.apiBind == ApiBind::OneAddress
        ? host : settings.value(KeyApiOneAddress).toString();
    bool portOk = false;
    const int port = settings.value(KeyApiPort, s.apiPort).toString().toInt(&portOk);
    if (portOk)
        s.apiPort = port;
    s.apiToken = settings.value(KeyApiToken).toString();
    s.apiAllowedOrigins = splitList(settings.value(KeyApiOrigins).toString());
    s.language = settings.value(KeyLanguage).toString();
    s.notifyWhenBackground = settings.value(KeyNotify, true).toBool();
    return s;
}

void DesktopSettings::save(QSettings &settings) const
{
    settings.setValue(KeyComfyUrl, comfyUrl.toString());
    settings.setValue(KeyComfyToken, comfyToken);
    settings.setValue(KeyWorkflowsDir, workflowsDir);
    settings.setValue(KeyApiEnabled, apiEnabled);
    settings.setValue(KeyApiHost, apiHost());
    settings.setValue(KeyApiOneAddress, apiAddress.trimmed());
    settings.setValue(KeyApiPort, apiPort);
    settings.setValue(KeyApiToken, apiToken);
    settings.setValue(KeyApiOrigins, apiAllowedOrigins.join(QLatin1Char(',')));
    settings.setValue(KeyLanguage, language);
    settings.setValue(KeyNotify, notifyWhenBackground);
}

QList<DesktopSettings::Problem> DesktopSettings::checkComfyUrl(const QUrl &url)
{
    const QString text = url.toString();
    if (url.isEmpty())
        return {{Field::ComfyUrl, Reason::UrlEmpty, {}}};
    if (!url.isValid())
        return {{Field::ComfyUrl, Reason::UrlInvalid, text}};
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return {{Field::ComfyUrl, Reason::UrlNotHttp, text}};
    if (url.host().isEmpty())
        return {{Field::ComfyUrl, Reason::UrlNoHost, text}};
    if (url.hasQuery() || url.hasFragment())
        return {{Field::ComfyUrl, Reason::UrlHasQuery, text}};
    return {};
}

bool DesktopSettings::isValidOrigin(const QString &origin, Reason *reason)
{
    if (reason)
        *reason = Reason::OriginInvalid;
    // A browser sends exactly scheme://host[:port]; the guard compares the text, so
    // anything else (a path, even a trailing slash) would never match.
    if (!origin.contains(QLatin1String("://")))
        return false;
    const QUrl url(origin, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()
        || !url.userInfo().isEmpty() || !url.path().isEmpty() || url.hasQuery()
        || url.hasFragment()) {
        return false;
    }
    return url.toString(QUrl::FullyEncoded).compare(origin, Qt::CaseInsensitive) == 0;
}

QList<DesktopSettings::Problem> DesktopSettings::checkOrigins(const QStringList &origins)
{
    QList<Problem> problems;
    for (const QString &origin : origins) {
        Reason reason = Reason::OriginInvalid;
        if (!isValidOrigin(origin.trimmed(), &reason))
            problems.append({Field::ApiAllowedOrigins, reason, origin});
    }
    return problems;
}

QString DesktopSettings::generateApiToken()
{
    quint32 words[6];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray bytes(reinterpret_cast<const char *>(words), sizeof(words));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding));
}

QStringList DesktopSettings::languages()
{
    return {QString(), QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QList<DesktopSettings::Problem> DesktopSettings::validate() const
{
    QList<Problem> problems = checkComfyUrl(comfyUrl);
    if (hasSpaceOrControl(comfyToken))
        problems.append({Field::ComfyToken, Reason::TokenHasSpaces, {}});
    if (workflowsDir.trimmed().isEmpty())
        problems.append({Field::WorkflowsDir, Reason::FolderEmpty, {}});
    if (apiBind == ApiBind::OneAddress) {
        const QString address = apiAddress.trimmed();
        if (address.isEmpty())
            problems.append({Field::ApiAddress, Reason::AddressEmpty, {}});
        else if (!isIpAddress(address))
            problems.append({Field::ApiAddress, Reason::AddressNotIp, address});
    }
    if (apiPort < 1 || apiPort > 65535)
        problems.append({Field::ApiPort, Reason::PortOutOfRange, QString::number(apiPort)});
    if (hasSpaceOrControl(apiToken))
        problems.append({Field::ApiToken, Reason::TokenHasSpaces, {}});
    problems.append(checkOrigins(apiAllowedOrigins));
    if (!languages().contains(language))
        problems.append({Field::Language, Reason::LanguageUnknown, language});
    return problems;
}
