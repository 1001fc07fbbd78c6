// The desktop settings value: stored under the keys the headless app reads, and checked
// field by field with a reason code the dialog words.
#include "appconfig.h"
#include "desktopsettings.h"

#include <QCommandLineParser>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using Field = DesktopSettings::Field;
using Reason = DesktopSettings::Reason;
using Problem = DesktopSettings::Problem;

namespace {

DesktopSettings sample()
{
    DesktopSettings s;
    s.comfyUrl = QUrl(QStringLiteral("https://gpu-box.lan:8443/comfy"));
    s.comfyToken = QStringLiteral("proxy-secret");
    s.workflowsDir = QStringLiteral("/home/ann/工作流");
    s.apiEnabled = true;
    s.apiBind = DesktopSettings::ApiBind::OneAddress;
    s.apiAddress = QStringLiteral("192.168.1.20");
    s.apiPort = 5123;
    s.apiToken = QStringLiteral("abc_DEF-123");
    s.apiAllowedOrigins = {QStringLiteral("http://krita-host:8080"),
                           QStringLiteral("https://studio.example")};
    s.language = QStringLiteral("zh_CN");
    s.notifyWhenBackground = false;
    return s;
}

} // namespace

class TestDesktopSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString iniPath(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

private Q_SLOTS:
    void defaultsAreValid()
    {
        DesktopSettings s;
        s.workflowsDir = QStringLiteral("/tmp/workflows");
        QCOMPARE(s.validate(), QList<Problem>());
        QCOMPARE(s.apiHost(), QStringLiteral("127.0.0.1"));
    }

    void roundTripsThroughQSettings()
    {
        const DesktopSettings saved = sample();
        {
            QSettings settings(iniPath("roundtrip.ini"), QSettings::IniFormat);
            saved.save(settings);
        }
        QSettings settings(iniPath("roundtrip.ini"), QSettings::IniFormat);
        QCOMPARE(DesktopSettings::load(settings), saved);
    }

    void missingKeysKeepDefaults()
    {
        QSettings settings(iniPath("empty.ini"), QSettings::IniFormat);
        const DesktopSettings s = DesktopSettings::load(settings, QStringLiteral("/w"));
        QCOMPARE(s.comfyUrl, ComfyEndpoint::defaultBaseUrl());
        QCOMPARE(s.workflowsDir, QStringLiteral("/w"));
        QCOMPARE(s.apiBind, DesktopSettings::ApiBind::ThisComputer);
        QCOMPARE(s.apiPort, 5000);
        QVERIFY(s.notifyWhenBackground);
        QVERIFY(s.language.isEmpty());
    }

    // The headless app (AppConfig) must see what the dialog saved.
    void appConfigReadsTheSameKeys()
    {
        const DesktopSettings saved = sample();
        QSettings settings(iniPath("shared.ini"), QSettings::IniFormat);
        saved.save(settings);
        settings.sync();

        QCommandLineParser parser;
        AppConfig::addOptions(parser);
        QVERIFY(parser.parse({QStringLiteral("comfydesk")}));
        QStringList errors;
        const AppConfig config = AppConfig::resolve(parser, &settings,
                                                    iniPath("no.env"), &errors);
        QCOMPARE(errors, QStringList());
        QCOMPARE(config.comfyUrl, saved.comfyUrl);
        QCOMPARE(config.apiHost, QStringLiteral("192.168.1.20"));
        QCOMPARE(config.apiPort, quint16(5123));
        QCOMPARE(config.apiToken, saved.apiToken);
        QCOMPARE(config.apiCorsOrigins, saved.apiAllowedOrigins);
        QCOMPARE(config.workflowsDir, saved.workflowsDir);
        QCOMPARE(config.language, saved.language);
        QVERIFY(config.apiEnabled);
    }

    void bindModesMapToAddresses()
    {
        DesktopSettings s = sample();
        s.apiBind = DesktopSettings::ApiBind::AllNetworks;
        QCOMPARE(s.apiHost(), QStringLiteral("0.0.0.0"));
        QSettings settings(iniPath("bind.ini"), QSettings::IniFormat);
        s.save(settings);
        const DesktopSettings loaded = DesktopSettings::load(settings);
        QCOMPARE(loaded.apiBind, DesktopSettings::ApiBind::AllNetworks);
        // The typed address survives choosing another mode for a while.
        QCOMPARE(loaded.apiAddress, QStringLiteral("192.168.1.20"));
        QCOMPARE(DesktopSettings::bindFor(QStringLiteral("localhost")),
                 DesktopSettings::ApiBind::ThisComputer);
        QCOMPARE(DesktopSettings::bindFor(QStringLiteral("::1")),
                 DesktopSettings::ApiBind::OneAddress);
    }

    void refusesBadValues_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<int>("field");
        QTest::addColumn<int>("reason");
        QTest::newRow("empty url") << "url:" << int(Field::ComfyUrl) << int(Reason::UrlEmpty);
        QTest::newRow("ftp url") << "url:ftp://host/" << int(Field::ComfyUrl)
                                 << int(Reason::UrlNotHttp);
        QTest::newRow("no host") << "url:http://" << int(Field::ComfyUrl)
                                 << int(Reason::UrlNoHost);
        QTest::newRow("no scheme") << "url:localhost:8188" << int(Field::ComfyUrl)
                                   << int(Reason::UrlNotHttp);
        QTest::newRow("query") << "url:http://h:1/?a=b" << int(Field::ComfyUrl)
                               << int(Reason::UrlHasQuery);
        QTest::newRow("port 0") << "port:0" << int(Field::ApiPort)
                                << int(Reason::PortOutOfRange);
        QTest::newRow("port 65536") << "port:65536" << int(Field::ApiPort)
                                    << int(Reason::PortOutOfRange);
        QTest::newRow("address") << "address:192.168.1" << int(Field::ApiAddress)
                                 << int(Reason::AddressNotIp);
        QTest::newRow("address name") << "address:myhost" << int(Field::ApiAddress)
                                      << int(Reason::AddressNotIp);
        QTest::newRow("no address") << "address:" << int(Field::ApiAddress)
                                    << int(Reason::AddressEmpty);
        QTest::newRow("origin path") << "origin:http://h:80/app" << int(Field::ApiAllowedOrigins)
                                     << int(Reason::OriginInvalid);
        QTest::newRow("origin slash") << "origin:http://h/" << int(Field::ApiAllowedOrigins)
                                      << int(Reason::OriginInvalid);
        QTest::newRow("origin bare") << "origin:krita-host" << int(Field::ApiAllowedOrigins)
                                     << int(Reason::OriginInvalid);
        QTest::newRow("origin user") << "origin:http://a@h" << int(Field::ApiAllowedOrigins)
                                     << int(Reason::OriginInvalid);
        QTest::newRow("token space") << "token:a b" << int(Field::ApiToken)
                                     << int(Reason::TokenHasSpaces);
        QTest::newRow("language") << "language:fr" << int(Field::Language)
                                  << int(Reason::LanguageUnknown);
        QTest::newRow("folder") << "folder: " << int(Field::WorkflowsDir)
                                << int(Reason::FolderEmpty);
    }

    void refusesBadValues()
    {
        QFETCH(QString, what);
        QFETCH(int, field);
        QFETCH(int, reason);
        DesktopSettings s = sample();
        const QString kind = what.section(QLatin1Char(':'), 0, 0);
        const QString value = what.section(QLatin1Char(':'), 1);
        if (kind == QLatin1String("url"))
            s.comfyUrl = QUrl(value);
        else if (kind == QLatin1String("port"))
            s.apiPort = value.toInt();
        else if (kind == QLatin1String("address"))
            s.apiAddress = value;
        else if (kind == QLatin1String("origin"))
            s.apiAllowedOrigins.append(value);
        else if (kind == QLatin1String("token"))
            s.apiToken = value;
        else if (kind == QLatin1String("language"))
            s.language = value;
        else if (kind == QLatin1String("folder"))
            s.workflowsDir = value;
        const QList<Problem> problems = s.validate();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(int(problems.first().field), field);
        QCOMPARE(int(problems.first().reason), reason);
    }

    void acceptsOrigins()
    {
        for (const char *origin : {"http://localhost:3000", "https://studio.example",
                                   "http://[::1]:8080", "chrome-extension://abcdef"}) {
            QVERIFY2(DesktopSettings::isValidOrigin(QLatin1String(origin)), origin);
        }
    }

    void addressIsOnlyCheckedWhenUsed()
    {
        DesktopSettings s = sample();
        s.apiBind = DesktopSettings::ApiBind::AllNetworks;
        s.apiAddress = QStringLiteral("not an address");
        QCOMPARE(s.validate(), QList<Problem>());
    }

    void generatesUrlSafeTokens()
    {
        const QString token = DesktopSettings::generateApiToken();
        QCOMPARE(token.size(), 32);
        for (const QChar c : token) {
            QVERIFY2(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'),
                     qPrintable(token));
        }
        QVERIFY(token != DesktopSettings::generateApiToken());
    }

    void badOriginIsNamed()
    {
        DesktopSettings s = sample();
        s.apiAllowedOrigins.append(QStringLiteral("http://bad/path"));
        const QList<Problem> problems = s.validate();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().value, QStringLiteral("http://bad/path"));
    }
};

QTEST_GUILESS_MAIN(TestDesktopSettings)
#include "tst_desktopsettings.moc"
