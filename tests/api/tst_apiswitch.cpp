// The REST API switch as the desktop app and --headless use it: safe defaults, a token
// beyond loopback, and clear refusals.
#include "apicontext.h"
#include "apiswitch.h"
#include "comfyconnection.h"
#include "workflowstore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

namespace {

int getStatus(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &token = {})
{
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply = nam.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait(10000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::Any, 0);
    return probe.serverPort();
}

} // namespace

class TestApiSwitch : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_nam;
    ComfyConnection m_connection{m_nam};
    WorkflowStore m_workflows{QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows")};
    ApiContext m_context{m_connection, m_workflows};

private Q_SLOTS:
    void loopbackNeedsNoToken()
    {
        ApiSwitch api(m_context);
        const quint16 port = freePort();
        const ApiSwitch::Result result = api.turnOn(QStringLiteral("127.0.0.1"), port, {});
        QVERIFY2(result.listening, qPrintable(result.message));
        QVERIFY(result.token.isEmpty());
        QCOMPARE(result.port, port);
        QVERIFY(api.isOn());
        QCOMPARE(getStatus(m_nam, QUrl(QStringLiteral("http://127.0.0.1:%1/api/workflows")
                                           .arg(port))), 200);
        api.turnOff();
        QVERIFY(!api.isOn());
        QCOMPARE(getStatus(m_nam, QUrl(QStringLiteral("http://127.0.0.1:%1/api/workflows")
                                           .arg(port))), 0); // refused: nothing listens
    }

    // What the status bar shows: every answered request counts, across off and on again.
    void countsRequestsServed()
    {
        ApiSwitch api(m_context);
        QCOMPARE(api.requestsServed(), quint64(0));
        const quint16 port = freePort();
        QVERIFY(api.turnOn(QStringLiteral("127.0.0.1"), port, {}).listening);
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        QCOMPARE(getStatus(m_nam, QUrl(base + QStringLiteral("/api/workflows"))), 200);
        QCOMPARE(getStatus(m_nam, QUrl(base + QStringLiteral("/api/nothing-here"))), 404);
        QCOMPARE(api.requestsServed(), quint64(2));
        api.turnOff();
        QCOMPARE(api.requestsServed(), quint64(2));
        QVERIFY(api.turnOn(QStringLiteral("127.0.0.1"), port, {}).listening);
        QCOMPARE(getStatus(m_nam, QUrl(base + QStringLiteral("/api/workflows"))), 200);
        QCOMPARE(api.requestsServed(), quint64(3));
    }

    void beyondLoopbackGetsAGeneratedToken()
    {
        ApiSwitch api(m_context);
        const quint16 port = freePort();
        const ApiSwitch::Result result = api.turnOn(QStringLiteral("0.0.0.0"), port, {});
        QVERIFY2(result.listening, qPrintable(result.message));
        QVERIFY(result.tokenGenerated);
        QCOMPARE(result.token.size(), 22); // 128 bits, base64url
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/api/workflows").arg(port));
        QCOMPARE(getStatus(m_nam, url), 401);
        QCOMPARE(getStatus(m_nam, url, "wrong"), 401);
        QCOMPARE(getStatus(m_nam, url, result.token.toUtf8()), 200);
    }

    void portZeroReportsTheRealPort()
    {
        ApiSwitch api(m_context);
        const ApiSwitch::Result result = api.turnOn(QStringLiteral("127.0.0.1"), 0, {});
        QVERIFY(result.listening);
        QVERIFY(result.port != 0);
        QVERIFY(result.message.contains(QString::number(result.port)));
    }

    void givenTokenIsKept()
    {
        ApiSwitch api(m_context);
        const ApiSwitch::Result result = api.turnOn(QStringLiteral("0.0.0.0"), freePort(),
                                                    QStringLiteral("my-token-0123456789"));
        QVERIFY(result.listening);
        QVERIFY(!result.tokenGenerated);
        QCOMPARE(result.token, QStringLiteral("my-token-0123456789"));
    }

    void configuredLimitsAndCorsApply()
    {
        ApiSwitch api(m_context);
        ApiGuardConfig guard;
        guard.maxJsonBodyBytes = 1024;
        guard.corsAllowedOrigins = {QStringLiteral("http://tool.lan:8080")};
        api.setGuardConfig(guard);
        const quint16 port = freePort();
        QVERIFY(api.turnOn(QStringLiteral("127.0.0.1"), port, {}).listening);
        const QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(port));

        QNetworkRequest big(base.resolved(QUrl(QStringLiteral("/api/workflow/invert_empty_image"))));
        big.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = m_nam.post(big, "{\"1\": {\"inputs\": {\"color\": \""
                                                    + QByteArray(2048, 'x') + "\"}}}");
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
        reply->deleteLater();

        QNetworkRequest allowed(base.resolved(QUrl(QStringLiteral("/api/workflows"))));
        allowed.setRawHeader("Origin", "http://tool.lan:8080");
        reply = m_nam.get(allowed);
        QSignalSpy done2(reply, &QNetworkReply::finished);
        QVERIFY(done2.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->rawHeader("Access-Control-Allow-Origin"),
                 QByteArray("http://tool.lan:8080"));
        reply->deleteLater();

        QNetworkRequest foreign(base.resolved(QUrl(QStringLiteral("/api/workflows"))));
        foreign.setRawHeader("Origin", "http://evil.example");
        reply = m_nam.get(foreign);
        QSignalSpy done3(reply, &QNetworkReply::finished);
        QVERIFY(done3.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 403);
        reply->deleteLater();
    }

    void clearRefusals()
    {
        ApiSwitch api(m_context);
        ApiSwitch::Result result = api.turnOn(QStringLiteral("not-an-address"), 5000, {});
        QVERIFY(!result.listening);
        QVERIFY(result.message.contains(QLatin1String("not-an-address")));

        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        result = api.turnOn(QStringLiteral("127.0.0.1"), taken.serverPort(), {});
        QVERIFY(!result.listening);
        QVERIFY2(result.message.contains(QString::number(taken.serverPort())),
                 qPrintable(result.message));
        QVERIFY(!api.isOn());
    }
};

QTEST_GUILESS_MAIN(TestApiSwitch)
#include "tst_apiswitch.moc"
