// The workbench as an artist uses it, driven through its real widgets against the
// simulator: pick a workflow, edit it in the form, queue it, watch it, see the image.
#include "workbenchfixture.h"

#include "comfyclient.h"
#include "comfyconnection.h"
#include "parametereditor.h"
#include "queuedock.h"
#include "queuemodel.h"
#include "resultsdock.h"
#include "seededit.h"
#include "workflowlistdock.h"

#include <QAbstractItemView>
#include <QInputMethodEvent>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

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
        keepScreenshot(window, QStringLiteral("workbench-en"));
    }
};

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
