#include "appconfig.h"

#include <QCommandLineParser>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace {

const char *const kEnvKeys[] = {"COMFYUI_BASE_URL", "COMFYDESK_API_HOST", "FLASK_HOST",
                                "COMFYDESK_API_PORT", "FLASK_PORT", "COMFYDESK_API_TOKEN",
                                "COMFYDESK_WORKFLOWS", "COMFYDESK_TIMEOUT",
                                "COMFYDESK_API_CORS_ORIGINS", "COMFYDESK_API_ALLOWED_HOSTS",
                                "COMFYDESK_API_MAX_JSON_KIB", "COMFYDESK_API_MAX_UPLOAD_MIB"};

AppConfig resolve(const QStringList &args, QSettings *settings, const QString &dotEnv,
                  QStringList *errors)
{
    QCommandLineParser parser;
    AppConfig::addOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("comfydesk")} + args))
        errors->append(parser.errorText());
    return AppConfig::resolve(parser, settings, dotEnv, errors);
}

} // namespace

class TestAppConfig : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writeDotEnv(const QByteArray &text)
    {
        const QString path = m_dir.filePath(QStringLiteral(".env"));
        QFile file(path);
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(text);
        return path;
    }

private Q_SLOTS:
    void init()
    {
        for (const char *key : kEnvKeys)
            qunsetenv(key);
    }

    void defaultsAreSafe()
    {
        QStringList errors;
        const AppConfig config = resolve({}, nullptr, QStringLiteral("/nonexistent"), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(config.comfyUrl, QUrl(QStringLiteral("http://localhost:8188")));
        QCOMPARE(config.apiHost, QStringLiteral("127.0.0.1"));
        QCOMPARE(config.apiPort, quint16(5000));
        QVERIFY(!config.apiEnabled);
        QVERIFY(!config.apiBeyondLoopback());
    }

    void precedenceFlagOverEnvOverDotEnvOverSettings()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("comfy/url"), QStringLiteral("http://from-settings:1"));
        settings.setValue(QStringLiteral("api/port"), 6001);
        const QString dotEnv = writeDotEnv("COMFYUI_BASE_URL=http://from-dotenv:2\n"
                                           "FLASK_PORT=6002\nFLASK_HOST=0.0.0.0\n");
        QStringList errors;
        AppConfig config = resolve({}, &settings, dotEnv, &errors);
        QCOMPARE(config.comfyUrl.host(), QStringLiteral("from-dotenv"));
        QCOMPARE(config.apiPort, quint16(6002));
        QCOMPARE(config.apiHost, QStringLiteral("0.0.0.0"));
        QVERIFY(config.apiBeyondLoopback());

        qputenv("COMFYUI_BASE_URL", "http://from-env:3");
        qputenv("COMFYDESK_API_PORT", "6003");
        config = resolve({}, &settings, dotEnv, &errors);
        QCOMPARE(config.comfyUrl.host(), QStringLiteral("from-env"));
        QCOMPARE(config.apiPort, quint16(6003));

        config = resolve({QStringLiteral("--comfy-url"), QStringLiteral("https://flag/comfy"),
                          QStringLiteral("--api-port"), QStringLiteral("6004"),
                          QStringLiteral("--headless")},
                         &settings, dotEnv, &errors);
        QCOMPARE(config.comfyUrl, QUrl(QStringLiteral("https://flag/comfy")));
        QCOMPARE(config.apiPort, quint16(6004));
        QVERIFY(config.headless);
        QVERIFY(config.apiEnabled);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    }

    void badValuesAreReportedNotGuessed()
    {
        QStringList errors;
        resolve({QStringLiteral("--comfy-url"), QStringLiteral("ftp://x"),
                 QStringLiteral("--api-port"), QStringLiteral("70000"),
                 QStringLiteral("--api-host"), QStringLiteral("not a host"),
                 QStringLiteral("--timeout"), QStringLiteral("0")},
                nullptr, QStringLiteral("/nonexistent"), &errors);
        QCOMPARE(errors.size(), 4);
        QVERIFY(errors.at(0).contains(QLatin1String("ftp://x")));
        QVERIFY(errors.at(2).contains(QLatin1String("70000")));
    }

    void guardSettings()
    {
        QStringList errors;
        AppConfig config = resolve({}, nullptr, QStringLiteral("/nonexistent"), &errors);
        QVERIFY(config.apiCorsOrigins.isEmpty()); // no CORS unless configured
        QCOMPARE(config.apiMaxJsonBytes, qint64(1024 * 1024));
        QCOMPARE(config.apiMaxUploadBytes, qint64(64 * 1024 * 1024));

        qputenv("COMFYDESK_API_CORS_ORIGINS", "http://krita.lan:8080, http://tool.lan");
        config = resolve({QStringLiteral("--api-allowed-hosts"), QStringLiteral("gpu-box,gpu-box.lan"),
                          QStringLiteral("--api-max-json"), QStringLiteral("64"),
                          QStringLiteral("--api-max-upload"), QStringLiteral("8")},
                         nullptr, QStringLiteral("/nonexistent"), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(config.apiCorsOrigins, (QStringList{QStringLiteral("http://krita.lan:8080"),
                                                     QStringLiteral("http://tool.lan")}));
        QCOMPARE(config.apiAllowedHosts, (QStringList{QStringLiteral("gpu-box"),
                                                      QStringLiteral("gpu-box.lan")}));
        QCOMPARE(config.apiMaxJsonBytes, qint64(64 * 1024));
        QCOMPARE(config.apiMaxUploadBytes, qint64(8 * 1024 * 1024));

        resolve({QStringLiteral("--api-max-json"), QStringLiteral("-3"),
                 QStringLiteral("--api-max-upload"), QStringLiteral("lots")},
                nullptr, QStringLiteral("/nonexistent"), &errors);
        QCOMPARE(errors.size(), 2);
        QVERIFY(errors.at(0).contains(QLatin1String("-3")));
    }

    void tokensAreLongAndRandom()
    {
        const QString a = AppConfig::generateToken();
        const QString b = AppConfig::generateToken();
        QVERIFY(a != b);
        QCOMPARE(QByteArray::fromBase64(a.toLatin1(), QByteArray::Base64UrlEncoding).size(), 16);
    }
};

QTEST_GUILESS_MAIN(TestAppConfig)
#include "tst_appconfig.moc"
