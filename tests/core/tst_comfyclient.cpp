#include "clientidentity.h"
#include "comfyclient.h"
#include "fakecomfy.h"
#include "recordedbody.h"

#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// One canned answer for every path: these tests look at one request at a time.
FakeComfy::Answer canned(const QByteArray &body, int status = 200)
{
    FakeComfy::Answer answer;
    answer.status = status;
    answer.body = body;
    return answer;
}

QByteArray recorded(const QString &file)
{
    return RecordedBody::load(QStringLiteral("v0.3.65"), file);
}

// Runs a request to its end and hands back what the reply carried.
struct Outcome
{
    ComfyError error;
    int status = 0;
    QByteArray data;
    QJsonDocument json;
    QByteArray contentDisposition;
    int finishedCount = 0;
};

Outcome run(ComfyReply *reply)
{
    Outcome outcome;
    QObject::connect(reply, &ComfyReply::finished, reply, [&outcome, reply] {
        ++outcome.finishedCount;
        outcome.error = reply->error();
        outcome.status = reply->httpStatus();
        outcome.data = reply->data();
        outcome.json = reply->json();
        outcome.contentDisposition = reply->header("content-disposition");
    });
    QSignalSpy destroyed(reply, &QObject::destroyed);
    destroyed.wait(10000);
    return outcome;
}

} // namespace

class TestComfyClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endpointUrls();
    void viewUrlEncodesEverything();
    void getWithBearerAndNoOrigin();
    void pathPrefixIsKept();
    void submitMinimalBody();
    void submitFullOptions();
    void submitWorkflowNameMergesExtraData();
    void validationError400();
    void serverError500Text();
    void emptyBodySuccess_data();
    void emptyBodySuccess();
    void garbageOnJsonRoute();
    void emptyBodyOnJsonRoute();
    void historyQueryAndEncodedId();
    void historyBytesLeavesBodyUnparsed();
    void objectInfoOneClass();
    void viewReturnsBytesAndHeaders();
    void uploadMultipart();
    void timeoutIsTimeout();
    void refusedPortIsUnreachable();
    void abortIsCancelled();
    void clientDestroyedMidRequest();
};

void TestComfyClient::endpointUrls()
{
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(QUrl(QStringLiteral("https://host.example/comfy/")));
    QCOMPARE(client.endpoint(QStringLiteral("/prompt")).toString(),
             QStringLiteral("https://host.example/comfy/prompt"));
    client.setBaseUrl(QUrl(QStringLiteral("http://10.0.0.2:8188")));
    QCOMPARE(client.endpoint(QStringLiteral("/history"),
                             {{QStringLiteral("max_items"), QStringLiteral("2")}})
                 .toString(),
             QStringLiteral("http://10.0.0.2:8188/history?max_items=2"));
}

void TestComfyClient::viewUrlEncodesEverything()
{
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:8188/pre")));
    const QUrl url = client.viewUrl(QStringLiteral("a+b&c=d #\u00e9.png"),
                                    QStringLiteral("dir/sub"), QStringLiteral("output"));
    QCOMPARE(url.toString(QUrl::FullyEncoded),
             QStringLiteral("http://127.0.0.1:8188/pre/view?filename=a%2Bb%26c%3Dd%20%23%C3%A9.png"
                            "&subfolder=dir%2Fsub&type=output"));
    // Empty subfolder is still sent, as ComfyUI's own frontend does.
    QVERIFY(client.viewUrl(QStringLiteral("x.png"), {}, QStringLiteral("temp"))
                .toString()
                .endsWith(QLatin1String("view?filename=x.png&subfolder=&type=temp")));
}

void TestComfyClient::getWithBearerAndNoOrigin()
{
    FakeComfy server;
    server.answerOthers(canned(recorded(QStringLiteral("system_stats.json"))));
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());
    client.setBearerToken(QStringLiteral("s3cret"));

    const Outcome outcome = run(client.systemStats());
    QCOMPARE(outcome.finishedCount, 1);
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.message));
    QCOMPARE(outcome.status, 200);
    QVERIFY(outcome.json.object().value(QLatin1String("system")).isObject());

    QCOMPARE(server.hits.size(), 1);
    const FakeComfy::Hit &request = server.hits.first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.target, QByteArray("/system_stats"));
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer s3cret"));
    QVERIFY(!request.hasHeader("Origin"));
}

void TestComfyClient::pathPrefixIsKept()
{
    FakeComfy server;
    server.answerOthers(canned(R"({"queue_running": [], "queue_pending": []})"));
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url(QStringLiteral("/comfy/")));

    const Outcome outcome = run(client.queue());
    QVERIFY(!outcome.error.isError());
    QCOMPARE(server.hits.first().target, QByteArray("/comfy/queue"));
    QVERIFY(!server.hits.first().hasHeader("Authorization"));
    QVERIFY(!server.hits.first().hasHeader("Origin"));
}

void TestComfyClient::submitMinimalBody()
{
    FakeComfy server;
    server.answerOthers(canned(recorded(QStringLiteral("prompt_post_ok.json"))));
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());
    client.setClientId(QStringLiteral("desk-1"));

    QJsonObject prompt;
    prompt.insert(QLatin1String("1"), QJsonObject{{QLatin1String("class_type"),
                                                   QLatin1String("EmptyImage")}});
    const Outcome outcome = run(client.submitPrompt(prompt));
    QVERIFY(!outcome.error.isError());
    QVERIFY(!outcome.json.object().value(QLatin1String("prompt_id")).toString().isEmpty());
    QVERIFY(outcome.json.object().value(QLatin1String("node_errors")).isObject());

    const FakeComfy::Hit &request = server.hits.first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.target, QByteArray("/prompt"));
    QVERIFY(request.header("Content-Type").startsWith("application/json"));
    const QJsonObject body = request.json();
    QCOMPARE(body.keys(), (QStringList{QStringLiteral("client_id"), QStringLiteral("prompt")}));
    QCOMPARE(body.value(QLatin1String("prompt")).toObject(), prompt);
    QCOMPARE(body.value(QLatin1String("client_id")).toString(), QStringLiteral("desk-1"));
}

void TestComfyClient::submitFullOptions()
{
    FakeComfy server;
    server.answerOthers(canned(R"({"prompt_id": "mine", "number": 4, "node_errors": {}})"));
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());
    client.setClientId(QStringLiteral("desk-1"));

    SubmitOptions options;
    options.promptId = QStringLiteral("mine");
    options.front = true;
    options.extraData.insert(QLatin1String("extra_pnginfo"),
                             QJsonObject{{QLatin1String("workflow"), QLatin1String("w")}});
    options.partialExecutionTargets = {QStringLiteral("2")};
    const Outcome outcome = run(client.submitPrompt(QJsonObject(), options));
    QVERIFY(!outcome.error.isError());
    QCOMPARE(outcome.json.object().value(QLatin1String("prompt_id")).toString(),
             QStringLiteral("mine"));

    const QJsonObject body = server.hits.first().json();
    QCOMPARE(body.value(QLatin1String("prompt_id")).toString(), QStringLiteral("mine"));
    QCOMPARE(body.value(QLatin1String("front")), QJsonValue(true));
    QCOMPARE(body.value(QLatin1String("extra_data")).toObject(), options.extraData);
    QCOMPARE(body.value(QLatin1String("partial_execution_targets")).toArray(),
             QJsonArray{QLatin1String("2")});
    QCOMPARE(body.value(QLatin1String("client_id")).toString(), QStringLiteral("desk-1"));
}

void TestComfyClient::submitWorkflowNameMergesExtraData()
{
    FakeComfy server;
    server.answerOthers(canned(R"({"prompt_id": "p", "number": 1, "node_errors": {}})"));
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());

    SubmitOptions options;
    options.workflowName = QStringLiteral("portraits/sd 1.5");
    QVERIFY(!run(client.submitPrompt(QJsonObject(), options)).error.isError());
    // A caller's own extra data and "comfydesk" keys are kept beside the name.
    options.extraData.insert(QLatin1String("extra_pnginfo"), QJsonObject());
    options.extraData.insert(QLatin1String("comfydesk"),
                             QJsonObject{{QLatin1String("requeued_from"), QLatin1String("x")}});
    QVERIFY(!run(client.submitPrompt(QJsonObject(), options)).error.isError());
    // No name: nothing is added.
    QVERIFY(!run(client.submitPrompt(QJsonObject())).error.isError());

    QCOMPARE(server.hits.size(), 3);
    const QJsonObject only =
        server.hits.at(0).json().value(QLatin1String("extra_data")).toObject();
    QCOMPARE(only, (QJsonObject{{QLatin1String("comfydesk"),
                                 QJsonObject{{QLatin1String("workflow"),
                                              QLatin1String("portraits/sd 1.5")}}}}));
    const QJsonObject merged =
        server.hits.at(1).json().value(QLatin1String("extra_data")).toObject();
    QVERIFY(merged.contains(QLatin1String("extra_pnginfo")));
    QCOMPARE(merged.value(QLatin1String("comfydesk")).toObject(),
             (QJsonObject{{QLatin1String("requeued_from"), QLatin1String("x")},
                          {QLatin1String("workflow"), QLatin1String("portraits/sd 1.5")}}));
    QVERIFY(!server.hits.at(2).json().contains(QLatin1String("extra_data")));
}

void TestComfyClient::validationError400()
{
    FakeComfy server;
    server.answerOthers(
        canned(recorded(QStringLiteral("prompt_invalid_value_out_of_range.json")), 400));
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());

    const Outcome outcome = run(client.submitPrompt(QJsonObject()));
    QCOMPARE(outcome.finishedCount, 1);
    QCOMPARE(outcome.error.kind, ComfyError::Kind::Http);
    QCOMPARE(outcome.error.httpStatus, 400);
    QCOMPARE(outcome.error.errorObject.value(QLatin1String("type")).toString(),
             QStringLiteral("prompt_outputs_failed_validation"));
    QVERIFY(outcome.error.message.contains(QLatin1String("Prompt outputs failed validation")));
    QVERIFY(outcome.error.message.contains(server.url().toString()));
    const QJsonArray errors = outcome.error.nodeErrors.value(QLatin1String("1")).toObject()
                                  .value(QLatin1String("errors")).toArray();
    QVERIFY(!errors.isEmpty());
    QCOMPARE(errors.first().toObject().value(QLatin1String("type")).toString(),
             QStringLiteral("value_smaller_than_min"));
    QCOMPARE(errors.first().toObject().value(QLatin1String("extra_info")).toObject()
                 .value(QLatin1String("input_name")).toString(),
             QStringLiteral("width"));
    QVERIFY(!outcome.error.body.isEmpty());
}

void TestComfyClient::serverError500Text()
{
    FakeComfy server;
    FakeComfy::Answer answer =
        canned("500 Internal Server Error\n\nServer got itself in trouble", 500);
    answer.contentType = "text/plain; charset=utf-8";
    server.answerOthers(answer);
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());

    const Outcome outcome = run(client.submitPrompt(QJsonObject()));
    QCOMPARE(outcome.error.kind, ComfyError::Kind::Http);
    QCOMPARE(outcome.error.httpStatus, 500);
    QCOMPARE(outcome.error.body, answer.body);
    QVERIFY(outcome.error.errorObject.isEmpty());
    QVERIFY(outcome.error.message.contains(QLatin1String("Server got itself in trouble")));
}

void TestComfyClient::emptyBodySuccess_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("queue delete") << "deleteFromQueue" << QByteArray("/queue")
                                  << QByteArray(R"({"delete":["a","b"]})");
    QTest::newRow("queue clear") << "clearQueue" << QByteArray("/queue")
                                 << QByteArray(R"({"clear":true})");
    QTest::newRow("interrupt one") << "interruptOne" << QByteArray("/interrupt")
                                   << QByteArray(R"({"prompt_id":"a"})");
    QTest::newRow("interrupt all") << "interruptAll" << QByteArray("/interrupt") << QByteArray();
    QTest::newRow("history delete") << "deleteHistory" << QByteArray("/history")
                                    << QByteArray(R"({"delete":["a","b"]})");
    QTest::newRow("history clear") << "clearHistory" << QByteArray("/history")
                                   << QByteArray(R"({"clear":true})");
    QTest::newRow("free") << "free" << QByteArray("/free")
                          << QByteArray(R"({"free_memory":false,"unload_models":true})");
}

// As recorded: these routes answer 200 with an empty application/octet-stream body.
void TestComfyClient::emptyBodySuccess()
{
    QFETCH(QString, call);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);

    FakeComfy server;
    FakeComfy::Answer answer = canned({});
    answer.contentType = "application/octet-stream";
    server.answerOthers(answer);
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());

    const QStringList ids = {QStringLiteral("a"), QStringLiteral("b")};
    ComfyReply *reply = nullptr;
    if (call == QLatin1String("deleteFromQueue"))
        reply = client.deleteFromQueue(ids);
    else if (call == QLatin1String("clearQueue"))
        reply = client.clearQueue();
    else if (call == QLatin1String("interruptOne"))
        reply = client.interrupt(QStringLiteral("a"));
    else if (call == QLatin1String("interruptAll"))
        reply = client.interrupt();
    else if (call == QLatin1String("deleteHistory"))
        reply = client.deleteHistory(ids);
    else if (call == QLatin1String("clearHistory"))
        reply = client.clearHistory();
    else
        reply = client.freeMemory(true, false);

    const Outcome outcome = run(reply);
    QCOMPARE(outcome.finishedCount, 1);
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.message));
    QCOMPARE(outcome.status, 200);
    QVERIFY(outcome.json.isNull());

    const FakeComfy::Hit &request = server.hits.first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.target, target);
    if (body.isEmpty())
        QVERIFY(request.body.isEmpty());
    else
        QCOMPARE(request.json(), QJsonDocument::fromJson(body).object());
}

void TestComfyClient::garbageOnJsonRoute()
{
    FakeComfy server;
    FakeComfy::Answer answer = canned("<html>captive portal</html>");
    answer.contentType = "text/html";
    server.answerOthers(answer);
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());

    const Outcome outcome = run(client.systemStats());
    QCOMPARE(outcome.error.kind, ComfyError::Kind::InvalidJson);
    QCOMPARE(outcome.error.httpStatus, 200);
    QCOMPARE(outcome.error.body, answer.body);
}

void TestComfyClient::emptyBodyOnJsonRoute()
{
    FakeComfy server;
    server.answerOthers(canned({}));
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());

    const Outcome outcome = run(client.queue());
    QCOMPARE(outcome.error.kind, ComfyError::Kind::InvalidJson);
}

void TestComfyClient::historyQueryAndEncodedId()
{
    FakeComfy server;
    server.answerOthers(canned("{}"));
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());

    QVERIFY(!run(client.history(2, 5)).error.isError());
    QVERIFY(!run(client.history()).error.isError());
    QVERIFY(!run(client.historyFor(QStringLiteral("my id/1?x"))).error.isError());
    QCOMPARE(server.hits.size(), 3);
    QCOMPARE(server.hits.at(0).target, QByteArray("/history?max_items=2&offset=5"));
    QCOMPARE(server.hits.at(1).target, QByteArray("/history"));
    QCOMPARE(server.hits.at(2).target, QByteArray("/history/my%20id%2F1%3Fx"));
}

void TestComfyClient::historyBytesLeavesBodyUnparsed()
{
    const QByteArray body = recorded(QStringLiteral("history_all.json"));
    FakeComfy server;
    server.answerOthers(canned(body));
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());

    const Outcome outcome = run(client.historyBytes(500, 1000));
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.message));
    QCOMPARE(outcome.data, body);
    QVERIFY(outcome.json.isNull());
    QCOMPARE(server.hits.first().target, QByteArray("/history?max_items=500&offset=1000"));
}

void TestComfyClient::objectInfoOneClass()
{
    FakeComfy server;
    server.answerOthers(canned(recorded(QStringLiteral("object_info_EmptyImage.json"))));
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());

    const Outcome one = run(client.objectInfo(QStringLiteral("EmptyImage")));
    QVERIFY(one.json.object().contains(QLatin1String("EmptyImage")));
    QVERIFY(!run(client.objectInfo()).error.isError());
    QCOMPARE(server.hits.at(0).target, QByteArray("/object_info/EmptyImage"));
    QCOMPARE(server.hits.at(1).target, QByteArray("/object_info"));
}

void TestComfyClient::viewReturnsBytesAndHeaders()
{
    QFile png(QStringLiteral(COMFYDESK_TEST_DATA "/transcripts/v0.3.65/view_output.png"));
    QVERIFY(png.open(QIODevice::ReadOnly));
    FakeComfy server;
    FakeComfy::Answer answer = canned(png.readAll());
    answer.contentType = "image/png";
    answer.headers = {{"Content-Disposition", "filename=\"out 1.png\""}};
    server.answerOthers(answer);
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());

    const Outcome outcome = run(client.view(QStringLiteral("out 1.png"), QString(),
                                            QStringLiteral("output"),
                                            QStringLiteral("webp;50")));
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.message));
    QCOMPARE(outcome.data, answer.body);
    QCOMPARE(outcome.contentDisposition, QByteArray("filename=\"out 1.png\""));
    QCOMPARE(server.hits.first().target,
             QByteArray("/view?filename=out%201.png&subfolder=&type=output&preview=webp%3B50"));
}

void TestComfyClient::uploadMultipart()
{
    FakeComfy server;
    server.answerOthers(canned(R"({"name": "in put.png", "subfolder": "sub", "type": "temp"})"));
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());
    client.setBearerToken(QStringLiteral("tok"));

    // NUL and high bytes must travel untouched.
    const QByteArray bytes = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(3, '\0')
                             + QByteArray("\xff\x01") + "binary";
    const Outcome outcome = run(client.uploadImage(bytes, QStringLiteral("in put.png"),
                                                   QStringLiteral("sub"),
                                                   QStringLiteral("temp"), true));
    QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.message));
    QCOMPARE(outcome.json.object().value(QLatin1String("name")).toString(),
             QStringLiteral("in put.png"));

    const FakeComfy::Hit &request = server.hits.first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.target, QByteArray("/upload/image"));
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer tok"));
    QVERIFY(!request.hasHeader("Origin"));
    const QByteArray contentType = request.header("Content-Type");
    QVERIFY2(contentType.startsWith("multipart/form-data; boundary="), contentType.constData());
    QByteArray boundary = contentType.mid(contentType.indexOf('=') + 1);
    if (boundary.startsWith('"'))
        boundary = boundary.mid(1, boundary.size() - 2);

    // Split the body into parts: name -> (headers, body).
    QHash<QByteArray, QPair<QByteArray, QByteArray>> parts;
    QVERIFY(request.body.endsWith("--" + boundary + "--\r\n"));
    qsizetype pos = request.body.indexOf("--" + boundary);
    while (pos >= 0) {
        const qsizetype start = pos + 2 + boundary.size() + 2;
        const qsizetype next = request.body.indexOf("\r\n--" + boundary, start);
        if (next < 0)
            break;
        const QByteArray part = request.body.mid(start, next - start);
        const qsizetype split = part.indexOf("\r\n\r\n");
        const QByteArray headers = part.left(split);
        const qsizetype nameAt = headers.indexOf("name=\"") + 6;
        const QByteArray name = headers.mid(nameAt, headers.indexOf('"', nameAt) - nameAt);
        parts.insert(name, {headers, part.mid(split + 4)});
        pos = next + 2;
    }
    QCOMPARE(parts.size(), 4);
    QVERIFY(parts.value("image").first.contains("filename=\"in put.png\""));
    QVERIFY(parts.value("image").first.contains("image/png"));
    QCOMPARE(parts.value("image").second, bytes);
    QCOMPARE(parts.value("overwrite").second, QByteArray("true"));
    QCOMPARE(parts.value("subfolder").second, QByteArray("sub"));
    QCOMPARE(parts.value("type").second, QByteArray("temp"));
}

void TestComfyClient::timeoutIsTimeout()
{
    FakeComfy server;
    server.hold();
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());
    client.setTimeoutMs(200);

    const Outcome outcome = run(client.queue());
    QCOMPARE(outcome.finishedCount, 1);
    QCOMPARE(outcome.error.kind, ComfyError::Kind::Timeout);
    QVERIFY(outcome.error.message.contains(QLatin1String("/queue")));
    QCOMPARE(server.hits.size(), 1);
}

void TestComfyClient::refusedPortIsUnreachable()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    } // closed: nothing listens there now
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    const QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(port));
    client.setBaseUrl(base);

    const Outcome outcome = run(client.systemStats());
    QCOMPARE(outcome.finishedCount, 1);
    QCOMPARE(outcome.error.kind, ComfyError::Kind::Unreachable);
    QVERIFY2(outcome.error.message.contains(base.toString() + QLatin1String("/system_stats")),
             qPrintable(outcome.error.message));
    QCOMPARE(ComfyError::kindName(outcome.error.kind), QStringLiteral("unreachable"));
    // The cause as a code, for views that word it ("connection refused").
    QCOMPARE(outcome.error.networkError, int(QNetworkReply::ConnectionRefusedError));
}

void TestComfyClient::abortIsCancelled()
{
    FakeComfy server;
    server.hold();
    QNetworkAccessManager nam;
    ComfyClient client(nam);
    client.setBaseUrl(server.url());

    ComfyReply *reply = client.queue();
    QSignalSpy received(&server, &FakeComfy::hit);
    QVERIFY(received.wait(5000));
    QSignalSpy finished(reply, &ComfyReply::finished);
    QSignalSpy destroyed(reply, &QObject::destroyed);
    ComfyError::Kind kind = ComfyError::Kind::None;
    connect(reply, &ComfyReply::finished, this, [&kind, reply] { kind = reply->error().kind; });
    reply->abort();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(kind, ComfyError::Kind::Cancelled);
    reply->abort(); // a second abort is a no-op
    QVERIFY(destroyed.wait(5000));
    QCOMPARE(finished.size(), 1);
}

void TestComfyClient::clientDestroyedMidRequest()
{
    FakeComfy server;
    server.hold();
    QNetworkAccessManager nam;
    auto *client = new ComfyClient(nam);
    client->setBaseUrl(server.url());
    client->setTimeoutMs(60000);

    QPointer<ComfyReply> reply = client->history();
    ComfyError::Kind kind = ComfyError::Kind::None;
    int count = 0;
    connect(reply, &ComfyReply::finished, this, [&, reply] {
        ++count;
        kind = reply->error().kind;
    });
    QSignalSpy received(&server, &FakeComfy::hit);
    QVERIFY(received.wait(5000));
    delete client;
    QCOMPARE(count, 1);
    QCOMPARE(kind, ComfyError::Kind::Cancelled);
    QTRY_VERIFY_WITH_TIMEOUT(reply.isNull(), 5000);
    QCOMPARE(count, 1);
}

QTEST_GUILESS_MAIN(TestComfyClient)

#include "tst_comfyclient.moc"
