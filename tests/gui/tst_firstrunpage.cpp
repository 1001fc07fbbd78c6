// The empty state shown when ComfyUI cannot be reached: what was tried, what went wrong,
// what to do, and buttons that say so to the window.
#include "comfyconnection.h"
#include "firstrunpage.h"
#include "simserver.h"
#include "simulatorlauncher.h"

#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

namespace {

QString labelText(QWidget &page, const char *name)
{
    auto *label = page.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

QPushButton *button(QWidget &page, const char *name)
{
    return page.findChild<QPushButton *>(QLatin1String(name));
}

quint16 closedPort()
{
    SimServer probe;
    return probe.listen();
}

void keepScreenshot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("COMFYDESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        window.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// Stands in for the Chinese catalogue (translations are done elsewhere): long Chinese
// sentences, to see them wrap and the page follow a language change.
class ChineseTranslator final : public QTranslator
{
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (qstrcmp(context, "FirstRunPage") != 0)
            return {};
        if (qstrcmp(source, "ComfyUI is not reachable") == 0)
            return QStringLiteral("无法连接到 ComfyUI");
        if (qstrncmp(source, "Start ComfyUI", 13) == 0)
            return QStringLiteral("请在这台电脑上启动 ComfyUI（默认监听 8188 端口），或者在设置中"
                                  "填写运行它的电脑的地址。ComfyUI 一旦响应，ComfyDesk 就会自动"
                                  "连接。\n\n还没有 ComfyUI？内置模拟器无需显卡即可运行工作流并"
                                  "生成占位图片，可以先试用所有功能。");
        if (qstrcmp(source, "Try the built-in &simulator") == 0)
            return QStringLiteral("试用内置模拟器(&S)");
        return {};
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestFirstRunPage : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void explainsAClosedPort()
    {
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(closedPort()));
        ComfyConnection connection(m_nam, ComfyEndpoint(url, {}, QStringLiteral("first-run")));
        connection.setReconnectDelays(5000, 5000);
        FirstRunPage page;
        QSignalSpy needed(&page, &FirstRunPage::neededChanged);
        page.setConnection(&connection);
        page.resize(800, 600);
        page.show();
        QVERIFY(!page.isNeeded());

        connection.start();
        QTRY_COMPARE_WITH_TIMEOUT(labelText(page, "detailLabel"),
                                  QStringLiteral("ComfyDesk tried %1: connection refused.")
                                      .arg(url.toString()),
                                  10000);
        QCOMPARE(labelText(page, "headlineLabel"), QStringLiteral("ComfyUI is not reachable"));
        QVERIFY(labelText(page, "adviceLabel").contains(QLatin1String("Settings")));
        QVERIFY(page.isNeeded());
        QCOMPARE(needed.size(), 1);
        QVERIFY(needed.first().first().toBool());
        QVERIFY(button(page, "retryButton")->isVisible());
        QVERIFY(button(page, "openSettingsButton")->isVisible());
        QVERIFY(button(page, "trySimulatorButton")->isVisible());
        keepScreenshot(page, QStringLiteral("firstrun-offline"));
    }

    void buttonsAsk()
    {
        FirstRunPage page;
        QSignalSpy retry(&page, &FirstRunPage::retryRequested);
        QSignalSpy settings(&page, &FirstRunPage::settingsRequested);
        QSignalSpy simulator(&page, &FirstRunPage::simulatorRequested);
        page.show();
        button(page, "retryButton")->click();
        button(page, "openSettingsButton")->click();
        button(page, "trySimulatorButton")->click();
        QCOMPARE(retry.size(), 1);
        QCOMPARE(settings.size(), 1);
        QCOMPARE(simulator.size(), 1);
        for (const char *name : {"retryButton", "openSettingsButton", "trySimulatorButton"}) {
            QVERIFY(!button(page, name)->accessibleName().isEmpty());
            QVERIFY(!button(page, name)->accessibleDescription().isEmpty());
        }
    }

    void showsTheSimulatorsProgress()
    {
        FirstRunPage page;
        page.show();
        QVERIFY(!page.findChild<QLabel *>(QStringLiteral("simulatorStateLabel"))->isVisible());
        page.setSimulatorState(FirstRunPage::SimulatorState::Starting);
        QCOMPARE(labelText(page, "simulatorStateLabel"),
                 QStringLiteral("Starting the simulator…"));
        QVERIFY(!button(page, "trySimulatorButton")->isEnabled());

        // A launcher that cannot find the simulator: the page words why.
        qputenv("COMFYDESK_SIM", "/nonexistent/comfydesk-sim");
        SimulatorLauncher launcher;
        QSignalSpy failed(&launcher, &SimulatorLauncher::failed);
        launcher.start();
        QVERIFY(failed.wait(5000));
        qunsetenv("COMFYDESK_SIM");
        page.setSimulatorState(FirstRunPage::SimulatorState::Failed,
                               FirstRunPage::simulatorFailureText(launcher));
        QVERIFY(labelText(page, "simulatorStateLabel")
                    .startsWith(QLatin1String("The simulator (comfydesk-sim) is not installed")));
        QVERIFY(button(page, "trySimulatorButton")->isEnabled());
        page.setSimulatorState(FirstRunPage::SimulatorState::Idle);
        QVERIFY(!page.findChild<QLabel *>(QStringLiteral("simulatorStateLabel"))->isVisible());
    }

    void followsALanguageChange()
    {
        FirstRunPage page;
        page.resize(800, 600);
        page.show();
        auto *advice = page.findChild<QLabel *>(QStringLiteral("adviceLabel"));
        const int englishHeight = advice->height();
        ChineseTranslator chinese;
        QCoreApplication::installTranslator(&chinese);
        QTRY_COMPARE(labelText(page, "headlineLabel"), QStringLiteral("无法连接到 ComfyUI"));
        QCOMPARE(button(page, "trySimulatorButton")->text(), QStringLiteral("试用内置模拟器(&S)"));
        // Wrapped inside the readable column, not one endless line.
        QTRY_VERIFY(advice->height() > advice->fontMetrics().height() * 2);
        // Every wrapped line fits: nothing is cut off at the bottom.
        QTRY_VERIFY(advice->height() >= advice->heightForWidth(advice->width()));
        QVERIFY(advice->width() < page.width());
        QVERIFY(englishHeight > 0);
        keepScreenshot(page, QStringLiteral("firstrun-chinese"));
        QCoreApplication::removeTranslator(&chinese);
        QTRY_COMPARE(labelText(page, "headlineLabel"), QStringLiteral("ComfyUI is not reachable"));
    }

    void notNeededOnceConnected()
    {
        QTemporaryDir dir;
        SimServer sim;
        sim.setDataDir(dir.path());
        QVERIFY(sim.listen() != 0);
        ComfyConnection connection(m_nam, ComfyEndpoint(sim.baseUrl(), {},
                                                         QStringLiteral("first-run-ok")));
        connection.setReconnectDelays(200, 200);
        FirstRunPage page;
        page.setConnection(&connection);
        connection.start();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected, 10000);
        QVERIFY(!page.isNeeded());
        // Lost later in the session: the status bar tells that, not the empty state.
        sim.stop();
        QTRY_VERIFY_WITH_TIMEOUT(connection.lastFailure().isError(), 10000);
        QVERIFY(!page.isNeeded());
    }
};

QTEST_MAIN(TestFirstRunPage)
#include "tst_firstrunpage.moc"
