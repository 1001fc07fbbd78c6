// `comfydesk --headless` as an operator runs it: no DISPLAY, the API answers, and SIGINT or
// SIGTERM end it cleanly (exit code 0, no crash).
#include "simserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestHeadless : public QObject
{
    Q_OBJECT

    void runAndStop(int signalNumber)
    {
        QTemporaryDir dir;
        SimServer sim;
        sim.setDataDir(dir.path());
        QVERIFY(sim.listen() != 0);

        const quint16 port = freePort();
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        app.setProcessEnvironment(env);
        app.setWorkingDirectory(dir.path());
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(QStringLiteral(COMFYDESK_APP_PATH),
                  {QStringLiteral("--headless"), QStringLiteral("--comfy-url"),
                   sim.baseUrl().toString(), QStringLiteral("--api-port"),
                   QString::number(port), QStringLiteral("--workflows"),
                   QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows")});
        QVERIFY(app.waitForStarted(10000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += app.readAll()).contains("ComfyDesk API on")
                                     || app.state() == QProcess::NotRunning, 20000);
        QVERIFY2(app.state() == QProcess::Running, out.constData());

        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(
            QUrl(QStringLiteral("http://127.0.0.1:%1/api/workflows").arg(port))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(reply->readAll().contains("sd_txt2img"));
        reply->deleteLater();

        ::kill(pid_t(app.processId()), signalNumber);
        QVERIFY(app.waitForFinished(10000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
    }

private Q_SLOTS:
    void stopsCleanlyOnSigint() { runAndStop(SIGINT); }
    void stopsCleanlyOnSigterm() { runAndStop(SIGTERM); }

    void refusesLanWithoutTokenOnlyWhenItCannotMakeOne()
    {
        // Beyond loopback with no token configured, a token is generated and printed once.
        QTemporaryDir dir;
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        app.setProcessEnvironment(env);
        app.setWorkingDirectory(dir.path());
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(QStringLiteral(COMFYDESK_APP_PATH),
                  {QStringLiteral("--headless"), QStringLiteral("--api-host"),
                   QStringLiteral("0.0.0.0"), QStringLiteral("--api-port"),
                   QString::number(freePort()), QStringLiteral("--comfy-url"),
                   QStringLiteral("http://127.0.0.1:9")});
        QVERIFY(app.waitForStarted(10000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += app.readAll()).contains("ComfyDesk API on"), 20000);
        const QRegularExpression token(QStringLiteral("API token .*: ([A-Za-z0-9_-]{22})"));
        QVERIFY2(token.match(QString::fromUtf8(out)).hasMatch(), out.constData());
        ::kill(pid_t(app.processId()), SIGTERM);
        QVERIFY(app.waitForFinished(10000));
        QCOMPARE(app.exitCode(), 0);
    }

    void helpWorksWithoutDisplayAndListsDefaults()
    {
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(COMFYDESK_APP_PATH), {QStringLiteral("--help")});
        QVERIFY(app.waitForFinished(10000));
        QCOMPARE(app.exitCode(), 0);
        // --help wraps long lines: compare with the white space folded.
        const QString help = QString::fromUtf8(app.readAllStandardOutput()).simplified();
        for (const char *option : {"--comfy-url", "--api-host", "--api-port", "--api-token",
                                   "--workflows", "--headless", "--timeout", "--lang"})
            QVERIFY2(help.contains(QLatin1String(option)), option);
        QVERIFY(help.contains(QLatin1String("Default: http://localhost:8188")));
        QVERIFY(help.contains(QLatin1String("Default: 127.0.0.1")));
        QVERIFY(help.contains(QLatin1String("Default: 5000")));
    }

    void windowWithoutDisplaySaysWhatToDo()
    {
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(COMFYDESK_APP_PATH), {});
        QVERIFY(app.waitForFinished(10000));
        QCOMPARE(app.exitCode(), 1);
        QVERIFY(app.readAllStandardError().contains("--headless"));
    }

    void badConfigurationIsAClearError()
    {
        QProcess app;
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(QStringLiteral(COMFYDESK_APP_PATH),
                  {QStringLiteral("--headless"), QStringLiteral("--api-port"),
                   QStringLiteral("99999")});
        QVERIFY(app.waitForFinished(10000));
        QCOMPARE(app.exitCode(), 2);
        QVERIFY(app.readAll().contains("99999"));
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
