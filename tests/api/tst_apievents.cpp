// GET /api/events: the websocket stream of prompt status, progress and queue counts, behind
// the guard, against the simulator.

#include "apitestfixture.h"

#include "apiguard.h"
#include "comfyconnection.h"
#include "eventscontroller.h"
#include "httpserveradapter.h"
#include "simserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <functional>
#include <memory>

namespace {

// A websocket subscriber that keeps every message it receives.
class EventClient final
{
public:
    explicit EventClient(const QNetworkRequest &request)
    {
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket,
                         [this](const QString &text) {
                             m_messages.append(QJsonDocument::fromJson(text.toUtf8()).object());
                         });
        m_socket.open(request);
    }

    bool waitConnected(int timeoutMs = 5000)
    {
        if (m_socket.state() == QAbstractSocket::ConnectedState)
            return true;
        QSignalSpy connected(&m_socket, &QWebSocket::connected);
        return connected.wait(timeoutMs) || m_socket.state() == QAbstractSocket::ConnectedState;
    }

    // Waits until a message matches; returns its index or -1.
    int waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs = 20000)
    {
        QDeadlineTimer deadline(timeoutMs);
        qsizetype checked = 0;
        while (true) {
            for (; checked < m_messages.size(); ++checked) {
                if (match(m_messages.at(checked)))
                    return int(checked);
            }
            if (deadline.hasExpired() || m_socket.state() != QAbstractSocket::ConnectedState)
                return -1;
            QSignalSpy received(&m_socket, &QWebSocket::textMessageReceived);
            received.wait(int(qBound(qint64(1), deadline.remainingTime(), qint64(200))));
        }
    }

    const QList<QJsonObject> &messages() const { return m_messages; }
    QWebSocket &socket() { return m_socket; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_messages;
};

bool isType(const QJsonObject &message, const char *type)
{
    return message.value(QLatin1String("type")).toString() == QLatin1String(type);
}

bool isStatus(const QJsonObject &message, const QString &promptId, const char *status)
{
    return isType(message, "status")
           && message.value(QLatin1String("prompt_id")).toString() == promptId
           && message.value(QLatin1String("data")).toObject().value(QLatin1String("status"))
                      .toString() == QLatin1String(status);
}

struct RawAnswer
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// A websocket handshake sent by hand, to see answers a QWebSocket would hide.
RawAnswer rawUpgrade(quint16 port, const QByteArray &target, const QByteArray &extraHeaders = {})
{
    RawAnswer answer;
    QTcpSocket socket;
    // Never the blocking waitFor*(): the server runs in this very thread.
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!connected.wait(5000))
        return answer;
    socket.write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                 + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                   "Sec-WebSocket-Version: 13\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 + extraHeaders + "\r\n");
    QByteArray data;
    QDeadlineTimer deadline(5000);
    qsizetype headEnd = -1;
    while (!deadline.hasExpired()) {
        data += socket.readAll();
        headEnd = data.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            answer.head = data.left(headEnd);
            const QList<QByteArray> words = answer.head.split(' ');
            answer.status = words.size() > 1 ? words.at(1).toInt() : 0;
            if (answer.status == 101)
                return answer;
            const qsizetype lengthAt = answer.head.toLower().indexOf("content-length: ");
            const qsizetype lineEnd = answer.head.indexOf("\r\n", lengthAt);
            const qint64 length =
                lengthAt < 0 ? 0 : answer.head.mid(lengthAt + 16, lineEnd - lengthAt - 16)
                                       .trimmed().toLongLong();
            if (data.size() - headEnd - 4 >= length) {
                answer.body = data.mid(headEnd + 4, length);
                return answer;
            }
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
        QSignalSpy readable(&socket, &QTcpSocket::readyRead);
        readable.wait(100);
    }
    return answer;
}

QNetworkRequest eventsRequest(quint16 port, const QString &query = {})
{
    return QNetworkRequest(
        QUrl(QStringLiteral("ws://127.0.0.1:%1/api/events%2").arg(port).arg(query)));
}

QJsonObject txt2imgOverrides(qint64 seed)
{
    return QJsonObject{{QStringLiteral("3"),
                        QJsonObject{{QStringLiteral("inputs"),
                                     QJsonObject{{QStringLiteral("seed"), seed}}}}}};
}

} // namespace

class TestApiEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void plainGetIsJson400();
    void streamsPromptLifecycleInOrder();
    void filterByPromptId();
    void progressIsThrottled();
    void tokenGuardsTheUpgrade();
    void foreignOriginRefused();
    void upgradeElsewhereRefused();
    void subscriberCap();
    void slowConsumerIsDropped();
    void manyClientsVanish();
    void serverStopsUnderSubscribers();

private:
    QString submit(ApiTestFixture &api, qint64 seed);
    qint64 m_seed = 1000;
};

void TestApiEvents::initTestCase()
{
    qRegisterMetaType<QAbstractSocket::SocketState>();
}

QString TestApiEvents::submit(ApiTestFixture &api, qint64 seed)
{
    const ApiTestReply reply =
        api.postJson(QStringLiteral("/api/workflow/sd_txt2img"), txt2imgOverrides(seed));
    if (reply.status != 200)
        qWarning() << "submit answered" << reply.status << reply.body;
    return reply.json().value(QLatin1String("prompt_id")).toString();
}

void TestApiEvents::plainGetIsJson400()
{
    ApiTestFixture api;
    QVERIFY(api.start());
    const ApiTestReply reply = api.get(QStringLiteral("/api/events"));
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    QCOMPARE(reply.json().value(QLatin1String("status_code")).toInt(), 400);
    QVERIFY(reply.json().value(QLatin1String("error")).toString().contains(
        QLatin1String("websocket")));
}

void TestApiEvents::streamsPromptLifecycleInOrder()
{
    ApiTestFixture api;
    QVERIFY(api.start());
    api.sim().setStepDelayMs(30);   // 20 steps: 600 ms of progress per prompt

    EventClient client(eventsRequest(api.apiPort()));
    QVERIFY(client.waitConnected());
    QCOMPARE(client.waitFor([](const QJsonObject &m) { return isType(m, "hello"); }), 0);
    const QJsonObject hello = client.messages().first();
    QCOMPARE(hello.value(QLatin1String("client_id")).toString(),
             QStringLiteral("comfydesk-api-test"));
    QCOMPARE(hello.value(QLatin1String("comfyui_url")).toString(),
             api.sim().baseUrl().toString());
    QCOMPARE(hello.value(QLatin1String("comfyui_reachable")).toBool(), true);

    // The first prompt runs while the second waits, so the second is surely seen pending.
    const QString first = submit(api, ++m_seed);
    const QString second = submit(api, ++m_seed);
    QVERIFY(!first.isEmpty() && !second.isEmpty());

    const int completed = client.waitFor(
        [&](const QJsonObject &m) { return isStatus(m, second, "completed"); }, 30000);
    QVERIFY2(completed > 0, "no completed status for the second prompt");

    for (const QString &id : {first, second}) {
        // This prompt's messages in arrival order. A running prompt's status is re-sent
        // when its node changes, so "running" may repeat; the order of phases may not bend.
        int firstPending = -1, firstRunning = -1, firstProgress = -1, lastProgress = -1;
        int completedAt = -1, lastValue = 0, index = 0;
        for (const QJsonObject &m : client.messages()) {
            ++index;
            if (m.value(QLatin1String("prompt_id")).toString() != id)
                continue;
            QVERIFY2(completedAt < 0, "a message after the final status");
            if (isType(m, "progress")) {
                QCOMPARE(m.value(QLatin1String("max")).toInt(), 20);
                QCOMPARE(m.value(QLatin1String("node")).toString(), QStringLiteral("3"));
                QVERIFY(m.value(QLatin1String("value")).toInt() >= lastValue);
                lastValue = m.value(QLatin1String("value")).toInt();
                if (firstProgress < 0)
                    firstProgress = index;
                lastProgress = index;
                continue;
            }
            QVERIFY(isType(m, "status"));
            const QString state = m.value(QLatin1String("data")).toObject()
                                      .value(QLatin1String("status")).toString();
            if (state == QLatin1String("pending")) {
                QVERIFY2(firstRunning < 0, "pending after running");
                if (firstPending < 0)
                    firstPending = index;
            } else if (state == QLatin1String("running")) {
                if (firstRunning < 0)
                    firstRunning = index;
            } else {
                QCOMPARE(state, QStringLiteral("completed"));
                completedAt = index;
            }
        }
        // The first prompt may already run when its submit answer arrives.
        if (id == second)
            QVERIFY(firstPending > 0);
        QVERIFY(firstRunning > firstPending);
        QVERIFY(firstProgress > firstRunning);
        QVERIFY(completedAt > lastProgress);
        QVERIFY(lastValue >= 1);
    }

    const QJsonObject done = client.messages().at(completed);
    const QJsonObject data = done.value(QLatin1String("data")).toObject();
    QCOMPARE(data.value(QLatin1String("message")).toString(),
             QStringLiteral("Image generation completed"));
    const QJsonArray images = data.value(QLatin1String("images")).toArray();
    QVERIFY(!images.isEmpty());
    // The same body as GET /api/task_status/<id>, image URLs under the Host we used.
    QCOMPARE(data, api.get(QStringLiteral("/api/task_status/") + second).json());
    QVERIFY(images.first().toObject().value(QLatin1String("api_url")).toString().startsWith(
        QStringLiteral("http://127.0.0.1:%1/api/image/").arg(api.apiPort())));

    // Queue counts arrived along the way, and went back to idle.
    QVERIFY(client.waitFor([](const QJsonObject &m) {
        return isType(m, "queue") && m.value(QLatin1String("pending")).toInt() == 1;
    }) > 0);
    QVERIFY(client.waitFor([](const QJsonObject &m) {
        return isType(m, "queue") && m.value(QLatin1String("running")).toInt() == 0
               && m.value(QLatin1String("pending")).toInt() == 0;
    }) > 0);
}

void TestApiEvents::filterByPromptId()
{
    ApiTestFixture api;
    QVERIFY(api.start());
    api.sim().setStepDelayMs(20);

    // Subscribed before the prompt exists: the id is known from the submit answer only
    // afterwards, so submit the other prompt first and hold the queue with it.
    const QString other = submit(api, ++m_seed);
    const QString wanted = submit(api, ++m_seed);
    QVERIFY(!other.isEmpty() && !wanted.isEmpty());

    EventClient filtered(eventsRequest(api.apiPort(), QStringLiteral("?prompt_id=") + wanted));
    EventClient everything(eventsRequest(api.apiPort()));
    QVERIFY(filtered.waitConnected());
    QVERIFY(everything.waitConnected());

    QVERIFY(filtered.waitFor([&](const QJsonObject &m) {
        return isStatus(m, wanted, "completed");
    }, 30000) > 0);
    QVERIFY(everything.waitFor([&](const QJsonObject &m) {
        return isStatus(m, wanted, "completed");
    }, 30000) > 0);

    QVERIFY(isType(filtered.messages().first(), "hello"));
    bool sawProgress = false;
    for (qsizetype i = 1; i < filtered.messages().size(); ++i) {
        const QJsonObject &m = filtered.messages().at(i);
        QVERIFY2(isType(m, "status") || isType(m, "progress"),
                 QJsonDocument(m).toJson().constData());
        QCOMPARE(m.value(QLatin1String("prompt_id")).toString(), wanted);
        sawProgress = sawProgress || isType(m, "progress");
    }
    QVERIFY(sawProgress);
    // The unfiltered subscriber saw the other prompt too.
    QVERIFY(everything.waitFor([&](const QJsonObject &m) {
        return m.value(QLatin1String("prompt_id")).toString() == other;
    }, 1000) >= 0);
}

void TestApiEvents::progressIsThrottled()
{
    ApiTestFixture api;
    QVERIFY(api.start());
    api.sim().setStepDelayMs(5);    // 20 steps in ~100 ms: unthrottled, 20 messages

    EventClient client(eventsRequest(api.apiPort()));
    QVERIFY(client.waitConnected());
    QStringList progressFrom; // prompt ids of ComfyUI's progress events
    QObject context;
    connect(&api.connection(), &ComfyConnection::eventReceived, &context,
            [&progressFrom](const ComfyEvent &event) {
                if (event.type == ComfyEvent::Type::Progress)
                    progressFrom.append(event.promptId);
            });
    const QString id = submit(api, ++m_seed);
    QVERIFY(!id.isEmpty());
    QVERIFY(client.waitFor([&](const QJsonObject &m) {
        return isStatus(m, id, "completed");
    }, 30000) > 0);

    const int fromComfy = int(progressFrom.count(id));
    int pushed = 0;
    for (const QJsonObject &m : client.messages())
        pushed += isType(m, "progress") ? 1 : 0;
    QCOMPARE(fromComfy, 20);
    QVERIFY2(pushed >= 1 && pushed <= 5, qPrintable(QString::number(pushed)));
}

void TestApiEvents::tokenGuardsTheUpgrade()
{
    ApiGuardConfig config;
    config.token = "s3cret-token_value";
    config.authBlockAfter = 100;     // this test fails on purpose more than the default
    ApiTestFixture api(config);
    QVERIFY(api.start());
    const quint16 port = api.apiPort();

    RawAnswer answer = rawUpgrade(port, "/api/events");
    QCOMPARE(answer.status, 401);
    QCOMPARE(answer.json().value(QLatin1String("status_code")).toInt(), 401);
    answer = rawUpgrade(port, "/api/events?token=wrong");
    QCOMPARE(answer.status, 401);
    answer = rawUpgrade(port, "/api/events", "Authorization: Bearer wrong\r\n");
    QCOMPARE(answer.status, 401);

    QCOMPARE(rawUpgrade(port, "/api/events", "Authorization: Bearer s3cret-token_value\r\n")
                 .status, 101);
    QCOMPARE(rawUpgrade(port, "/api/events", "X-API-Key: s3cret-token_value\r\n").status, 101);
    QCOMPARE(rawUpgrade(port, "/api/events?token=s3cret-token_value").status, 101);
    // Percent-encoded in the query like any parameter.
    QCOMPARE(rawUpgrade(port, "/api/events?token=s3cret%2Dtoken_value").status, 101);

    // The query token is for the websocket only: elsewhere it opens nothing.
    const ApiTestReply plain = api.get(QStringLiteral("/api/workflows?token=s3cret-token_value"));
    QCOMPARE(plain.status, 401);

    // A real client with the header, and one with the query parameter, get the stream.
    QNetworkRequest withHeader = eventsRequest(port);
    withHeader.setRawHeader("Authorization", "Bearer s3cret-token_value");
    EventClient headerClient(withHeader);
    QVERIFY(headerClient.waitConnected());
    QCOMPARE(headerClient.waitFor([](const QJsonObject &m) { return isType(m, "hello"); }), 0);
    EventClient queryClient(eventsRequest(port, QStringLiteral("?token=s3cret-token_value")));
    QVERIFY(queryClient.waitConnected());
    QCOMPARE(queryClient.waitFor([](const QJsonObject &m) { return isType(m, "hello"); }), 0);
}

void TestApiEvents::foreignOriginRefused()
{
    ApiTestFixture api;
    QVERIFY(api.start());
    const RawAnswer refused =
        rawUpgrade(api.apiPort(), "/api/events", "Origin: http://evil.example\r\n");
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.json().value(QLatin1String("status_code")).toInt(), 403);
    // The page this server itself would serve is same-origin.
    const QByteArray own = "Origin: http://127.0.0.1:" + QByteArray::number(api.apiPort())
                           + "\r\n";
    const RawAnswer sameOrigin = rawUpgrade(api.apiPort(), "/api/events", own);
    QVERIFY2(sameOrigin.status == 101, (sameOrigin.head + sameOrigin.body).constData());
}

void TestApiEvents::upgradeElsewhereRefused()
{
    ApiTestFixture api;
    QVERIFY(api.start());
    for (const QByteArray &target : {QByteArray("/api/workflows"), QByteArray("/"),
                                     QByteArray("/api/events/x"),
                                     QByteArray("/api/eventsx")}) {
        const RawAnswer answer = rawUpgrade(api.apiPort(), target);
        QVERIFY2(answer.status == 400, (target + " -> " + answer.head + answer.body).constData());
        QCOMPARE(answer.json().value(QLatin1String("status_code")).toInt(), 400);
    }
    // Still serving.
    QCOMPARE(api.get(QStringLiteral("/api/health")).status, 200);
}

void TestApiEvents::subscriberCap()
{
    ApiTestFixture api;
    QVERIFY(api.start());
    // A second server on the same core with a cap of 2.
    HttpServerAdapter adapter{ApiGuardConfig()};
    EventsController::Limits limits;
    limits.maxSubscribers = 2;
    EventsController events(api.context(), limits);
    QVERIFY(events.registerRoutes(adapter));
    QVERIFY(adapter.listen(QHostAddress::LocalHost, 0));
    const quint16 port = adapter.serverPort();

    auto one = std::make_unique<EventClient>(eventsRequest(port));
    EventClient two(eventsRequest(port));
    QVERIFY(one->waitConnected());
    QVERIFY(two.waitConnected());
    QTRY_COMPARE_WITH_TIMEOUT(events.subscriberCount(), 2, 5000);

    const RawAnswer refused = rawUpgrade(port, "/api/events");
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.json().value(QLatin1String("status_code")).toInt(), 503);
    QCOMPARE(events.subscriberCount(), 2);

    // A place frees up when a subscriber leaves.
    one->socket().close();
    QTRY_COMPARE_WITH_TIMEOUT(events.subscriberCount(), 1, 5000);
    EventClient three(eventsRequest(port));
    QVERIFY(three.waitConnected());
    QCOMPARE(three.waitFor([](const QJsonObject &m) { return isType(m, "hello"); }), 0);
}

void TestApiEvents::slowConsumerIsDropped()
{
    ApiTestFixture api;
    QVERIFY(api.start());
    HttpServerAdapter adapter{ApiGuardConfig()};
    EventsController::Limits limits;
    limits.maxPendingBytes = 128 * 1024;
    EventsController events(api.context(), limits);
    QVERIFY(events.registerRoutes(adapter));
    QVERIFY(adapter.listen(QHostAddress::LocalHost, 0));
    const quint16 port = adapter.serverPort();

    // A reader that keeps up, and one that never reads after the handshake.
    EventClient reader(eventsRequest(port));
    QVERIFY(reader.waitConnected());
    QTcpSocket stalled;
    stalled.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    stalled.setReadBufferSize(4096);
    stalled.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(stalled.waitForConnected(5000));
    stalled.write("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                  + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(events.subscriberCount(), 2, 5000);

    // Status churn: about 100 made-up pending prompts per queue read. New ids every round:
    // the connection's own queue reads (the simulator's queue is empty) make earlier
    // made-up prompts final, and final ones never change again.
    PromptTracker &tracker = api.connection().tracker();
    // Whether a queue message with this pending count arrived at or after index `from`
    // (the connection's own queue reads send theirs in between).
    const auto queueArrived = [&reader](qsizetype from, int pendingCount) {
        for (qsizetype i = from; i < reader.messages().size(); ++i) {
            const QJsonObject &m = reader.messages().at(i);
            if (isType(m, "queue")
                && m.value(QLatin1String("pending")).toInt() == pendingCount) {
                return true;
            }
        }
        return false;
    };
    QDeadlineTimer deadline(60000);
    int round = 0;
    while (events.droppedSlowConsumers() == 0 && !deadline.hasExpired()) {
        const int prompts = 100 + round % 2; // the queue message marks the round's end
        QJsonArray pending;
        for (int i = 0; i < prompts; ++i) {
            pending.append(QJsonArray{round * 1000 + i,
                                      QStringLiteral("fake-%1-%2").arg(round).arg(i),
                                      QJsonObject(), QJsonObject(), QJsonArray()});
        }
        const qsizetype before = reader.messages().size();
        tracker.applyQueue(QJsonObject{{QStringLiteral("queue_running"), QJsonArray()},
                                       {QStringLiteral("queue_pending"), pending}});
        ++round;
        // The reader keeps up: it has the round's messages before the next round starts.
        QTRY_VERIFY_WITH_TIMEOUT(queueArrived(before, prompts)
                                     || events.droppedSlowConsumers() > 0, 10000);
    }
    QCOMPARE(events.droppedSlowConsumers(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(events.subscriberCount(), 1, 5000);
    QCOMPARE(reader.socket().state(), QAbstractSocket::ConnectedState);
    // The reader got the churn; it is still being served.
    QTRY_VERIFY_WITH_TIMEOUT(reader.messages().size() > 2 * round, 10000);
}

void TestApiEvents::manyClientsVanish()
{
    ApiGuardConfig config;
    config.maxConnections = 512;
    config.maxConnectionsPerAddress = 512;
    ApiTestFixture api(config);
    QVERIFY(api.start());
    api.sim().setStepDelayMs(5);
    const quint16 port = api.apiPort();

    // Events flow while clients come and go.
    const QString id = submit(api, ++m_seed);
    QVERIFY(!id.isEmpty());
    // The test's own keep-alive HTTP connection stays open.
    const int baseline = api.adapter().guard()->connectionCount();

    std::vector<std::unique_ptr<QTcpSocket>> raw;
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    for (int i = 0; i < 200; ++i) {
        switch (i % 4) {
        case 0: // a full websocket that drops without a close frame
        case 1: { // one that closes properly
            auto socket = std::make_unique<QWebSocket>();
            socket->open(eventsRequest(port));
            sockets.push_back(std::move(socket));
            break;
        }
        case 2: { // a handshake whose sender is gone before the answer
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, port);
            raw.push_back(std::move(socket));
            break;
        }
        case 3: { // half a handshake
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, port);
            raw.push_back(std::move(socket));
            break;
        }
        }
    }
    for (size_t i = 0; i < raw.size(); ++i) {
        QTcpSocket &socket = *raw.at(i);
        if (!socket.waitForConnected(5000))
            continue;
        socket.write(i % 2 == 0 ? "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Connection: Upgrade\r\nUpgrade: websocket\r\n"
                                  "Sec-WebSocket-Version: 13\r\n"
                                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
                                : "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgr");
        socket.flush();
    }
    // Let some of them get in, then everyone vanishes at once.
    QTRY_VERIFY_WITH_TIMEOUT(api.adapter().guard()->connectionCount() > baseline + 50, 5000);
    QSignalSpy changed(&api.connection().tracker(), &PromptTracker::statusChanged);
    changed.wait(300);
    for (size_t i = 0; i < sockets.size(); ++i) {
        if (i % 2 == 0)
            sockets.at(i)->abort();
        else
            sockets.at(i)->close();
    }
    for (auto &socket : raw)
        socket->abort();
    sockets.clear();
    raw.clear();

    QTRY_VERIFY_WITH_TIMEOUT(api.adapter().guard()->connectionCount() <= baseline, 10000);
    // Still serving, stream included.
    EventClient after(eventsRequest(port));
    QVERIFY(after.waitConnected());
    QCOMPARE(after.waitFor([](const QJsonObject &m) { return isType(m, "hello"); }), 0);
    QCOMPARE(api.waitForStatus(id, QStringLiteral("completed"))
                 .value(QLatin1String("status")).toString(),
             QStringLiteral("completed"));
}

void TestApiEvents::serverStopsUnderSubscribers()
{
    // ApiServer deletes the adapter (guard, sockets) before the controllers: subscribers
    // must neither crash the controller nor be written to afterwards.
    ApiTestFixture api;
    QVERIFY(api.start());
    auto adapter = std::make_unique<HttpServerAdapter>(ApiGuardConfig());
    EventsController events(api.context());
    QVERIFY(events.registerRoutes(*adapter));
    QVERIFY(adapter->listen(QHostAddress::LocalHost, 0));

    EventClient client(eventsRequest(adapter->serverPort()));
    QVERIFY(client.waitConnected());
    QTRY_COMPARE_WITH_TIMEOUT(events.subscriberCount(), 1, 5000);
    QSignalSpy gone(&client.socket(), &QWebSocket::disconnected);
    adapter.reset();
    QVERIFY(gone.wait(5000) || client.socket().state() == QAbstractSocket::UnconnectedState);
    // Core keeps reporting; nothing is sent to the dead subscriber.
    const QString id = submit(api, ++m_seed);
    QVERIFY(!id.isEmpty());
    QCOMPARE(api.waitForStatus(id, QStringLiteral("completed"))
                 .value(QLatin1String("status")).toString(),
             QStringLiteral("completed"));
    QTRY_COMPARE_WITH_TIMEOUT(events.subscriberCount(), 0, 5000);
}

QTEST_GUILESS_MAIN(TestApiEvents)
#include "tst_apievents.moc"
