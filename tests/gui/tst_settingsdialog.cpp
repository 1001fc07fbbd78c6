// The settings dialog as a user works it: values in and out, refusals on the field with
// the reason, the connection test against the simulator and a closed port, the token.
#include "desktopsettings.h"
#include "settingsdialog.h"
#include "simserver.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

namespace {

DesktopSettings sample()
{
    DesktopSettings s;
    s.comfyUrl = QUrl(QStringLiteral("http://gpu-box.lan:8188"));
    s.comfyToken = QStringLiteral("proxy-secret");
    s.workflowsDir = QStringLiteral("/home/ann/workflows");
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

template<typename T>
T *field(QWidget &dialog, const char *name)
{
    T *widget = dialog.findChild<T *>(QLatin1String(name));
    if (!widget)
        qFatal("no %s", name);
    return widget;
}

QString labelText(QWidget &dialog, const char *name)
{
    return field<QLabel>(dialog, name)->text();
}

// Shown, even when on another page than the current one.
bool shown(QWidget &dialog, const char *name)
{
    return !field<QWidget>(dialog, name)->isHidden();
}

void pressOk(QWidget &dialog)
{
    field<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok)->click();
}

void keepScreenshot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("COMFYDESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        window.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void fieldsRoundTrip()
    {
        SettingsDialog dialog(m_nam);
        const DesktopSettings s = sample();
        dialog.setSettings(s);
        QCOMPARE(field<QLineEdit>(dialog, "comfyUrlEdit")->text(),
                 QStringLiteral("http://gpu-box.lan:8188"));
        QCOMPARE(field<QLineEdit>(dialog, "comfyTokenEdit")->echoMode(), QLineEdit::Password);
        QVERIFY(field<QCheckBox>(dialog, "apiEnabledCheck")->isChecked());
        QCOMPARE(field<QComboBox>(dialog, "apiBindCombo")->currentText(),
                 QStringLiteral("One address of this computer"));
        QCOMPARE(field<QLineEdit>(dialog, "apiAddressEdit")->text(),
                 QStringLiteral("192.168.1.20"));
        QCOMPARE(field<QSpinBox>(dialog, "apiPortSpin")->value(), 5123);
        QCOMPARE(field<QPlainTextEdit>(dialog, "apiOriginsEdit")->toPlainText(),
                 QStringLiteral("http://krita-host:8080\nhttps://studio.example"));
        QCOMPARE(field<QComboBox>(dialog, "languageCombo")->currentText(),
                 QStringLiteral("简体中文"));
        QVERIFY(!field<QCheckBox>(dialog, "notifyCheck")->isChecked());
        QCOMPARE(dialog.settings(), s);

        // What a user types the way people do comes out clean.
        field<QLineEdit>(dialog, "comfyUrlEdit")->setText(QStringLiteral(" localhost:8188 "));
        field<QPlainTextEdit>(dialog, "apiOriginsEdit")->setPlainText(
            QStringLiteral("\n  http://a:1 \n\nhttp://b\n"));
        const DesktopSettings typed = dialog.settings();
        QCOMPARE(typed.comfyUrl, QUrl(QStringLiteral("http://localhost:8188")));
        QCOMPARE(typed.apiAllowedOrigins,
                 QStringList({QStringLiteral("http://a:1"), QStringLiteral("http://b")}));
    }

    void everyControlIsNamedForAssistiveTechnology()
    {
        SettingsDialog dialog(m_nam);
        const auto widgets = dialog.findChildren<QWidget *>();
        for (QWidget *widget : widgets) {
            if (widget->focusPolicy() == Qt::NoFocus || widget->objectName().isEmpty()
                || widget->objectName().startsWith(QLatin1String("qt_")))
                continue;
            // Qt's own parts of the tab widget (its bar, the bar's scroll buttons).
            if (qobject_cast<QLabel *>(widget) || widget->inherits("QTabBar")
                || (widget->parentWidget() && widget->parentWidget()->inherits("QTabBar")))
                continue;
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
            QVERIFY2(!widget->accessibleDescription().isEmpty(),
                     qPrintable(widget->objectName()));
        }
    }

    void refusesAnInvalidPort()
    {
        SettingsDialog dialog(m_nam);
        DesktopSettings s = sample();
        dialog.setSettings(s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        field<QSpinBox>(dialog, "apiPortSpin")->setValue(0);
        pressOk(dialog);
        QVERIFY(dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(shown(dialog, "apiPortErrorLabel"));
        QCOMPARE(labelText(dialog, "apiPortErrorLabel"),
                 QStringLiteral("Choose a port from 1 to 65535."));
        QCOMPARE(field<QTabWidget>(dialog, "sectionTabs")->currentWidget()->objectName(),
                 QStringLiteral("apiPage"));
        QTRY_VERIFY(field<QSpinBox>(dialog, "apiPortSpin")->hasFocus());
        QVERIFY(field<QSpinBox>(dialog, "apiPortSpin")->property("invalid").toBool());
        keepScreenshot(dialog, QStringLiteral("settings-refused-port"));

        // Fixing it takes the refusal away, and OK closes.
        field<QSpinBox>(dialog, "apiPortSpin")->setValue(5001);
        QVERIFY(!shown(dialog, "apiPortErrorLabel"));
        pressOk(dialog);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.settings().apiPort, 5001);
    }

    void refusesAnInvalidUrlAndOrigin()
    {
        SettingsDialog dialog(m_nam);
        dialog.setSettings(sample());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        field<QTabWidget>(dialog, "sectionTabs")->setCurrentIndex(3);
        field<QLineEdit>(dialog, "comfyUrlEdit")->setText(QStringLiteral("ftp://gpu-box/"));
        field<QPlainTextEdit>(dialog, "apiOriginsEdit")->setPlainText(
            QStringLiteral("http://krita-host:8080\nhttp://studio/app"));
        pressOk(dialog);
        QVERIFY(dialog.isVisible());
        QCOMPARE(labelText(dialog, "comfyUrlErrorLabel"),
                 QStringLiteral("The address must start with http:// or https://."));
        QVERIFY(labelText(dialog, "apiOriginsErrorLabel")
                    .startsWith(QStringLiteral("“http://studio/app” is not an origin.")));
        // The first refused field is where the user goes: the ComfyUI page, the URL.
        QCOMPARE(field<QTabWidget>(dialog, "sectionTabs")->currentWidget()->objectName(),
                 QStringLiteral("comfyPage"));
        QTRY_VERIFY(field<QLineEdit>(dialog, "comfyUrlEdit")->hasFocus());
        QCOMPARE(field<QLineEdit>(dialog, "comfyUrlEdit")->accessibleDescription(),
                 labelText(dialog, "comfyUrlErrorLabel"));

        QTest::keyClicks(field<QLineEdit>(dialog, "comfyUrlEdit"), QStringLiteral("x"));
        QVERIFY(!shown(dialog, "comfyUrlErrorLabel"));
        QVERIFY(shown(dialog, "apiOriginsErrorLabel")); // still wrong
        pressOk(dialog);
        QVERIFY(dialog.isVisible());
    }

    void refusesABadAddressOnlyWhenUsed()
    {
        SettingsDialog dialog(m_nam);
        dialog.setSettings(sample());
        dialog.show();
        auto *bind = field<QComboBox>(dialog, "apiBindCombo");
        auto *address = field<QLineEdit>(dialog, "apiAddressEdit");
        address->setText(QStringLiteral("my-laptop"));
        pressOk(dialog);
        QVERIFY(dialog.isVisible());
        QCOMPARE(labelText(dialog, "apiAddressErrorLabel"),
                 QStringLiteral("“my-laptop” is not an IP address. Enter one such as "
                                "192.168.1.20."));
        bind->setCurrentIndex(bind->findData(int(DesktopSettings::ApiBind::AllNetworks)));
        QVERIFY(!address->isEnabled());
        QVERIFY(!shown(dialog, "apiAddressErrorLabel"));
        pressOk(dialog);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.settings().apiHost(), QStringLiteral("0.0.0.0"));
    }

    void testsTheConnection()
    {
        QTemporaryDir dir;
        SimServer sim;
        sim.setDataDir(dir.path());
        QVERIFY(sim.listen() != 0);

        SettingsDialog dialog(m_nam);
        DesktopSettings s = sample();
        s.comfyUrl = sim.baseUrl();
        s.comfyToken.clear();
        dialog.setSettings(s);
        dialog.show();
        auto *button = field<QPushButton>(dialog, "testConnectionButton");
        button->click();
        QTRY_VERIFY_WITH_TIMEOUT(labelText(dialog, "testResultLabel")
                                     .startsWith(QLatin1String("ComfyUI 0.3.65 on cpu, ")),
                                 10000);
        QVERIFY(labelText(dialog, "testResultLabel").endsWith(QLatin1String(" free.")));
        QVERIFY(button->isEnabled());
        keepScreenshot(dialog, QStringLiteral("settings-comfyui"));

        // The same server gone: the exact cause, with the address.
        const QString url = sim.baseUrl().toString();
        sim.stop();
        button->click();
        QTRY_COMPARE_WITH_TIMEOUT(labelText(dialog, "testResultLabel"),
                                  QStringLiteral("Cannot reach ComfyUI at %1: connection "
                                                 "refused.").arg(url),
                                  10000);
        QVERIFY(!field<QLabel>(dialog, "testResultLabel")->toolTip().isEmpty());

        // Nothing to test without a valid address: the field says why.
        field<QLineEdit>(dialog, "comfyUrlEdit")->setText(QStringLiteral("http://"));
        button->click();
        QVERIFY(shown(dialog, "comfyUrlErrorLabel"));
        QVERIFY(labelText(dialog, "testResultLabel").isEmpty());
    }

    void closingDuringATestIsSafe()
    {
        QTemporaryDir dir;
        SimServer sim;
        sim.setDataDir(dir.path());
        sim.setResponseDelayMs(2000);
        QVERIFY(sim.listen() != 0);
        auto *dialog = new SettingsDialog(m_nam);
        DesktopSettings s = sample();
        s.comfyUrl = sim.baseUrl();
        dialog->setSettings(s);
        field<QPushButton>(*dialog, "testConnectionButton")->click();
        delete dialog;
        QCoreApplication::processEvents(); // a stray queued answer must not crash
    }

    void tokenShowCopyRegenerate()
    {
        SettingsDialog dialog(m_nam);
        dialog.setSettings(sample());
        dialog.show();
        auto *token = field<QLineEdit>(dialog, "apiTokenEdit");
        QCOMPARE(token->echoMode(), QLineEdit::Password);
        field<QToolButton>(dialog, "apiTokenShowButton")->click();
        QCOMPARE(token->echoMode(), QLineEdit::Normal);
        field<QToolButton>(dialog, "apiTokenShowButton")->click();
        QCOMPARE(token->echoMode(), QLineEdit::Password);

        field<QToolButton>(dialog, "apiTokenRegenerateButton")->click();
        const QString fresh = token->text();
        QVERIFY(fresh != QStringLiteral("abc_DEF-123"));
        QCOMPARE(fresh.size(), 32);
        QCOMPARE(dialog.settings().apiToken, fresh);

        field<QToolButton>(dialog, "apiTokenCopyButton")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), fresh);
    }

    void beyondThisComputerGetsAToken()
    {
        SettingsDialog dialog(m_nam);
        DesktopSettings s = sample();
        s.apiBind = DesktopSettings::ApiBind::ThisComputer;
        s.apiToken.clear();
        dialog.setSettings(s);
        QVERIFY(field<QLineEdit>(dialog, "apiTokenEdit")->text().isEmpty());
        QVERIFY(!field<QLineEdit>(dialog, "apiAddressEdit")->isEnabled());
        auto *bind = field<QComboBox>(dialog, "apiBindCombo");
        bind->setCurrentIndex(bind->findData(int(DesktopSettings::ApiBind::AllNetworks)));
        QCOMPARE(field<QLineEdit>(dialog, "apiTokenEdit")->text().size(), 32);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
