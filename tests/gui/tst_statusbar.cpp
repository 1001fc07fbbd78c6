// The status bar as a user reads it, against the simulator: connected, the server and its
// queue, a countdown with the reason when the server goes away, and back again.
#include "../integration/tinygraph.h"
#include "comfyconnection.h"
#include "simserver.h"
#include "statusbarwidgets.h"

#include <QLabel>
#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString text(QWidget &window, const char *name)
{
    auto *label = window.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no %1>").arg(QLatin1String(name));
}

bool shown(QWidget &window, const char *name)
{
    auto *label = window.findChild<QLabel *>(QLatin1String(name));
    return label && label->isVisibleTo(&window);
}

void keepScreenshot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("COMFYDESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        window.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// The N of "Reconnecting in N s — ...", or -1.
int countdown(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^Reconnecting in (\\d+) s — "));
    const QRegularExpressionMatch match = pattern.match(text);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

} // namespace

class TestStatusBar : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followsTheServer()
    {
        QTemporaryDir dir;
        SimServer sim;
        sim.setDataDir(dir.path());
        sim.setNodeDelayMs(400);
        const quint16 port = sim.listen();
        QVERIFY(port != 0);

        QNetworkAccessManager nam;
        ComfyConnection connection(nam, ComfyEndpoint(sim.baseUrl(), {},
                                                      QStringLiteral("statusbar-test")));
        // Long enough for a countdown a person can read (and a test can see move).
        connection.setReconnectDelays(3000, 3000);
        QMainWindow window;
        auto *bar = new StatusBarWidgets(window.statusBar());
        bar->setConnection(&connection);
        window.resize(1000, 120);
        window.show();
        QCOMPARE(text(window, "connectionStateLabel"), QStringLiteral("Not connected"));
        QCOMPARE(text(window, "apiStateLabel"), QStringLiteral("API off"));
        QVERIFY(!shown(window, "simulatorLabel"));

        const QString url = sim.baseUrl().toString();
        connection.start();
        QTRY_COMPARE_WITH_TIMEOUT(text(window, "connectionStateLabel"),
                                  QStringLiteral("Connected to ") + url, 10000);
        QTRY_VERIFY2_WITH_TIMEOUT(text(window, "serverInfoLabel")
                                      .startsWith(QStringLiteral("ComfyUI 0.3.65 · cpu · ")),
                                  qPrintable(text(window, "serverInfoLabel")), 10000);
        QVERIFY(text(window, "serverInfoLabel").endsWith(QLatin1String(" free VRAM")));
        QTRY_COMPARE_WITH_TIMEOUT(text(window, "queueLengthLabel"),
                                  QStringLiteral("Queue empty"), 10000);

        // Three prompts: one runs, two wait.
        for (int i = 0; i < 3; ++i)
            connection.submit(tinyGraph(i, QStringLiteral("statusbar")));
        QTRY_COMPARE_WITH_TIMEOUT(text(window, "queueLengthLabel"),
                                  QStringLiteral("Queue: 1 running, 2 pending"), 10000);

        bar->setApiState(true, QStringLiteral("127.0.0.1"), 5000, 12);
        QCOMPARE(text(window, "apiStateLabel"),
                 QStringLiteral("API on 127.0.0.1:5000 · 12 requests served"));
        bar->setApiState(true, QStringLiteral("::1"), 5000, 1);
        QCOMPARE(text(window, "apiStateLabel"),
                 QStringLiteral("API on [::1]:5000 · 1 request served"));
        bar->setSimulatorInUse(true);
        QVERIFY(shown(window, "simulatorLabel"));
        QCOMPARE(text(window, "simulatorLabel"), QStringLiteral("Simulator"));
        keepScreenshot(window, QStringLiteral("statusbar-connected"));

        // The server goes away: a countdown that moves, with the reason.
        sim.stop();
        QTRY_VERIFY_WITH_TIMEOUT(countdown(text(window, "connectionStateLabel")) > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(text(window, "connectionStateLabel")
                                     .endsWith(QStringLiteral(" — connection refused")), 10000);
        const int first = countdown(text(window, "connectionStateLabel"));
        QVERIFY2(first >= 2, qPrintable(text(window, "connectionStateLabel")));
        QTRY_COMPARE_WITH_TIMEOUT(countdown(text(window, "connectionStateLabel")), first - 1,
                                  3000);
        QVERIFY(!shown(window, "serverInfoLabel"));
        QVERIFY(!shown(window, "queueLengthLabel"));
        keepScreenshot(window, QStringLiteral("statusbar-reconnecting"));

        // Back on the same port: connected again without anyone doing anything.
        QCOMPARE(sim.listen(QHostAddress::LocalHost, port), port);
        QTRY_COMPARE_WITH_TIMEOUT(text(window, "connectionStateLabel"),
                                  QStringLiteral("Connected to ") + url, 15000);
        QTRY_VERIFY(shown(window, "serverInfoLabel"));
        QTRY_VERIFY(shown(window, "queueLengthLabel"));
    }

    void offlineWhenStoppedAfterAFailure()
    {
        QNetworkAccessManager nam;
        // A port nothing listens on.
        quint16 closedPort = 0;
        {
            SimServer probe;
            closedPort = probe.listen();
        }
        ComfyConnection connection(
            nam, ComfyEndpoint(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(closedPort)),
                               {}, QStringLiteral("statusbar-closed")));
        connection.setReconnectDelays(3000, 3000);
        QMainWindow window;
        auto *bar = new StatusBarWidgets(window.statusBar());
        bar->setConnection(&connection);
        window.show();
        connection.start();
        QTRY_VERIFY2_WITH_TIMEOUT(text(window, "connectionStateLabel")
                                      .endsWith(QStringLiteral(" — connection refused")),
                                  qPrintable(text(window, "connectionStateLabel")), 10000);
        connection.stop();
        QCOMPARE(text(window, "connectionStateLabel"),
                 QStringLiteral("Offline — connection refused"));
        bar->setConnection(nullptr);
        QCOMPARE(text(window, "connectionStateLabel"), QStringLiteral("Not connected"));
    }
};

QTEST_MAIN(TestStatusBar)
#include "tst_statusbar.moc"
