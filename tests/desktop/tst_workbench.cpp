// The workbench as an artist uses it, driven through its real widgets against the
// simulator: pick a workflow, edit it in the form, queue it, watch it, see the image.
#include "workbenchfixture.h"

#include "comfyclient.h"
#include "comfyconnection.h"
#include "historydock.h"
#include "historymodel.h"
#include "uilanguage.h"
#include "parametereditor.h"
#include "queuedock.h"
#include "queuemodel.h"
#include "resultsdock.h"
#include "seededit.h"
#include "settingsdialog.h"
#include "workflowlistdock.h"
#include "workflowpng.h"

#include <QAbstractItemView>
#include <QAccessible>
#include <QInputMethodEvent>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QImage>
#include <QImageWriter>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTcpServer>
#include <QTest>
#include <QMenuBar>
#include <QSizeGrip>
#include <QSplitterHandle>
#include <QToolButton>
#include <QTimer>

namespace {

// Clicks the row of a workflow in the list, as a user would.
bool clickWorkflow(MainWindow &window, const QString &name)
{
    auto *view = window.findChild<QAbstractItemView *>(QStringLiteral("workflowList"));
    if (!view)
        return false;
    const QModelIndexList found = view->model()->match(view->model()->index(0, 0),
                                                       Qt::DisplayRole, name, 1,
                                                       Qt::MatchExactly);
    if (found.isEmpty())
        return false;
    view->scrollTo(found.first());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(found.first()).center());
    return true;
}

QString queueRowWorkflow(QAbstractItemModel *model, int row)
{
    return model->index(row, 0).data(QueueModel::WorkflowRole).toString();
}

// The history's newest row reads "completed" (it follows the catalogue, a moment behind).
bool historyShowsCompleted(MainWindow &window)
{
    HistoryModel *model = window.historyDock()->model();
    return QTest::qWaitFor([model] {
        const CatalogueEntry *newest = model->rowCount() > 0 ? model->entryAt(0) : nullptr;
        return newest && newest->status == QLatin1String("completed");
    }, 10000);
}

QString labelText(QWidget &window, const char *name)
{
    auto *label = window.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

// Drops files on the window as a file manager would.
void dropFiles(QWidget &window, const QStringList &paths)
{
    QMimeData data;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls.append(QUrl::fromLocalFile(path));
    data.setUrls(urls);
    const QPoint at = window.rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QDropEvent drop(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
}

// Answers the settings dialog the window opens (modal) with edit, then OK.
void answerSettings(std::function<void(SettingsDialog &)> edit)
{
    QTimer::singleShot(0, [edit] {
        QTRY_VERIFY(QApplication::activeModalWidget());
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        edit(*dialog);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
}

int getStatus(const QUrl &url)
{
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(url));
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait(10000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

} // namespace

class TestWorkbench : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }

    void runsAWorkflowEditedInTheForm()
    {
        // English as the app runs it: its file holds the plural forms ("1 image").
        const UiLanguage english(QStringLiteral("en"));
        QVERIFY(english.hasTranslation());
        QTemporaryDir simDir;
        SimServer sim;
        sim.setDataDir(simDir.path());
        sim.setStepDelayMs(40);
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        MainWindow &window = *bench.window;
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!connection.nodeCatalogue().isEmpty(), 10000);

        QVERIFY(clickWorkflow(window, QStringLiteral("sd_txt2img")));
        // The form is built a few nodes per event-loop turn.
        QTRY_VERIFY_WITH_TIMEOUT(window.parameterEditor()->isFormReady(), 10000);
        auto *seed = window.findChild<SeedEdit *>(QStringLiteral("input:3:seed"));
        QVERIFY(seed);
        auto *seedLine = seed->findChild<QLineEdit *>();
        QVERIFY(seedLine);
        seedLine->selectAll();
        QTest::keyClicks(seedLine, QStringLiteral("18446744073709551615"));
        QCOMPARE(seed->text(), QStringLiteral("18446744073709551615"));
        auto *prompt = window.findChild<QPlainTextEdit *>(QStringLiteral("input:6:text"));
        QVERIFY(prompt);
        prompt->selectAll();
        QTest::keyClicks(prompt, QStringLiteral("a red fox in snow, "));
        // Chinese comes through the input method, as it does for a user.
        QInputMethodEvent chinese;
        chinese.setCommitString(QStringLiteral("雪中的狐狸"));
        QCoreApplication::sendEvent(prompt, &chinese);

        // The JSON view shows the form's edits, every digit of the seed kept.
        auto *json = window.findChild<QPlainTextEdit *>(QStringLiteral("jsonEditor"));
        QVERIFY(json);
        QTRY_VERIFY(json->toPlainText().contains(
            QLatin1String("\"seed\": 18446744073709551615")));
        QVERIFY(json->toPlainText().contains(QStringLiteral("雪中的狐狸")));
        QVERIFY(window.windowTitle().contains(QLatin1String("sd_txt2img")));

        QSignalSpy queued(&window, &MainWindow::runsQueued);
        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.activateWindow();
        QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(queued.wait(10000));
        const QString promptId = queued.first().first().toStringList().value(0);
        QVERIFY(!promptId.isEmpty());

        // Its row in the queue view, with progress that moves.
        auto *queueView = window.findChild<QAbstractItemView *>(QStringLiteral("queueView"));
        QVERIFY(queueView);
        QAbstractItemModel *queueModel = queueView->model();
        QTRY_VERIFY_WITH_TIMEOUT(queueModel->rowCount() == 1
                                     && queueModel->index(0, 0)
                                            .data(QueueModel::StepRole).toInt() > 0,
                                 10000);
        const int firstStep = queueModel->index(0, 0).data(QueueModel::StepRole).toInt();
        QCOMPARE(queueRowWorkflow(queueModel, 0), QStringLiteral("sd_txt2img"));
        QTRY_VERIFY_WITH_TIMEOUT(queueModel->rowCount() == 0
                                     || queueModel->index(0, 0)
                                            .data(QueueModel::StepRole).toInt() > firstStep,
                                 10000);

        // The image in the results panel, at the graph's size.
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("completed"));
        QTRY_COMPARE_WITH_TIMEOUT(window.resultsDock()->resultCount(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window.resultsDock()->selectedImageSize(), QSize(512, 512),
                                  10000);
        QTRY_COMPARE_WITH_TIMEOUT(queueModel->rowCount(), 0, 10000);
        // The history says so too, a moment later (the catalogue batches its writes).
        QVERIFY(historyShowsCompleted(window));
        QCOMPARE(window.statusBar()->currentMessage(),
                 QStringLiteral("“sd_txt2img” finished: 1 image."));
        keepScreenshot(window, QStringLiteral("workbench-en"));
    }

    // The same work in Chinese: the window speaks it, and a finished image is shown. The
    // settings dialog is pictured too (screenshots for the README).
    void worksInChinese()
    {
        const UiLanguage chinese(QStringLiteral("zh_CN"));
        QVERIFY(chinese.hasTranslation());

        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        MainWindow &window = *bench.window;
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_VERIFY_WITH_TIMEOUT(!connection.nodeCatalogue().isEmpty(), 10000);
        auto *menuBar = window.menuBar();
        QVERIFY(menuBar->actions().first()->text().contains(QStringLiteral("文件")));
        QVERIFY(clickWorkflow(window, QStringLiteral("sd_txt2img")));
        QTRY_VERIFY_WITH_TIMEOUT(window.parameterEditor()->isFormReady(), 10000);
        auto *prompt = window.findChild<QPlainTextEdit *>(QStringLiteral("input:6:text"));
        QVERIFY(prompt);
        prompt->setPlainText(QStringLiteral("山间小屋，清晨的薄雾，水彩画"));
        QTRY_VERIFY_WITH_TIMEOUT(window.parameterEditor()->isFormReady(), 10000);
        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.queueRuns();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(window.resultsDock()->selectedImageSize(), QSize(512, 512),
                                  10000);
        QTRY_VERIFY(labelText(window, "connectionStateLabel").contains(QStringLiteral("已连接")));
        QVERIFY(historyShowsCompleted(window));
        keepScreenshot(window, QStringLiteral("workbench-zh_CN"));

        answerSettings([](SettingsDialog &dialog) {
            dialog.showPage(SettingsDialog::Page::RestApi);
            keepScreenshot(dialog, QStringLiteral("settings-zh_CN"));
        });
        window.openSettings();
    }

    // What a screen reader meets: every control a user can reach with the keyboard has a
    // name (AT-SPI reads it through QAccessible), in the main window and in Settings.
    void everyControlHasAnAccessibleName()
    {
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        MainWindow &window = *bench.window;
        QVERIFY(clickWorkflow(window, QStringLiteral("sd_txt2img")));
        QTRY_VERIFY_WITH_TIMEOUT(window.parameterEditor()->isFormReady(), 10000);
        auto unnamed = [](QWidget &root) {
            QStringList missing;
            for (QWidget *widget : root.findChildren<QWidget *>()) {
                // Qt's own parts (a spin box's line edit) speak through their owner.
                if (widget->focusPolicy() == Qt::NoFocus || !widget->isVisibleTo(&root)
                    || widget->objectName().startsWith(QLatin1String("qt_")))
                    continue;
                QAccessibleInterface *face = QAccessible::queryAccessibleInterface(widget);
                if (!face || face->text(QAccessible::Name).trimmed().isEmpty()) {
                    missing.append(QStringLiteral("%1 \"%2\"").arg(
                        QString::fromLatin1(widget->metaObject()->className()),
                        widget->objectName()));
                }
            }
            return missing;
        };
        const QStringList missing = unnamed(window);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));

        // The parts Qt adds unnamed, which a reader meets while exploring the window.
        QStringList qtParts;
        for (QWidget *widget : window.findChildren<QWidget *>()) {
            const bool part = qobject_cast<QSplitterHandle *>(widget)
                              || qobject_cast<QSizeGrip *>(widget)
                              || widget->objectName() == QLatin1String("qt_toolbar_ext_button")
                              || (qobject_cast<QToolButton *>(widget)
                                  && qobject_cast<QLineEdit *>(widget->parentWidget()));
            if (part && widget->accessibleName().isEmpty())
                qtParts.append(QString::fromLatin1(widget->metaObject()->className()));
        }
        QVERIFY2(qtParts.isEmpty(), qPrintable(qtParts.join(QStringLiteral(", "))));

        // Announcements are the status bar's accessible name, so a reader hears them.
        window.statusBar()->showMessage(QStringLiteral("“sd_txt2img” finished: 1 image."));
        QCOMPARE(QAccessible::queryAccessibleInterface(window.statusBar())
                     ->text(QAccessible::Name),
                 QStringLiteral("“sd_txt2img” finished: 1 image."));

        QStringList missingInSettings;
        answerSettings([&](SettingsDialog &dialog) {
            for (auto page : {SettingsDialog::Page::ComfyUi, SettingsDialog::Page::Workflows,
                              SettingsDialog::Page::RestApi,
                              SettingsDialog::Page::Interface}) {
                dialog.showPage(page);
                missingInSettings += unnamed(dialog);
            }
        });
        window.openSettings();
        QVERIFY2(missingInSettings.isEmpty(),
                 qPrintable(missingInSettings.join(QStringLiteral(", "))));
    }

    // An out-of-range value typed in the JSON view: ComfyUI's node_errors message appears
    // on that field of the form (and goes when the value is fixed).
    void nodeErrorsShowOnTheirField()
    {
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        MainWindow &window = *bench.window;
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_VERIFY_WITH_TIMEOUT(!connection.nodeCatalogue().isEmpty(), 10000);
        QVERIFY(clickWorkflow(window, QStringLiteral("sd_txt2img")));
        QTRY_VERIFY_WITH_TIMEOUT(window.parameterEditor()->isFormReady(), 10000);
        auto *json = window.findChild<QPlainTextEdit *>(QStringLiteral("jsonEditor"));
        QVERIFY(json);
        QString text = json->toPlainText();
        QVERIFY(text.contains(QLatin1String("\"steps\": 20")));
        text.replace(QLatin1String("\"steps\": 20"), QLatin1String("\"steps\": 0"));
        json->setPlainText(text);
        QTRY_VERIFY(window.parameterEditor()->document().text().contains("\"steps\": 0"));

        QSignalSpy queued(&window, &MainWindow::runsQueued);
        window.queueRuns();
        auto errorText = [&] {
            auto *label = window.findChild<QLabel *>(QStringLiteral("error:3:steps"));
            return label && label->isVisibleTo(&window) ? label->text() : QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(errorText().contains(QLatin1String("smaller than min")),
                                 10000);
        QCOMPARE(queued.size(), 0);
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("refused")));
        keepScreenshot(window, QStringLiteral("workbench-node-error"));

        // Fixed in the form: the message goes.
        auto *steps = window.findChild<QSpinBox *>(QStringLiteral("input:3:steps"));
        QVERIFY(steps);
        steps->setValue(12);
        QTRY_VERIFY(errorText().isEmpty());
    }

    // The server goes away and comes back: the status bar says why and reconnects, and the
    // queue view shows the server's queue again, without restarting the app.
    void offlineAndBack()
    {
        SimServer sim;
        sim.setStepDelayMs(200);
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        MainWindow &window = *bench.window;
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected, 10000);
        QTRY_VERIFY(labelText(window, "connectionStateLabel").startsWith(QLatin1String("Connected")));

        sim.stop();
        QTRY_VERIFY_WITH_TIMEOUT(labelText(window, "connectionStateLabel")
                                     .contains(QLatin1String("refused")), 10000);
        keepScreenshot(window, QStringLiteral("workbench-offline"));
        sim.restart();
        QTRY_VERIFY_WITH_TIMEOUT(labelText(window, "connectionStateLabel")
                                     .startsWith(QLatin1String("Connected")), 20000);

        // Another client queues work: it shows in our queue view.
        QNetworkAccessManager nam;
        ComfyClient other(nam);
        other.setEndpoint(ComfyEndpoint(sim.baseUrl(), {}, QStringLiteral("someone-else")));
        QFile file(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/sd_txt2img.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject graph = QJsonDocument::fromJson(file.readAll()).object();
        QSignalSpy accepted(other.submitPrompt(graph), &ComfyReply::finished);
        QVERIFY(accepted.wait(10000));
        auto *queueView = window.findChild<QAbstractItemView *>(QStringLiteral("queueView"));
        QTRY_VERIFY_WITH_TIMEOUT(queueView->model()->rowCount() == 1
                                     && !queueView->model()->index(0, 0)
                                             .data(QueueModel::OwnRole).toBool(),
                                 10000);
    }

    // Dropping a PNG that ComfyUI saved imports its workflow and opens it; a UI-format
    // JSON gets the "Export (API)" advice and adds nothing.
    void dropImports()
    {
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        MainWindow &window = *bench.window;
        bool told = false;
        QString advice;
        WorkflowListDock::Dialogs dialogs;
        dialogs.showProblem = [&](const QString &text) {
            told = true;
            advice = text;
        };
        window.workflowDock()->setDialogs(dialogs);

        QFile file(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/sd_txt2img.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray graph = file.readAll();
        const QString png = bench.dir.path() + QStringLiteral("/ComfyUI_00007_.png");
        QImage image(64, 64, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QImageWriter writer(png);
        writer.setText(QStringLiteral("prompt"), QString::fromUtf8(graph));
        QVERIFY(writer.write(image));
        dropFiles(window, {png});
        QTRY_COMPARE_WITH_TIMEOUT(window.workflowDock()->currentName(),
                                  QStringLiteral("ComfyUI_00007_"), 5000);
        QVERIFY(QFile::exists(bench.workflowsDir() + QStringLiteral("/ComfyUI_00007_.json")));
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QWidget *>(QStringLiteral("input:3:seed")),
                                 10000);

        const QString ui = bench.dir.path() + QStringLiteral("/graph_ui.json");
        QFile uiFile(ui);
        QVERIFY(uiFile.open(QIODevice::WriteOnly));
        uiFile.write(R"({"nodes": [{"id": 1, "type": "KSampler"}], "links": []})");
        uiFile.close();
        dropFiles(window, {ui});
        QTRY_VERIFY(told);
        QVERIFY2(advice.contains(QLatin1String("Export (API)")), qPrintable(advice));
        QVERIFY(!QFile::exists(bench.workflowsDir() + QStringLiteral("/graph_ui.json")));
    }

    // A run of the user's that ends while another window is in front is told (tray message
    // and taskbar hint by default); not while the window is in front, not for another
    // client's prompt, and not when the setting is off.
    void notifiesWhenARunEndsInTheBackground()
    {
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        MainWindow &window = *bench.window;
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected, 10000);
        QStringList told;
        window.setBackgroundNotifier([&told](const QString &text) { told << text; });
        // The fixture starts with it off (no tray messages from the other tests).
        answerSettings([](SettingsDialog &dialog) {
            auto *notify = dialog.findChild<QCheckBox *>(QStringLiteral("notifyCheck"));
            QVERIFY(notify);
            notify->setChecked(true);
        });
        window.openSettings();
        QVERIFY(window.desktopSettings().notifyWhenBackground);
        QVERIFY(clickWorkflow(window, QStringLiteral("invert_empty_image")));
        QTRY_VERIFY_WITH_TIMEOUT(window.parameterEditor()->isFormReady(), 10000);
        QSignalSpy finished(&window, &MainWindow::runFinished);

        // In front: the status bar says it, no notification.
        window.activateWindow();
        QTRY_VERIFY(window.isActiveWindow());
        window.queueRuns();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY(told.isEmpty());

        // Behind another window: told once, with the status bar's sentence.
        QWidget other;
        other.setWindowTitle(QStringLiteral("another app"));
        other.show();
        other.activateWindow();
        QTRY_VERIFY(!window.isActiveWindow());
        window.queueRuns();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
        QCOMPARE(told.size(), 1);
        // (This test loads no translation: English's plural form is not applied here.)
        QVERIFY2(told.first().startsWith(QStringLiteral("“invert_empty_image” finished: 1 image")),
                 qPrintable(told.first()));
        QCOMPARE(told.first(), window.statusBar()->currentMessage());

        // Another client's prompt is not ours to announce.
        QFile file(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/invert_empty_image.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray graph = file.readAll();
        QNetworkAccessManager nam;
        QNetworkRequest request(sim.baseUrl().resolved(QUrl(QStringLiteral("/prompt"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = nam.post(request, QByteArray(R"({"client_id": "someone-else", "prompt": )")
                                                     + graph + QByteArray("}"));
        QSignalSpy posted(reply, &QNetworkReply::finished);
        QVERIFY(posted.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QString otherId = QJsonDocument::fromJson(reply->readAll()).object()
                                    .value(QStringLiteral("prompt_id")).toString();
        reply->deleteLater();
        QVERIFY(!otherId.isEmpty());
        // Finished on the server, and the app has heard (the queue view emptied).
        auto *queueView = window.findChild<QAbstractItemView *>(QStringLiteral("queueView"));
        QVERIFY(queueView);
        QTRY_VERIFY_WITH_TIMEOUT(getStatus(sim.baseUrl().resolved(
                                     QUrl(QStringLiteral("/history/") + otherId))) == 200
                                     && queueView->model()->rowCount() == 0, 20000);
        QTest::qWait(300); // a wrong notification would come with the same broadcast
        QCOMPARE(told.size(), 1);

        // Switched off in Settings: nothing.
        answerSettings([](SettingsDialog &dialog) {
            auto *notify = dialog.findChild<QCheckBox *>(QStringLiteral("notifyCheck"));
            QVERIFY(notify);
            notify->setChecked(false);
        });
        window.openSettings();
        QVERIFY(!window.desktopSettings().notifyWhenBackground);
        other.activateWindow();
        QTRY_VERIFY(!window.isActiveWindow());
        window.queueRuns();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 20000);
        QCOMPARE(told.size(), 1);
    }

    // Help → About names the version, Qt, the licence and the ComfyUI the app talks to.
    void aboutNamesVersionQtLicenceAndServer()
    {
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
        Workbench bench(sim.baseUrl());
        MainWindow &window = *bench.window;
        const ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected, 10000);
        QTRY_VERIFY(connection.systemInfo().valid);
        auto *about = window.findChild<QAction *>(QStringLiteral("actionAbout"));
        QVERIFY(about);
        QString text;
        QTimer::singleShot(0, [&text] {
            QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            text = box->text();
            keepScreenshot(*box, QStringLiteral("about-en"));
            box->accept();
        });
        about->trigger();
        QVERIFY2(text.contains(QLatin1String("ComfyDesk 9.8.7")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Qt ") + QLatin1String(qVersion())), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("GNU General Public License, version 3 or later")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("ComfyUI %1 at %2")
                                   .arg(connection.systemInfo().comfyuiVersion,
                                        sim.baseUrl().toString())),
                 qPrintable(text));
    }

    // The REST API switch in Settings starts and stops the API (a request tells), and a
    // port that is taken says why.
    void apiSwitchInSettings()
    {
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        MainWindow &window = *bench.window;
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 freePort = probe.serverPort();
        probe.close();

        answerSettings([freePort](SettingsDialog &dialog) {
            dialog.findChild<QCheckBox *>(QStringLiteral("apiEnabledCheck"))->setChecked(true);
            dialog.findChild<QSpinBox *>(QStringLiteral("apiPortSpin"))->setValue(freePort);
            dialog.showPage(SettingsDialog::Page::RestApi);
            keepScreenshot(dialog, QStringLiteral("settings-en"));
        });
        window.openSettings();
        const QUrl health(QStringLiteral("http://127.0.0.1:%1/api/health").arg(freePort));
        QTRY_COMPARE_WITH_TIMEOUT(getStatus(health), 200, 10000);
        QTRY_VERIFY(labelText(window, "apiStateLabel").contains(QString::number(freePort)));

        answerSettings([](SettingsDialog &dialog) {
            dialog.findChild<QCheckBox *>(QStringLiteral("apiEnabledCheck"))->setChecked(false);
        });
        window.openSettings();
        QTRY_COMPARE_WITH_TIMEOUT(getStatus(health), 0, 10000); // refused: nobody listens

        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        const quint16 taken = squatter.serverPort();
        answerSettings([taken](SettingsDialog &dialog) {
            dialog.findChild<QCheckBox *>(QStringLiteral("apiEnabledCheck"))->setChecked(true);
            dialog.findChild<QSpinBox *>(QStringLiteral("apiPortSpin"))->setValue(taken);
        });
        window.openSettings();
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage()
                                     .contains(QLatin1String("in use"), Qt::CaseInsensitive),
                                 5000);
        QVERIFY(!window.apiSettings().enabled);
        QVERIFY(labelText(window, "apiStateLabel").contains(QLatin1String("off")));
    }

    // No ComfyUI at the URL: the first-run page says so; "Try the built-in simulator"
    // starts one and a workflow runs on it end to end.
    void firstRunWithTheSimulator()
    {
        qputenv("COMFYDESK_SIM", COMFYDESK_SIM_EXECUTABLE);
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QUrl nowhere(QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort()));
        probe.close();
        Workbench bench(nowhere);
        MainWindow &window = *bench.window;
        auto *page = window.findChild<QWidget *>(QStringLiteral("firstRunPage"));
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->isVisible(), 10000);
        keepScreenshot(window, QStringLiteral("workbench-first-run"));

        window.findChild<QPushButton *>(QStringLiteral("trySimulatorButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(window.isUsingSimulator(), 20000);
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected, 10000);
        QTRY_VERIFY(!page->isVisible());
        QVERIFY(window.windowTitle().contains(QLatin1String("simulator")));
        QVERIFY(labelText(window, "simulatorLabel").size() > 0);

        QVERIFY(clickWorkflow(window, QStringLiteral("invert_empty_image")));
        QSignalSpy finished(&window, &MainWindow::runFinished);
        QTRY_VERIFY_WITH_TIMEOUT(window.parameterEditor()->isFormReady(), 10000);
        window.queueRuns();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("completed"));
        QTRY_COMPARE_WITH_TIMEOUT(window.resultsDock()->resultCount(), 1, 10000);
    }
};

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
