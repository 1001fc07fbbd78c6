// The REST API's routes when things go wrong: bad input answered with the right JSON error
// and nothing submitted, ComfyUI down (502) or slow (504), and callers that hang up while
// their request waits on ComfyUI.

#include "apitestfixture.h"
#include "comfyconnection.h"
#include "httpserveradapter.h"
#include "prompttracker.h"
#include "simserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QUuid>

#include <memory>

class TestApiRoutesErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void badSubmitBodies_data();
    void badSubmitBodies();
    void cachedAnswerFollowsThePrompt();
    void traversalNamesChangeNothing_data();
    void traversalNamesChangeNothing();
    void badWaitParameter();
    void comfyTimeout();
    void callersHangUpWhileWaiting();
    void waitingSubmittersHangUp();
    void comfyDown(); // last: stops the simulator

private:
    std::unique_ptr<ApiTestFixture> m_api;
};

void TestApiRoutesErrors::initTestCase()
{
    ApiGuardConfig config;
    // One test address opens many connections at once.
    config.maxConnections = 4096;
    config.maxConnectionsPerAddress = 4096;
    m_api = std::make_unique<ApiTestFixture>(config);
    QVERIFY(m_api->start());
}

void TestApiRoutesErrors::init()
{
    m_api->sim().setResponseDelayMs(0);
    m_api->sim().setNodeDelayMs(0);
}

void TestApiRoutesErrors::cleanupTestCase()
{
    m_api.reset();
}

void TestApiRoutesErrors::badSubmitBodies_data()
{
    QTest::addColumn<QString>("workflow");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("messagePart");

    const QString invert = QStringLiteral("invert_empty_image");
    QTest::newRow("malformed JSON") << invert << QByteArray("{\"1\": {")
                                    << QByteArray("application/json") << 400
                                    << QStringLiteral("JSON");
    QTest::newRow("array body") << invert << QByteArray("[{\"1\": {}}]")
                                << QByteArray("application/json") << 400
                                << QStringLiteral("array");
    QTest::newRow("empty body") << invert << QByteArray() << QByteArray("application/json")
                                << 400 << QStringLiteral("JSON object");
    QTest::newRow("wrong content type") << invert << QByteArray("{}")
                                        << QByteArray("text/plain") << 415
                                        << QStringLiteral("application/json");
    QTest::newRow("unknown workflow") << QStringLiteral("no_such_flow") << QByteArray("{}")
                                      << QByteArray("application/json") << 404
                                      << QStringLiteral("no_such_flow");
    QTest::newRow("unknown node ids") << invert
                                      << QByteArray("{\"98\": {\"seed\": 1}, \"99\": {}}")
                                      << QByteArray("application/json") << 400
                                      << QStringLiteral("98");
    QTest::newRow("bad override form") << invert
                                       << QByteArray("{\"1\": {\"inputs\": 5}}")
                                       << QByteArray("application/json") << 400
                                       << QStringLiteral("inputs");
}

void TestApiRoutesErrors::badSubmitBodies()
{
    QFETCH(QString, workflow);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, messagePart);

    QSignalSpy queued(&m_api->sim(), &SimServer::promptQueued);
    const qsizetype known = m_api->connection().tracker().all().size();
    const ApiTestReply reply =
        m_api->post(QStringLiteral("/api/workflow/") + workflow, body, contentType);
    QCOMPARE(reply.status, status);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    const QJsonObject json = reply.json();
    QCOMPARE(json.value(QLatin1String("status_code")).toInt(), status);
    QVERIFY2(json.value(QLatin1String("error")).toString().contains(messagePart),
             qPrintable(json.value(QLatin1String("error")).toString()));
    if (QByteArray(QTest::currentDataTag()) == "unknown node ids") {
        QCOMPARE(json.value(QLatin1String("node_ids")).toArray(),
                 (QJsonArray{QStringLiteral("98"), QStringLiteral("99")}));
        QVERIFY(json.value(QLatin1String("error")).toString().contains(QStringLiteral("99")));
    }

    // Nothing changed: ComfyUI got no prompt and the tracker learned of none. The health
    // answer proves the server went on; by then a stray submit would have been queued.
    QCOMPARE(m_api->get(QStringLiteral("/api/health")).status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/api/queue")).json()
                 .value(QLatin1String("queue_pending")).toArray().size(), 0);
    QCOMPARE(queued.size(), 0);
    QCOMPARE(m_api->connection().tracker().all().size(), known);
}

void TestApiRoutesErrors::badWaitParameter()
{
    QSignalSpy queued(&m_api->sim(), &SimServer::promptQueued);
    for (const char *wait : {"abc", "-1", "nan"}) {
        const ApiTestReply reply = m_api->post(
            QStringLiteral("/api/workflow/invert_empty_image?wait=%1")
                .arg(QLatin1String(wait)), "{}");
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json().value(QLatin1String("error")).toString().contains(
            QStringLiteral("wait")));
    }
    QCOMPARE(queued.size(), 0);
}

void TestApiRoutesErrors::comfyTimeout()
{
    ComfyClient &client = m_api->connection().client();
    const int timeout = client.timeoutMs();
    client.setTimeoutMs(300);
    m_api->sim().setResponseDelayMs(2000);
    const ApiTestReply reply = m_api->get(QStringLiteral("/api/system_stats"));
    client.setTimeoutMs(timeout);
    m_api->sim().setResponseDelayMs(0);
    QCOMPARE(reply.status, 504);
    QCOMPARE(reply.json().value(QLatin1String("status_code")).toInt(), 504);
    const QString base = m_api->sim().baseUrl().toString();
    QVERIFY2(reply.json().value(QLatin1String("error")).toString().contains(base),
             qPrintable(reply.json().value(QLatin1String("error")).toString()));
}

void TestApiRoutesErrors::callersHangUpWhileWaiting()
{
    // Every request waits on a slow ComfyUI (a history lookup of an unseen id); its caller
    // hangs up before the answer. Nothing may crash or be written to a dead socket, and
    // the server must answer afterwards.
    m_api->sim().setResponseDelayMs(300);
    QSignalSpy responded(&m_api->adapter(), &HttpServerAdapter::responded);
    constexpr int Total = 1000;
    constexpr int Batch = 100;
    for (int sent = 0; sent < Total; sent += Batch) {
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < Batch; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, m_api->apiPort());
            const QByteArray path = i % 2 == 0
                ? "/api/task_status/" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces)
                : QByteArray("/api/system_stats");
            socket->write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:"
                          + QByteArray::number(m_api->apiPort()) + "\r\n\r\n");
            sockets.push_back(std::move(socket));
        }
        for (const auto &socket : sockets)
            QVERIFY(socket->waitForConnected(5000));
        // A request sent after the batch, answered at once: once it is answered the server
        // has read the batch's requests, which now wait on ComfyUI.
        const ApiTestReply probe = m_api->get(QStringLiteral("/api/health"));
        QCOMPARE(probe.status, 200);
        for (const auto &socket : sockets)
            socket->abort();
    }
    QVERIFY(responded.size() < Total / 2);

    // The abandoned lookups finish on ComfyUI's side; the server stays healthy.
    m_api->sim().setResponseDelayMs(0);
    const QString unseen = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const ApiTestReply status = m_api->get(QStringLiteral("/api/task_status/") + unseen);
    QCOMPARE(status.status, 200);
    QCOMPARE(status.json().value(QLatin1String("status")).toString(),
             QStringLiteral("not_found"));
    QCOMPARE(m_api->get(QStringLiteral("/api/system_stats")).status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/api/health")).status, 200);
}

void TestApiRoutesErrors::waitingSubmittersHangUp()
{
    // POST ?wait=30 whose callers hang up once their prompt is queued: the prompts still
    // run to the end, their answers go nowhere, and the server keeps answering.
    // Slow enough that no prompt can finish (and answer its caller) before all are queued;
    // made fast again once the callers are gone.
    m_api->sim().setNodeDelayMs(3000);
    QSignalSpy queued(&m_api->sim(), &SimServer::promptQueued);
    QSignalSpy finished(&m_api->sim(), &SimServer::promptFinished);
    constexpr int Count = 20;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < Count; ++i) {
        // A distinct color each: the simulator caches unchanged graphs as ComfyUI does.
        const QByteArray body = "{\"1\": {\"color\": " + QByteArray::number(1000 + i) + "}}";
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, m_api->apiPort());
        socket->write("POST /api/workflow/invert_empty_image?wait=30 HTTP/1.1\r\n"
                      "Host: 127.0.0.1:" + QByteArray::number(m_api->apiPort()) + "\r\n"
                      "Content-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        sockets.push_back(std::move(socket));
    }
    QTRY_COMPARE_WITH_TIMEOUT(queued.size(), Count, 10000);
    for (const auto &socket : sockets) {
        QCOMPARE(socket->bytesAvailable(), 0); // nobody was answered yet
        socket->abort();
    }
    m_api->sim().setNodeDelayMs(0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), Count, 20000);
    QCOMPARE(m_api->get(QStringLiteral("/api/health")).status, 200);
    const ApiTestReply waited = m_api->post(
        QStringLiteral("/api/workflow/invert_empty_image?wait=30"),
        "{\"1\": {\"color\": 77}}", "application/json", 40000);
    QCOMPARE(waited.status, 200);
    QCOMPARE(waited.json().value(QLatin1String("status")).toString(),
             QStringLiteral("completed"));
}

// A finished answer is cached for pollers; it must never outlive a change of the prompt.
// not_found is final yet revisable: the id may be submitted (by anyone) later.
void TestApiRoutesErrors::cachedAnswerFollowsThePrompt()
{
    const QString id = QStringLiteral("later-") + QUuid::createUuid().toString(QUuid::Id128);
    for (int poll = 0; poll < 3; ++poll) {
        const ApiTestReply reply = m_api->get(QStringLiteral("/api/task_status/") + id);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QLatin1String("status")).toString(),
                 QStringLiteral("not_found"));
    }
    QJsonObject body{{QStringLiteral("prompt"),
                      ApiTestFixture::sampleGraph(QStringLiteral("invert_empty_image"))},
                     {QStringLiteral("client_id"), QStringLiteral("someone-else")},
                     {QStringLiteral("prompt_id"), id}};
    QJsonObject graph = body.value(QLatin1String("prompt")).toObject();
    QJsonObject node = graph.value(QLatin1String("1")).toObject();
    QJsonObject inputs = node.value(QLatin1String("inputs")).toObject();
    inputs.insert(QStringLiteral("color"), 4242);
    node.insert(QStringLiteral("inputs"), inputs);
    graph.insert(QStringLiteral("1"), node);
    body.insert(QStringLiteral("prompt"), graph);
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(m_api->sim().baseUrl().toString() + QStringLiteral("/prompt")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *posted = nam.post(request, QJsonDocument(body).toJson());
    QSignalSpy done(posted, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(posted->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    posted->deleteLater();

    // However fast it ran (it may have finished before any queue read saw it), the
    // not_found answer must give way to the real one.
    const QJsonObject completed = m_api->waitForStatus(id, QStringLiteral("completed"));
    QCOMPARE(completed.value(QLatin1String("images")).toArray().size(), 1);
}

void TestApiRoutesErrors::traversalNamesChangeNothing_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("..") << QByteArray("..");
    QTest::newRow("%2e%2e") << QByteArray("%2e%2e");
    QTest::newRow("..%2F..%2Fetc%2Fpasswd") << QByteArray("..%2F..%2Fetc%2Fpasswd");
    QTest::newRow("..%5C") << QByteArray("..%5Cinvert_empty_image");
    QTest::newRow("%00") << QByteArray("invert_empty_image%00");
    QTest::newRow("%E2%80%AE") << QByteArray("a%E2%80%AEnosj");
    QTest::newRow("leading dot") << QByteArray(".hidden");
}

// Each traversal form, sent raw (QNetworkAccessManager would normalise it), against the
// whole API: a 400 JSON error, nothing submitted to ComfyUI, the folder untouched.
void TestApiRoutesErrors::traversalNamesChangeNothing()
{
    QFETCH(QByteArray, name);
    QSignalSpy queued(&m_api->sim(), &SimServer::promptQueued);
    const QStringList before = QDir(m_api->workflowsDir()).entryList(QDir::AllEntries);
    for (const QByteArray &method : {QByteArray("GET"), QByteArray("POST")}) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_api->apiPort());
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body = "{}";
        socket.write(method + " /api/workflow/" + name + " HTTP/1.1\r\nHost: 127.0.0.1:"
                     + QByteArray::number(m_api->apiPort())
                     + "\r\nContent-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
                     + body);
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("}")
                                     || socket.state() == QAbstractSocket::UnconnectedState,
                                 10000);
        answer += socket.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
        QVERIFY2(answer.contains("\"status_code\":400"), answer.constData());
    }
    QCOMPARE(queued.count(), 0);
    QCOMPARE(QDir(m_api->workflowsDir()).entryList(QDir::AllEntries), before);
}

void TestApiRoutesErrors::comfyDown()
{
    const QString base = m_api->sim().baseUrl().toString();
    m_api->sim().stop();

    for (const QString &path : {QStringLiteral("/api/test_comfy"),
                                QStringLiteral("/api/system_stats"),
                                QStringLiteral("/api/history")}) {
        const ApiTestReply reply = m_api->get(path);
        QCOMPARE(reply.status, 502);
        QCOMPARE(reply.json().value(QLatin1String("status_code")).toInt(), 502);
        QVERIFY2(reply.json().value(QLatin1String("error")).toString().contains(base),
                 qPrintable(reply.json().value(QLatin1String("error")).toString()));
    }
    const ApiTestReply submit =
        m_api->post(QStringLiteral("/api/workflow/invert_empty_image"), "{}");
    QCOMPARE(submit.status, 502);
    QVERIFY(submit.json().value(QLatin1String("error")).toString().contains(base));

    QTRY_COMPARE_WITH_TIMEOUT(m_api->get(QStringLiteral("/api/ready")).status, 503, 10000);
    const ApiTestReply ready = m_api->get(QStringLiteral("/api/ready"));
    QCOMPARE(ready.json().value(QLatin1String("status_code")).toInt(), 503);
    QVERIFY(ready.json().value(QLatin1String("error")).toString().contains(base));
    // The process itself is fine.
    QCOMPARE(m_api->get(QStringLiteral("/api/health")).status, 200);
}

QTEST_GUILESS_MAIN(TestApiRoutesErrors)
#include "tst_apiroutes_errors.moc"
