// The connection window as a user sees it, against the simulator. Set
// COMFYDESK_SCREENSHOT_DIR to keep a picture of each state for a person to look at.
#include "comfyconnection.h"
#include "mainwindow.h"
#include "serverregistry.h"
#include "simserver.h"

#include <QApplication>
#include <QCheckBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

namespace {

void keepScreenshot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("COMFYDESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        window.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

QString labelText(QWidget &window, const char *name)
{
    auto *label = window.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statesTheConnection()
    {
        QTemporaryDir dir;
        SimServer sim;
        sim.setDataDir(dir.path());
        QVERIFY(sim.listen() != 0);

        QNetworkAccessManager nam;
        ServerRegistry servers(nam, ComfyEndpoint(sim.baseUrl(), {}, QStringLiteral("gui-test")),
                               [](ComfyConnection &c) { c.setReconnectDelays(20, 200); });
        ComfyConnection &connection = servers.current();
        MainWindow window(servers);
        window.resize(760, 360);
        window.show();
        QCOMPARE(labelText(window, "stateLabel"), QStringLiteral("Not connected"));

        connection.start();
        QTRY_COMPARE_WITH_TIMEOUT(labelText(window, "stateLabel"),
                                  QStringLiteral("Connected to ") + sim.baseUrl().toString(),
                                  10000);
        window.findChild<QPushButton *>(QStringLiteral("testButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(labelText(window, "serverLabel").startsWith(
                                     QLatin1String("ComfyUI 0.3.65 on cpu")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(labelText(window, "queueLabel"),
                                  QStringLiteral("0 running, 0 pending"), 10000);
        keepScreenshot(window, QStringLiteral("mainwindow-connected"));

        // The server goes away: the window says so instead of pretending.
        sim.stop();
        QTRY_VERIFY_WITH_TIMEOUT(labelText(window, "stateLabel").contains(
                                     QLatin1String("reconnecting")), 10000);
        window.findChild<QPushButton *>(QStringLiteral("testButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(labelText(window, "serverLabel")
                                     .startsWith(QLatin1String("Cannot reach ComfyUI at")),
                                 10000);
        QCOMPARE(labelText(window, "queueLabel"), QStringLiteral("Unknown until connected"));
        keepScreenshot(window, QStringLiteral("mainwindow-offline"));
    }

    void anotherUrlIsAnotherConnection()
    {
        QTemporaryDir dirA;
        QTemporaryDir dirB;
        SimServer simA;
        SimServer simB;
        simA.setDataDir(dirA.path());
        simB.setDataDir(dirB.path());
        QVERIFY(simA.listen() != 0);
        QVERIFY(simB.listen() != 0);
        QNetworkAccessManager nam;
        ServerRegistry servers(nam, ComfyEndpoint(simA.baseUrl()),
                               [](ComfyConnection &c) { c.setReconnectDelays(20, 200); });
        ComfyConnection &first = servers.current();
        first.start();
        MainWindow window(servers);
        window.show();
        QTRY_COMPARE_WITH_TIMEOUT(labelText(window, "stateLabel"),
                                  QStringLiteral("Connected to ") + simA.baseUrl().toString(),
                                  10000);
        window.findChild<QLineEdit *>(QStringLiteral("urlEdit"))
            ->setText(simB.baseUrl().toString());
        window.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(labelText(window, "stateLabel"),
                                  QStringLiteral("Connected to ") + simB.baseUrl().toString(),
                                  10000);
        QVERIFY(&servers.current() != &first);
        // The first server's connection was not re-pointed at the second server.
        QCOMPARE(first.baseUrl(), simA.baseUrl());
        QCOMPARE(servers.current().clientId(), first.clientId());
    }

    void speaksSimplifiedChinese()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/comfydesk_zh_CN.qm")));
        QCoreApplication::installTranslator(&translator);
        QNetworkAccessManager nam;
        ServerRegistry servers(nam, ComfyEndpoint(QUrl(QStringLiteral("http://127.0.0.1:9"))));
        MainWindow window(servers);
        window.resize(760, 360);
        window.show();
        QCOMPARE(labelText(window, "stateLabel"), QStringLiteral("未连接"));
        QCOMPARE(labelText(window, "queueLabel"), QStringLiteral("连接后才能得知"));
        keepScreenshot(window, QStringLiteral("mainwindow-zh_CN"));
        QCoreApplication::removeTranslator(&translator);
    }

    void apiSwitchAsksAndReports()
    {
        QNetworkAccessManager nam;
        ServerRegistry servers(nam, ComfyEndpoint());
        MainWindow window(servers);
        window.resize(760, 420);
        window.show();
        window.setApiSettings({false, QStringLiteral("0.0.0.0"), 5055, {}});
        QSignalSpy asked(&window, &MainWindow::apiSettingsChanged);
        auto *check = window.findChild<QCheckBox *>(QStringLiteral("apiCheck"));
        check->click();
        QCOMPARE(asked.count(), 1);
        const auto wanted = asked.first().first().value<MainWindow::ApiSettings>();
        QVERIFY(wanted.enabled);
        QCOMPARE(wanted.host, QStringLiteral("0.0.0.0"));
        QCOMPARE(wanted.port, quint16(5055));
        // While serving, address and port are fixed.
        QVERIFY(!window.findChild<QSpinBox *>(QStringLiteral("apiPortSpin"))->isEnabled());

        window.setApiSettings({true, QStringLiteral("0.0.0.0"), 5055,
                               QStringLiteral("Zk3q9v1Xb2LmQw8eRt5YuA")});
        window.showApiState(true, QStringLiteral("Serving http://0.0.0.0:5055/api"));
        keepScreenshot(window, QStringLiteral("mainwindow-api-on"));

        // A refusal turns the switch back off and says why.
        window.showApiState(false, QStringLiteral("Cannot listen on 0.0.0.0 port 5055"));
        QVERIFY(!check->isChecked());
        QCOMPARE(labelText(window, "apiStateLabel"),
                 QStringLiteral("Cannot listen on 0.0.0.0 port 5055"));
        QVERIFY(window.findChild<QSpinBox *>(QStringLiteral("apiPortSpin"))->isEnabled());
    }

    void refusesANonHttpUrl()
    {
        QNetworkAccessManager nam;
        ServerRegistry servers(nam, ComfyEndpoint(QUrl(QStringLiteral("http://127.0.0.1:9"))));
        ComfyConnection &connection = servers.current();
        MainWindow window(servers);
        auto *edit = window.findChild<QLineEdit *>(QStringLiteral("urlEdit"));
        edit->setText(QStringLiteral("ftp://example.org"));
        window.findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        QVERIFY(labelText(window, "serverLabel").contains(QLatin1String("not an http")));
        QCOMPARE(connection.baseUrl(), QUrl(QStringLiteral("http://127.0.0.1:9")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
