// The built-in simulator as the app runs it: a child process found, started on a free
// port, answering like ComfyUI, and gone again after stop() or the launcher's end.
#include "simulatorlauncher.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

// GET <url>/system_stats; the JSON body, or an empty object when nothing answered.
QJsonObject systemStats(QNetworkAccessManager &nam, const QUrl &base)
{
    QNetworkReply *reply = nam.get(QNetworkRequest(base.resolved(QUrl(
        QStringLiteral("system_stats")))));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(10000)) {
        reply->abort();
        reply->deleteLater();
        return {};
    }
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError)
        return {};
    return QJsonDocument::fromJson(reply->readAll()).object();
}

QString script(const QTemporaryDir &dir, const char *name, const QByteArray &body)
{
    const QString path = dir.filePath(QLatin1String(name));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("#!/bin/sh\n" + body);
    file.close();
    file.setPermissions(file.permissions() | QFileDevice::ExeOwner);
    return path;
}

} // namespace

class TestSimulatorLauncher : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void startsAndStopsTheSimulator()
    {
        QNetworkAccessManager nam;
        SimulatorLauncher launcher;
        launcher.setExecutable(QStringLiteral(COMFYDESK_SIM_PATH));
        QSignalSpy started(&launcher, &SimulatorLauncher::started);
        QSignalSpy stopped(&launcher, &SimulatorLauncher::stopped);
        launcher.start();
        QCOMPARE(launcher.state(), SimulatorLauncher::State::Starting);
        QVERIFY(started.wait(15000));
        const QUrl url = started.first().first().toUrl();
        QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(url.port() > 0);
        QCOMPARE(launcher.url(), url);
        QCOMPARE(launcher.state(), SimulatorLauncher::State::Running);
        QVERIFY(!launcher.dataDir().isEmpty());

        const QJsonObject stats = systemStats(nam, url);
        QCOMPARE(stats.value(QLatin1String("system")).toObject()
                     .value(QLatin1String("comfyui_version")).toString(),
                 QStringLiteral("0.3.65"));

        launcher.stop();
        QVERIFY(stopped.wait(10000));
        QVERIFY(!launcher.isRunning());
        QCOMPARE(launcher.state(), SimulatorLauncher::State::Idle);
        QVERIFY(systemStats(nam, url).isEmpty());
    }

    void destructorStopsTheSimulator()
    {
        QNetworkAccessManager nam;
        QUrl url;
        {
            SimulatorLauncher launcher;
            launcher.setExecutable(QStringLiteral(COMFYDESK_SIM_PATH));
            QSignalSpy started(&launcher, &SimulatorLauncher::started);
            launcher.start();
            QVERIFY(started.wait(15000));
            url = launcher.url();
            QVERIFY(!systemStats(nam, url).isEmpty());
        }
        QVERIFY(systemStats(nam, url).isEmpty());
    }

    void findsTheExecutableFromTheEnvironment()
    {
        qputenv("COMFYDESK_SIM", COMFYDESK_SIM_PATH);
        QCOMPARE(SimulatorLauncher::findExecutable(),
                 QFileInfo(QStringLiteral(COMFYDESK_SIM_PATH)).absoluteFilePath());
        // Told where it is and it is not there: nothing else is tried behind the user's back.
        qputenv("COMFYDESK_SIM", m_dir.filePath(QStringLiteral("missing")).toLocal8Bit());
        QVERIFY(SimulatorLauncher::findExecutable().isEmpty());

        SimulatorLauncher launcher;
        QSignalSpy failed(&launcher, &SimulatorLauncher::failed);
        launcher.start();
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.first().first().value<SimulatorLauncher::Failure>(),
                 SimulatorLauncher::Failure::NotFound);
        QCOMPARE(launcher.state(), SimulatorLauncher::State::Failed);
        qunsetenv("COMFYDESK_SIM");
    }

    void reportsAnEarlyExit()
    {
        SimulatorLauncher launcher;
        launcher.setExecutable(script(m_dir, "exits.sh", "echo 'cannot listen' >&2\nexit 3\n"));
        QSignalSpy failed(&launcher, &SimulatorLauncher::failed);
        launcher.start();
        QVERIFY(failed.wait(10000));
        QCOMPARE(launcher.failure(), SimulatorLauncher::Failure::Exited);
        QCOMPARE(launcher.exitCode(), 3);
        QCOMPARE(launcher.errorOutput(), QStringLiteral("cannot listen"));
    }

    void givesUpWithoutAUrl()
    {
        SimulatorLauncher launcher;
        // Ignores SIGTERM, so stopping it needs the kill after the grace time.
        launcher.setExecutable(script(m_dir, "silent.sh", "exec sleep 30\n"));
        launcher.setStartTimeoutMs(300);
        QSignalSpy failed(&launcher, &SimulatorLauncher::failed);
        launcher.start();
        QVERIFY(failed.wait(10000));
        QCOMPARE(launcher.failure(), SimulatorLauncher::Failure::NoUrl);
        QTRY_VERIFY_WITH_TIMEOUT(!launcher.isRunning(), 10000);
    }

    void stopKillsAfterTheGraceTime()
    {
        SimulatorLauncher launcher;
        launcher.setExecutable(script(m_dir, "stubborn.sh",
                                      "trap '' TERM\necho http://127.0.0.1:9/\n"
                                      "while true; do sleep 1; done\n"));
        launcher.setStopGraceMs(200);
        QSignalSpy started(&launcher, &SimulatorLauncher::started);
        QSignalSpy stopped(&launcher, &SimulatorLauncher::stopped);
        launcher.start();
        QVERIFY(started.wait(10000));
        launcher.stop();
        QVERIFY(stopped.wait(10000));
        QVERIFY(!launcher.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestSimulatorLauncher)
#include "tst_simulatorlauncher.moc"
