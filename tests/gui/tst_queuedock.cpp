// The queue dock against the simulator: prompts running slowly (a step delay), ours and
// another client's, and the dock's verbs changing the simulator's real queue.
#include "comfyconnection.h"
#include "confirmation.h"
#include "emptystatelistview.h"
#include "previewdecoder.h"
#include "queuedock.h"
#include "queuemodel.h"
#include "simprompts.h"
#include "simserver.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace SimPrompts;

class TestQueueDock : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SimServer *m_sim = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    ComfyConnection *m_conn = nullptr;
    ComfyConnection *m_other = nullptr;     // another client of the same server
    QueueDock *m_dock = nullptr;
    QStringList m_confirmed;

    QueueModel &model() { return *m_dock->model(); }
    EmptyStateListView *view() { return m_dock->findChild<EmptyStateListView *>("queueView"); }

    QStringList rows()
    {
        QStringList ids;
        for (int row = 0; row < model().rowCount(); ++row)
            ids.append(model().promptIdAt(row));
        return ids;
    }

    void select(const QString &promptId)
    {
        view()->setFocus();
        view()->selectionModel()->setCurrentIndex(model().index(model().rowOf(promptId)),
                                                  QItemSelectionModel::ClearAndSelect);
    }

    // One long prompt running (ours) and `pending` waiting behind it, all in the view.
    QStringList runningAndPending(int pending)
    {
        m_sim->setStepDelayMs(20);
        QStringList ids{submit(*m_conn, txt2img(1, 5000))};
        for (int i = 0; i < pending; ++i)
            ids.append(submit(*m_conn, txt2img(100 + i, 5)));
        [&] { QTRY_COMPARE_WITH_TIMEOUT(rows(), ids, TimeoutMs); }();
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ComfyDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_queuedock"));
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        QSettings().clear();
        m_sim = new SimServer(this);
        m_sim->setDataDir(m_dir.path());
        QVERIFY(m_sim->listen() != 0);
        m_nam = new QNetworkAccessManager(this);
        m_conn = new ComfyConnection(*m_nam, this);
        m_conn->setBaseUrl(m_sim->baseUrl());
        m_conn->setClientId(QStringLiteral("queuedock-test"));
        m_conn->setReconnectDelays(20, 200);
        m_other = new ComfyConnection(*m_nam, this);
        m_other->setBaseUrl(m_sim->baseUrl());
        m_other->setClientId(QStringLiteral("somebody-else"));

        m_dock = new QueueDock;
        m_confirmed.clear();
        m_dock->setConfirm([this](const QString &key, const QString &, const QString &,
                                  const QString &) {
            m_confirmed.append(key);
            return true;
        });
        m_dock->setConnection(m_conn);
        m_dock->resize(360, 480);
        m_dock->show();
        m_dock->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_dock));
        QVERIFY(view()->isShowingEmptyText());
        m_conn->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_conn->state(), ComfyConnection::State::Connected,
                                  TimeoutMs);
    }

    void cleanup()
    {
        delete m_dock;
        m_dock = nullptr;
        delete m_other;
        delete m_conn;
        m_conn = nullptr;
        delete m_nam;
        delete m_sim;
        m_sim = nullptr;
    }

    void emptyStateSaysNothingQueued()
    {
        QObject *dock = m_dock;
        QCOMPARE(dock->objectName(), QStringLiteral("queueDock"));
        QCOMPARE(m_dock->windowTitle(), QStringLiteral("Queue"));
        QVERIFY(view()->isShowingEmptyText());
        QVERIFY(view()->emptyText().startsWith(QStringLiteral("Nothing queued")));
        QVERIFY(!m_dock->cancelAction()->isEnabled());
        QVERIFY(!m_dock->interruptAction()->isEnabled());
        for (QAction *action : m_dock->actions()) {
            QVERIFY(!action->text().isEmpty());
            QVERIFY(!action->toolTip().isEmpty());
        }
        m_dock->grab();     // paints without a row
    }

    void ownPromptShowsMovingProgressAndPreview()
    {
        QVERIFY(m_sim->setPreviewMethod(QStringLiteral("auto")));
        m_sim->setStepDelayMs(30);
        const QString id = submit(*m_conn, txt2img(7, 400));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList{id}, TimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(model().index(0).data(QueueModel::StepRole).toInt() > 0,
                                 TimeoutMs);
        const int first = model().index(0).data(QueueModel::StepRole).toInt();
        QTRY_VERIFY_WITH_TIMEOUT(model().index(0).data(QueueModel::StepRole).toInt() > first,
                                 TimeoutMs);
        const QModelIndex row = model().index(0);
        QVERIFY(row.data(QueueModel::RunningRole).toBool());
        QVERIFY(row.data(QueueModel::OwnRole).toBool());
        QCOMPARE(row.data(QueueModel::MaxStepsRole).toInt(), 400);
        QCOMPARE(row.data(QueueModel::NodeLabelRole).toString(), QStringLiteral("KSampler"));
        QCOMPARE(row.data(QueueModel::NodesTotalRole).toInt(), 7);
        QVERIFY(row.data(QueueModel::NodesDoneRole).toInt() >= 3);   // loaders, encoders
        QVERIFY(row.data(QueueModel::RunningSinceRole).toLongLong() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            !model().index(0).data(QueueModel::PreviewRole).value<QPixmap>().isNull(),
            TimeoutMs);
        QVERIFY(m_dock->interruptAction()->isEnabled());
        QVERIFY(!view()->isShowingEmptyText());
        const QImage painted = m_dock->grab().toImage();
        QVERIFY(!painted.isNull());
        if (const QString dir = qEnvironmentVariable("COMFYDESK_SCREENSHOT_DIR"); !dir.isEmpty())
            painted.save(dir + QStringLiteral("/queuedock.png"));
    }

    // Previews faster than they decode: the decoder never queues them up, it keeps only
    // the newest waiting one, so the thumbnail ends on the last preview sent.
    void previewsAreDroppedNotQueued()
    {
        PreviewDecoder decoder;
        QList<QSize> shown;
        connect(&decoder, &PreviewDecoder::decoded, this,
                [&shown](const QString &, const QImage &image) { shown.append(image.size()); });
        for (int i = 1; i <= 40; ++i) {
            QImage image(40 + i, 30, QImage::Format_RGB32);
            image.fill(QColor::fromHsv(i * 9, 200, 200));
            QByteArray jpeg;
            QBuffer buffer(&jpeg);
            buffer.open(QIODevice::WriteOnly);
            image.save(&buffer, "JPEG");
            decoder.decode(QStringLiteral("p"), jpeg);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!decoder.isBusy(), TimeoutMs);
        QVERIFY(!shown.isEmpty());
        QCOMPARE(shown.last(), QSize(80, 30));
        QVERIFY(shown.size() < 40);
        QCOMPARE(decoder.dropped() + shown.size(), 40);
    }

    void anotherClientsPromptIsMarked()
    {
        m_sim->setStepDelayMs(20);
        const QString ours = submit(*m_conn, txt2img(1, 5000));
        const QString theirs = submit(*m_other, txt2img(2, 5));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), (QStringList{ours, theirs}), TimeoutMs);
        QCOMPARE(model().index(1).data().toString(), QStringLiteral("Other client"));
        QVERIFY(!model().index(1).data(QueueModel::OwnRole).toBool());
        QVERIFY(model().index(0).data(QueueModel::OwnRole).toBool());
    }

    void cancelRemovesThePendingPrompt()
    {
        const QStringList ids = runningAndPending(2);
        select(ids.at(1));
        QVERIFY(m_dock->cancelAction()->isEnabled());
        QTest::keyClick(view(), Qt::Key_Delete);
        QCOMPARE(m_confirmed, QStringList{QStringLiteral("cancel")});
        QTRY_COMPARE_WITH_TIMEOUT(rows(), (QStringList{ids.at(0), ids.at(2)}), TimeoutMs);
        QCOMPARE(serverQueue(m_conn->client(), true), QStringList{ids.at(2)});
    }

    void declinedCancelKeepsThePrompt()
    {
        const QStringList ids = runningAndPending(1);
        m_dock->setConfirm([](const QString &, const QString &, const QString &,
                              const QString &) { return false; });
        select(ids.at(1));
        m_dock->cancelAction()->trigger();
        QCOMPARE(serverQueue(m_conn->client(), true), QStringList{ids.at(1)});
        QCOMPARE(rows(), ids);
    }

    void interruptStopsTheRunningPrompt()
    {
        const QStringList ids = runningAndPending(1);
        m_dock->interruptAction()->trigger();
        QCOMPARE(m_confirmed, QStringList{QStringLiteral("interrupt")});
        QTRY_VERIFY_WITH_TIMEOUT(!rows().contains(ids.at(0)), TimeoutMs);
        QCOMPARE(m_conn->tracker().status(ids.at(0)).state, PromptStatus::State::Interrupted);
    }

    void moveToFrontReordersTheView()
    {
        const QStringList ids = runningAndPending(3);
        select(ids.at(3));
        QVERIFY(m_dock->moveToFrontAction()->isEnabled());
        m_dock->moveToFrontAction()->trigger();
        QVERIFY(m_confirmed.isEmpty());     // not destructive: nothing to ask
        const QStringList moved{ids.at(0), ids.at(3), ids.at(1), ids.at(2)};
        QTRY_COMPARE_WITH_TIMEOUT(rows(), moved, TimeoutMs);
        QCOMPARE(serverQueue(m_conn->client(), true), moved.mid(1));
    }

    void clearPendingEmptiesThePendingRows()
    {
        const QStringList ids = runningAndPending(3);
        submit(*m_other, txt2img(9, 5));
        QTRY_COMPARE_WITH_TIMEOUT(model().rowCount(), 5, TimeoutMs);
        QVERIFY(m_dock->clearAction()->isEnabled());
        m_dock->clearAction()->trigger();
        QCOMPARE(m_confirmed, QStringList{QStringLiteral("clear")});
        QTRY_COMPARE_WITH_TIMEOUT(rows(), QStringList{ids.at(0)}, TimeoutMs);
        QVERIFY(serverQueue(m_conn->client(), true).isEmpty());
        QVERIFY(!m_dock->clearAction()->isEnabled());
    }

    // The real question box: "Don't ask again" is remembered under confirm/<action>.
    void dontAskAgainIsRemembered()
    {
        m_dock->setConfirm([this](const QString &key, const QString &title,
                                  const QString &text, const QString &acceptText) {
            return Confirmation::ask(m_dock, key, title, text, acceptText);
        });
        runningAndPending(2);
        int boxes = 0;
        QTimer answer;
        answer.setInterval(20);
        connect(&answer, &QTimer::timeout, this, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            ++boxes;
            box->checkBox()->setChecked(true);
            for (QAbstractButton *button : box->buttons()) {
                if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                    button->click();
            }
        });
        answer.start();
        m_dock->clearAction()->trigger();
        QCOMPARE(boxes, 1);
        QVERIFY(!QSettings().value(QStringLiteral("confirm/clear"), true).toBool());
        QVERIFY(QSettings().value(QStringLiteral("confirm/cancel"), true).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(model().pendingCount(), 0, TimeoutMs);

        submit(*m_conn, txt2img(50, 5));
        QTRY_COMPARE_WITH_TIMEOUT(model().pendingCount(), 1, TimeoutMs);
        m_dock->clearAction()->trigger();   // asks no more
        QCOMPARE(boxes, 1);
        QTRY_COMPARE_WITH_TIMEOUT(model().pendingCount(), 0, TimeoutMs);
    }

    void aFailedVerbIsReported()
    {
        const QStringList ids = runningAndPending(1);
        QSignalSpy messages(m_dock, &QueueDock::statusMessage);
        select(ids.at(1));
        m_sim->stop();
        m_dock->cancelAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 1, TimeoutMs);
        QVERIFY(messages.first().first().toString().startsWith(
            QStringLiteral("Could not cancel: ")));
        qInfo() << messages.first().first().toString();
        // Offline: the last queue is not shown as if it were current, and the view says so.
        QTRY_VERIFY_WITH_TIMEOUT(view()->isShowingEmptyText(), TimeoutMs);
        QVERIFY(!view()->emptyText().startsWith(QStringLiteral("Nothing queued")));
        qInfo() << view()->emptyText();
    }
};

QTEST_MAIN(TestQueueDock)
#include "tst_queuedock.moc"
