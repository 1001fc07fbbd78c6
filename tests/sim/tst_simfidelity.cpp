// Where a real ComfyUI client used to notice that it talks to the simulator (issue 6):
// event order around POST /prompt, previews, progress timing, node time, validation
// errors, history size. Raw HTTP and websockets only.
#include "helper_rawhttp.h"
#include "simserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace Conformance;

namespace {

QByteArray saveGraph(int i)
{
    return QStringLiteral(
            "{\"prompt\": {\"1\": {\"class_type\": \"EmptyImage\", \"inputs\": {\"width\": 8, "
            "\"height\": 8, \"batch_size\": 1, \"color\": %1}}, \"2\": {\"class_type\": "
            "\"SaveImage\", \"inputs\": {\"images\": [\"1\", 0], \"filename_prefix\": "
            "\"order\"}}}, \"client_id\": \"order\"}").arg(i).toUtf8();
}

QByteArray samplerGraph(int steps)
{
    return QStringLiteral(
            "{\"client_id\": \"t\", \"prompt\": {"
            "\"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": "
            "\"v1-5-pruned-emaonly.safetensors\"}},"
            "\"5\": {\"class_type\": \"EmptyLatentImage\", \"inputs\": {\"width\": 64, "
            "\"height\": 64, \"batch_size\": 1}},"
            "\"6\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"a cat\", "
            "\"clip\": [\"4\", 1]}},"
            "\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"model\": [\"4\", 0], "
            "\"seed\": 5, \"steps\": %1, \"cfg\": 8.0, \"sampler_name\": \"euler\", "
            "\"scheduler\": \"normal\", \"positive\": [\"6\", 0], \"negative\": [\"6\", 0], "
            "\"latent_image\": [\"5\", 0], \"denoise\": 1.0}},"
            "\"8\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"3\", 0], "
            "\"vae\": [\"4\", 2]}},"
            "\"9\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": [\"8\", 0], "
            "\"filename_prefix\": \"s\"}}}}").arg(steps).toUtf8();
}

struct Frames
{
    QList<QJsonObject> text;
    int binary = 0;
    QStringList types() const
    {
        QStringList out;
        for (const QJsonObject &m : text)
            out << m.value(QLatin1String("type")).toString();
        return out;
    }
};

} // namespace

class TestSimFidelity final : public QObject
{
    Q_OBJECT

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    };

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
        out.body = reply->readAll();
        reply->deleteLater();
        return out;
    }

    QWebSocket *openSocket(const QString &clientId, Frames *frames)
    {
        auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        connect(socket, &QWebSocket::textMessageReceived, this, [frames](const QString &m) {
            frames->text.append(QJsonDocument::fromJson(m.toUtf8()).object());
        });
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [frames](const QByteArray &) { ++frames->binary; });
        QSignalSpy connected(socket, &QWebSocket::connected);
        socket->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws?clientId=%2")
                                  .arg(m_server->port()).arg(clientId)));
        connected.wait(5000);
        return socket;
    }

    QNetworkAccessManager m_nam;
    SimServer *m_server = nullptr;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void init()
    {
        m_server = new SimServer(this);
        m_server->setDataDir(m_dir.path() + QLatin1Char('/')
                             + QString::fromLatin1(QTest::currentTestFunction()));
        QVERIFY(m_server->listen() != 0);
    }

    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
    }

    void answerComesBeforeThePromptsEvents_data()
    {
        QTest::addColumn<int>("responseDelayMs");
        QTest::newRow("answers at once") << 0;
        QTest::newRow("answers delayed") << 30; // the knob slow-server tests use
    }

    // Clients learn the prompt id from the POST /prompt answer and only then listen: the
    // answer must be on the wire before any websocket message naming the prompt.
    void answerComesBeforeThePromptsEvents()
    {
        QFETCH(int, responseDelayMs);
        m_server->setResponseDelayMs(responseDelayMs);
        m_server->setNodeDelayMs(0); // the fastest prompts race hardest
        RawHttpClient http;
        QVERIFY(http.connectTo(m_server->port()));
        QStringList early;
        QStringList finished;
        QWebSocket socket;
        connect(&socket, &QWebSocket::textMessageReceived, this, [&](const QString &text) {
            const QJsonObject data = QJsonDocument::fromJson(text.toUtf8()).object()
                    .value(QLatin1String("data")).toObject();
            const QString id = data.value(QLatin1String("prompt_id")).toString();
            if (id.isEmpty())
                return;
            http.drain();
            if (!http.received().contains(id.toUtf8()) && !early.contains(id))
                early << id;
            if (data.contains(QLatin1String("node")) && data.value(QLatin1String("node")).isNull())
                finished << id;
        });
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws?clientId=order")
                                 .arg(m_server->port())));
        QVERIFY(connected.wait(5000));
        for (int i = 0; i < 30; ++i) {
            http.post(QStringLiteral("/prompt"), saveGraph(i));
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), i + 1, 10000);
        }
        QVERIFY2(early.isEmpty(), qPrintable(QStringLiteral("%1 of 30 prompts had events "
                                                            "before their answer")
                                                     .arg(early.size())));
    }

    // ComfyUI's default --preview-method is none: no binary frames from a sampler.
    void samplerSendsNoPreviewsByDefault()
    {
        m_server->setStepDelayMs(1);
        Frames frames;
        openSocket(QStringLiteral("t"), &frames);
        QSignalSpy finished(m_server, &SimServer::promptFinished);
        QCOMPARE(request("POST", QStringLiteral("/prompt"), samplerGraph(3)).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        QTRY_VERIFY(frames.types().contains(QStringLiteral("execution_success")));
        QCOMPARE(frames.binary, 0);
        QCOMPARE(frames.types().count(QStringLiteral("progress")), 3);
        QVERIFY(!m_server->setPreviewMethod(QStringLiteral("sometimes")));
    }

    // progress k is sent when step k is done. Interrupted while its first step runs, the
    // sampler never reports a step (the old simulator announced step 1 as it began).
    void progressIsSentWhenAStepEnds()
    {
        m_server->setStepDelayMs(1500);
        Frames frames;
        openSocket(QStringLiteral("t"), &frames);
        QSignalSpy finished(m_server, &SimServer::promptFinished);
        QCOMPARE(request("POST", QStringLiteral("/prompt"), samplerGraph(3)).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(frames.text.begin(), frames.text.end(),
                                             [](const QJsonObject &m) {
            return m.value(QLatin1String("type")) == QLatin1String("executing")
                    && m.value(QLatin1String("data")).toObject().value(QLatin1String("node"))
                            == QLatin1String("3");
        }), 10000);
        QCOMPARE(request("POST", QStringLiteral("/interrupt")).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        QTRY_VERIFY(frames.types().contains(QStringLiteral("execution_interrupted")));
        QCOMPARE(frames.types().count(QStringLiteral("progress")), 0);
    }

    // A node takes time by default (no 0 ms nodes: a client can see `running`).
    void nodesTakeTimeByDefault()
    {
        QSignalSpy finished(m_server, &SimServer::promptFinished);
        const Reply r = request("POST", QStringLiteral("/prompt"), saveGraph(1));
        QCOMPARE(r.status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        const QString id = r.json().value(QLatin1String("prompt_id")).toString();
        const QJsonArray messages = request("GET", QStringLiteral("/history/") + id).json()
                .value(id).toObject().value(QLatin1String("status")).toObject()
                .value(QLatin1String("messages")).toArray();
        const auto timestamp = [&messages](const char *event) {
            for (const QJsonValue &m : messages) {
                if (m.toArray().at(0).toString() == QLatin1String(event))
                    return qint64(m.toArray().at(1).toObject().value(QLatin1String("timestamp"))
                                          .toDouble());
            }
            return qint64(-1);
        };
        QVERIFY(timestamp("execution_start") > 0);
        // Two nodes of 20 ms each: timers never fire early.
        QVERIFY2(timestamp("execution_success") - timestamp("execution_start") >= 40,
                 qPrintable(QString::number(timestamp("execution_success")
                                            - timestamp("execution_start"))));
    }

    // A link to a missing node behind another node: ComfyUI catches the KeyError while
    // validating the linking node's parent and files it under the linking node.
    void innerLinkToMissingNode()
    {
        const QByteArray body =
                "{\"prompt\": {\"2\": {\"class_type\": \"SaveImage\", \"inputs\": {\"images\": "
                "[\"3\", 0], \"filename_prefix\": \"x\"}}, \"3\": {\"class_type\": "
                "\"ImageInvert\", \"inputs\": {\"image\": [\"99\", 0]}}}}";
        const Reply r = request("POST", QStringLiteral("/prompt"), body);
        QCOMPARE(r.status, 400);
        const QJsonObject json = r.json();
        const QJsonObject error = json.value(QLatin1String("error")).toObject();
        QCOMPARE(error.value(QLatin1String("type")).toString(),
                 QStringLiteral("prompt_outputs_failed_validation"));
        QCOMPARE(error.value(QLatin1String("details")).toString(), QString());
        const QJsonObject nodeErrors = json.value(QLatin1String("node_errors")).toObject();
        QCOMPARE(nodeErrors.keys(), QStringList{QStringLiteral("3")});
        const QJsonObject node = nodeErrors.value(QLatin1String("3")).toObject();
        QCOMPARE(node.value(QLatin1String("class_type")).toString(),
                 QStringLiteral("ImageInvert"));
        QCOMPARE(node.value(QLatin1String("dependent_outputs")).toArray(),
                 QJsonArray{QStringLiteral("2")});
        const QJsonObject reason = node.value(QLatin1String("errors")).toArray().at(0).toObject();
        QCOMPARE(reason.value(QLatin1String("type")).toString(),
                 QStringLiteral("exception_during_inner_validation"));
        QCOMPARE(reason.value(QLatin1String("details")).toString(), QStringLiteral("'99'"));
        const QJsonObject extra = reason.value(QLatin1String("extra_info")).toObject();
        QCOMPARE(extra.value(QLatin1String("input_name")).toString(), QStringLiteral("images"));
        QCOMPARE(extra.value(QLatin1String("exception_type")).toString(),
                 QStringLiteral("KeyError"));
        QCOMPARE(extra.value(QLatin1String("linked_node")).toArray(),
                 (QJsonArray{QStringLiteral("3"), 0}));
    }

    // /history is capped like ComfyUI's MAXIMUM_HISTORY_SIZE: the oldest entry goes.
    void historyKeepsTheNewest10000()
    {
        m_server->fillHistory(10000);
        QCOMPARE(m_server->historySize(), 10000);
        const QJsonObject oldest = request("GET", QStringLiteral("/history?max_items=1&offset=0"))
                .json();
        QCOMPARE(oldest.size(), 1);
        const QString oldestId = oldest.keys().constFirst();
        const QJsonObject second = request("GET", QStringLiteral("/history?max_items=1&offset=1"))
                .json();
        const QString secondId = second.keys().constFirst();
        QVERIFY(oldestId != secondId);

        QSignalSpy finished(m_server, &SimServer::promptFinished);
        const Reply r = request("POST", QStringLiteral("/prompt"), saveGraph(3));
        QCOMPARE(r.status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        const QString id = r.json().value(QLatin1String("prompt_id")).toString();
        QCOMPARE(m_server->historySize(), 10000);
        QCOMPARE(request("GET", QStringLiteral("/history/") + oldestId).body, QByteArray("{}"));
        QVERIFY(request("GET", QStringLiteral("/history/") + secondId).json().contains(secondId));
        QCOMPARE(request("GET", QStringLiteral("/history?max_items=1")).json().keys(),
                 QStringList{id});
        QCOMPARE(request("GET", QStringLiteral("/history?max_items=1&offset=0")).json().keys(),
                 QStringList{secondId});
        // Deleting one and clearing work on the big history too.
        QCOMPARE(request("POST", QStringLiteral("/history"),
                         "{\"delete\": [\"" + secondId.toUtf8() + "\"]}").status, 200);
        QCOMPARE(m_server->historySize(), 9999);
        QCOMPARE(request("POST", QStringLiteral("/history"), "{\"clear\": true}").status, 200);
        QCOMPARE(m_server->historySize(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSimFidelity)
#include "tst_simfidelity.moc"
