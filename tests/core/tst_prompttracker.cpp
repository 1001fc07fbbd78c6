#include "comfyevent.h"
#include "historyentry.h"
#include "prompttracker.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

// Status derivation checked against what a real ComfyUI answered (tests/data/transcripts).
// Events are built by hand with the fields ComfyEvent::fromText fills, so these tests do
// not depend on the client worker's parser.
class TestPromptTracker final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pendingPositionsFromRecordedQueue_data();
    void pendingPositionsFromRecordedQueue();
    void runningFromRecordedQueue();
    void runningFromEvents();
    void progressStateOfAnotherClientsPrompt();
    void reconnectExecutingWithoutPromptId();
    void historyStates_data();
    void historyStates();
    void completedExecutionTimeExact();
    void notFound_data();
    void notFound();
    void pendingDespiteEmptyHistory_data();
    void pendingDespiteEmptyHistory();
    void lostWhenDeletedByAnotherClient();
    void cancelled();
    void unknownWithoutSnapshot();
    void unknownWhileUnreachable();
    void eventsOfAnotherPromptDoNotTouchOurs();
    void finalStateNotDemoted();
    void errorFromEventThenHistory();
    void successEventWaitsForHistory();
    void submittedBeforeSnapshot();
    void garbageHistory_data();
    void garbageHistory();
    void garbageImageItemsSkipped();
    void garbageQueueItemsSkipped();
    void signalsOnlyOnChange();
    void trackedUnfinished();
    void pendingAlwaysHasItsPlace();
    void aQueueReadOlderThanTheSubmitProvesNothing();
    void finishedPromptsAreBoundedAndForgottenIdsStillAnswer();
    void promptsLeavingTheQueueAreTracked();
    void cancelOfRunningPromptIgnored();
    void replayRecordedRun_data();
    void replayRecordedRun();
};

namespace {

QJsonObject recording(const QString &version, const QString &name)
{
    QFile file(QStringLiteral(COMFYDESK_TEST_DATA "/transcripts/") + version
               + QLatin1Char('/') + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot open %s", qPrintable(file.fileName()));
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject body(const QString &version, const QString &name)
{
    return recording(version, name).value(QLatin1String("response")).toObject()
        .value(QLatin1String("body")).toObject();
}

QJsonObject body(const QString &name)
{
    return body(QStringLiteral("v0.3.65"), name);
}

// "/history/<id>" -> "<id>"
QString requestedId(const QString &version, const QString &name)
{
    const QString path = recording(version, name).value(QLatin1String("request")).toObject()
                             .value(QLatin1String("path")).toString();
    return path.section(QLatin1Char('/'), -1);
}

QString state(const PromptStatus &status)
{
    return PromptStatus::stateName(status.state);
}

ComfyEvent makeEvent(ComfyEvent::Type type, const QString &promptId)
{
    ComfyEvent e;
    e.type = type;
    e.promptId = promptId;
    e.data.insert(QStringLiteral("prompt_id"), promptId);
    return e;
}

// A recorded text message, parsed by the real parser (tested on its own in tst_comfyevent).
ComfyEvent eventFromRecorded(const QJsonObject &message)
{
    return ComfyEvent::fromText(QJsonDocument(message).toJson(QJsonDocument::Compact));
}

// Execution time as the recording says: last message timestamp - execution_start.
double recordedExecutionTime(const QJsonObject &entry)
{
    const QJsonArray messages = entry.value(QLatin1String("status")).toObject()
                                    .value(QLatin1String("messages")).toArray();
    qint64 start = 0;
    qint64 end = 0;
    for (const QJsonValue &m : messages) {
        const QJsonArray pair = m.toArray();
        const qint64 ts = qint64(pair.at(1).toObject().value(QLatin1String("timestamp"))
                                     .toDouble());
        if (pair.at(0).toString() == QLatin1String("execution_start"))
            start = ts;
        end = ts;
    }
    return double(end - start) / 1000.0;
}

QStringList changedIds(const QSignalSpy &spy)
{
    QStringList ids;
    for (const QList<QVariant> &args : spy)
        ids.append(args.at(0).toString());
    return ids;
}

const QString kVersions[] = {QStringLiteral("v0.3.65"), QStringLiteral("v0.8.0")};

} // namespace

void TestPromptTracker::pendingPositionsFromRecordedQueue_data()
{
    QTest::addColumn<QString>("version");
    for (const QString &version : kVersions)
        QTest::newRow(qPrintable(version)) << version;
}

void TestPromptTracker::pendingPositionsFromRecordedQueue()
{
    QFETCH(QString, version);
    const QJsonObject queue = body(version, QStringLiteral("queue_running_and_pending.json"));
    const QJsonArray pending = queue.value(QLatin1String("queue_pending")).toArray();
    // Precondition of this test: the recording really is in heap order, not sorted.
    QCOMPARE(pending.size(), 3);
    QCOMPARE(pending.at(0).toArray().at(0).toInt(), -12);
    QCOMPARE(pending.at(1).toArray().at(0).toInt(), 11);
    QCOMPARE(pending.at(2).toArray().at(0).toInt(), 10);

    PromptTracker tracker;
    tracker.applyQueue(queue);
    QHash<int, int> expectedPosition = {{-12, 1}, {10, 2}, {11, 3}};
    for (const QJsonValue &item : pending) {
        const int number = item.toArray().at(0).toInt();
        const PromptStatus status = tracker.status(item.toArray().at(1).toString());
        QCOMPARE(state(status), QStringLiteral("pending"));
        QCOMPARE(status.queuePosition, expectedPosition.value(number));
        QCOMPARE(status.priority, double(number));
        QCOMPARE(status.reason, PromptStatus::Reason::None);
    }
    if (version == QLatin1String("v0.3.65")) {
        QCOMPARE(tracker.status(QStringLiteral("199dadd5-9892-4571-8341-ad8fd655c0cf"))
                     .queuePosition, 1);
        QCOMPARE(tracker.status(QStringLiteral("c6b12178-125e-42bd-abe3-f8667a86cb24"))
                     .queuePosition, 2);
        QCOMPARE(tracker.status(QStringLiteral("431a0eee-6c8b-4ae0-aaa7-9e684cced189"))
                     .queuePosition, 3);
    }

    // One deleted (queue_after_delete): the later ones move up.
    tracker.applyQueue(body(version, QStringLiteral("queue_after_delete.json")));
    const QJsonArray after = body(version, QStringLiteral("queue_after_delete.json"))
                                 .value(QLatin1String("queue_pending")).toArray();
    for (const QJsonValue &item : after) {
        const int number = item.toArray().at(0).toInt();
        QCOMPARE(tracker.status(item.toArray().at(1).toString()).queuePosition,
                 number == -12 ? 1 : 2);
    }
}

void TestPromptTracker::runningFromRecordedQueue()
{
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_running_and_pending.json")));
    const PromptStatus status = tracker.status(
        QStringLiteral("a36c728f-8eee-4400-9164-364bc04bdcd1"));
    QCOMPARE(state(status), QStringLiteral("running"));
    QCOMPARE(status.reason, PromptStatus::Reason::None);
    QCOMPARE(status.priority, 9.0);
    QCOMPARE(status.queuePosition, 0);
}

void TestPromptTracker::runningFromEvents()
{
    const QString id = QStringLiteral("p-1");
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_idle.json")));

    ComfyEvent start = makeEvent(ComfyEvent::Type::ExecutionStart, id);
    start.timestamp = 1795600963825;
    tracker.applyEvent(start);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("running"));
    QCOMPARE(tracker.status(id).startedAtMs, qint64(1795600963825));

    ComfyEvent executing = makeEvent(ComfyEvent::Type::Executing, id);
    executing.node = QStringLiteral("3");
    tracker.applyEvent(executing);
    QCOMPARE(tracker.status(id).currentNode, QStringLiteral("3"));

    ComfyEvent progress = makeEvent(ComfyEvent::Type::Progress, id);
    progress.node = QStringLiteral("3");
    progress.value = 7;
    progress.max = 20;
    tracker.applyEvent(progress);
    const PromptStatus status = tracker.status(id);
    QCOMPARE(state(status), QStringLiteral("running"));
    QCOMPARE(status.currentNode, QStringLiteral("3"));
    QCOMPARE(status.step, 7);
    QCOMPARE(status.maxSteps, 20);
    QCOMPARE(status.startedAtMs, qint64(1795600963825));

    // The next node starts: its step count starts again.
    executing.node = QStringLiteral("4");
    tracker.applyEvent(executing);
    QCOMPARE(tracker.status(id).currentNode, QStringLiteral("4"));
    QCOMPARE(tracker.status(id).step, 0);
    QCOMPARE(tracker.status(id).maxSteps, 0);

    // A snapshot read before the prompt started (still pending there) does not pull it
    // back to pending.
    QJsonObject stale{{QStringLiteral("queue_running"), QJsonArray()},
                      {QStringLiteral("queue_pending"),
                       QJsonArray{QJsonArray{5, id, QJsonObject(), QJsonObject(),
                                             QJsonArray()}}}};
    tracker.applyQueue(stale);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("running"));
}

void TestPromptTracker::progressStateOfAnotherClientsPrompt()
{
    // Recorded in ws_observer_prompt_without_client_id.jsonl: progress_state is broadcast
    // for a prompt we did not submit; node "1" finished, node "2" running.
    const QString id = QStringLiteral("fbdbc107-32fa-4263-9bd8-a2487a8a6580");
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_idle.json")));
    ComfyEvent e = makeEvent(ComfyEvent::Type::ProgressState, id);
    const QJsonObject finished{{QStringLiteral("value"), 1.0}, {QStringLiteral("max"), 1.0},
                               {QStringLiteral("state"), QStringLiteral("finished")},
                               {QStringLiteral("node_id"), QStringLiteral("1")}};
    const QJsonObject running{{QStringLiteral("value"), 2.0}, {QStringLiteral("max"), 5.0},
                              {QStringLiteral("state"), QStringLiteral("running")},
                              {QStringLiteral("node_id"), QStringLiteral("2")}};
    e.data.insert(QStringLiteral("nodes"),
                  QJsonObject{{QStringLiteral("1"), finished}, {QStringLiteral("2"), running}});
    tracker.applyEvent(e);
    const PromptStatus status = tracker.status(id);
    QCOMPARE(state(status), QStringLiteral("running"));
    QCOMPARE(status.currentNode, QStringLiteral("2"));
    QCOMPARE(status.step, 2);
    QCOMPARE(status.maxSteps, 5);
}

void TestPromptTracker::reconnectExecutingWithoutPromptId()
{
    // ws_reconnect_2_after_reconnect.jsonl: after a reconnect ComfyUI re-sends
    // "executing" for the current node without a prompt_id.
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_running_and_pending.json")));
    ComfyEvent e = makeEvent(ComfyEvent::Type::Executing, QString());
    e.data = QJsonObject{{QStringLiteral("node"), QStringLiteral("3")}};
    e.node = QStringLiteral("3");
    tracker.applyEvent(e);
    const QString running = QStringLiteral("a36c728f-8eee-4400-9164-364bc04bdcd1");
    QCOMPARE(tracker.status(running).currentNode, QStringLiteral("3"));
    // ...and never to a pending one.
    QVERIFY(tracker.status(QStringLiteral("199dadd5-9892-4571-8341-ad8fd655c0cf"))
                .currentNode.isEmpty());
}

void TestPromptTracker::historyStates_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expectedState");
    QTest::addColumn<QString>("expectedMessage");
    QTest::addColumn<QStringList>("expectedImages"); // "node|subfolder|type|name suffix"

    for (const QString &v : kVersions) {
        const auto row = [&v](const char *name) {
            return &QTest::newRow(qPrintable(v + QLatin1Char(' ') + QLatin1String(name)));
        };
        *row("completed") << v << QStringLiteral("history_prompt_id.json")
                          << QStringLiteral("completed")
                          << QStringLiteral("Image generation completed")
                          << QStringList{QStringLiteral("2||output|_00001_.png")};
        *row("completed temp") << v << QStringLiteral("history_preview.json")
                               << QStringLiteral("completed")
                               << QStringLiteral("Image generation completed")
                               << QStringList{QStringLiteral("2||temp|_00001_.png")};
        *row("batch subfolder") << v << QStringLiteral("history_blur_batch_subfolder.json")
                                << QStringLiteral("completed")
                                << QStringLiteral("Image generation completed")
                                << QStringList{QStringLiteral("3|fixture_dir|output|_00001_.png"),
                                               QStringLiteral("3|fixture_dir|output|_00002_.png")};
        *row("processing") << v << QStringLiteral("history_preview_any.json")
                           << QStringLiteral("processing")
                           << QStringLiteral("Task finished without images") << QStringList();
        *row("error") << v << QStringLiteral("history_execution_error.json")
                      << QStringLiteral("error")
                      << QStringLiteral("Task failed in node 2 (ImageScaleBy): Input and output "
                                        "sizes should be greater than 0, but got input "
                                        "(H: 8, W: 8) output (H: 0, W: 0)")
                      << QStringList();
        *row("interrupted") << v << QStringLiteral("history_interrupted.json")
                            << QStringLiteral("interrupted")
                            << QStringLiteral("Task was interrupted") << QStringList();
    }
}

void TestPromptTracker::historyStates()
{
    QFETCH(QString, version);
    QFETCH(QString, file);
    QFETCH(QString, expectedState);
    QFETCH(QString, expectedMessage);
    QFETCH(QStringList, expectedImages);

    const QJsonObject history = body(version, file);
    const QString id = requestedId(version, file);
    QVERIFY(history.contains(id));
    const QJsonObject entry = history.value(id).toObject();

    PromptTracker tracker;
    tracker.applyQueue(body(version, QStringLiteral("queue_idle.json")));
    tracker.track(id);
    QSignalSpy changed(&tracker, &PromptTracker::statusChanged);
    tracker.applyHistory(history);
    QCOMPARE(changedIds(changed), QStringList{id});

    const PromptStatus status = tracker.status(id);
    QCOMPARE(state(status), expectedState);
    // Core gives the facts the API's sentence is made of (tests/api checks the sentence).
    if (status.state == PromptStatus::State::Error) {
        QCOMPARE(status.reason, PromptStatus::Reason::ExecutionFailed);
        QCOMPARE(QStringLiteral("Task failed in node %1 (%2): %3")
                     .arg(status.errorNode, status.errorNodeType, status.exceptionMessage),
                 expectedMessage);
    } else {
        QCOMPARE(status.reason, PromptStatus::Reason::None);
    }
    QVERIFY(status.isFinal());
    QVERIFY(tracker.trackedUnfinished().isEmpty());
    QCOMPARE(status.outputs, entry.value(QLatin1String("outputs")).toObject());
    QCOMPARE(status.priority, entry.value(QLatin1String("prompt")).toArray().at(0).toDouble());

    // Execution time: > 0 and exactly the recorded start -> end difference.
    QVERIFY(status.executionTime > 0);
    QCOMPARE(status.executionTime, recordedExecutionTime(entry));
    QVERIFY(status.startedAtMs > 0);

    // Every image of the recorded outputs, in order, with its real type.
    QCOMPARE(status.images.size(), expectedImages.size());
    for (qsizetype i = 0; i < expectedImages.size(); ++i) {
        const ImageRef &image = status.images.at(i);
        const QStringList expected = expectedImages.at(i).split(QLatin1Char('|'));
        QCOMPARE(image.nodeId, expected.at(0));
        QCOMPARE(image.subfolder, expected.at(1));
        QCOMPARE(image.type, expected.at(2));
        QVERIFY2(image.filename.endsWith(expected.at(3)), qPrintable(image.filename));
    }

    if (expectedState == QLatin1String("error")) {
        QCOMPARE(status.errorNode, QStringLiteral("2"));
        QCOMPARE(status.errorNodeType, QStringLiteral("ImageScaleBy"));
        QCOMPARE(status.exceptionType, QStringLiteral("RuntimeError"));
        QVERIFY(status.exceptionMessage.startsWith(
            QLatin1String("Input and output sizes should be greater than 0")));
    }
    if (expectedState == QLatin1String("interrupted")) {
        QCOMPARE(status.errorNode, QStringLiteral("3"));
        QCOMPARE(status.errorNodeType, QStringLiteral("ImageBlur"));
    }
    if (expectedState == QLatin1String("processing"))
        QVERIFY(status.outputs.value(QLatin1String("3")).toObject().contains(
            QLatin1String("text")));
}

void TestPromptTracker::completedExecutionTimeExact()
{
    // history_prompt_id.json: execution_start 1795600963825, execution_success
    // 1795600963833 -> 8 ms.
    const HistoryEntry entry = HistoryEntry::parse(
        QStringLiteral("845533f8-5fa4-4d94-8714-3c634ebca560"),
        body(QStringLiteral("history_prompt_id.json"))
            .value(QLatin1String("845533f8-5fa4-4d94-8714-3c634ebca560")));
    QCOMPARE(entry.outcome, HistoryEntry::Outcome::Success);
    QCOMPARE(entry.startedAtMs, qint64(1795600963825));
    QCOMPARE(entry.endedAtMs, qint64(1795600963833));
    QCOMPARE(entry.executionTime, 0.008);
    QCOMPARE(entry.images,
             (QList<ImageRef>{{QStringLiteral("fixture_basic_21ee5c_00001_.png"), QString(),
                               QStringLiteral("output"), QStringLiteral("2")}}));
}

void TestPromptTracker::notFound_data()
{
    QTest::addColumn<QString>("version");
    for (const QString &version : kVersions)
        QTest::newRow(qPrintable(version)) << version;
}

void TestPromptTracker::notFound()
{
    QFETCH(QString, version);
    const QString id = requestedId(version, QStringLiteral("history_unknown_id.json"));
    QCOMPARE(id, QStringLiteral("00000000-0000-0000-0000-000000000000"));
    PromptTracker tracker;
    tracker.applyQueue(body(version, QStringLiteral("queue_running_and_pending.json")));
    tracker.track(id);
    // Before its history was read there is nothing to tell.
    QCOMPARE(state(tracker.status(id)), QStringLiteral("unknown"));
    QCOMPARE(tracker.trackedUnfinished(), QStringList{id});

    const QJsonObject history = body(version, QStringLiteral("history_unknown_id.json"));
    QVERIFY(history.isEmpty());
    tracker.applyHistory(history);
    tracker.applyHistoryMissing(id);
    const PromptStatus status = tracker.status(id);
    QCOMPARE(state(status), QStringLiteral("not_found"));
    QCOMPARE(status.reason, PromptStatus::Reason::None);
    QVERIFY(tracker.trackedUnfinished().isEmpty());

    // Someone submits this very id later (custom prompt ids exist): not_found is revised.
    QJsonObject queue{{QStringLiteral("queue_running"), QJsonArray()},
                      {QStringLiteral("queue_pending"),
                       QJsonArray{QJsonArray{20, id, QJsonObject(), QJsonObject(),
                                             QJsonArray()}}}};
    tracker.applyQueue(queue);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("pending"));
    QCOMPARE(tracker.status(id).queuePosition, 1);
}

void TestPromptTracker::pendingDespiteEmptyHistory_data()
{
    QTest::addColumn<QString>("version");
    for (const QString &version : kVersions)
        QTest::newRow(qPrintable(version)) << version;
}

void TestPromptTracker::pendingDespiteEmptyHistory()
{
    QFETCH(QString, version);
    PromptTracker tracker;
    tracker.applyQueue(body(version, QStringLiteral("queue_running_and_pending.json")));

    const QString pendingId =
        requestedId(version, QStringLiteral("history_pending_prompt_id.json"));
    tracker.track(pendingId);
    tracker.applyHistory(body(version, QStringLiteral("history_pending_prompt_id.json")));
    tracker.applyHistoryMissing(pendingId);
    QCOMPARE(state(tracker.status(pendingId)), QStringLiteral("pending"));
    QCOMPARE(tracker.status(pendingId).queuePosition, 2); // number 10 after -12

    const QString runningId =
        requestedId(version, QStringLiteral("history_running_prompt_id.json"));
    tracker.track(runningId);
    tracker.applyHistory(body(version, QStringLiteral("history_running_prompt_id.json")));
    tracker.applyHistoryMissing(runningId);
    QCOMPARE(state(tracker.status(runningId)), QStringLiteral("running"));
    QCOMPARE(tracker.trackedUnfinished().size(), 2);
}

void TestPromptTracker::lostWhenDeletedByAnotherClient()
{
    // 431a0eee was pending, someone else deleted it (queue_after_delete), and its history
    // answers {} (history_deleted_from_queue): it will never finish.
    const QString id = QStringLiteral("431a0eee-6c8b-4ae0-aaa7-9e684cced189");
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_running_and_pending.json")));
    tracker.track(id);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("pending"));

    tracker.applyQueue(body(QStringLiteral("queue_after_delete.json")));
    // Left the queue: finished or removed; not final until its history is read.
    QVERIFY(!tracker.status(id).isFinal());
    QCOMPARE(tracker.trackedUnfinished(), QStringList{id});

    QVERIFY(body(QStringLiteral("history_deleted_from_queue.json")).isEmpty());
    tracker.applyHistoryMissing(id);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("lost"));
    QCOMPARE(tracker.status(id).reason, PromptStatus::Reason::LeftQueueNoHistory);
    QVERIFY(tracker.trackedUnfinished().isEmpty());
}

void TestPromptTracker::cancelled()
{
    const QString id = QStringLiteral("431a0eee-6c8b-4ae0-aaa7-9e684cced189");
    PromptTracker tracker;
    const QJsonObject before = body(QStringLiteral("queue_running_and_pending.json"));
    tracker.applyQueue(before);
    tracker.track(id);
    tracker.markCancelled(id);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("cancelled"));
    QCOMPARE(tracker.status(id).state, PromptStatus::State::Cancelled);
    QVERIFY(tracker.trackedUnfinished().isEmpty());

    // A snapshot read before the delete took effect still holds it: stays cancelled.
    tracker.applyQueue(before);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("cancelled"));
    tracker.applyQueue(body(QStringLiteral("queue_after_delete.json")));
    tracker.applyHistoryMissing(id);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("cancelled"));
    // The others moved up.
    QCOMPARE(tracker.status(QStringLiteral("c6b12178-125e-42bd-abe3-f8667a86cb24"))
                 .queuePosition, 2);
}

void TestPromptTracker::unknownWithoutSnapshot()
{
    PromptTracker tracker;
    const QString id = QStringLiteral("845533f8-5fa4-4d94-8714-3c634ebca560");
    QCOMPARE(state(tracker.status(id)), QStringLiteral("unknown"));
    QCOMPARE(tracker.status(id).promptId, id);
    QCOMPARE(tracker.status(id).reason, PromptStatus::Reason::QueueNotRead);

    // Without a queue snapshot even {} proves nothing.
    tracker.track(id);
    tracker.applyHistoryMissing(id);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("unknown"));
    ComfyEvent start = makeEvent(ComfyEvent::Type::ExecutionStart, id);
    tracker.applyEvent(start);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("unknown"));

    // A history entry is final on its own.
    tracker.applyHistory(body(QStringLiteral("history_prompt_id.json")));
    QCOMPARE(state(tracker.status(id)), QStringLiteral("completed"));
}

void TestPromptTracker::unknownWhileUnreachable()
{
    const QString pending = QStringLiteral("c6b12178-125e-42bd-abe3-f8667a86cb24");
    const QString done = QStringLiteral("845533f8-5fa4-4d94-8714-3c634ebca560");
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_running_and_pending.json")));
    tracker.applyHistory(body(QStringLiteral("history_prompt_id.json")));

    QSignalSpy changed(&tracker, &PromptTracker::statusChanged);
    tracker.setServerReachable(false);
    QCOMPARE(state(tracker.status(pending)), QStringLiteral("unknown"));
    QCOMPARE(tracker.status(pending).reason, PromptStatus::Reason::ServerUnreachable);
    QCOMPARE(state(tracker.status(QStringLiteral("never-seen"))), QStringLiteral("unknown"));
    QCOMPARE(tracker.status(QStringLiteral("never-seen")).reason,
             PromptStatus::Reason::ServerUnreachable);
    QCOMPARE(state(tracker.status(done)), QStringLiteral("completed"));
    QVERIFY(!changedIds(changed).contains(done));
    QCOMPARE(changed.size(), 4); // the running one and the three pending ones

    // {} while offline proves nothing.
    tracker.applyHistoryMissing(pending);
    QCOMPARE(state(tracker.status(pending)), QStringLiteral("unknown"));

    // Back, but the old snapshot is stale: unknown until the next queue read.
    tracker.setServerReachable(true);
    QCOMPARE(state(tracker.status(pending)), QStringLiteral("unknown"));
    tracker.applyQueue(body(QStringLiteral("queue_running_and_pending.json")));
    QCOMPARE(state(tracker.status(pending)), QStringLiteral("pending"));
    QCOMPARE(tracker.status(pending).queuePosition, 2);
}

void TestPromptTracker::eventsOfAnotherPromptDoNotTouchOurs()
{
    const QString ours = QStringLiteral("c6b12178-125e-42bd-abe3-f8667a86cb24");
    const QString other = QStringLiteral("a36c728f-8eee-4400-9164-364bc04bdcd1");
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_running_and_pending.json")));
    tracker.track(ours);
    const PromptStatus before = tracker.status(ours);

    QSignalSpy changed(&tracker, &PromptTracker::statusChanged);
    ComfyEvent executing = makeEvent(ComfyEvent::Type::Executing, other);
    executing.node = QStringLiteral("2");
    tracker.applyEvent(executing);
    ComfyEvent progress = makeEvent(ComfyEvent::Type::Progress, other);
    progress.node = QStringLiteral("2");
    progress.value = 3;
    progress.max = 9;
    tracker.applyEvent(progress);
    ComfyEvent error = makeEvent(ComfyEvent::Type::ExecutionError, other);
    error.data.insert(QStringLiteral("node_id"), QStringLiteral("2"));
    error.data.insert(QStringLiteral("exception_message"), QStringLiteral("boom"));
    tracker.applyEvent(error);

    QCOMPARE(tracker.status(ours), before);
    QVERIFY(!changedIds(changed).contains(ours));
    QVERIFY(changedIds(changed).contains(other));
    QCOMPARE(state(tracker.status(other)), QStringLiteral("error"));
}

void TestPromptTracker::finalStateNotDemoted()
{
    const QString id = QStringLiteral("845533f8-5fa4-4d94-8714-3c634ebca560");
    PromptTracker tracker;
    QJsonObject queue{{QStringLiteral("queue_running"),
                       QJsonArray{QJsonArray{0, id, QJsonObject(), QJsonObject(),
                                             QJsonArray()}}},
                      {QStringLiteral("queue_pending"), QJsonArray()}};
    tracker.applyQueue(queue);
    tracker.track(id);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("running"));
    tracker.applyHistory(body(QStringLiteral("history_prompt_id.json")));
    const PromptStatus completed = tracker.status(id);
    QCOMPARE(state(completed), QStringLiteral("completed"));

    QSignalSpy changed(&tracker, &PromptTracker::statusChanged);
    tracker.applyQueue(body(QStringLiteral("queue_idle.json")));
    tracker.applyQueue(queue);  // even a stale snapshot that shows it running
    tracker.applyHistoryMissing(id);
    tracker.applyEvent(makeEvent(ComfyEvent::Type::ExecutionStart, id));
    tracker.markCancelled(id);
    tracker.setServerReachable(false);
    tracker.applyHistory(QJsonObject{{id, QStringLiteral("garbage")}});
    tracker.setServerReachable(true);
    QCOMPARE(tracker.status(id), completed);
    QVERIFY(!changedIds(changed).contains(id));
}

void TestPromptTracker::errorFromEventThenHistory()
{
    // ws_execution_error.jsonl / history_execution_error.json: the same failure.
    const QString id = QStringLiteral("274eb69b-ef67-479d-a56f-3a261950b1c6");
    const QJsonObject history = body(QStringLiteral("history_execution_error.json"));
    const QJsonArray messages = history.value(id).toObject().value(QLatin1String("status"))
                                    .toObject().value(QLatin1String("messages")).toArray();
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_idle.json")));
    tracker.track(id);
    for (const QJsonValue &m : messages) {
        const QJsonArray pair = m.toArray();
        tracker.applyEvent(eventFromRecorded(QJsonObject{
            {QStringLiteral("type"), pair.at(0)}, {QStringLiteral("data"), pair.at(1)}}));
    }
    PromptStatus status = tracker.status(id);
    QCOMPARE(state(status), QStringLiteral("error"));
    QCOMPARE(status.errorNode, QStringLiteral("2"));
    QCOMPARE(status.errorNodeType, QStringLiteral("ImageScaleBy"));
    QCOMPARE(status.exceptionType, QStringLiteral("RuntimeError"));
    QCOMPARE(status.reason, PromptStatus::Reason::ExecutionFailed);
    QVERIFY(status.exceptionMessage.startsWith(QLatin1String("Input and output sizes")));
    QVERIFY(!status.exceptionMessage.endsWith(QLatin1Char('\n')));
    QVERIFY(tracker.trackedUnfinished().isEmpty());

    // The history read that follows agrees (and gives the outputs).
    tracker.applyHistory(history);
    status = tracker.status(id);
    QCOMPARE(state(status), QStringLiteral("error"));
    QCOMPARE(status.executionTime, recordedExecutionTime(history.value(id).toObject()));
}

void TestPromptTracker::successEventWaitsForHistory()
{
    const QString id = QStringLiteral("845533f8-5fa4-4d94-8714-3c634ebca560");
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_idle.json")));
    tracker.track(id);
    tracker.applyEvent(makeEvent(ComfyEvent::Type::ExecutionStart, id));
    tracker.applyEvent(makeEvent(ComfyEvent::Type::ExecutionSuccess, id));
    ComfyEvent end = makeEvent(ComfyEvent::Type::Executing, id);
    end.nodeIsNull = true;
    tracker.applyEvent(end);
    // Images come only from the history read: until then it is not final.
    QCOMPARE(state(tracker.status(id)), QStringLiteral("running"));
    QCOMPARE(tracker.trackedUnfinished(), QStringList{id});
    tracker.applyHistory(body(QStringLiteral("history_prompt_id.json")));
    QCOMPARE(state(tracker.status(id)), QStringLiteral("completed"));
    QCOMPARE(tracker.status(id).images.size(), 1);
}

void TestPromptTracker::submittedBeforeSnapshot()
{
    const QString id = QStringLiteral("submitted-1");
    const QJsonObject nodeErrors{{QStringLiteral("9"), QJsonObject()}};
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_idle.json")));
    tracker.markSubmitted(id, 14, nodeErrors);
    PromptStatus status = tracker.status(id);
    QCOMPARE(state(status), QStringLiteral("pending"));
    QCOMPARE(status.queuePosition, 1);    // not in a snapshot yet, but the queue was empty
    QCOMPARE(status.nodeErrors, nodeErrors);
    // The snapshot predates the submission: {} proves nothing yet.
    tracker.applyHistoryMissing(id);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("pending"));

    tracker.applyQueue(body(QStringLiteral("queue_idle.json")));
    QCOMPARE(state(tracker.status(id)), QStringLiteral("running")); // left the queue
    // Its history (the shape of history_preview_any.json: text output only).
    const QJsonObject recorded = body(QStringLiteral("history_preview_any.json"));
    QCOMPARE(recorded.size(), 1);
    tracker.applyHistory(QJsonObject{{id, recorded.constBegin().value()}});
    status = tracker.status(id);
    QCOMPARE(state(status), QStringLiteral("processing"));
    QCOMPARE(status.nodeErrors, nodeErrors);
}

void TestPromptTracker::garbageHistory_data()
{
    QTest::addColumn<QByteArray>("entry");

    QTest::newRow("number") << QByteArray("42");
    QTest::newRow("string") << QByteArray("\"done\"");
    QTest::newRow("array") << QByteArray("[1, 2, 3]");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("status string") << QByteArray(R"({"outputs": {}, "status": "success"})");
    QTest::newRow("outputs array")
        << QByteArray(R"({"outputs": [], "status": {"status_str": "success",
                         "completed": true, "messages": []}})");
    QTest::newRow("status_str number")
        << QByteArray(R"({"outputs": {}, "status": {"status_str": 1, "completed": "yes",
                         "messages": "none"}})");
    QTest::newRow("messages garbage")
        << QByteArray(R"({"prompt": "x", "outputs": {"2": 5},
                         "status": {"status_str": "weird", "completed": false,
                         "messages": [5, [], ["execution_start"], [1, 2], null]}})");
    QTest::newRow("error with garbage fields")
        << QByteArray(R"({"outputs": {}, "status": {"status_str": "error", "completed": false,
                         "messages": [["execution_error", {"node_id": [1], "node_type": 3,
                         "exception_message": {"a": 1}, "timestamp": "soon"}]]}})");
}

void TestPromptTracker::garbageHistory()
{
    QFETCH(QByteArray, entry);
    const QString id = QStringLiteral("garbage-1");
    const QJsonDocument doc = QJsonDocument::fromJson("{\"garbage-1\": " + entry + '}');
    QVERIFY(doc.isObject());

    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_idle.json")));
    tracker.track(id);
    tracker.applyHistory(doc.object());
    const PromptStatus status = tracker.status(id);
    QVERIFY2(status.state == PromptStatus::State::Error
                 || status.state == PromptStatus::State::Unknown,
             qPrintable(state(status)));
    QVERIFY(status.images.isEmpty());
    QVERIFY2(status.reason == PromptStatus::Reason::ExecutionFailed
                 || status.reason == PromptStatus::Reason::InvalidHistory
                 || status.reason != PromptStatus::Reason::None,
             qPrintable(state(status)));
    // It never hangs as unfinished.
    QVERIFY(tracker.trackedUnfinished().isEmpty());
}

void TestPromptTracker::garbageImageItemsSkipped()
{
    const QByteArray json = R"({"outputs": {"10": {"images": [{"filename": "b.png",
        "subfolder": "s", "type": "output"}]}, "2": {"images": [1, "a", {"filename": 5},
        {"filename": "a.png", "type": "temp"}]}, "3": {"images": "none"}},
        "status": {"status_str": "success", "completed": true, "messages": []}})";
    const HistoryEntry entry =
        HistoryEntry::parse(QStringLiteral("x"), QJsonDocument::fromJson(json).object());
    QCOMPARE(entry.outcome, HistoryEntry::Outcome::Success);
    QCOMPARE(entry.executionTime, -1.0);
    // Numeric node order ("2" before "10"), unreadable items dropped, fields as sent.
    QCOMPARE(entry.images.size(), 2);
    QCOMPARE(entry.images.at(0),
             (ImageRef{QStringLiteral("a.png"), QString(), QStringLiteral("temp"),
                       QStringLiteral("2")}));
    QCOMPARE(entry.images.at(1),
             (ImageRef{QStringLiteral("b.png"), QStringLiteral("s"), QStringLiteral("output"),
                       QStringLiteral("10")}));
}

void TestPromptTracker::garbageQueueItemsSkipped()
{
    // The original service treated queue items as objects; they are arrays. Objects,
    // short arrays and non-lists are skipped, never trusted.
    const QByteArray json = R"({"queue_running": {"a": 1},
        "queue_pending": [{"prompt_id": "obj", "number": 1}, [3], [4, 5], "x",
                          [7, "good", {}, {}, []]]})";
    PromptTracker tracker;
    tracker.applyQueue(QJsonDocument::fromJson(json).object());
    QCOMPARE(state(tracker.status(QStringLiteral("good"))), QStringLiteral("pending"));
    QCOMPARE(tracker.status(QStringLiteral("good")).queuePosition, 1);
    QCOMPARE(tracker.all().size(), 1);
}

void TestPromptTracker::signalsOnlyOnChange()
{
    PromptTracker tracker;
    QSignalSpy queueSpy(&tracker, &PromptTracker::queueChanged);
    QSignalSpy changed(&tracker, &PromptTracker::statusChanged);
    const QJsonObject queue = body(QStringLiteral("queue_running_and_pending.json"));
    tracker.applyQueue(queue);
    QCOMPARE(queueSpy.size(), 1);
    QCOMPARE(changed.size(), 4);

    tracker.applyQueue(queue);
    QCOMPARE(queueSpy.size(), 1);
    QCOMPARE(changed.size(), 4);

    // 431a0eee deleted: only it changes (left the queue); the others keep their places
    // (-12 first, 10 second) and stay silent.
    changed.clear();
    tracker.applyQueue(body(QStringLiteral("queue_after_delete.json")));
    QCOMPARE(queueSpy.size(), 2);
    QStringList ids = changedIds(changed);
    ids.sort();
    QCOMPARE(ids, (QStringList{QStringLiteral("431a0eee-6c8b-4ae0-aaa7-9e684cced189")}));

    // Progress is not a status change: one throttled progressChanged for a burst of steps.
    changed.clear();
    QSignalSpy progressed(&tracker, &PromptTracker::progressChanged);
    const QString running = QStringLiteral("a36c728f-8eee-4400-9164-364bc04bdcd1");
    ComfyEvent progress = makeEvent(ComfyEvent::Type::Progress, running);
    progress.max = 40;
    for (int step = 1; step <= 40; ++step) {
        progress.value = step;
        tracker.applyEvent(progress);
    }
    QCOMPARE(changed.size(), 0);
    QCOMPARE(tracker.status(running).step, 40);     // the status itself is current at once
    QVERIFY(progressed.wait(2000));
    QCOMPARE(progressed.size(), 1);
    QCOMPARE(progressed.first().first().toString(), running);
}

void TestPromptTracker::pendingAlwaysHasItsPlace()
{
    // Defect: a prompt accepted after the last /queue read answered
    // {"status": "pending", "queue_position": null}. Its number places it at once.
    PromptTracker tracker;
    const QJsonObject two{
        {QStringLiteral("queue_running"), QJsonArray()},
        {QStringLiteral("queue_pending"),
         QJsonArray{QJsonArray{11, QStringLiteral("b"), QJsonObject(), QJsonObject(),
                               QJsonArray()},
                    QJsonArray{10, QStringLiteral("a"), QJsonObject(), QJsonObject(),
                               QJsonArray()}}}};
    tracker.applyQueue(two);
    QCOMPARE(tracker.status(QStringLiteral("a")).queuePosition, 1);
    QCOMPARE(tracker.status(QStringLiteral("b")).queuePosition, 2);

    QSignalSpy changed(&tracker, &PromptTracker::statusChanged);
    tracker.markSubmitted(QStringLiteral("c"), 12);
    QCOMPARE(tracker.status(QStringLiteral("c")).state, PromptStatus::State::Pending);
    QCOMPARE(tracker.status(QStringLiteral("c")).queuePosition, 3);

    // Queued at the front (ComfyUI gives it a negative number): everyone moves back.
    changed.clear();
    tracker.markSubmitted(QStringLiteral("front"), -13);
    QCOMPARE(tracker.status(QStringLiteral("front")).queuePosition, 1);
    QCOMPARE(tracker.status(QStringLiteral("a")).queuePosition, 2);
    QCOMPARE(tracker.status(QStringLiteral("c")).queuePosition, 4);
    QVERIFY(changedIds(changed).contains(QStringLiteral("c")));

    // The first one starts: the rest move up, before any new /queue read.
    tracker.applyEvent(makeEvent(ComfyEvent::Type::ExecutionStart, QStringLiteral("front")));
    QCOMPARE(tracker.status(QStringLiteral("front")).state, PromptStatus::State::Running);
    QCOMPARE(tracker.status(QStringLiteral("a")).queuePosition, 1);
    QCOMPARE(tracker.status(QStringLiteral("c")).queuePosition, 3);

    // One is cancelled: the ones behind it move up.
    tracker.markCancelled(QStringLiteral("a"));
    QCOMPARE(tracker.status(QStringLiteral("b")).queuePosition, 1);
    QCOMPARE(tracker.status(QStringLiteral("c")).queuePosition, 2);
    for (const PromptStatus &status : tracker.all()) {
        if (status.state == PromptStatus::State::Pending)
            QVERIFY(status.queuePosition >= 1);
    }
}

void TestPromptTracker::aQueueReadOlderThanTheSubmitProvesNothing()
{
    // A /queue read already on its way when the submit was answered cannot hold the new
    // prompt: its answer must not make the prompt look finished (it read "running" while
    // still waiting, and the prompt ahead of it kept its place).
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_idle.json")));
    const quint64 inFlight = tracker.queueRequested();
    tracker.markSubmitted(QStringLiteral("new"), 7);
    tracker.applyQueue(body(QStringLiteral("queue_idle.json")), inFlight);
    QCOMPARE(tracker.status(QStringLiteral("new")).state, PromptStatus::State::Pending);
    QCOMPARE(tracker.status(QStringLiteral("new")).queuePosition, 1);
    tracker.applyHistoryMissing(QStringLiteral("new"));
    QCOMPARE(tracker.status(QStringLiteral("new")).state, PromptStatus::State::Pending);

    // A read requested afterwards that does not hold it does prove it left the queue.
    tracker.applyQueue(body(QStringLiteral("queue_idle.json")), tracker.queueRequested());
    QCOMPARE(tracker.status(QStringLiteral("new")).state, PromptStatus::State::Running);
    tracker.applyHistoryMissing(QStringLiteral("new"));
    QCOMPARE(tracker.status(QStringLiteral("new")).state, PromptStatus::State::Lost);
}

void TestPromptTracker::finishedPromptsAreBoundedAndForgottenIdsStillAnswer()
{
    // Defect: the tracker kept every prompt ever seen (memory and resync cost grew with
    // each one). Finished ones are kept only in a bounded recent set.
    PromptTracker tracker;
    tracker.setRecentLimit(50);
    tracker.applyQueue(body(QStringLiteral("queue_idle.json")));
    const QJsonObject recorded = body(QStringLiteral("history_prompt_id.json"));
    const QJsonValue entry = recorded.constBegin().value();
    QSignalSpy removed(&tracker, &PromptTracker::promptRemoved);
    for (int i = 0; i < 1000; ++i) {
        const QString id = QStringLiteral("p-%1").arg(i);
        tracker.markSubmitted(id, i);
        tracker.applyHistory(QJsonObject{{id, entry}});
        QCOMPARE(tracker.status(id).state, PromptStatus::State::Completed);
    }
    QCOMPARE(tracker.all().size(), 50);
    QCOMPARE(removed.size(), 950);
    QCOMPARE(removed.first().first().toString(), QStringLiteral("p-0"));
    QCOMPARE(tracker.activeCount(), 0);
    QVERIFY(tracker.trackedUnfinished().isEmpty());

    // A forgotten id is not answered wrongly: it reads "history not read", and reading
    // its history again (what the API does for such an id) gives the right answer.
    const PromptStatus forgotten = tracker.status(QStringLiteral("p-0"));
    QCOMPARE(forgotten.state, PromptStatus::State::Unknown);
    QCOMPARE(forgotten.reason, PromptStatus::Reason::HistoryNotRead);
    tracker.applyHistory(QJsonObject{{QStringLiteral("p-0"), entry}});
    QCOMPARE(tracker.status(QStringLiteral("p-0")).state, PromptStatus::State::Completed);

    // Prompts still in flight are never forgotten, however many finish meanwhile.
    tracker.markSubmitted(QStringLiteral("long"), 5000);
    for (int i = 1000; i < 1200; ++i) {
        const QString id = QStringLiteral("p-%1").arg(i);
        tracker.applyHistory(QJsonObject{{id, entry}});
    }
    QCOMPARE(tracker.status(QStringLiteral("long")).state, PromptStatus::State::Pending);
    QCOMPARE(tracker.trackedUnfinished(), QStringList{QStringLiteral("long")});
}

void TestPromptTracker::trackedUnfinished()
{
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_running_and_pending.json")));
    // Other clients' prompts in the queue are known but not tracked.
    QVERIFY(tracker.trackedUnfinished().isEmpty());
    tracker.track(QStringLiteral("c6b12178-125e-42bd-abe3-f8667a86cb24"));
    tracker.track(QStringLiteral("845533f8-5fa4-4d94-8714-3c634ebca560"));
    QStringList ids = tracker.trackedUnfinished();
    ids.sort();
    QCOMPARE(ids, (QStringList{QStringLiteral("845533f8-5fa4-4d94-8714-3c634ebca560"),
                               QStringLiteral("c6b12178-125e-42bd-abe3-f8667a86cb24")}));
    tracker.applyHistory(body(QStringLiteral("history_prompt_id.json")));
    QCOMPARE(tracker.trackedUnfinished(),
             QStringList{QStringLiteral("c6b12178-125e-42bd-abe3-f8667a86cb24")});
    QCOMPARE(tracker.all().size(), 5);
}

void TestPromptTracker::promptsLeavingTheQueueAreTracked()
{
    // Other clients' prompts are not tracked while queued, but once they leave the queue
    // their result is only in the history, so it gets read: no "running" forever.
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_running_and_pending.json")));
    QVERIFY(tracker.trackedUnfinished().isEmpty());

    // Later: the slow one ended, the pending ones were cleared, another one runs.
    tracker.applyQueue(body(QStringLiteral("queue_after_clear.json")));
    QStringList ids = tracker.trackedUnfinished();
    ids.sort();
    QCOMPARE(ids, (QStringList{QStringLiteral("199dadd5-9892-4571-8341-ad8fd655c0cf"),
                               QStringLiteral("431a0eee-6c8b-4ae0-aaa7-9e684cced189"),
                               QStringLiteral("a36c728f-8eee-4400-9164-364bc04bdcd1"),
                               QStringLiteral("c6b12178-125e-42bd-abe3-f8667a86cb24")}));
    QCOMPARE(state(tracker.status(QStringLiteral("2e06865b-a555-410b-ae7e-9014115d1583"))),
             QStringLiteral("running"));

    tracker.applyHistory(body(QStringLiteral("history_interrupted.json")));
    QCOMPARE(state(tracker.status(QStringLiteral("a36c728f-8eee-4400-9164-364bc04bdcd1"))),
             QStringLiteral("interrupted"));
    for (const QString &id : tracker.trackedUnfinished())
        tracker.applyHistoryMissing(id);
    QCOMPARE(state(tracker.status(QStringLiteral("c6b12178-125e-42bd-abe3-f8667a86cb24"))),
             QStringLiteral("lost"));
    QVERIFY(tracker.trackedUnfinished().isEmpty());
}

void TestPromptTracker::cancelOfRunningPromptIgnored()
{
    const QString id = QStringLiteral("a36c728f-8eee-4400-9164-364bc04bdcd1");
    PromptTracker tracker;
    tracker.applyQueue(body(QStringLiteral("queue_running_and_pending.json")));
    tracker.track(id);
    tracker.markCancelled(id);
    QCOMPARE(state(tracker.status(id)), QStringLiteral("running"));
    QCOMPARE(tracker.trackedUnfinished(), QStringList{id});
}

void TestPromptTracker::replayRecordedRun_data()
{
    QTest::addColumn<QString>("version");
    for (const QString &version : kVersions)
        QTest::newRow(qPrintable(version)) << version;
}

void TestPromptTracker::replayRecordedRun()
{
    // ws_blur_save.jsonl is the run whose history is history_blur_batch_subfolder.json.
    QFETCH(QString, version);
    QFile file(QStringLiteral(COMFYDESK_TEST_DATA "/transcripts/") + version
               + QStringLiteral("/ws_blur_save.jsonl"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString id = requestedId(version, QStringLiteral("history_blur_batch_subfolder.json"));

    PromptTracker tracker;
    tracker.applyQueue(body(version, QStringLiteral("queue_idle.json")));
    tracker.track(id);
    QStringList nodesSeen;
    bool sawSuccess = false;
    while (!file.atEnd()) {
        const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
        if (line.value(QLatin1String("kind")).toString() != QLatin1String("text")
            || line.value(QLatin1String("dir")).toString() != QLatin1String("recv")) {
            continue;
        }
        const ComfyEvent e = eventFromRecorded(line.value(QLatin1String("data")).toObject());
        if (e.type == ComfyEvent::Type::Status)
            continue;
        QCOMPARE(e.promptId, id);
        tracker.applyEvent(e);
        const PromptStatus status = tracker.status(id);
        // Never final from the socket alone after success: images come from history.
        QCOMPARE(state(status), QStringLiteral("running"));
        if (!status.currentNode.isEmpty() && !nodesSeen.contains(status.currentNode))
            nodesSeen.append(status.currentNode);
        sawSuccess = sawSuccess || e.type == ComfyEvent::Type::ExecutionSuccess;
    }
    QVERIFY(sawSuccess);
    QCOMPARE(nodesSeen, (QStringList{QStringLiteral("1"), QStringLiteral("2"),
                                     QStringLiteral("3")}));
    QVERIFY(tracker.status(id).startedAtMs > 0);

    tracker.applyQueue(body(version, QStringLiteral("queue_idle.json")));
    tracker.applyHistory(body(version, QStringLiteral("history_blur_batch_subfolder.json")));
    const PromptStatus status = tracker.status(id);
    QCOMPARE(state(status), QStringLiteral("completed"));
    QCOMPARE(status.images.size(), 2);
    QCOMPARE(status.images.at(0).subfolder, QStringLiteral("fixture_dir"));
    QCOMPARE(status.images.at(1).subfolder, QStringLiteral("fixture_dir"));
}

QTEST_GUILESS_MAIN(TestPromptTracker)
#include "tst_prompttracker.moc"
