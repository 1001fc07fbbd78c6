// The guard's request-boundary scanner, its target check, the router and the error table:
// the pure parts, fed byte by byte where boundaries matter.

#include "apierror.h"
#include "apirouter.h"
#include "httprequestscanner.h"
#include "requesttarget.h"

#include <QTest>

namespace {

HttpRequestScanner makeScanner(qint64 maxBody = 100, qint64 maxHead = 256)
{
    return HttpRequestScanner(maxHead, 20, [maxBody](const HttpRequestHead &) {
        return HttpHeadVerdict::accept(maxBody);
    });
}

HttpRequestScanner::Outcome feedByteByByte(HttpRequestScanner &scanner, const QByteArray &data)
{
    HttpRequestScanner::Outcome outcome = HttpRequestScanner::Outcome::Ok;
    for (qsizetype i = 0; i < data.size() && outcome == HttpRequestScanner::Outcome::Ok; ++i)
        outcome = scanner.feed(QByteArrayView(data.constData() + i, 1));
    return outcome;
}

} // namespace

class TestHttpRequestScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pipelinedRequestsByteByByte();
    void splitAnywhere();
    void inRequestTracksPartialRequests();
    void malformedHeads_data();
    void malformedHeads();
    void headLimitAcrossSmallFeeds();
    void chunkedBodyLimitIsTheSum();
    void validatorVerdictIsKept();
    void upgradeStopsScanning();
    void safeTargets_data();
    void safeTargets();
    void routerMatchesAndReportsAllowedMethods();
    void errorTableAndBody();
};

void TestHttpRequestScanner::pipelinedRequestsByteByByte()
{
    const QByteArray stream = "\r\nGET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                              "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                              "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "3;ext=1\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n";
    HttpRequestScanner scanner = makeScanner();
    QCOMPARE(feedByteByByte(scanner, stream), HttpRequestScanner::Outcome::Ok);
    QCOMPARE(scanner.completedRequests(), 3);
    QVERIFY(!scanner.inRequest());
}

void TestHttpRequestScanner::splitAnywhere()
{
    const QByteArray stream = "POST /b HTTP/1.1\nHost: h\nContent-Length: 3\n\nxyz"
                              "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
    for (qsizetype split = 1; split < stream.size(); ++split) {
        HttpRequestScanner scanner = makeScanner();
        QCOMPARE(scanner.feed(QByteArrayView(stream).first(split)),
                 HttpRequestScanner::Outcome::Ok);
        QCOMPARE(scanner.feed(QByteArrayView(stream).sliced(split)),
                 HttpRequestScanner::Outcome::Ok);
        QCOMPARE(scanner.completedRequests(), 2);
    }
}

void TestHttpRequestScanner::inRequestTracksPartialRequests()
{
    HttpRequestScanner scanner = makeScanner();
    QVERIFY(!scanner.inRequest());
    scanner.feed("GET / HTTP/1.1\r\nHo");
    QVERIFY(scanner.inRequest());
    scanner.feed("st: h\r\n\r\n");
    QVERIFY(!scanner.inRequest());
    scanner.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nab");
    QVERIFY(scanner.inRequest());
    scanner.feed("cd");
    QVERIFY(!scanner.inRequest());
    QCOMPARE(scanner.completedRequests(), 2);
}

void TestHttpRequestScanner::malformedHeads_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    const QByteArray host = "Host: h\r\n";
    QTest::newRow("cl+te") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 3\r\n"
                                         "Transfer-Encoding: chunked\r\n\r\n") << 400;
    QTest::newRow("cl-not-a-number") << QByteArray("POST / HTTP/1.1\r\n" + host
                                                   + "Content-Length: 3a\r\n\r\n") << 400;
    QTest::newRow("cl-negative") << QByteArray("POST / HTTP/1.1\r\n" + host
                                               + "Content-Length: -1\r\n\r\n") << 400;
    QTest::newRow("cl-conflict") << QByteArray("POST / HTTP/1.1\r\n" + host
                                               + "Content-Length: 3\r\nContent-Length: 4"
                                                 "\r\n\r\n") << 400;
    QTest::newRow("cl-huge") << QByteArray("POST / HTTP/1.1\r\n" + host
                                           + "Content-Length: 99999999999999999999999\r\n\r\n")
                             << 413;
    QTest::newRow("te-gzip") << QByteArray("POST / HTTP/1.1\r\n" + host
                                           + "Transfer-Encoding: gzip, chunked\r\n\r\n") << 501;
    QTest::newRow("space-before-colon") << QByteArray("GET / HTTP/1.1\r\nHost : h\r\n\r\n")
                                        << 400;
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\n" + host + "X: a\r\n b\r\n\r\n")
                              << 400;
    QTest::newRow("nul-in-value") << QByteArray("GET / HTTP/1.1\r\n" + host
                                                + QByteArray("X: a\0b\r\n\r\n", 10)) << 400;
    QTest::newRow("bad-request-line") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("bad-version") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 400;
    QTest::newRow("bad-chunk-size") << QByteArray("POST / HTTP/1.1\r\n" + host
                                                  + "Transfer-Encoding: chunked\r\n\r\n"
                                                    "zz\r\n") << 400;
    QTest::newRow("chunk-without-crlf") << QByteArray("POST / HTTP/1.1\r\n" + host
                                                      + "Transfer-Encoding: chunked\r\n\r\n"
                                                        "1\r\nab\r\n") << 400;
    QTest::newRow("body-over-limit") << QByteArray("POST / HTTP/1.1\r\n" + host
                                                   + "Content-Length: 101\r\n\r\n") << 413;
}

void TestHttpRequestScanner::malformedHeads()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    HttpRequestScanner scanner = makeScanner();
    QCOMPARE(scanner.feed(request), HttpRequestScanner::Outcome::Rejected);
    QCOMPARE(scanner.verdict().status, status);
    // Once rejected it stays rejected, whatever follows.
    QCOMPARE(scanner.feed("GET / HTTP/1.1\r\nHost: h\r\n\r\n"),
             HttpRequestScanner::Outcome::Rejected);
}

void TestHttpRequestScanner::headLimitAcrossSmallFeeds()
{
    HttpRequestScanner scanner = makeScanner(100, 256);
    QByteArray head = "GET / HTTP/1.1\r\nHost: h\r\nX: " + QByteArray(300, 'a');
    QCOMPARE(feedByteByByte(scanner, head), HttpRequestScanner::Outcome::Rejected);
    QCOMPARE(scanner.verdict().status, 431);

    // Exactly at the limit is fine.
    HttpRequestScanner fits = makeScanner(100, 256);
    QByteArray exact = "GET / HTTP/1.1\r\nHost: h\r\nX: ";
    exact += QByteArray(256 - exact.size() - 2, 'b') + "\r\n";
    QCOMPARE(exact.size(), 256);
    QCOMPARE(fits.feed(exact + "\r\n"), HttpRequestScanner::Outcome::Ok);
    QCOMPARE(fits.completedRequests(), 1);
}

void TestHttpRequestScanner::chunkedBodyLimitIsTheSum()
{
    HttpRequestScanner scanner = makeScanner(100);
    QCOMPARE(scanner.feed("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"),
             HttpRequestScanner::Outcome::Ok);
    QCOMPARE(scanner.feed("32\r\n" + QByteArray(50, 'x') + "\r\n"),
             HttpRequestScanner::Outcome::Ok);
    QCOMPARE(scanner.feed("32\r\n" + QByteArray(50, 'x') + "\r\n"),
             HttpRequestScanner::Outcome::Ok);
    QCOMPARE(scanner.feed("1\r\n"), HttpRequestScanner::Outcome::Rejected);
    QCOMPARE(scanner.verdict().status, 413);
}

void TestHttpRequestScanner::validatorVerdictIsKept()
{
    HttpRequestScanner scanner(1024, 20, [](const HttpRequestHead &head) {
        if (head.target == "/secret") {
            HttpHeadVerdict verdict = HttpHeadVerdict::reject(401, "no");
            verdict.delayMs = 250;
            return verdict;
        }
        return HttpHeadVerdict::accept(10);
    });
    QCOMPARE(scanner.feed("GET /open HTTP/1.1\r\nHost: h\r\n\r\n"),
             HttpRequestScanner::Outcome::Ok);
    QCOMPARE(scanner.feed("GET /secret HTTP/1.1\r\nHost: h\r\n\r\n"),
             HttpRequestScanner::Outcome::Rejected);
    QCOMPARE(scanner.verdict().status, 401);
    QCOMPARE(scanner.verdict().delayMs, 250);
    QCOMPARE(scanner.completedRequests(), 1);
}

void TestHttpRequestScanner::upgradeStopsScanning()
{
    HttpRequestScanner scanner = makeScanner();
    QCOMPARE(scanner.feed("GET /ws HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\n"
                          "Upgrade: websocket\r\n\r\n\x81\x05hello"),
             HttpRequestScanner::Outcome::Upgraded);
    QCOMPARE(scanner.feed("\x88\x00 not http at all"), HttpRequestScanner::Outcome::Upgraded);
}

void TestHttpRequestScanner::safeTargets_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("safe");
    QTest::newRow("plain") << QByteArray("/api/workflows") << true;
    QTest::newRow("query") << QByteArray("/api/workflow/x?wait=10&a=%2F..") << true;
    QTest::newRow("space") << QByteArray("/api/workflow/sd%20txt2img") << true;
    QTest::newRow("unicode") << QByteArray("/api/workflow/%E5%9B%BE") << true;
    QTest::newRow("dots-in-name") << QByteArray("/api/workflow/a..b") << true;
    QTest::newRow("dotdot") << QByteArray("/api/..") << false;
    QTest::newRow("dot") << QByteArray("/./api") << false;
    QTest::newRow("mixed-dotdot") << QByteArray("/api/.%2E") << false;
    QTest::newRow("slash") << QByteArray("/api/a%2fb") << false;
    QTest::newRow("backslash") << QByteArray("/api/a%5cb") << false;
    QTest::newRow("nul") << QByteArray("/api/a%00") << false;
    QTest::newRow("nul-in-query") << QByteArray("/api/a?x=%00") << false;
    QTest::newRow("zero-width") << QByteArray("/api/a%E2%80%8Bb") << false;
    QTest::newRow("rlo") << QByteArray("/api/%E2%80%AE") << false;
    QTest::newRow("overlong") << QByteArray("/api/%C0%AE%C0%AE") << false;
    QTest::newRow("del") << QByteArray("/api/a%7F") << false;
    QTest::newRow("raw-high-byte") << QByteArray("/api/\xE5\x9B\xBE") << false;
    QTest::newRow("truncated-escape") << QByteArray("/api/a%4") << false;
    QTest::newRow("absolute-form") << QByteArray("http://h/api") << false;
    QTest::newRow("asterisk") << QByteArray("*") << false;
}

void TestHttpRequestScanner::safeTargets()
{
    QFETCH(QByteArray, target);
    QFETCH(bool, safe);
    QByteArray reason;
    QCOMPARE(RequestTarget::isSafe(target, &reason), safe);
    QCOMPARE(reason.isEmpty(), safe);
}

void TestHttpRequestScanner::routerMatchesAndReportsAllowedMethods()
{
    ApiRouter router;
    auto ok = [](const ApiRequest &) { return ApiResponse::json(QJsonObject()); };
    QVERIFY(router.add("GET", QStringLiteral("/api/workflow/<name>"),
                       ApiRouter::BodyType::None, ok));
    QVERIFY(router.add("POST", QStringLiteral("/api/workflow/<name>"),
                       ApiRouter::BodyType::Json, ok));
    QVERIFY(router.add("GET", QStringLiteral("/api/workflows"), ApiRouter::BodyType::None, ok));
    QVERIFY(!router.add("GET", QStringLiteral("/api/workflows"), ApiRouter::BodyType::None, ok));
    QVERIFY(!router.add("GET", QStringLiteral("/api/x<y>"), ApiRouter::BodyType::None, ok));

    ApiRouter::Match match = router.match("POST", ApiRouter::splitPath("/api/workflow/a%20b"));
    QVERIFY(match.route);
    QCOMPARE(match.route->method, QByteArray("POST"));
    QCOMPARE(match.args.value(QStringLiteral("name")), QStringLiteral("a b"));

    match = router.match("DELETE", ApiRouter::splitPath("/api/workflow/a"));
    QVERIFY(!match.route);
    QCOMPARE(match.allowedMethods, (QList<QByteArray>{"GET", "POST"}));

    QVERIFY(router.match("GET", ApiRouter::splitPath("/api/workflow/")).allowedMethods.isEmpty());
    QVERIFY(router.match("GET", ApiRouter::splitPath("/api/workflow/a/b")).allowedMethods
                .isEmpty());
    QVERIFY(!router.match("GET", ApiRouter::splitPath("/api/workflows/")).route);
}

void TestHttpRequestScanner::errorTableAndBody()
{
    QCOMPARE(ApiError::httpStatus(ApiError::Kind::MisdirectedRequest), 421);
    QCOMPARE(ApiError::httpStatus(ApiError::Kind::HeaderFieldsTooLarge), 431);
    QCOMPARE(ApiError::httpStatus(ApiError::Kind::GatewayTimeout), 504);
    ApiError error(ApiError::Kind::BadRequest, QStringLiteral("validation failed"));
    error.withDetail(QStringLiteral("node_errors"), QJsonObject{{QStringLiteral("3"), 1}});
    error.withDetail(QStringLiteral("status_code"), 999); // cannot override the shape
    const QJsonObject body = error.toJson();
    QCOMPARE(body.value(QStringLiteral("error")).toString(), QStringLiteral("validation failed"));
    QCOMPARE(body.value(QStringLiteral("status_code")).toInt(), 400);
    QVERIFY(body.value(QStringLiteral("node_errors")).isObject());
    QCOMPARE(ApiError::reasonPhrase(431), QByteArray("Request Header Fields Too Large"));
}

QTEST_GUILESS_MAIN(TestHttpRequestScanner)
#include "tst_httprequestscanner.moc"
