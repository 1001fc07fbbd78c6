#include "comfyconnection.h"
#include "comfysocket.h"
#include "fakecomfy.h"
#include "recordedbody.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QUrlQuery>
#include <QtTest>

namespace {

const QByteArray EmptyQueue = R"({"queue_running": [], "queue_pending": []})";

QByteArray queueWithPending(const QString &promptId)
{
    const QJsonArray item{1, promptId, QJsonObject(), QJsonObject(), QJsonArray{"2"}};
    const QJsonObject queue{{QStringLiteral("queue_running"), QJsonArray()},
                            {QStringLiteral("queue_pending"), QJsonArray{item}}};
    return QJsonDocument(queue).toJson(QJsonDocument::Compact);
}

QByteArray statusMessage(int remaining)
{
    return QByteArray(R"({"type": "status", "data": {"status": {"exec_info": )"
                      R"({"queue_remaining": )")
           + QByteArray::number(remaining) + "}}}}";
}

} // namespace

class TestComfyConnection final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startConnectsWithOurClientIdAndResyncs();
    void submitTracksThenReadsQueueThenHistory();
    void historyEmptyAndNotQueuedIsNotFound();
    void statusBurstIsCoalesced();
    void executionEndTriggersResync();
    void eventsAreForwardedToTrackerAndListeners();
    void unreachableServerMakesStatusesUnknown();
    void startAgainstNothingKeepsTrying();
    void dropReconnectsAndResyncs();
    void stopCancelsAndStaysStopped();
    void destroyWithRequestsInFlight();
};

void TestComfyConnection::startConnectsWithOurClientIdAndResyncs()
{
    FakeComfy server;
    server.answer("/queue", EmptyQueue);
    QNetworkAccessManager nam;
    ComfyConnection connection(nam);
    connection.setBaseUrl(server.url());
    connection.setClientId(QStringLiteral("desk-42"));
    connection.setBearerToken(QStringLiteral("tok"));
    QCOMPARE(connection.state(), ComfyConnection::State::Stopped);

    QSignalSpy states(&connection, &ComfyConnection::stateChanged);
    QSignalSpy resynced(&connection, &ComfyConnection::resynced);
    connection.start();
    QCOMPARE(connection.state(), ComfyConnection::State::Connecting);
    QVERIFY(resynced.wait(5000));
    QCOMPARE(connection.state(), ComfyConnection::State::Connected);
    QCOMPARE(states.first().first().value<ComfyConnection::State>(),
             ComfyConnection::State::Connecting);
    QCOMPARE(states.last().first().value<ComfyConnection::State>(),
             ComfyConnection::State::Connected);
    QCOMPARE(server.wsUrls.size(), 1);
    QCOMPARE(QUrlQuery(server.wsUrls.first()).queryItemValue(QStringLiteral("clientId")),
             QStringLiteral("desk-42"));
    QCOMPARE(server.count("/queue"), 1);
    QVERIFY(connection.tracker().hasQueueSnapshot());
    QCOMPARE(server.wsAuthorizations.first(), QByteArray("Bearer tok"));
    QCOMPARE(server.hits.first().header("Authorization"), QByteArray("Bearer tok"));
}

void TestComfyConnection::submitTracksThenReadsQueueThenHistory()
{
    // The recorded history of a finished prompt, and a submit answer naming that prompt.
    const QJsonObject history = RecordedBody::loadObject(QStringLiteral("v0.3.65"),
                                                         QStringLiteral("history_prompt_id.json"));
    QCOMPARE(history.size(), 1);
    const QString promptId = history.keys().first();

    FakeComfy server;
    server.answer("/queue", EmptyQueue);
    server.answer("/prompt", QByteArray(R"({"prompt_id": ")") + promptId.toUtf8()
                                 + R"(", "number": 7, "node_errors": {}})");
    server.answer("/history/" + promptId.toUtf8(), QJsonDocument(history).toJson());
    QNetworkAccessManager nam;
    ComfyConnection connection(nam);
    connection.setBaseUrl(server.url());
    connection.setClientId(QStringLiteral("desk-42"));
    QSignalSpy resynced(&connection, &ComfyConnection::resynced);
    connection.start();
    QVERIFY(resynced.wait(5000));
    server.hits.clear();

    // A catalogue hears of the accepted prompt (tracked already) before the caller does.
    QSignalSpy accepted(&connection, &ComfyConnection::promptAccepted);
    QSignalSpy historyRead(&connection, &ComfyConnection::historyRead);
    bool trackedWhenAccepted = false;
    connect(&connection, &ComfyConnection::promptAccepted, this, [&] {
        trackedWhenAccepted = connection.tracker().trackedUnfinished().contains(promptId);
    });
    const QJsonObject graph{{QStringLiteral("1"), QJsonObject()}};
    SubmitOptions options;
    options.workflowName = QStringLiteral("w1");
    ComfyReply *reply = connection.submit(graph, options);
    bool trackedWhenCallerSawIt = false;
    PromptStatus::State stateWhenCallerSawIt = PromptStatus::State::Unknown;
    qsizetype acceptedWhenCallerSawIt = 0;
    connect(reply, &ComfyReply::finished, this, [&] {
        trackedWhenCallerSawIt = connection.tracker().trackedUnfinished().contains(promptId);
        stateWhenCallerSawIt = connection.tracker().status(promptId).state;
        acceptedWhenCallerSawIt = accepted.size();
    });
    QTRY_VERIFY_WITH_TIMEOUT(
        connection.tracker().status(promptId).state == PromptStatus::State::Completed, 5000);
    QVERIFY(trackedWhenCallerSawIt);
    QCOMPARE(stateWhenCallerSawIt, PromptStatus::State::Pending); // accepted = queued
    QCOMPARE(acceptedWhenCallerSawIt, 1);
    QVERIFY(trackedWhenAccepted);
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(accepted.first().at(0).toString(), promptId);
    QCOMPARE(accepted.first().at(1).toJsonObject(), graph);
    QCOMPARE(accepted.first().at(2).value<SubmitOptions>().workflowName, QStringLiteral("w1"));
    QCOMPARE(accepted.first().at(3).toDouble(), 7.0);
    // The history read that finished it is handed on as read.
    QCOMPARE(historyRead.size(), 1);
    QCOMPARE(historyRead.first().first().toJsonObject(), history);

    QCOMPARE(server.hits.size(), 3);
    QCOMPARE(server.hits.at(0).target, QByteArray("/prompt"));
    QCOMPARE(QJsonDocument::fromJson(server.hits.at(0).body).object()
                 .value(QLatin1String("client_id")).toString(),
             QStringLiteral("desk-42"));
    QCOMPARE(server.hits.at(1).target, QByteArray("/queue"));
    QCOMPARE(server.hits.at(2).target, "/history/" + promptId.toUtf8());
    QVERIFY(!connection.tracker().status(promptId).images.isEmpty());
    QVERIFY(connection.tracker().trackedUnfinished().isEmpty());
}

void TestComfyConnection::historyEmptyAndNotQueuedIsNotFound()
{
    FakeComfy server;
    server.answer("/queue", queueWithPending(QStringLiteral("waiting")));
    QNetworkAccessManager nam;
    ComfyConnection connection(nam);
    connection.setBaseUrl(server.url());
    connection.tracker().track(QStringLiteral("ghost"));
    connection.tracker().track(QStringLiteral("waiting"));
    QSignalSpy resynced(&connection, &ComfyConnection::resynced);
    connection.resync();
    QVERIFY(resynced.wait(5000));

    QCOMPARE(connection.tracker().status(QStringLiteral("ghost")).state,
             PromptStatus::State::NotFound);
    QCOMPARE(connection.tracker().status(QStringLiteral("waiting")).state,
             PromptStatus::State::Pending);
    // A queued prompt cannot have history yet: it is not asked for.
    QCOMPARE(server.count("/history/ghost"), 1);
    QCOMPARE(server.count("/history/waiting"), 0);
}

void TestComfyConnection::statusBurstIsCoalesced()
{
    FakeComfy server;
    server.answer("/queue", EmptyQueue);
    server.hold("/queue");
    QNetworkAccessManager nam;
    ComfyConnection connection(nam);
    connection.setBaseUrl(server.url());
    QSignalSpy events(&connection, &ComfyConnection::eventReceived);
    QSignalSpy resynced(&connection, &ComfyConnection::resynced);
    QSignalSpy accepted(&server, &FakeComfy::wsAccepted);
    connection.start();
    QVERIFY(accepted.wait(5000));
    QTRY_COMPARE_WITH_TIMEOUT(server.heldCount(), 1, 5000); // the resync of the connect

    for (int i = 0; i < 10; ++i)
        server.broadcast(statusMessage(i));
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 10, 5000);
    QCOMPARE(server.count("/queue"), 1);

    server.release(); // first read answers; exactly one more read covers all ten
    server.hold("/queue");
    QTRY_COMPARE_WITH_TIMEOUT(server.heldCount(), 1, 5000);
    QCOMPARE(resynced.size(), 1);
    server.release();
    QTRY_COMPARE_WITH_TIMEOUT(resynced.size(), 2, 5000);
    QCOMPARE(server.count("/queue"), 2);
}

void TestComfyConnection::executionEndTriggersResync()
{
    FakeComfy server;
    server.answer("/queue", EmptyQueue);
    QNetworkAccessManager nam;
    ComfyConnection connection(nam);
    connection.setBaseUrl(server.url());
    QSignalSpy resynced(&connection, &ComfyConnection::resynced);
    connection.start();
    QVERIFY(resynced.wait(5000));

    server.broadcast(R"({"type": "executing", "data": {"node": "3", "prompt_id": "p"}})");
    server.broadcast(R"({"type": "executing", "data": {"node": null, "prompt_id": "p"}})");
    QVERIFY(resynced.wait(5000));
    QCOMPARE(server.count("/queue"), 2); // a running node alone does not read anything
}

void TestComfyConnection::eventsAreForwardedToTrackerAndListeners()
{
    FakeComfy server;
    server.answer("/queue", queueWithPending(QStringLiteral("p1")));
    QNetworkAccessManager nam;
    ComfyConnection connection(nam);
    connection.setBaseUrl(server.url());
    connection.tracker().track(QStringLiteral("p1"));
    QSignalSpy resynced(&connection, &ComfyConnection::resynced);
    QSignalSpy events(&connection, &ComfyConnection::eventReceived);
    connection.start();
    QVERIFY(resynced.wait(5000));

    server.broadcast(R"({"type": "execution_start", "data": {"prompt_id": "p1", )"
                     R"("timestamp": 1795600963825}})");
    server.broadcast(R"({"type": "executing", "data": {"node": "2", "display_node": "2", )"
                     R"("prompt_id": "p1"}})");
    server.broadcast(R"({"type": "progress", "data": {"value": 3, "max": 8, )"
                     R"("prompt_id": "p1", "node": "2"}})");
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 3, 5000);
    const auto progress = events.at(2).at(0).value<ComfyEvent>();
    QCOMPARE(progress.type, ComfyEvent::Type::Progress);
    QCOMPARE(progress.promptId, QStringLiteral("p1"));

    const PromptStatus status = connection.tracker().status(QStringLiteral("p1"));
    QCOMPARE(status.state, PromptStatus::State::Running);
    QCOMPARE(status.currentNode, QStringLiteral("2"));
    QCOMPARE(status.step, 3);
    QCOMPARE(status.maxSteps, 8);
}

void TestComfyConnection::unreachableServerMakesStatusesUnknown()
{
    auto *server = new FakeComfy;
    server->answer("/queue", queueWithPending(QStringLiteral("p1")));
    QNetworkAccessManager nam;
    ComfyConnection connection(nam);
    connection.setBaseUrl(server->url());
    connection.setReconnectDelays(20, 100);
    connection.tracker().track(QStringLiteral("p1"));
    QSignalSpy resynced(&connection, &ComfyConnection::resynced);
    connection.start();
    QVERIFY(resynced.wait(5000));
    QCOMPARE(connection.tracker().status(QStringLiteral("p1")).state,
             PromptStatus::State::Pending);

    delete server; // ComfyUI is gone: the socket drops and the port refuses
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Reconnecting, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(connection.tracker().status(QStringLiteral("p1")).state,
                              PromptStatus::State::Unknown, 5000);
}

void TestComfyConnection::startAgainstNothingKeepsTrying()
{
    QUrl url;
    {
        FakeComfy probe;
        url = probe.url();
    } // nothing listens there any more
    QNetworkAccessManager nam;
    ComfyConnection connection(nam);
    connection.setBaseUrl(url);
    connection.setReconnectDelays(10, 40);
    QSignalSpy scheduled(&connection.socket(), &ComfySocket::reconnectScheduled);
    connection.start();
    QTRY_VERIFY_WITH_TIMEOUT(!connection.tracker().isServerReachable(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(scheduled.size() >= 3, 5000);
    QCOMPARE(connection.state(), ComfyConnection::State::Connecting);
}

void TestComfyConnection::dropReconnectsAndResyncs()
{
    FakeComfy server;
    server.answer("/queue", EmptyQueue);
    QNetworkAccessManager nam;
    ComfyConnection connection(nam);
    connection.setBaseUrl(server.url());
    connection.setClientId(QStringLiteral("same"));
    connection.setReconnectDelays(20, 100);
    QSignalSpy accepted(&server, &FakeComfy::wsAccepted);
    QSignalSpy resynced(&connection, &ComfyConnection::resynced);
    connection.start();
    QVERIFY(resynced.wait(5000));

    server.dropWebSockets();
    QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 2, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected, 5000);
    // The drop and the reconnect each re-read the queue.
    QTRY_VERIFY_WITH_TIMEOUT(server.count("/queue") >= 2, 5000);
    QCOMPARE(QUrlQuery(server.wsUrls.at(1)).queryItemValue(QStringLiteral("clientId")),
             QStringLiteral("same"));
}

void TestComfyConnection::stopCancelsAndStaysStopped()
{
    FakeComfy server;
    server.answer("/queue", EmptyQueue);
    server.hold("/queue");
    QNetworkAccessManager nam;
    ComfyConnection connection(nam);
    connection.setBaseUrl(server.url());
    connection.setReconnectDelays(10, 20);
    QSignalSpy resynced(&connection, &ComfyConnection::resynced);
    QSignalSpy accepted(&server, &FakeComfy::wsAccepted);
    connection.start();
    QTRY_COMPARE_WITH_TIMEOUT(server.heldCount(), 1, 5000);

    connection.stop();
    QCOMPARE(connection.state(), ComfyConnection::State::Stopped);
    QVERIFY(!connection.socket().isReconnectPending());
    server.release();
    QVERIFY(!accepted.wait(200)); // several backoff periods: no new websocket
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(resynced.size(), 0); // the cancelled read fed nothing

    // A stopped connection can be started again.
    connection.start();
    QVERIFY(resynced.wait(5000));
    QCOMPARE(connection.state(), ComfyConnection::State::Connected);
}

void TestComfyConnection::destroyWithRequestsInFlight()
{
    FakeComfy server;
    server.answer("/queue", EmptyQueue);
    server.answer("/prompt", R"({"prompt_id": "p", "number": 1, "node_errors": {}})");
    server.hold("/queue");
    server.hold("/prompt");
    QNetworkAccessManager nam;
    auto *connection = new ComfyConnection(nam);
    connection->setBaseUrl(server.url());
    connection->start();
    QTRY_COMPARE_WITH_TIMEOUT(server.heldCount(), 1, 5000);
    ComfyReply *reply = connection->submit(QJsonObject());
    QTRY_COMPARE_WITH_TIMEOUT(server.heldCount(), 2, 5000);

    ComfyError::Kind kind = ComfyError::Kind::None;
    int finished = 0;
    connect(reply, &ComfyReply::finished, this, [&, reply] {
        ++finished;
        kind = reply->error().kind;
    });
    delete connection;
    QCOMPARE(finished, 1);
    QCOMPARE(kind, ComfyError::Kind::Cancelled);
    server.release(); // answers to nobody; must not crash
    QTRY_VERIFY_WITH_TIMEOUT(server.heldCount() == 0, 5000);
}

QTEST_GUILESS_MAIN(TestComfyConnection)

#include "tst_comfyconnection.moc"
