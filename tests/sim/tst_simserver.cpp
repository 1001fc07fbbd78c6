// Smoke tests of the ComfyUI simulator over raw HTTP and websockets (never core's client).
#include "simserver.h"

#include <QBuffer>
#include <QHttpMultiPart>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>

namespace {

struct Reply
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QByteArray pngBytes(QRgb color)
{
    QImage image(4, 4, QImage::Format_RGB888);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QJsonObject invertGraph(int color)
{
    return QJsonObject{
        {QStringLiteral("1"), QJsonObject{{QStringLiteral("class_type"), QStringLiteral("EmptyImage")},
                               {QStringLiteral("inputs"), QJsonObject{{QStringLiteral("width"), 16},
                                                             {QStringLiteral("height"), 8},
                                                             {QStringLiteral("batch_size"), 1},
                                                             {QStringLiteral("color"), color}}}}},
        {QStringLiteral("2"), QJsonObject{{QStringLiteral("class_type"), QStringLiteral("ImageInvert")},
                               {QStringLiteral("inputs"), QJsonObject{{QStringLiteral("image"),
                                                             QJsonArray{QStringLiteral("1"), 0}}}}}},
        {QStringLiteral("3"), QJsonObject{{QStringLiteral("class_type"), QStringLiteral("SaveImage")},
                               {QStringLiteral("inputs"), QJsonObject{
                                        {QStringLiteral("images"), QJsonArray{QStringLiteral("2"), 0}},
                                        {QStringLiteral("filename_prefix"), QStringLiteral("sub/inv")}}}}}};
}

QJsonObject node(const char *type, const QJsonObject &inputs)
{
    return QJsonObject{{QStringLiteral("class_type"), QString::fromLatin1(type)},
                       {QStringLiteral("inputs"), inputs}};
}

QJsonArray link(const char *id, int slot)
{
    return QJsonArray{QString::fromLatin1(id), slot};
}

QJsonObject samplerGraph(int steps, int seed)
{
    return QJsonObject{
        {QStringLiteral("4"), node("CheckpointLoaderSimple",
                                   {{QStringLiteral("ckpt_name"),
                                     QStringLiteral("v1-5-pruned-emaonly.safetensors")}})},
        {QStringLiteral("5"), node("EmptyLatentImage", {{QStringLiteral("width"), 64},
                                                        {QStringLiteral("height"), 64},
                                                        {QStringLiteral("batch_size"), 1}})},
        {QStringLiteral("6"), node("CLIPTextEncode", {{QStringLiteral("text"), QStringLiteral("a cat")},
                                                      {QStringLiteral("clip"), link("4", 1)}})},
        {QStringLiteral("7"), node("CLIPTextEncode", {{QStringLiteral("text"), QStringLiteral("blurry")},
                                                      {QStringLiteral("clip"), link("4", 1)}})},
        {QStringLiteral("3"), node("KSampler", {{QStringLiteral("model"), link("4", 0)},
                                                {QStringLiteral("seed"), seed},
                                                {QStringLiteral("steps"), steps},
                                                {QStringLiteral("cfg"), 7.0},
                                                {QStringLiteral("sampler_name"), QStringLiteral("euler")},
                                                {QStringLiteral("scheduler"), QStringLiteral("normal")},
                                                {QStringLiteral("positive"), link("6", 0)},
                                                {QStringLiteral("negative"), link("7", 0)},
                                                {QStringLiteral("latent_image"), link("5", 0)},
                                                {QStringLiteral("denoise"), 1.0}})},
        {QStringLiteral("8"), node("VAEDecode", {{QStringLiteral("samples"), link("3", 0)},
                                                 {QStringLiteral("vae"), link("4", 2)}})},
        {QStringLiteral("9"), node("SaveImage", {{QStringLiteral("images"), link("8", 0)},
                                                 {QStringLiteral("filename_prefix"),
                                                  QStringLiteral("sampled")}})}};
}

} // namespace

class TestSimServer final : public QObject
{
    Q_OBJECT

private:
    Reply request(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        QNetworkRequest req(QUrl(m_server->baseUrl().toString() + path));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_nam.sendCustomRequest(req, method, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(10000);
        Reply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        out.body = reply->readAll();
        reply->deleteLater();
        return out;
    }

    QString submit(const QJsonObject &graph, const QString &clientId = QStringLiteral("t"))
    {
        const QJsonObject body{{QStringLiteral("prompt"), graph},
                               {QStringLiteral("client_id"), clientId}};
        const Reply r = request("POST", QStringLiteral("/prompt"),
                                QJsonDocument(body).toJson(QJsonDocument::Compact));
        if (r.status != 200)
            qWarning() << r.body;
        return r.json().value(QLatin1String("prompt_id")).toString();
    }

    // Opens /ws?clientId=<id> and collects text messages' JSON.
    QWebSocket *openSocket(const QString &clientId, QList<QJsonObject> *messages,
                           int *binaryFrames = nullptr)
    {
        auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        connect(socket, &QWebSocket::textMessageReceived, this, [messages](const QString &m) {
            messages->append(QJsonDocument::fromJson(m.toUtf8()).object());
        });
        if (binaryFrames) {
            connect(socket, &QWebSocket::binaryMessageReceived, this,
                    [binaryFrames](const QByteArray &) { ++*binaryFrames; });
        }
        QUrl url = m_server->baseUrl();
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/ws"));
        url.setQuery(QStringLiteral("clientId=") + clientId);
        socket->open(url);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!messages->isEmpty(), 5000); }();
        return socket;
    }

    static QStringList types(const QList<QJsonObject> &messages)
    {
        QStringList out;
        for (const QJsonObject &m : messages)
            out.append(m.value(QLatin1String("type")).toString());
        return out;
    }

    static bool hasType(const QList<QJsonObject> &messages, const char *type)
    {
        return types(messages).contains(QString::fromLatin1(type));
    }

    QNetworkAccessManager m_nam;
    SimServer *m_server = nullptr;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void init()
    {
        m_server = new SimServer(this);
        m_server->setDataDir(m_dir.path() + QStringLiteral("/") + QString::fromLatin1(QTest::currentTestFunction()));
        QVERIFY(m_server->listen() != 0);
    }

    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
    }

    void unknownRouteAndBadBodies()
    {
        Reply r = request("GET", QStringLiteral("/no/such/route"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.body, QByteArray("404: Not Found"));
        QVERIFY(r.contentType.startsWith("text/plain"));
        r = request("POST", QStringLiteral("/prompt"), "{not json");
        QCOMPARE(r.status, 500);
        QCOMPARE(r.body, QByteArray("500 Internal Server Error\n\nServer got itself in trouble"));
        r = request("POST", QStringLiteral("/api/prompt"), "{\"client_id\":\"x\"}");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QLatin1String("error")).toObject()
                         .value(QLatin1String("type")).toString(), QStringLiteral("no_prompt"));
        r = request("GET", QStringLiteral("/object_info/NoSuchNode"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("{}"));
        r = request("GET", QStringLiteral("/view?filename=../main.py&type=output"));
        QCOMPARE(r.status, 400);
        QVERIFY(r.body.isEmpty());
    }

    void foreignOriginIsRejected()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /queue HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_server->port())
                     + "\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n"), 5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 403"), answer.constData());
    }

    void validationErrorShapes()
    {
        QJsonObject graph = invertGraph(0);
        QJsonObject empty = graph.value(QLatin1String("1")).toObject();
        QJsonObject inputs = empty.value(QLatin1String("inputs")).toObject();
        inputs.insert(QStringLiteral("width"), 0);
        empty.insert(QStringLiteral("inputs"), inputs);
        graph.insert(QStringLiteral("1"), empty);
        const Reply r = request("POST", QStringLiteral("/prompt"),
                                QJsonDocument(QJsonObject{{QStringLiteral("prompt"), graph}}).toJson());
        QCOMPARE(r.status, 400);
        const QJsonObject errors = r.json().value(QLatin1String("node_errors")).toObject();
        const QJsonObject first = errors.value(QLatin1String("1")).toObject()
                                          .value(QLatin1String("errors")).toArray().at(0).toObject();
        QCOMPARE(first.value(QLatin1String("type")).toString(), QStringLiteral("value_smaller_than_min"));
        QCOMPARE(first.value(QLatin1String("message")).toString(),
                 QStringLiteral("Value 0 smaller than min of 1"));
        // The counter advanced on the rejected prompt too.
        const Reply ok = request("POST", QStringLiteral("/prompt"),
                                 QJsonDocument(QJsonObject{{QStringLiteral("prompt"), invertGraph(1)}})
                                         .toJson());
        QCOMPARE(ok.json().value(QLatin1String("number")).toInt(), 1);
    }

    void invertPipelineThroughHistoryAndView()
    {
        QList<QJsonObject> messages;
        QWebSocket *socket = openSocket(QStringLiteral("t"), &messages);
        QSignalSpy finished(m_server, &SimServer::promptFinished);
        const QString id = submit(invertGraph(0x102030));
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        finished.clear();
        QTRY_VERIFY_WITH_TIMEOUT(messages.last().value(QLatin1String("type")) == QLatin1String("executing"), 5000);
        const QStringList expected{
            QStringLiteral("status"), QStringLiteral("status"), QStringLiteral("status"),
            QStringLiteral("execution_start"), QStringLiteral("execution_cached"),
            QStringLiteral("progress_state"), QStringLiteral("executing"),
            QStringLiteral("progress_state"), QStringLiteral("progress_state"),
            QStringLiteral("executing"), QStringLiteral("progress_state"),
            QStringLiteral("progress_state"), QStringLiteral("executing"),
            QStringLiteral("executed"), QStringLiteral("progress_state"),
            QStringLiteral("execution_success"), QStringLiteral("status"),
            QStringLiteral("executing")};
        QCOMPARE(types(messages), expected);

        const Reply history = request("GET", QStringLiteral("/history/") + id);
        const QJsonObject entry = history.json().value(id).toObject();
        QCOMPARE(entry.value(QLatin1String("status")).toObject().value(QLatin1String("status_str")).toString(),
                 QStringLiteral("success"));
        QCOMPARE(entry.value(QLatin1String("prompt")).toArray().size(), 5);
        const QJsonObject image = entry.value(QLatin1String("outputs")).toObject().value(QLatin1String("3"))
                .toObject().value(QLatin1String("images")).toArray().at(0).toObject();
        QCOMPARE(image.value(QLatin1String("filename")).toString(), QStringLiteral("inv_00001_.png"));
        QCOMPARE(image.value(QLatin1String("subfolder")).toString(), QStringLiteral("sub"));

        const Reply view = request("GET", QStringLiteral("/view?filename=inv_00001_.png&subfolder=sub&type=output"));
        QCOMPARE(view.status, 200);
        QCOMPARE(view.contentType, QByteArray("image/png"));
        const QImage png = QImage::fromData(view.body);
        QCOMPARE(png.size(), QSize(16, 8));
        QCOMPARE(png.pixel(3, 3) & 0xFFFFFF, QRgb(0xEFDFCF)); // really inverted
        QCOMPARE(png.text(QStringLiteral("prompt")).isEmpty(), false);

        // The same prompt again: everything cached, executed re-sent, no executing per node.
        messages.clear();
        submit(invertGraph(0x102030));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        finished.clear();
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty() && messages.last().value(QLatin1String("type")) == QLatin1String("executing"), 5000);
        const QJsonObject cached = messages.at(3).value(QLatin1String("data")).toObject();
        QCOMPARE(cached.value(QLatin1String("nodes")).toArray().size(), 3);
        QCOMPARE(types(messages).count(QStringLiteral("executing")), 1);
        QVERIFY(hasType(messages, "executed"));
        socket->close();
    }

    void samplerReportsProgressAndIsDeterministic()
    {
        m_server->setStepDelayMs(1);
        QVERIFY(m_server->setPreviewMethod(QStringLiteral("latent2rgb")));
        QList<QJsonObject> messages;
        int binary = 0;
        QWebSocket *socket = openSocket(QStringLiteral("t"), &messages, &binary);
        QSignalSpy finished(m_server, &SimServer::promptFinished);
        const QString first = submit(samplerGraph(4, 42));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        finished.clear();
        QTRY_VERIFY_WITH_TIMEOUT(messages.last().value(QLatin1String("type")) == QLatin1String("executing"), 5000);
        QList<int> values;
        for (const QJsonObject &m : std::as_const(messages)) {
            if (m.value(QLatin1String("type")) == QLatin1String("progress"))
                values.append(m.value(QLatin1String("data")).toObject().value(QLatin1String("value")).toInt());
        }
        QCOMPARE(values, QList<int>({1, 2, 3, 4}));
        QCOMPARE(binary, 4);

        // Another prompt with the same seed/size/text (different steps) gives the same picture.
        const QString second = submit(samplerGraph(2, 42));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        finished.clear();
        auto imageOf = [this](const QString &id) {
            const QJsonObject img = request("GET", QStringLiteral("/history/") + id).json().value(id)
                    .toObject().value(QLatin1String("outputs")).toObject().value(QLatin1String("9"))
                    .toObject().value(QLatin1String("images")).toArray().at(0).toObject();
            return QImage::fromData(request("GET", QStringLiteral("/view?filename=")
                                            + img.value(QLatin1String("filename")).toString()).body);
        };
        const QImage a = imageOf(first);
        QCOMPARE(a.size(), QSize(64, 64));
        QCOMPARE(a, imageOf(second));
        socket->close();
    }

    void failingNodeSendsExecutionError()
    {
        m_server->setFailingNodeClass(QStringLiteral("ImageInvert"));
        QList<QJsonObject> messages;
        QWebSocket *socket = openSocket(QStringLiteral("t"), &messages);
        QSignalSpy finished(m_server, &SimServer::promptFinished);
        const QString id = submit(invertGraph(5));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        finished.clear();
        QTRY_VERIFY_WITH_TIMEOUT(hasType(messages, "execution_error"), 5000);
        QJsonObject error;
        for (const QJsonObject &m : std::as_const(messages)) {
            if (m.value(QLatin1String("type")) == QLatin1String("execution_error"))
                error = m.value(QLatin1String("data")).toObject();
        }
        QCOMPARE(error.value(QLatin1String("node_id")).toString(), QStringLiteral("2"));
        QCOMPARE(error.value(QLatin1String("node_type")).toString(), QStringLiteral("ImageInvert"));
        QCOMPARE(error.value(QLatin1String("exception_type")).toString(), QStringLiteral("RuntimeError"));
        QCOMPARE(error.value(QLatin1String("executed")).toArray(), QJsonArray{QStringLiteral("1")});
        QVERIFY(error.value(QLatin1String("traceback")).isArray());
        QVERIFY(!hasType(messages, "execution_success"));
        const QJsonObject status = request("GET", QStringLiteral("/history/") + id).json().value(id)
                .toObject().value(QLatin1String("status")).toObject();
        QCOMPARE(status.value(QLatin1String("status_str")).toString(), QStringLiteral("error"));
        QCOMPARE(status.value(QLatin1String("completed")).toBool(), false);
        socket->close();
    }

    void interruptStopsAtNextNode()
    {
        m_server->setNodeDelayMs(300);
        QList<QJsonObject> messages;
        QWebSocket *socket = openSocket(QStringLiteral("t"), &messages);
        QSignalSpy started(m_server, &SimServer::promptStarted);
        QSignalSpy finished(m_server, &SimServer::promptFinished);
        const QString id = submit(invertGraph(9));
        QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), 5000);
        // A targeted interrupt of another id is ignored; the running one is honoured.
        request("POST", QStringLiteral("/interrupt"), "{\"prompt_id\":\"someone-else\"}");
        request("POST", QStringLiteral("/interrupt"), QJsonDocument(QJsonObject{
                {QStringLiteral("prompt_id"), id}}).toJson());
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        finished.clear();
        QTRY_VERIFY_WITH_TIMEOUT(hasType(messages, "execution_interrupted"), 5000);
        const QJsonObject status = request("GET", QStringLiteral("/history/") + id).json().value(id)
                .toObject().value(QLatin1String("status")).toObject();
        QCOMPARE(status.value(QLatin1String("status_str")).toString(), QStringLiteral("error"));
        const QJsonArray last = status.value(QLatin1String("messages")).toArray().last().toArray();
        QCOMPARE(last.at(0).toString(), QStringLiteral("execution_interrupted"));
        socket->close();
    }

    void queueOrderFrontAndPendingHistory()
    {
        m_server->setNodeDelayMs(200);
        QSignalSpy started(m_server, &SimServer::promptStarted);
        const QString running = submit(invertGraph(1));
        QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), 5000);
        const QString a = submit(invertGraph(2));
        const QString b = submit(invertGraph(3));
        const Reply front = request("POST", QStringLiteral("/prompt"), QJsonDocument(QJsonObject{
                {QStringLiteral("prompt"), invertGraph(4)}, {QStringLiteral("front"), true}}).toJson());
        QCOMPARE(front.json().value(QLatin1String("number")).toInt(), -3);
        const QJsonObject queue = request("GET", QStringLiteral("/queue")).json();
        QCOMPARE(queue.value(QLatin1String("queue_running")).toArray().at(0).toArray().at(1).toString(), running);
        const QJsonArray pending = queue.value(QLatin1String("queue_pending")).toArray();
        QCOMPARE(pending.size(), 3);
        QCOMPARE(pending.at(0).toArray().at(0).toInt(), -3); // heap order, like heapq
        QCOMPARE(request("GET", QStringLiteral("/history/") + a).body, QByteArray("{}"));
        request("POST", QStringLiteral("/queue"), QJsonDocument(QJsonObject{
                {QStringLiteral("delete"), QJsonArray{b}}}).toJson());
        QCOMPARE(request("GET", QStringLiteral("/prompt")).json().value(QLatin1String("exec_info"))
                         .toObject().value(QLatin1String("queue_remaining")).toInt(), 3);
    }

    void uploadRenamesDifferentContent()
    {
        auto upload = [this](const QByteArray &bytes) {
            auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
            QHttpPart part;
            part.setHeader(QNetworkRequest::ContentDispositionHeader,
                           QStringLiteral("form-data; name=\"image\"; filename=\"up.png\""));
            part.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("image/png"));
            part.setBody(bytes);
            multi->append(part);
            QNetworkReply *reply = m_nam.post(QNetworkRequest(QUrl(m_server->baseUrl().toString()
                                                                   + QStringLiteral("/upload/image"))),
                                              multi);
            multi->setParent(reply);
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(5000);
            const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
            reply->deleteLater();
            return json.value(QLatin1String("name")).toString();
        };
        QCOMPARE(upload(pngBytes(qRgb(255, 0, 0))), QStringLiteral("up.png"));
        QCOMPARE(upload(pngBytes(qRgb(255, 0, 0))), QStringLiteral("up.png")); // same bytes
        QCOMPARE(upload(pngBytes(qRgb(0, 255, 0))), QStringLiteral("up (1).png"));
        const Reply view = request("GET", QStringLiteral("/view?filename=up%20(1).png&type=input"));
        QCOMPARE(view.status, 200);
        QCOMPARE(QImage::fromData(view.body).pixel(0, 0) & 0xFFFFFF, QRgb(0x00FF00));
        const Reply none = request("POST", QStringLiteral("/upload/image"), "x");
        QCOMPARE(none.status, 400);
    }

    void restartLosesHistoryAndSockets()
    {
        QList<QJsonObject> messages;
        QWebSocket *socket = openSocket(QStringLiteral("t"), &messages);
        QSignalSpy finished(m_server, &SimServer::promptFinished);
        const QString id = submit(invertGraph(7));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        finished.clear();
        QVERIFY(request("GET", QStringLiteral("/history/") + id).body.size() > 2);
        QSignalSpy closed(socket, &QWebSocket::disconnected);
        const quint16 port = m_server->port();
        m_server->restart(50);
        QVERIFY(closed.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(request("GET", QStringLiteral("/queue")).status == 200, 5000);
        QCOMPARE(m_server->port(), port);
        QCOMPARE(request("GET", QStringLiteral("/history")).body, QByteArray("{}"));
        // The counter restarts too, like a fresh ComfyUI process.
        const Reply r = request("POST", QStringLiteral("/prompt"), QJsonDocument(QJsonObject{
                {QStringLiteral("prompt"), invertGraph(8)}}).toJson());
        QCOMPARE(r.json().value(QLatin1String("number")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSimServer)
#include "tst_simserver.moc"
