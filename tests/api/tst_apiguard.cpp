// The API guard and HTTP adapter against a real server on 127.0.0.1, spoken to with raw
// QTcpSocket requests (QNetworkAccessManager would normalise the malformed ones).

#include "apiguard.h"
#include "apiresponder.h"
#include "httpserveradapter.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

struct RawResponse
{
    bool complete = false;
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Parses one response off the front of buffer; removes it when complete.
bool takeResponse(QByteArray *buffer, RawResponse *response)
{
    const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    const QList<QByteArray> lines = buffer->left(headEnd).split('\n');
    RawResponse parsed;
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2)
        return false;
    parsed.status = statusLine.at(1).toInt();
    qint64 length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        parsed.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        if (line.left(colon).trimmed().compare("Content-Length", Qt::CaseInsensitive) == 0)
            length = line.mid(colon + 1).trimmed().toLongLong();
    }
    if (buffer->size() < headEnd + 4 + length)
        return false;
    parsed.body = buffer->mid(headEnd + 4, length);
    parsed.complete = true;
    buffer->remove(0, headEnd + 4 + length);
    *response = parsed;
    return true;
}

// Runs the event loop (the server lives in this thread) until a response is complete, the
// peer closed, or the timeout passed. Waits on socket events, never a fixed sleep.
RawResponse readResponse(QTcpSocket *socket, QByteArray *buffer, int timeoutMs = 5000)
{
    RawResponse response;
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        buffer->append(socket->readAll());
        if (takeResponse(buffer, &response))
            return response;
        if (socket->state() == QAbstractSocket::UnconnectedState || deadline.hasExpired())
            return response;
        QSignalSpy ready(socket, &QIODevice::readyRead);
        QSignalSpy gone(socket, &QAbstractSocket::disconnected);
        if (socket->bytesAvailable() == 0 && socket->state() != QAbstractSocket::UnconnectedState)
            ready.wait(int(qMax<qint64>(1, qMin<qint64>(deadline.remainingTime(), 200))));
    }
}

bool waitConnected(QTcpSocket *socket, int timeoutMs = 5000)
{
    if (socket->state() == QAbstractSocket::ConnectedState)
        return true;
    QSignalSpy spy(socket, &QAbstractSocket::connected);
    return spy.wait(timeoutMs) || socket->state() == QAbstractSocket::ConnectedState;
}

bool waitDisconnected(QTcpSocket *socket, int timeoutMs)
{
    if (socket->state() == QAbstractSocket::UnconnectedState)
        return true;
    QSignalSpy spy(socket, &QAbstractSocket::disconnected);
    return spy.wait(timeoutMs) || socket->state() == QAbstractSocket::UnconnectedState;
}

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

QByteArray get(const QByteArray &target, const QByteArray &extra = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

QByteArray post(const QByteArray &target, const QByteArray &type, const QByteArray &body,
                const QByteArray &extra = {})
{
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type
           + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extra
           + "\r\n" + body;
}

} // namespace

class TestApiGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void healthAnswers();
    void unknownRouteIsJson404();
    void wrongMethodIs405WithAllow();
    void wrongContentTypeIs415();
    void badJsonIs400();
    void jsonBodyReachesHandler();
    void chunkedBodyWithinLimit();
    void chunkedBodyOverLimitIs413();
    void guardRunsBeforeQHttpServer();
    void hugeContentLengthIs413WithFlatMemory();
    void uploadRoutesHaveTheirOwnLimit();
    void hugeHeaderIs431();
    void halfSentHeadIsDroppedAtDeadline();
    void idleKeepAliveIsDropped();
    void slowBodyIsDroppedAtDeadline();
    void pipelinedRequestsAnsweredThenIdle();
    void keepAliveSecondRequestOversized();
    void traversalTargetsAre400_data();
    void traversalTargetsAre400();
    void routeArgumentsAreDecoded();
    void foreignHostIs421();
    void foreignOriginIs403();
    void allowedOriginGetsCorsHeaders();
    void connectionCapsHold();
    void reconnectingAtTheCapIsNeverRefused();
    void defaultPerAddressCapLeavesHeadroom();
    void missingOrBadTokenIs401ThenRefused();
    void goodTokenAccepted();
    void headIsGetWithoutBody();
    void droppedResponderAnswers500();
    void deferredAnswerArrives();
    void disconnectWhileDeferredIsSafe();
    void thousandHeldRequestsOutliveTheirCallers();

private:
    std::unique_ptr<HttpServerAdapter> startServer(const ApiGuardConfig &config);
    RawResponse roundTrip(const QByteArray &request, HttpServerAdapter *server = nullptr);

    ApiGuardConfig m_config;
    std::unique_ptr<HttpServerAdapter> m_server;
    int m_echoCalls = 0;
    int m_deferredStarted = 0;
    int m_deferredSent = 0;
    int m_deferredDropped = 0;
    QList<ApiResponder> m_held;
};

std::unique_ptr<HttpServerAdapter> TestApiGuard::startServer(const ApiGuardConfig &config)
{
    auto server = std::make_unique<HttpServerAdapter>(config);
    server->route("GET", QStringLiteral("/api/health"), ApiRouter::BodyType::None,
                  [](const ApiRequest &) {
                      return ApiResponse::json(QJsonObject{{QStringLiteral("status"),
                                                            QStringLiteral("ok")}});
                  });
    server->route("POST", QStringLiteral("/api/echo"), ApiRouter::BodyType::Json,
                  [this](const ApiRequest &request) {
                      ++m_echoCalls;
                      return ApiResponse::json(
                          QJsonObject{{QStringLiteral("received"), request.json.object()}});
                  });
    server->route("POST", QStringLiteral("/api/upload/image"), ApiRouter::BodyType::Multipart,
                  [](const ApiRequest &request) {
                      return ApiResponse::json(
                          QJsonObject{{QStringLiteral("size"), request.body.size()}});
                  });
    server->route("GET", QStringLiteral("/api/workflow/<name>"), ApiRouter::BodyType::None,
                  [](const ApiRequest &request) {
                      const QString name = request.arg(QStringLiteral("name"));
                      return ApiResponse::json(QJsonObject{{QStringLiteral("name"), name}});
                  });
    server->routeDeferred("GET", QStringLiteral("/api/slow"), ApiRouter::BodyType::None,
                          [this](const ApiRequest &request, ApiResponder responder) {
                              ++m_deferredStarted;
                              const int delay = request.query.queryItemValue(
                                  QStringLiteral("ms")).toInt();
                              QTimer::singleShot(delay, this, [this, responder]() mutable {
                                  if (responder.send(ApiResponse::json(QJsonObject{
                                          {QStringLiteral("slow"), true}})))
                                      ++m_deferredSent;
                                  else
                                      ++m_deferredDropped;
                              });
                          });
    server->routeDeferred("GET", QStringLiteral("/api/held"), ApiRouter::BodyType::None,
                          [this](const ApiRequest &, ApiResponder responder) {
                              m_held.append(responder);
                          });
    server->routeDeferred("GET", QStringLiteral("/api/dropped"), ApiRouter::BodyType::None,
                          [](const ApiRequest &, ApiResponder) {
                              // A handler bug: the responder goes away unanswered.
                          });
    if (!server->listen(QHostAddress::LocalHost, 0))
        return nullptr;
    return server;
}

RawResponse TestApiGuard::roundTrip(const QByteArray &request, HttpServerAdapter *server)
{
    if (!server)
        server = m_server.get();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server->serverPort());
    if (!waitConnected(&socket))
        return {};
    socket.write(request);
    QByteArray buffer;
    return readResponse(&socket, &buffer);
}

void TestApiGuard::init()
{
    m_config = ApiGuardConfig();
    m_config.maxJsonBodyBytes = 1024;
    m_config.maxUploadBodyBytes = 8 * 1024;
    m_config.requestDeadlineMs = 600;
    m_config.idleTimeoutMs = 800;
    m_config.lingerMs = 500;
    m_config.corsAllowedOrigins = {QStringLiteral("http://allowed.example")};
    m_echoCalls = 0;
    m_deferredStarted = 0;
    m_deferredSent = 0;
    m_deferredDropped = 0;
    m_held.clear();
    m_server = startServer(m_config);
    QVERIFY(m_server);
}

void TestApiGuard::cleanup()
{
    m_server.reset();
}

void TestApiGuard::healthAnswers()
{
    const RawResponse response = roundTrip(get("/api/health"));
    QVERIFY(response.complete);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(response.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
}

void TestApiGuard::unknownRouteIsJson404()
{
    const RawResponse response = roundTrip(get("/api/nothing/here"));
    QCOMPARE(response.status, 404);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(response.json().value(QStringLiteral("status_code")).toInt(), 404);
    QVERIFY(!response.json().value(QStringLiteral("error")).toString().isEmpty());
    // Outside /api too: QHttpServer's own plain-text 404 must never show.
    QCOMPARE(roundTrip(get("/")).json().value(QStringLiteral("status_code")).toInt(), 404);
}

void TestApiGuard::wrongMethodIs405WithAllow()
{
    const RawResponse response = roundTrip(
        post("/api/health", "application/json", "{}"));
    QCOMPARE(response.status, 405);
    QCOMPARE(response.header("Allow"), QByteArray("GET, HEAD"));
    QCOMPARE(response.json().value(QStringLiteral("status_code")).toInt(), 405);
}

void TestApiGuard::wrongContentTypeIs415()
{
    const RawResponse response = roundTrip(post("/api/echo", "text/plain", "{\"a\":1}"));
    QCOMPARE(response.status, 415);
    QCOMPARE(response.json().value(QStringLiteral("status_code")).toInt(), 415);
    QCOMPARE(m_echoCalls, 0);
}

void TestApiGuard::badJsonIs400()
{
    const RawResponse response = roundTrip(post("/api/echo", "application/json", "{\"a\":"));
    QCOMPARE(response.status, 400);
    QCOMPARE(response.json().value(QStringLiteral("status_code")).toInt(), 400);
    QCOMPARE(m_echoCalls, 0);
}

void TestApiGuard::jsonBodyReachesHandler()
{
    const RawResponse response = roundTrip(
        post("/api/echo", "application/json; charset=utf-8", "{\"a\":1}"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(QStringLiteral("received")).toObject()
                 .value(QStringLiteral("a")).toInt(), 1);
    QCOMPARE(m_echoCalls, 1);
}

void TestApiGuard::chunkedBodyWithinLimit()
{
    const QByteArray request = "POST /api/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Content-Type: application/json\r\n"
                               "Transfer-Encoding: chunked\r\n\r\n"
                               "4\r\n{\"b\"\r\n3\r\n:2}\r\n0\r\n\r\n";
    const RawResponse response = roundTrip(request);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(QStringLiteral("received")).toObject()
                 .value(QStringLiteral("b")).toInt(), 2);
}

void TestApiGuard::chunkedBodyOverLimitIs413()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(waitConnected(&socket));
    socket.write("POST /api/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    // Chunks each under the limit, together over it: the sum is what counts.
    for (int i = 0; i < 3; ++i)
        socket.write("200\r\n" + QByteArray(0x200, ' ') + "\r\n");
    QByteArray buffer;
    const RawResponse response = readResponse(&socket, &buffer);
    QCOMPARE(response.status, 413);
    QCOMPARE(response.json().value(QStringLiteral("status_code")).toInt(), 413);
    QVERIFY(waitDisconnected(&socket, 3000));
    QCOMPARE(m_echoCalls, 0);
}

void TestApiGuard::guardRunsBeforeQHttpServer()
{
    // Whole request in one write: if QHttpServer read it first, the handler would run.
    const QByteArray body = "{\"x\":\"" + QByteArray(2000, 'x') + "\"}";
    const RawResponse response = roundTrip(post("/api/echo", "application/json", body));
    QCOMPARE(response.status, 413);
    QCOMPARE(response.header("Connection"), QByteArray("close"));
    QCOMPARE(m_echoCalls, 0);
}

void TestApiGuard::hugeContentLengthIs413WithFlatMemory()
{
    const qint64 before = residentKiB();
    QVERIFY(before > 0);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(waitConnected(&socket));
    socket.write("POST /api/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Content-Type: application/json\r\nContent-Length: 2147483648\r\n\r\n");
    socket.write(QByteArray(256 * 1024, '7')); // the start of the body, which must be dropped
    QElapsedTimer timer;
    timer.start();
    QByteArray buffer;
    const RawResponse response = readResponse(&socket, &buffer);
    QCOMPARE(response.status, 413);
    QVERIFY2(timer.elapsed() < 2000, "413 must come at once, not after reading the body");
    QVERIFY(waitDisconnected(&socket, 3000));
    const qint64 after = residentKiB();
    QVERIFY2(after - before < 4 * 1024,
             qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(after - before)));
    QCOMPARE(m_echoCalls, 0);
}

void TestApiGuard::uploadRoutesHaveTheirOwnLimit()
{
    const QByteArray type = "multipart/form-data; boundary=x";
    QCOMPARE(roundTrip(post("/api/upload/image", type, QByteArray(4096, 'u'))).status, 200);
    QCOMPARE(roundTrip(post("/api/upload/image", type, QByteArray(9000, 'u'))).status, 413);
    QCOMPARE(roundTrip(post("/api/upload/image", "text/plain", "abc")).status, 415);
}

void TestApiGuard::hugeHeaderIs431()
{
    const RawResponse response = roundTrip(
        get("/api/health", "X-Big: " + QByteArray(64 * 1024, 'h') + "\r\n"));
    QCOMPARE(response.status, 431);
    QCOMPARE(response.json().value(QStringLiteral("status_code")).toInt(), 431);
}

void TestApiGuard::halfSentHeadIsDroppedAtDeadline()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(waitConnected(&socket));
    socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    QElapsedTimer timer;
    timer.start();
    QVERIFY(waitDisconnected(&socket, m_config.requestDeadlineMs + 3000));
    QVERIFY(timer.elapsed() >= m_config.requestDeadlineMs - 100);
    QByteArray buffer = socket.readAll();
    RawResponse response;
    QVERIFY(takeResponse(&buffer, &response));
    QCOMPARE(response.status, 408);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->guard()->connectionCount(), 0, 3000);
}

void TestApiGuard::idleKeepAliveIsDropped()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(waitConnected(&socket));
    socket.write(get("/api/health"));
    QByteArray buffer;
    QCOMPARE(readResponse(&socket, &buffer).status, 200);
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(waitDisconnected(&socket, m_config.idleTimeoutMs + 3000));
    QVERIFY(timer.elapsed() >= m_config.idleTimeoutMs - 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->guard()->connectionCount(), 0, 3000);
}

void TestApiGuard::slowBodyIsDroppedAtDeadline()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(waitConnected(&socket));
    socket.write("POST /api/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":");
    QVERIFY(waitDisconnected(&socket, m_config.requestDeadlineMs + 3000));
    QByteArray buffer = socket.readAll();
    RawResponse response;
    QVERIFY(takeResponse(&buffer, &response));
    QCOMPARE(response.status, 408);
    QCOMPARE(m_echoCalls, 0);
}

void TestApiGuard::pipelinedRequestsAnsweredThenIdle()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(waitConnected(&socket));
    socket.write(get("/api/health") + post("/api/echo", "application/json", "{}")
                 + get("/api/nothing"));
    QByteArray buffer;
    QCOMPARE(readResponse(&socket, &buffer).status, 200);
    QCOMPARE(readResponse(&socket, &buffer).status, 200);
    QCOMPARE(readResponse(&socket, &buffer).status, 404);
    QCOMPARE(m_echoCalls, 1);
    // Every request was answered, so the idle timer runs again.
    QVERIFY(waitDisconnected(&socket, m_config.idleTimeoutMs + 3000));
}

void TestApiGuard::keepAliveSecondRequestOversized()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(waitConnected(&socket));
    QByteArray buffer;
    socket.write(post("/api/echo", "application/json", "{\"n\":1}"));
    QCOMPARE(readResponse(&socket, &buffer).status, 200);
    socket.write(get("/api/health"));
    QCOMPARE(readResponse(&socket, &buffer).status, 200);
    socket.write("POST /api/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Content-Type: application/json\r\nContent-Length: 2147483648\r\n\r\n");
    const RawResponse third = readResponse(&socket, &buffer);
    QCOMPARE(third.status, 413);
    QVERIFY(waitDisconnected(&socket, 3000));
    QCOMPARE(m_echoCalls, 1);
}

void TestApiGuard::traversalTargetsAre400_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("dotdot") << QByteArray("/api/workflow/..");
    QTest::newRow("dotdot-mid") << QByteArray("/api/workflow/../../etc/passwd");
    QTest::newRow("dot") << QByteArray("/api/workflow/./x");
    QTest::newRow("encoded-dotdot") << QByteArray("/api/workflow/%2e%2e");
    QTest::newRow("encoded-dotdot-upper") << QByteArray("/api/workflow/%2E%2E");
    QTest::newRow("encoded-slash") << QByteArray("/api/workflow/..%2F..%2Fetc%2Fpasswd");
    QTest::newRow("encoded-backslash") << QByteArray("/api/workflow/..%5C..%5Cwin.ini");
    QTest::newRow("nul") << QByteArray("/api/workflow/a%00.json");
    QTest::newRow("bidi-override") << QByteArray("/api/workflow/a%E2%80%AEnosj.exe");
    QTest::newRow("bad-utf8") << QByteArray("/api/workflow/%C0%AE%C0%AE");
    QTest::newRow("control") << QByteArray("/api/workflow/a%0Ab");
    QTest::newRow("bad-escape") << QByteArray("/api/workflow/%zz");
    QTest::newRow("raw-backslash") << QByteArray("/api/workflow/..\\..\\x");
    QTest::newRow("not-a-path") << QByteArray("http://evil.example/api/health");
}

void TestApiGuard::traversalTargetsAre400()
{
    QFETCH(QByteArray, target);
    const RawResponse response = roundTrip(get(target));
    QCOMPARE(response.status, 400);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(response.json().value(QStringLiteral("status_code")).toInt(), 400);
}

void TestApiGuard::routeArgumentsAreDecoded()
{
    const RawResponse response = roundTrip(get("/api/workflow/sd%20txt2img"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(QStringLiteral("name")).toString(),
             QStringLiteral("sd txt2img"));
}

void TestApiGuard::foreignHostIs421()
{
    const QByteArray request = "GET /api/health HTTP/1.1\r\nHost: evil.example\r\n\r\n";
    const RawResponse response = roundTrip(request);
    QCOMPARE(response.status, 421);
    QCOMPARE(response.json().value(QStringLiteral("status_code")).toInt(), 421);
    const QByteArray port = QByteArray::number(m_server->serverPort());
    QCOMPARE(roundTrip("GET /api/health HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n")
                 .status, 200);
    QCOMPARE(roundTrip("GET /api/health HTTP/1.1\r\nHost: [::1]:" + port + "\r\n\r\n")
                 .status, 200);
    QCOMPARE(roundTrip("GET /api/health HTTP/1.1\r\n\r\n").status, 400);
}

void TestApiGuard::foreignOriginIs403()
{
    const RawResponse response = roundTrip(
        get("/api/health", "Origin: http://evil.example\r\n"));
    QCOMPARE(response.status, 403);
    QCOMPARE(response.json().value(QStringLiteral("status_code")).toInt(), 403);
    QVERIFY(response.header("Access-Control-Allow-Origin").isEmpty());
}

void TestApiGuard::allowedOriginGetsCorsHeaders()
{
    const RawResponse response = roundTrip(
        get("/api/health", "Origin: http://allowed.example\r\n"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Access-Control-Allow-Origin"), QByteArray("http://allowed.example"));
    const RawResponse preflight = roundTrip(
        "OPTIONS /api/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://allowed.example\r\n"
        "Access-Control-Request-Method: POST\r\n"
        "Access-Control-Request-Headers: content-type\r\n\r\n");
    QCOMPARE(preflight.status, 204);
    QCOMPARE(preflight.header("Access-Control-Allow-Origin"),
             QByteArray("http://allowed.example"));
    QVERIFY(preflight.header("Access-Control-Allow-Methods").contains("POST"));
    QVERIFY(preflight.header("Access-Control-Allow-Headers").contains("Content-Type"));
}

void TestApiGuard::connectionCapsHold()
{
    ApiGuardConfig config = m_config;
    config.maxConnectionsPerAddress = 32;
    config.idleTimeoutMs = 30000;
    auto server = startServer(config);
    QVERIFY(server);

    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 100; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, server->serverPort());
    }
    // Every refused connection gets a 503 JSON answer and is closed.
    int refused = 0;
    for (auto &socket : sockets) {
        QVERIFY(waitConnected(socket.get()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(server->guard()->connectionCount(), 32, 5000);
    auto answered = [&sockets] {
        int count = 0;
        for (auto &socket : sockets) {
            if (socket->bytesAvailable() > 0
                || socket->state() == QAbstractSocket::UnconnectedState) {
                ++count;
            }
        }
        return count;
    };
    QTRY_COMPARE_WITH_TIMEOUT(answered(), 68, 5000);
    QList<QTcpSocket *> accepted;
    for (auto &socket : sockets) {
        QByteArray buffer;
        if (socket->bytesAvailable() == 0
            && socket->state() == QAbstractSocket::ConnectedState) {
            accepted.append(socket.get());
            continue;
        }
        const RawResponse response = readResponse(socket.get(), &buffer, 3000);
        QCOMPARE(response.status, 503);
        QCOMPARE(response.json().value(QStringLiteral("status_code")).toInt(), 503);
        ++refused;
    }
    QCOMPARE(refused, 68);
    QCOMPARE(accepted.size(), 32);
    QCOMPARE(server->guard()->connectionCount(QHostAddress::LocalHost), 32);

    // The accepted ones are served while the cap holds.
    QByteArray buffer;
    accepted.first()->write(get("/api/health"));
    QCOMPARE(readResponse(accepted.first(), &buffer).status, 200);

    for (auto &socket : sockets)
        socket->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(server->guard()->connectionCount(), 0, 5000);
    QCOMPARE(roundTrip(get("/api/health"), server.get()).status, 200);
}

void TestApiGuard::reconnectingAtTheCapIsNeverRefused()
{
    // A client that closes its connections and at once opens as many new ones (wrk, run
    // after run) must never be refused: its closed connections are gone, whether or not the
    // server has got round to noticing. The server sees the closes and the new connections
    // in the same event loop pass, so nothing here waits for the closes to be processed.
    const int cap = 16;
    const int rounds = 20;
    ApiGuardConfig config = m_config;
    config.maxConnections = 4 * cap;
    config.maxConnectionsPerAddress = cap;
    config.idleTimeoutMs = 30000;
    auto server = startServer(config);
    QVERIFY(server);
    QSignalSpy rejected(server->guard(), &ApiGuard::rejected);

    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int round = 0; round < rounds; ++round) {
        for (auto &socket : sockets) {
            // Both ways a client ends a connection: FIN, and an abort.
            if (round % 2 == 0)
                socket->close();
            else
                socket->abort();
        }
        sockets.clear();
        for (int i = 0; i < cap; ++i) {
            sockets.push_back(std::make_unique<QTcpSocket>());
            sockets.back()->connectToHost(QHostAddress::LocalHost, server->serverPort());
        }
        for (auto &socket : sockets) {
            QVERIFY(waitConnected(socket.get()));
            socket->write(get("/api/health"));
        }
        for (auto &socket : sockets) {
            QByteArray buffer;
            const RawResponse response = readResponse(socket.get(), &buffer);
            QVERIFY2(response.status == 200,
                     qPrintable(QStringLiteral("round %1: status %2, body %3")
                                    .arg(round).arg(response.status)
                                    .arg(QString::fromUtf8(response.body))));
        }
    }
    QCOMPARE(rejected.count(), 0);

    // The cap still holds against connections that are really open: with the last round's
    // still connected, every further one is refused.
    const int flood = 8;
    std::vector<std::unique_ptr<QTcpSocket>> extra;
    for (int i = 0; i < flood; ++i) {
        extra.push_back(std::make_unique<QTcpSocket>());
        extra.back()->connectToHost(QHostAddress::LocalHost, server->serverPort());
    }
    for (auto &socket : extra) {
        QByteArray buffer;
        QVERIFY(waitConnected(socket.get()));
        const RawResponse response = readResponse(socket.get(), &buffer);
        QCOMPARE(response.status, 503);
        QCOMPARE(response.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("too many connections from this address"));
    }
    QCOMPARE(rejected.count(), flood);
    QCOMPARE(server->guard()->connectionCount(QHostAddress::LocalHost), cap);
    QByteArray buffer;
    sockets.front()->write(get("/api/health"));
    QCOMPARE(readResponse(sockets.front().get(), &buffer).status, 200);
}

void TestApiGuard::defaultPerAddressCapLeavesHeadroom()
{
    // The per-address cap guards against floods, not against one script with many threads:
    // by default one address may hold far more connections than a load tool's 32 or 64.
    const int clients = 128;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < clients; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    }
    for (auto &socket : sockets) {
        QVERIFY(waitConnected(socket.get()));
        socket->write(get("/api/health"));
    }
    for (auto &socket : sockets) {
        QByteArray buffer;
        QCOMPARE(readResponse(socket.get(), &buffer).status, 200);
    }
    QCOMPARE(m_server->guard()->connectionCount(QHostAddress::LocalHost), clients);
}

void TestApiGuard::missingOrBadTokenIs401ThenRefused()
{
    ApiGuardConfig config = m_config;
    config.token = "s3cret-token";
    config.authSlowdownAfter = 2;
    config.authSlowdownStepMs = 100;
    config.authBlockAfter = 4;
    config.authBlockSeconds = 60;
    auto server = startServer(config);
    QVERIFY(server);

    RawResponse response = roundTrip(get("/api/health"), server.get());
    QCOMPARE(response.status, 401);
    QCOMPARE(response.json().value(QStringLiteral("status_code")).toInt(), 401);
    QCOMPARE(roundTrip(get("/api/health", "Authorization: Bearer wrong\r\n"), server.get())
                 .status, 401);
    QElapsedTimer timer;
    timer.start();
    // Third failure: past authSlowdownAfter, so the answer is held back.
    QCOMPARE(roundTrip(get("/api/health", "X-API-Key: s3cret-tokeX\r\n"), server.get())
                 .status, 401);
    QVERIFY2(timer.elapsed() >= 90, "repeated failures must be slowed down");
    response = roundTrip(get("/api/health", "X-API-Key: nope\r\n"), server.get());
    QCOMPARE(response.status, 429);
    QVERIFY(response.header("Retry-After").toInt() > 0);
    // Refused for a while, even with the right token now.
    QCOMPARE(roundTrip(get("/api/health", "X-API-Key: s3cret-token\r\n"), server.get())
                 .status, 429);
}

void TestApiGuard::goodTokenAccepted()
{
    ApiGuardConfig config = m_config;
    config.token = "s3cret-token";
    config.publicPaths = {QStringLiteral("/api/workflow/public")};
    auto server = startServer(config);
    QVERIFY(server);
    QCOMPARE(roundTrip(get("/api/health", "Authorization: Bearer s3cret-token\r\n"),
                       server.get()).status, 200);
    QCOMPARE(roundTrip(get("/api/health", "X-API-Key: s3cret-token\r\n"), server.get())
                 .status, 200);
    QCOMPARE(roundTrip(get("/api/health", "Authorization: Bearer s3cret-tokenX\r\n"),
                       server.get()).status, 401);
    QCOMPARE(roundTrip(get("/api/workflow/public"), server.get()).status, 200);
}

void TestApiGuard::headIsGetWithoutBody()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(waitConnected(&socket));
    socket.write("HEAD /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray buffer;
    QTRY_VERIFY_WITH_TIMEOUT((buffer += socket.readAll()).contains("\r\n\r\n"), 5000);
    QVERIFY(buffer.startsWith("HTTP/1.1 200 "));
    QVERIFY(buffer.contains("Content-Length: 15\r\n"));
    buffer.remove(0, buffer.indexOf("\r\n\r\n") + 4);
    // No body followed: the next answer on this connection starts right away.
    socket.write(get("/api/nothing"));
    QCOMPARE(readResponse(&socket, &buffer).status, 404);
}

void TestApiGuard::droppedResponderAnswers500()
{
    const RawResponse response = roundTrip(get("/api/dropped"));
    QCOMPARE(response.status, 500);
    QCOMPARE(response.json().value(QStringLiteral("status_code")).toInt(), 500);
}

void TestApiGuard::deferredAnswerArrives()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(waitConnected(&socket));
    QByteArray buffer;
    socket.write(get("/api/slow?ms=100"));
    RawResponse response = readResponse(&socket, &buffer);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(QStringLiteral("slow")).toBool(), true);
    // Still usable for the next request, and the idle timer did not cut the wait short.
    socket.write(get("/api/slow?ms=" + QByteArray::number(m_config.idleTimeoutMs + 300)));
    response = readResponse(&socket, &buffer, m_config.idleTimeoutMs + 3000);
    QCOMPARE(response.status, 200);
    QCOMPARE(m_deferredSent, 2);
}

void TestApiGuard::disconnectWhileDeferredIsSafe()
{
    const int clients = 200;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    ApiGuardConfig config = m_config;
    config.maxConnectionsPerAddress = clients;
    auto server = startServer(config);
    QVERIFY(server);
    for (int i = 0; i < clients; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, server->serverPort());
    }
    for (auto &socket : sockets) {
        QVERIFY(waitConnected(socket.get()));
        socket->write(get("/api/slow?ms=1500"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_deferredStarted, clients, 10000);
    for (auto &socket : sockets)
        socket->abort();
    sockets.clear();
    QTRY_COMPARE_WITH_TIMEOUT(m_deferredSent + m_deferredDropped, clients, 10000);
    QCOMPARE(m_deferredDropped, clients);
    QTRY_COMPARE_WITH_TIMEOUT(server->guard()->connectionCount(), 0, 5000);
    QCOMPARE(roundTrip(get("/api/health"), server.get()).status, 200);
}

void TestApiGuard::thousandHeldRequestsOutliveTheirCallers()
{
    // The handler keeps every responder; the callers all vanish; then the answers are sent.
    // Nothing may be written to (or through) a socket QHttpServer has deleted.
    const int clients = 1000;
    ApiGuardConfig config = m_config;
    config.maxConnections = clients;
    config.maxConnectionsPerAddress = clients;
    auto server = startServer(config);
    QVERIFY(server);
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < clients; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, server->serverPort());
    }
    for (auto &socket : sockets) {
        QVERIFY(waitConnected(socket.get()));
        socket->write(get("/api/held"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_held.size(), clients, 30000);
    for (const ApiResponder &responder : std::as_const(m_held))
        QVERIFY(responder.isWaiting());
    for (auto &socket : sockets)
        socket->abort();
    sockets.clear();
    QTRY_COMPARE_WITH_TIMEOUT(server->guard()->connectionCount(), 0, 10000);
    int written = 0;
    for (ApiResponder &responder : m_held) {
        QVERIFY(!responder.isWaiting());
        if (responder.send(ApiResponse::json(QJsonObject{{QStringLiteral("late"), true}})))
            ++written;
    }
    QCOMPARE(written, 0);
    m_held.clear();
    QCOMPARE(roundTrip(get("/api/health"), server.get()).status, 200);
}

QTEST_GUILESS_MAIN(TestApiGuard)
#include "tst_apiguard.moc"
