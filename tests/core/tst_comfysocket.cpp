#include "comfysocket.h"
#include "fakecomfy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QUrlQuery>
#include <QWebSocket>
#include <QtEndian>
#include <QtTest>

namespace {

QString clientIdOf(const QUrl &url)
{
    return QUrlQuery(url).queryItemValue(QStringLiteral("clientId"), QUrl::FullyDecoded);
}

} // namespace

class TestComfySocket final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void socketUrlMapping();
    void handshakeCarriesIdBearerNoOrigin();
    void eventsAreParsed();
    void reconnectsAfterDropWithSameClientId();
    void backoffGrowsIsCappedAndResets();
    void closeNeverReconnects();
    void closeDuringBackoffStopsRetrying();
};

void TestComfySocket::socketUrlMapping()
{
    ComfySocket socket;
    socket.setBaseUrl(QUrl(QStringLiteral("http://host:8188/comfy/")));
    socket.setClientId(QStringLiteral("a b+c"));
    QCOMPARE(socket.socketUrl().toString(QUrl::FullyEncoded),
             QStringLiteral("ws://host:8188/comfy/ws?clientId=a%20b%2Bc"));
    socket.setBaseUrl(QUrl(QStringLiteral("https://host")));
    socket.setClientId(QStringLiteral("x"));
    QCOMPARE(socket.socketUrl().toString(), QStringLiteral("wss://host/ws?clientId=x"));
}

void TestComfySocket::handshakeCarriesIdBearerNoOrigin()
{
    FakeComfy server;
    QVERIFY(server.isListening());
    ComfySocket socket;
    socket.setBaseUrl(server.url(QStringLiteral("/pre")));
    socket.setClientId(QStringLiteral("desk-1"));
    socket.setBearerToken(QStringLiteral("tok"));
    QSignalSpy connected(&socket, &ComfySocket::connected);
    QSignalSpy accepted(&server, &FakeComfy::wsAccepted);
    socket.open();
    QVERIFY(connected.wait(5000));
    QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 5000);
    QVERIFY(socket.isConnected());

    QCOMPARE(server.wsUrls.first().path(), QStringLiteral("/pre/ws"));
    QCOMPARE(clientIdOf(server.wsUrls.first()), QStringLiteral("desk-1"));
    QCOMPARE(server.wsAuthorizations.first(), QByteArray("Bearer tok"));
    QVERIFY(server.wsOrigins.first().isEmpty());

    // The capability handshake is the first (and only) thing we send.
    QTRY_COMPARE_WITH_TIMEOUT(server.wsMessages.size(), 1, 5000);
    const QJsonObject hello = QJsonDocument::fromJson(server.wsMessages.first().toUtf8()).object();
    QCOMPARE(hello.value(QLatin1String("type")).toString(), QStringLiteral("feature_flags"));
    QCOMPARE(hello.value(QLatin1String("data")).toObject()
                 .value(QLatin1String("supports_preview_metadata")),
             QJsonValue(true));
}

void TestComfySocket::eventsAreParsed()
{
    FakeComfy server;
    QVERIFY(server.isListening());
    ComfySocket socket;
    socket.setBaseUrl(server.url());
    socket.setClientId(QStringLiteral("x"));
    QSignalSpy events(&socket, &ComfySocket::eventReceived);
    QSignalSpy accepted(&server, &FakeComfy::wsAccepted);
    socket.open();
    QVERIFY(accepted.wait(5000));

    server.lastWebSocket()->sendTextMessage(QStringLiteral(
        R"({"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 3}},)"
        R"( "sid": "x"}})"));
    QByteArray text(8, '\0');
    qToBigEndian(quint32(3), text.data());
    qToBigEndian(quint32(1), text.data() + 4);
    text += "7hello";
    server.lastWebSocket()->sendBinaryMessage(text);

    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 2, 5000);
    const auto status = events.at(0).at(0).value<ComfyEvent>();
    QCOMPARE(status.type, ComfyEvent::Type::Status);
    QCOMPARE(status.queueRemaining, 3);
    QCOMPARE(status.sid, QStringLiteral("x"));
    const auto frame = events.at(1).at(0).value<ComfyEvent>();
    QCOMPARE(frame.type, ComfyEvent::Type::Text);
    QCOMPARE(frame.node, QStringLiteral("7"));
    QCOMPARE(frame.text, QStringLiteral("hello"));
}

void TestComfySocket::reconnectsAfterDropWithSameClientId()
{
    FakeComfy server;
    QVERIFY(server.isListening());
    ComfySocket socket;
    socket.setBaseUrl(server.url());
    socket.setClientId(QStringLiteral("stable-id"));
    socket.setReconnectDelays(20, 200);
    QSignalSpy connected(&socket, &ComfySocket::connected);
    QSignalSpy disconnected(&socket, &ComfySocket::disconnected);
    QSignalSpy scheduled(&socket, &ComfySocket::reconnectScheduled);
    QSignalSpy accepted(&server, &FakeComfy::wsAccepted);
    socket.open();
    QVERIFY(connected.wait(5000));

    for (int drop = 1; drop <= 3; ++drop) {
        server.lastWebSocket()->abort(); // the server goes away without a close frame
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), drop, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(connected.size(), drop + 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), drop + 1, 5000);
    }
    QCOMPARE(scheduled.size(), 3);
    for (const QUrl &url : std::as_const(server.wsUrls))
        QCOMPARE(clientIdOf(url), QStringLiteral("stable-id"));
    // Each drop after a good connection starts the backoff from the minimum again.
    for (const auto &args : std::as_const(scheduled))
        QVERIFY(args.at(0).toInt() <= 20);
}

void TestComfySocket::backoffGrowsIsCappedAndResets()
{
    FakeComfy server;
    QVERIFY(server.isListening());
    const quint16 port = server.port();
    ComfySocket socket;
    socket.setBaseUrl(server.url());
    socket.setClientId(QStringLiteral("x"));
    socket.setReconnectDelays(10, 80);
    QSignalSpy connected(&socket, &ComfySocket::connected);
    QSignalSpy scheduled(&socket, &ComfySocket::reconnectScheduled);
    socket.open();
    QVERIFY(connected.wait(5000));

    // Nobody listens any more: every attempt fails and waits longer, up to the cap.
    server.stopListening();
    server.lastWebSocket()->abort();
    QTRY_VERIFY_WITH_TIMEOUT(scheduled.size() >= 7, 10000);
    QList<int> delays;
    for (const auto &args : std::as_const(scheduled))
        delays.append(args.at(0).toInt());
    int base = 10;
    for (int i = 0; i < delays.size(); ++i) {
        QVERIFY2(delays.at(i) <= base && delays.at(i) >= base * 3 / 4,
                 qPrintable(QStringLiteral("attempt %1: %2 ms, base %3")
                                .arg(i).arg(delays.at(i)).arg(base)));
        base = qMin(base * 2, 80);
    }
    QVERIFY(socket.failedAttempts() >= 7);

    // The server comes back on the same port: connected, and the backoff starts over.
    QVERIFY(server.listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 2, 10000);
    QCOMPARE(socket.failedAttempts(), 0);
    QVERIFY(!socket.isReconnectPending());
}

void TestComfySocket::closeNeverReconnects()
{
    FakeComfy server;
    QVERIFY(server.isListening());
    ComfySocket socket;
    socket.setBaseUrl(server.url());
    socket.setClientId(QStringLiteral("x"));
    socket.setReconnectDelays(10, 20);
    QSignalSpy connected(&socket, &ComfySocket::connected);
    QSignalSpy disconnected(&socket, &ComfySocket::disconnected);
    QSignalSpy accepted(&server, &FakeComfy::wsAccepted);
    socket.open();
    QVERIFY(connected.wait(5000));
    QVERIFY(accepted.size() == 1 || accepted.wait(5000));

    QSignalSpy serverSideGone(server.lastWebSocket(), &QWebSocket::disconnected);
    socket.close();
    QCOMPARE(disconnected.size(), 1);
    QVERIFY(!socket.isConnected());
    QVERIFY(!socket.isReconnectPending());
    QVERIFY(serverSideGone.wait(5000));
    // Many backoff periods (10-20 ms) pass: still no new handshake.
    QVERIFY(!accepted.wait(300));
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(disconnected.size(), 1);
}

void TestComfySocket::closeDuringBackoffStopsRetrying()
{
    FakeComfy server;
    QVERIFY(server.isListening());
    const QUrl url = server.url();
    server.stopListening(); // refused from the start
    ComfySocket socket;
    socket.setBaseUrl(url);
    socket.setReconnectDelays(10, 20);
    QSignalSpy scheduled(&socket, &ComfySocket::reconnectScheduled);
    QSignalSpy connected(&socket, &ComfySocket::connected);
    socket.open();
    QTRY_VERIFY_WITH_TIMEOUT(scheduled.size() >= 2, 5000);
    socket.close();
    QVERIFY(!socket.isReconnectPending());
    const qsizetype attempts = scheduled.size();
    QVERIFY(!scheduled.wait(200));
    QCOMPARE(scheduled.size(), attempts);
    QCOMPARE(connected.size(), 0);
}

QTEST_GUILESS_MAIN(TestComfySocket)

#include "tst_comfysocket.moc"
