#include "appconfig.h"

#include "dotenv.h"
#include "installlayout.h"

#include <QCommandLineParser>
#include <QDir>
#include <QRandomGenerator>
#include <QSettings>

namespace {

struct Source
{
    const QCommandLineParser &parser;
    QSettings *settings;
    QHash<QString, QString> dotEnv;

    // The value of the first source that has one, highest precedence first.
    QString pick(const QString &option, const QStringList &envKeys,
                 const QString &settingsKey, const QString &fallback) const
    {
        if (!option.isEmpty() && parser.isSet(option))
            return parser.value(option);
        for (const QString &key : envKeys) {
            const QByteArray env = qgetenv(key.toUtf8().constData());
            if (!env.isEmpty())
                return QString::fromUtf8(env);
        }
        for (const QString &key : envKeys) {
            if (dotEnv.contains(key))
                return dotEnv.value(key);
        }
        if (settings && !settingsKey.isEmpty() && settings->contains(settingsKey))
            return settings->value(settingsKey).toString();
        return fallback;
    }
};

} // namespace

QString AppConfig::defaultWorkflowsDir()
{
    // Installed (the Debian package): the user's own folder, seeded with the samples on the
    // first run. From a build tree: ./workflows, where the original service kept them.
    if (!InstallLayout::sharedDataDir().isEmpty())
        return InstallLayout::userWorkflowsDir();
    return QDir::current().absoluteFilePath(QStringLiteral("workflows"));
}

void AppConfig::addOptions(QCommandLineParser &parser)
{
    const AppConfig defaults;
    parser.addOptions({
        {QStringLiteral("comfy-url"),
         QStringLiteral("ComfyUI base URL; env COMFYUI_BASE_URL. Default: %1.")
             .arg(defaults.comfyUrl.toString()),
         QStringLiteral("url")},
        {QStringLiteral("api-host"),
         QStringLiteral("Address the REST API binds; env COMFYDESK_API_HOST or FLASK_HOST. "
                        "Default: %1 (loopback only).").arg(defaults.apiHost),
         QStringLiteral("address")},
        {QStringLiteral("api-port"),
         QStringLiteral("Port of the REST API; env COMFYDESK_API_PORT or FLASK_PORT. "
                        "Default: %1.").arg(defaults.apiPort),
         QStringLiteral("port")},
        {QStringLiteral("api-token"),
         QStringLiteral("Token REST API callers must send (Authorization: Bearer or "
                        "X-API-Key); env COMFYDESK_API_TOKEN. Default: none on loopback, "
                        "a generated one beyond it."),
         QStringLiteral("token")},
        {QStringLiteral("workflows"),
         QStringLiteral("Folder of the workflow .json files; env COMFYDESK_WORKFLOWS. "
                        "Default: ./workflows; installed: workflows in the app's data folder, where the "
                        "sample workflows are copied on the first run."),
         QStringLiteral("dir")},
        {QStringLiteral("catalogue"),
         QStringLiteral("SQLite file of the local catalogue of prompts and images, or \"off\"; "
                        "env COMFYDESK_CATALOGUE. Default: catalogue.sqlite in the app's data "
                        "folder."),
         QStringLiteral("file")},
        {QStringLiteral("image-cache-mb"),
         QStringLiteral("Size cap of the cached original images, in MiB; env "
                        "COMFYDESK_IMAGE_CACHE_MB. Default: %1.")
             .arg(defaults.imageCacheBytes / (1024 * 1024)),
         QStringLiteral("MiB")},
        {QStringLiteral("headless"),
         QStringLiteral("Run only the REST API, with no window (no display needed).")},
        {QStringLiteral("api"),
         QStringLiteral("Switch the REST API on in the desktop app. Default: off.")},
        {QStringLiteral("timeout"),
         QStringLiteral("Timeout of every ComfyUI request, in seconds. Default: %1.")
             .arg(defaults.requestTimeoutMs / 1000),
         QStringLiteral("seconds")},
        {QStringLiteral("api-cors-origins"),
         QStringLiteral("Comma-separated origins (e.g. http://krita-host:8080) browsers may "
                        "call the API from; env COMFYDESK_API_CORS_ORIGINS. Default: none "
                        "(no CORS)."),
         QStringLiteral("origins")},
        {QStringLiteral("api-allowed-hosts"),
         QStringLiteral("Comma-separated extra host names callers may use in the Host header "
                        "(DNS rebinding guard); env COMFYDESK_API_ALLOWED_HOSTS. Default: the "
                        "bound address, and localhost names on loopback."),
         QStringLiteral("hosts")},
        {QStringLiteral("api-max-json"),
         QStringLiteral("Largest JSON request body, in KiB; env COMFYDESK_API_MAX_JSON_KIB. "
                        "Default: %1.").arg(defaults.apiMaxJsonBytes / 1024),
         QStringLiteral("KiB")},
        {QStringLiteral("api-max-upload"),
         QStringLiteral("Largest image upload, in MiB; env COMFYDESK_API_MAX_UPLOAD_MIB. "
                        "Default: %1.").arg(defaults.apiMaxUploadBytes / (1024 * 1024)),
         QStringLiteral("MiB")},
        {QStringLiteral("lang"),
         QStringLiteral("User interface language: en or zh_CN. Default: the system's."),
         QStringLiteral("language")},
    });
}

AppConfig AppConfig::resolve(const QCommandLineParser &parser, QSettings *settings,
                             const QString &dotEnvPath, QStringList *errors)
{
    const Source source{parser, settings, DotEnv::load(dotEnvPath)};
    AppConfig config;
    auto fail = [errors](const QString &message) {
        if (errors)
            errors->append(message);
    };

    const QString url = source.pick(QStringLiteral("comfy-url"),
                                    {QStringLiteral("COMFYUI_BASE_URL")},
                                    QStringLiteral("comfy/url"), config.comfyUrl.toString());
    const QUrl comfyUrl(url.trimmed(), QUrl::StrictMode);
    if (!comfyUrl.isValid() || comfyUrl.host().isEmpty()
        || (comfyUrl.scheme() != QLatin1String("http")
            && comfyUrl.scheme() != QLatin1String("https"))) {
        fail(QStringLiteral("The ComfyUI URL \"%1\" is not an http:// or https:// address.")
                 .arg(url));
    } else {
        config.comfyUrl = comfyUrl;
    }

    config.apiHost = source.pick(QStringLiteral("api-host"),
                                 {QStringLiteral("COMFYDESK_API_HOST"),
                                  QStringLiteral("FLASK_HOST")},
                                 QStringLiteral("api/host"), config.apiHost).trimmed();
    if (config.apiHost != QLatin1String("localhost")
        && QHostAddress(config.apiHost).isNull()) {
        fail(QStringLiteral("The API address \"%1\" is not an IP address.").arg(config.apiHost));
    }

    const QString port = source.pick(QStringLiteral("api-port"),
                                     {QStringLiteral("COMFYDESK_API_PORT"),
                                      QStringLiteral("FLASK_PORT")},
                                     QStringLiteral("api/port"),
                                     QString::number(config.apiPort));
    bool portOk = false;
    const uint portValue = port.trimmed().toUInt(&portOk);
    if (!portOk || portValue > 65535)
        fail(QStringLiteral("The API port \"%1\" is not a number from 0 to 65535.").arg(port));
    else
        config.apiPort = quint16(portValue);

    config.apiToken = source.pick(QStringLiteral("api-token"),
                                  {QStringLiteral("COMFYDESK_API_TOKEN")},
                                  QStringLiteral("api/token"), QString()).trimmed();
    config.workflowsDir = source.pick(QStringLiteral("workflows"),
                                      {QStringLiteral("COMFYDESK_WORKFLOWS")},
                                      QStringLiteral("workflows/dir"), AppConfig::defaultWorkflowsDir());
    config.catalogueFile = source.pick(QStringLiteral("catalogue"),
                                       {QStringLiteral("COMFYDESK_CATALOGUE")},
                                       QStringLiteral("catalogue/file"), QString()).trimmed();
    config.language = source.pick(QStringLiteral("lang"), {}, QStringLiteral("ui/language"), {});

    const QString timeout = source.pick(QStringLiteral("timeout"),
                                        {QStringLiteral("COMFYDESK_TIMEOUT")},
                                        QStringLiteral("comfy/timeout"),
                                        QString::number(config.requestTimeoutMs / 1000));
    bool timeoutOk = false;
    const int seconds = timeout.toInt(&timeoutOk);
    if (!timeoutOk || seconds < 1 || seconds > 3600)
        fail(QStringLiteral("The timeout \"%1\" is not a number of seconds from 1 to 3600.")
                 .arg(timeout));
    else
        config.requestTimeoutMs = seconds * 1000;

    auto list = [](const QString &text) {
        QStringList items;
        for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!item.trimmed().isEmpty())
                items.append(item.trimmed());
        }
        return items;
    };
    config.apiCorsOrigins = list(source.pick(QStringLiteral("api-cors-origins"),
                                             {QStringLiteral("COMFYDESK_API_CORS_ORIGINS")},
                                             QStringLiteral("api/corsOrigins"), {}));
    config.apiAllowedHosts = list(source.pick(QStringLiteral("api-allowed-hosts"),
                                              {QStringLiteral("COMFYDESK_API_ALLOWED_HOSTS")},
                                              QStringLiteral("api/allowedHosts"), {}));
    // Sizes: whole numbers of KiB/MiB within sane bounds, else a clear error.
    auto size = [&](const QString &option, const QString &env, const QString &key,
                    qint64 unit, qint64 defaultBytes, qint64 maxUnits, qint64 *out) {
        const QString text = source.pick(option, {env}, key,
                                         QString::number(defaultBytes / unit));
        bool ok = false;
        const qint64 units = text.trimmed().toLongLong(&ok);
        if (!ok || units < 1 || units > maxUnits) {
            fail(QStringLiteral("--%1 \"%2\" is not a whole number from 1 to %3.")
                     .arg(option, text).arg(maxUnits));
            return;
        }
        *out = units * unit;
    };
    size(QStringLiteral("api-max-json"), QStringLiteral("COMFYDESK_API_MAX_JSON_KIB"),
         QStringLiteral("api/maxJsonKiB"), 1024, config.apiMaxJsonBytes, 1024 * 1024,
         &config.apiMaxJsonBytes);
    size(QStringLiteral("api-max-upload"), QStringLiteral("COMFYDESK_API_MAX_UPLOAD_MIB"),
         QStringLiteral("api/maxUploadMiB"), 1024 * 1024, config.apiMaxUploadBytes, 4096,
         &config.apiMaxUploadBytes);
    size(QStringLiteral("image-cache-mb"), QStringLiteral("COMFYDESK_IMAGE_CACHE_MB"),
         QStringLiteral("catalogue/imageCacheMiB"), 1024 * 1024, config.imageCacheBytes,
         1024 * 1024, &config.imageCacheBytes);

    config.headless = parser.isSet(QStringLiteral("headless"));
    config.apiEnabled = config.headless || parser.isSet(QStringLiteral("api"))
                        || (settings && settings->value(QStringLiteral("api/enabled")).toBool());
    return config;
}

bool AppConfig::apiBeyondLoopback() const
{
    if (apiHost == QLatin1String("localhost"))
        return false;
    return !QHostAddress(apiHost).isLoopback();
}

QString AppConfig::generateToken()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray bytes(reinterpret_cast<const char *>(words), sizeof(words));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
