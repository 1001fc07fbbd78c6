// The queue as the desktop shows it: the server's running and pending prompts in run order,
// ours told from other clients', kept in step with the tracker by row operations a view
// can follow (no reset: selection and scroll position survive a queue change).
#include "prompttracker.h"
#include "queuemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

namespace {

const QString Ours = QStringLiteral("our-client");

QJsonArray item(double number, const QString &id, const QString &client,
                const QString &workflow = {})
{
    QJsonObject extra{{QStringLiteral("client_id"), client}};
    if (!workflow.isEmpty())
        extra.insert(QStringLiteral("comfydesk"),
                     QJsonObject{{QStringLiteral("workflow"), workflow}});
    return {number, id, QJsonObject{}, extra, QJsonArray{QStringLiteral("9")}};
}

// Lists of queue items. (A braced list holding one QJsonArray would copy that array,
// not wrap it: the items are appended one by one.)
QJsonArray items(const QList<QJsonArray> &list)
{
    QJsonArray array;
    for (const QJsonArray &one : list)
        array.append(one);
    return array;
}

QJsonObject queue(const QList<QJsonArray> &running, const QList<QJsonArray> &pending)
{
    return {{QStringLiteral("queue_running"), items(running)},
            {QStringLiteral("queue_pending"), items(pending)}};
}

QStringList ids(const QueueModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.promptIdAt(row));
    return list;
}

ComfyEvent comfyEvent(ComfyEvent::Type type, const QString &promptId)
{
    ComfyEvent e;
    e.type = type;
    e.promptId = promptId;
    e.data.insert(QStringLiteral("prompt_id"), promptId);
    return e;
}

} // namespace

class TestQueueModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsRunningThenPendingWithOwners()
    {
        PromptTracker tracker;
        QueueModel model;
        QAbstractItemModelTester tester(&model);
        model.setTracker(&tracker, Ours);
        QCOMPARE(model.rowCount(), 0);

        tracker.applyQueue(queue({item(3, QStringLiteral("a"), Ours, QStringLiteral("风景"))},
                                 {item(4, QStringLiteral("b"), QStringLiteral("krita")),
                                  item(5, QStringLiteral("c"), Ours)}));
        QCOMPARE(ids(model), (QStringList{"a", "b", "c"}));
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("风景"));
        QVERIFY(model.index(0).data(QueueModel::RunningRole).toBool());
        QVERIFY(model.index(0).data(QueueModel::OwnRole).toBool());
        QCOMPARE(model.index(1).data().toString(), QStringLiteral("Other client"));
        QVERIFY(!model.index(1).data(QueueModel::OwnRole).toBool());
        QCOMPARE(model.index(1).data(QueueModel::PositionRole).toInt(), 1);
        QVERIFY(model.index(2).data().toString().startsWith(QStringLiteral("Prompt c")));
        QCOMPARE(model.index(2).data(QueueModel::PositionRole).toInt(), 2);
        QCOMPARE(model.index(2).data(Qt::AccessibleTextRole), model.index(2).data());
    }

    void queueChangesAreRowOperationsNotResets()
    {
        PromptTracker tracker;
        QueueModel model;
        QAbstractItemModelTester tester(&model);
        model.setTracker(&tracker, Ours);
        tracker.applyQueue(queue({item(1, QStringLiteral("a"), Ours)},
                                 {item(2, QStringLiteral("b"), Ours),
                                  item(3, QStringLiteral("c"), Ours),
                                  item(4, QStringLiteral("d"), Ours)}));
        const QPersistentModelIndex d(model.index(3));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);

        // a finished, b runs, d was moved to the front, e is new.
        tracker.applyQueue(queue({item(2, QStringLiteral("b"), Ours)},
                                 {item(-1, QStringLiteral("d"), Ours),
                                  item(3, QStringLiteral("c"), Ours),
                                  item(6, QStringLiteral("e"), Ours)}));
        QCOMPARE(ids(model), (QStringList{"b", "d", "c", "e"}));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QVERIFY(d.isValid());
        QCOMPARE(d.row(), 1);   // a view's selection follows the prompt
        QVERIFY(model.index(0).data(QueueModel::RunningRole).toBool());
        QCOMPARE(model.index(1).data(QueueModel::PositionRole).toInt(), 1);

        tracker.applyQueue(queue({}, {}));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(resets.size(), 0);
    }

    void progressRepaintsOnlyItsRow()
    {
        PromptTracker tracker;
        QueueModel model;
        model.setTracker(&tracker, Ours);
        tracker.applyQueue(queue({item(1, QStringLiteral("a"), Ours)},
                                 {item(2, QStringLiteral("b"), Ours)}));
        ComfyEvent start = comfyEvent(ComfyEvent::Type::ExecutionStart, QStringLiteral("a"));
        start.timestamp = 1795600963825;
        tracker.applyEvent(start);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        ComfyEvent progress = comfyEvent(ComfyEvent::Type::Progress, QStringLiteral("a"));
        progress.node = QStringLiteral("3");
        progress.value = 7;
        progress.max = 20;
        tracker.applyEvent(progress);
        QTRY_VERIFY(!changed.isEmpty());   // progress is published at most 20 times a second
        for (const QList<QVariant> &signal : std::as_const(changed)) {
            QCOMPARE(signal.at(0).toModelIndex().row(), 0);
            QCOMPARE(signal.at(1).toModelIndex().row(), 0);
        }
        QCOMPARE(model.index(0).data(QueueModel::StepRole).toInt(), 7);
        QCOMPARE(model.index(0).data(QueueModel::MaxStepsRole).toInt(), 20);
        QCOMPARE(model.index(0).data(QueueModel::NodeRole).toString(), QStringLiteral("3"));
        QCOMPARE(model.index(0).data(QueueModel::StartedAtRole).toLongLong(),
                 qint64(1795600963825));
    }

    void speaksChinese()
    {
        QTranslator translator;
        QVERIFY(translator.load(QLocale(QStringLiteral("zh_CN")), QStringLiteral("comfydesk"),
                                QStringLiteral("_"), QStringLiteral(":/i18n")));
        QCoreApplication::installTranslator(&translator);
        PromptTracker tracker;
        QueueModel model;
        model.setTracker(&tracker, Ours);
        tracker.applyQueue(queue({}, {item(1, QStringLiteral("b"), QStringLiteral("krita"))}));
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("其他客户端"));
        QCoreApplication::removeTranslator(&translator);
    }

    void aTrackerGoneLeavesAnEmptyModel()
    {
        QueueModel model;
        QAbstractItemModelTester tester(&model);
        {
            PromptTracker tracker;
            model.setTracker(&tracker, Ours);
            tracker.applyQueue(queue({item(1, QStringLiteral("a"), Ours)}, {}));
            QCOMPARE(model.rowCount(), 1);
            model.setTracker(nullptr, {});
        }
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestQueueModel)
#include "tst_queuemodel.moc"
