// ComfyUI's history pages as the catalogue records them, from recorded answers of real
// ComfyUI 0.3.65 and 0.8.0; and the tracker's statuses as records.
#include "historypage.h"
#include "recordedbody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

namespace {

const QString Server = QStringLiteral("http://127.0.0.1:8188");

HistoryPage parseRecorded(const QString &version, const QString &file,
                          const QSet<QString> &skip = {})
{
    return HistoryPage::parse(RecordedBody::load(version, file), Server, skip);
}

const PromptRecord *recordOf(const HistoryPage &page, const QString &promptId)
{
    for (const PromptRecord &record : page.records) {
        if (record.promptId == promptId)
            return &record;
    }
    return nullptr;
}

// One recorded entry with extra_data edited, as another ComfyDesk would have posted it.
QByteArray withExtraData(const QString &version, const QString &file,
                         const QJsonObject &extraData)
{
    QJsonObject history = RecordedBody::loadObject(version, file);
    const QString id = history.keys().first();
    QJsonObject entry = history.value(id).toObject();
    QJsonArray prompt = entry.value(QLatin1String("prompt")).toArray();
    prompt.replace(3, extraData);
    entry.insert(QLatin1String("prompt"), prompt);
    history.insert(id, entry);
    return QJsonDocument(history).toJson(QJsonDocument::Compact);
}

} // namespace

class TestHistoryPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void completedWithImages();
    void createTimeOfNewerComfyUi();
    void successWithoutImagesIsProcessing();
    void executionError();
    void interrupted();
    void workflowFromExtraData();
    void wholeHistoryBothVersions_data();
    void wholeHistoryBothVersions();
    void skipSetStillCounts();
    void emptyHistory();
    void invalidEntries();
    void bodyNotAnObject_data();
    void bodyNotAnObject();
    void fromStatusCompleted();
    void fromStatusUnfinishedAndFailed();
    void reasonCodes();
};

void TestHistoryPage::completedWithImages()
{
    const HistoryPage page = parseRecorded(QStringLiteral("v0.3.65"),
                                           QStringLiteral("history_blur_batch_subfolder.json"));
    QVERIFY(page.error.isEmpty());
    QCOMPARE(page.entryCount, 1);
    QCOMPARE(page.records.size(), 1);
    const PromptRecord &r = page.records.first();
    QCOMPARE(r.server, Server);
    QCOMPARE(r.promptId, QStringLiteral("58f9af81-c438-4126-98c5-b6a5d56fa48f"));
    QVERIFY(r.hasStatus);
    QCOMPARE(r.status, QStringLiteral("completed"));
    QVERIFY(r.reason.isEmpty());
    QCOMPARE(r.clientId, QStringLiteral("x"));
    QVERIFY(r.workflow.isEmpty());          // posted by another client: unknown
    QCOMPARE(r.queuedAtMs, 0);              // 0.3.65 has no create_time
    QCOMPARE(r.startedAtMs, 1795600966833);
    QCOMPARE(r.finishedAtMs, 1795600966842);
    QCOMPARE(r.executionTime, 0.009);
    QCOMPARE(r.graph.keys(), (QStringList{"1", "2", "3"}));
    QCOMPARE(r.graph.value(QLatin1String("2")).toObject().value(QLatin1String("class_type")),
             QJsonValue(QStringLiteral("ImageBlur")));
    QVERIFY(r.hasImages);
    const QList<ImageRef> images{
        {QStringLiteral("blur_21ee5c_00001_.png"), QStringLiteral("fixture_dir"),
         QStringLiteral("output"), QStringLiteral("3")},
        {QStringLiteral("blur_21ee5c_00002_.png"), QStringLiteral("fixture_dir"),
         QStringLiteral("output"), QStringLiteral("3")}};
    QCOMPARE(r.images, images);
    QVERIFY(r.errorNode.isEmpty() && r.errorType.isEmpty() && r.errorMessage.isEmpty());
    QVERIFY(!r.submittedHere);   // the history cannot tell; the journal knows
}

void TestHistoryPage::createTimeOfNewerComfyUi()
{
    const HistoryPage page = parseRecorded(QStringLiteral("v0.8.0"),
                                           QStringLiteral("history_prompt_id.json"));
    QCOMPARE(page.records.size(), 1);
    const PromptRecord &r = page.records.first();
    QCOMPARE(r.queuedAtMs, 1795601003116);
    QCOMPARE(r.startedAtMs, 1795601003116);
    QCOMPARE(r.finishedAtMs, 1795601003122);
    QCOMPARE(r.status, QStringLiteral("completed"));
    QCOMPARE(r.images.size(), 1);
    QCOMPARE(r.images.first().filename, QStringLiteral("fixture_basic_347357_00001_.png"));
    QCOMPARE(r.images.first().subfolder, QString());
}

void TestHistoryPage::successWithoutImagesIsProcessing()
{
    const HistoryPage page = parseRecorded(QStringLiteral("v0.3.65"),
                                           QStringLiteral("history_preview_any.json"));
    QCOMPARE(page.records.size(), 1);
    const PromptRecord &r = page.records.first();
    QCOMPARE(r.status, QStringLiteral("processing"));   // the compatible API's name
    QVERIFY(r.hasImages);                                // known: none
    QVERIFY(r.images.isEmpty());
    QCOMPARE(r.finishedAtMs, 1795600968973);
}

void TestHistoryPage::executionError()
{
    for (const QString &version : {QStringLiteral("v0.3.65"), QStringLiteral("v0.8.0")}) {
        const HistoryPage page =
            parseRecorded(version, QStringLiteral("history_execution_error.json"));
        QCOMPARE(page.records.size(), 1);
        const PromptRecord &r = page.records.first();
        QCOMPARE(r.status, QStringLiteral("error"));
        QCOMPARE(r.reason, QStringLiteral("execution_failed"));
        QCOMPARE(r.errorNode, QStringLiteral("2"));
        QCOMPARE(r.errorType, QStringLiteral("RuntimeError"));
        QVERIFY(r.errorMessage.startsWith(
            QLatin1String("Input and output sizes should be greater than 0")));
        QVERIFY(!r.errorMessage.endsWith(QLatin1Char('\n')));
        QVERIFY(r.hasImages && r.images.isEmpty());
        QVERIFY(r.finishedAtMs > r.startedAtMs && r.startedAtMs > 0);
    }
}

void TestHistoryPage::interrupted()
{
    const HistoryPage page = parseRecorded(QStringLiteral("v0.3.65"),
                                           QStringLiteral("history_interrupted.json"));
    QCOMPARE(page.records.size(), 1);
    const PromptRecord &r = page.records.first();
    QCOMPARE(r.status, QStringLiteral("interrupted"));
    QVERIFY(r.reason.isEmpty());
    QCOMPARE(r.errorNode, QStringLiteral("3"));
    QVERIFY(r.errorType.isEmpty());
    QCOMPARE(r.startedAtMs, 1795600970401);
    QCOMPARE(r.finishedAtMs, 1795600975618);
    QCOMPARE(r.executionTime, 5.217);
}

void TestHistoryPage::workflowFromExtraData()
{
    const QJsonObject extraData{
        {QLatin1String("client_id"), QLatin1String("desk-7")},
        {QLatin1String("create_time"), 1795601000000.0},
        {QLatin1String("comfydesk"), QJsonObject{{QLatin1String("workflow"),
                                                  QLatin1String("portraits/sd15")}}}};
    HistoryPage page = HistoryPage::parse(
        withExtraData(QStringLiteral("v0.8.0"), QStringLiteral("history_prompt_id.json"),
                      extraData),
        Server, {});
    QCOMPARE(page.records.size(), 1);
    QCOMPARE(page.records.first().workflow, QStringLiteral("portraits/sd15"));
    QCOMPARE(page.records.first().clientId, QStringLiteral("desk-7"));
    QCOMPARE(page.records.first().queuedAtMs, 1795601000000);

    // Wrong types are unknown, not half-read.
    const QJsonObject odd{{QLatin1String("client_id"), 5},
                          {QLatin1String("create_time"), QLatin1String("yesterday")},
                          {QLatin1String("comfydesk"), QLatin1String("portraits")}};
    page = HistoryPage::parse(withExtraData(QStringLiteral("v0.8.0"),
                                            QStringLiteral("history_prompt_id.json"), odd),
                              Server, {});
    QCOMPARE(page.records.size(), 1);
    QVERIFY(page.records.first().workflow.isEmpty());
    QVERIFY(page.records.first().clientId.isEmpty());
    QCOMPARE(page.records.first().queuedAtMs, 0);
    QCOMPARE(page.records.first().status, QStringLiteral("completed"));
}

void TestHistoryPage::wholeHistoryBothVersions_data()
{
    QTest::addColumn<QString>("version");
    QTest::newRow("0.3.65") << QStringLiteral("v0.3.65");
    QTest::newRow("0.8.0") << QStringLiteral("v0.8.0");
}

void TestHistoryPage::wholeHistoryBothVersions()
{
    QFETCH(QString, version);
    const HistoryPage page = parseRecorded(version, QStringLiteral("history_all.json"));
    QVERIFY(page.error.isEmpty());
    QCOMPARE(page.entryCount, 21);
    QCOMPARE(page.records.size(), 21);
    QCOMPARE(page.promptIds.size(), 21);
    QHash<QString, int> byStatus;
    for (const PromptRecord &r : page.records) {
        ++byStatus[r.status];
        QVERIFY(!r.graph.isEmpty());
        QVERIFY(r.startedAtMs > 0);
        QCOMPARE(r.queuedAtMs > 0, version == QLatin1String("v0.8.0"));
    }
    QCOMPARE(byStatus.value(QStringLiteral("completed")), 15);
    QCOMPARE(byStatus.value(QStringLiteral("processing")), 3);
    QCOMPARE(byStatus.value(QStringLiteral("error")), 1);
    QCOMPARE(byStatus.value(QStringLiteral("interrupted")), 2);

    // A prompt posted without client_id has none; another client's keeps its own.
    QSet<QString> clients;
    for (const PromptRecord &r : page.records)
        clients.insert(r.clientId);
    QCOMPARE(clients, (QSet<QString>{"x", "someone-else", "dup", QString()}));
}

void TestHistoryPage::skipSetStillCounts()
{
    const HistoryPage all = parseRecorded(QStringLiteral("v0.3.65"),
                                          QStringLiteral("history_all.json"));
    QSet<QString> skip;
    for (qsizetype i = 0; i < all.promptIds.size(); i += 2)
        skip.insert(all.promptIds.at(i));
    skip.insert(QStringLiteral("not-in-this-page"));
    const HistoryPage page =
        parseRecorded(QStringLiteral("v0.3.65"), QStringLiteral("history_all.json"), skip);
    QCOMPARE(page.entryCount, 21);   // the importer sees a full page even when all skipped
    QCOMPARE(page.promptIds, all.promptIds);
    QCOMPARE(page.records.size(), 10);
    for (const PromptRecord &r : page.records)
        QVERIFY(!skip.contains(r.promptId));
}

void TestHistoryPage::emptyHistory()
{
    const HistoryPage page = parseRecorded(QStringLiteral("v0.8.0"),
                                           QStringLiteral("history_empty.json"));
    QVERIFY(page.error.isEmpty());
    QCOMPARE(page.entryCount, 0);
    QVERIFY(page.records.isEmpty());
}

void TestHistoryPage::invalidEntries()
{
    const QByteArray body = R"({
        "not-an-object": 5,
        "bad-outputs": {"prompt": [1, "bad-outputs", {"1": {}}, {"client_id": "c"}, []],
                        "outputs": [], "status": {"status_str": "success", "completed": true,
                                                  "messages": []}},
        "no-status": {"prompt": [2, "no-status", "not a graph", {}, []], "outputs": {}},
        "odd-status": {"prompt": "nope", "outputs": {},
                       "status": {"status_str": "maybe", "completed": false}}
    })";
    const HistoryPage page = HistoryPage::parse(body, Server, {});
    QVERIFY(page.error.isEmpty());
    QCOMPARE(page.entryCount, 4);
    QCOMPARE(page.records.size(), 4);
    for (const PromptRecord &r : page.records) {
        QVERIFY2(r.hasStatus, qPrintable(r.promptId));
        QCOMPARE(r.status, QStringLiteral("error"));
        QCOMPARE(r.reason, QStringLiteral("invalid_history"));
        QVERIFY(!r.errorMessage.isEmpty());
        QVERIFY(!r.hasImages);   // unknown: the stored list stays
    }
    QVERIFY(recordOf(page, QStringLiteral("no-status"))->errorMessage.contains(
        QLatin1String("\"status\"")));
    QVERIFY(recordOf(page, QStringLiteral("no-status"))->graph.isEmpty());
    // What can be read of an unreadable entry is still kept.
    const PromptRecord *badOutputs = recordOf(page, QStringLiteral("bad-outputs"));
    QCOMPARE(badOutputs->clientId, QStringLiteral("c"));
    QVERIFY(badOutputs->graph.contains(QLatin1String("1")));
    QVERIFY(recordOf(page, QStringLiteral("odd-status"))->errorMessage.contains(
        QLatin1String("maybe")));
}

void TestHistoryPage::bodyNotAnObject_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("array") << QByteArray("[1, 2]");
    QTest::newRow("truncated") << QByteArray(R"({"a": {"prompt": [1, )");
    QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>");
    QTest::newRow("empty") << QByteArray();
}

void TestHistoryPage::bodyNotAnObject()
{
    QFETCH(QByteArray, body);
    const HistoryPage page = HistoryPage::parse(body, Server, {});
    QVERIFY(!page.error.isEmpty());
    QCOMPARE(page.entryCount, 0);
    QVERIFY(page.records.isEmpty());
}

void TestHistoryPage::fromStatusCompleted()
{
    PromptStatus status;
    status.promptId = QStringLiteral("p1");
    status.state = PromptStatus::State::Completed;
    status.startedAtMs = 1000000;
    status.executionTime = 2.5;
    status.images = {{QStringLiteral("a.png"), {}, QStringLiteral("output"),
                      QStringLiteral("9")}};
    const PromptRecord r = PromptRecord::fromStatus(Server, status);
    QCOMPARE(r.server, Server);
    QCOMPARE(r.promptId, QStringLiteral("p1"));
    QVERIFY(r.hasStatus);
    QCOMPARE(r.status, QStringLiteral("completed"));
    QVERIFY(r.reason.isEmpty());
    QCOMPARE(r.startedAtMs, 1000000);
    QCOMPARE(r.finishedAtMs, 1002500);
    QCOMPARE(r.executionTime, 2.5);
    QVERIFY(r.hasImages);
    QCOMPARE(r.images, status.images);
    // Nothing the tracker's status does not say.
    QVERIFY(r.graph.isEmpty() && r.workflow.isEmpty() && r.clientId.isEmpty());
    QCOMPARE(r.queuedAtMs, 0);
}

void TestHistoryPage::fromStatusUnfinishedAndFailed()
{
    PromptStatus running;
    running.promptId = QStringLiteral("p2");
    running.state = PromptStatus::State::Running;
    running.startedAtMs = 5000;
    PromptRecord r = PromptRecord::fromStatus(Server, running);
    QCOMPARE(r.status, QStringLiteral("running"));
    QCOMPARE(r.startedAtMs, 5000);
    QCOMPARE(r.finishedAtMs, 0);
    QVERIFY(!r.hasImages);

    PromptStatus failed;
    failed.promptId = QStringLiteral("p3");
    failed.state = PromptStatus::State::Error;
    failed.reason = PromptStatus::Reason::ExecutionFailed;
    failed.startedAtMs = 5000;           // duration unknown: no end time is made up
    failed.errorNode = QStringLiteral("4");
    failed.exceptionType = QStringLiteral("ValueError");
    failed.exceptionMessage = QStringLiteral("bad value");
    r = PromptRecord::fromStatus(Server, failed);
    QCOMPARE(r.status, QStringLiteral("error"));
    QCOMPARE(r.reason, QStringLiteral("execution_failed"));
    QCOMPARE(r.finishedAtMs, 0);
    QCOMPARE(r.errorNode, QStringLiteral("4"));
    QCOMPARE(r.errorType, QStringLiteral("ValueError"));
    QCOMPARE(r.errorMessage, QStringLiteral("bad value"));
    QVERIFY(!r.hasImages);

    PromptStatus lost;
    lost.promptId = QStringLiteral("p4");
    lost.state = PromptStatus::State::Lost;
    lost.reason = PromptStatus::Reason::LeftQueueNoHistory;
    r = PromptRecord::fromStatus(Server, lost);
    QCOMPARE(r.status, QStringLiteral("lost"));
    QCOMPARE(r.reason, QStringLiteral("left_queue_no_history"));

    PromptStatus invalid;
    invalid.promptId = QStringLiteral("p5");
    invalid.state = PromptStatus::State::Error;
    invalid.reason = PromptStatus::Reason::InvalidHistory;
    invalid.reasonDetail = QStringLiteral("its \"status\" is missing");
    r = PromptRecord::fromStatus(Server, invalid);
    QCOMPARE(r.reason, QStringLiteral("invalid_history"));
    QCOMPARE(r.errorMessage, invalid.reasonDetail);   // as a history import records it

    PromptStatus noImages;
    noImages.promptId = QStringLiteral("p6");
    noImages.state = PromptStatus::State::CompletedWithoutImages;
    r = PromptRecord::fromStatus(Server, noImages);
    QCOMPARE(r.status, QStringLiteral("processing"));
    QVERIFY(!r.hasImages);
}

void TestHistoryPage::reasonCodes()
{
    using Reason = PromptStatus::Reason;
    QCOMPARE(PromptRecord::reasonCode(Reason::None), QString());
    QCOMPARE(PromptRecord::reasonCode(Reason::ServerUnreachable),
             QStringLiteral("server_unreachable"));
    QCOMPARE(PromptRecord::reasonCode(Reason::QueueNotRead), QStringLiteral("queue_not_read"));
    QCOMPARE(PromptRecord::reasonCode(Reason::HistoryNotRead),
             QStringLiteral("history_not_read"));
    QCOMPARE(PromptRecord::reasonCode(Reason::LeftQueueNoHistory),
             QStringLiteral("left_queue_no_history"));
    QCOMPARE(PromptRecord::reasonCode(Reason::InvalidHistory),
             QStringLiteral("invalid_history"));
    QCOMPARE(PromptRecord::reasonCode(Reason::ExecutionFailed),
             QStringLiteral("execution_failed"));
}

QTEST_GUILESS_MAIN(TestHistoryPage)
#include "tst_historypage.moc"
