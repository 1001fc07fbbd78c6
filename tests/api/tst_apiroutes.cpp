// The REST API's routes against the simulator, through a real server on 127.0.0.1:
// success shapes of every route and every task status reached for real.

#include "apitestfixture.h"
#include "comfyconnection.h"
#include "httpserveradapter.h"
#include "simserver.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

class TestApiRoutes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void workflowsList();
    void workflowShow();
    void submitCompletesWithImages();
    void waitAnswersWhenCompleted();
    void waitEndsWith202();
    void pendingAndRunning();
    void errorStatus();
    void interrupted();
    void queueDeleteAndClear();
    void notFound();
    void otherClientsPrompt();
    void systemRoutes();
    void history();
    void upload();
    void validationFailure();
    void openApiServed();

private:
    // The simulator caches node outputs as ComfyUI does: an unchanged graph would not run
    // again. A fresh EmptyImage color makes every submission execute.
    QByteArray fresh();
    QString submit(const QString &workflow);

    int m_color = 1;

    std::unique_ptr<ApiTestFixture> m_api;
};

void TestApiRoutes::initTestCase()
{
    m_api = std::make_unique<ApiTestFixture>();
    QVERIFY(m_api->start());
}

void TestApiRoutes::init()
{
    m_api->sim().setNodeDelayMs(0);
    m_api->sim().setStepDelayMs(0);
    m_api->sim().setFailingNodeClass({});
    m_api->sim().setResponseDelayMs(0);
}

void TestApiRoutes::cleanupTestCase()
{
    m_api.reset();
}

QByteArray TestApiRoutes::fresh()
{
    return QStringLiteral("{\"1\": {\"inputs\": {\"color\": %1}}}").arg(m_color++).toUtf8();
}

QString TestApiRoutes::submit(const QString &workflow)
{
    const ApiTestReply reply = m_api->post(QStringLiteral("/api/workflow/") + workflow, fresh());
    if (reply.status != 200)
        qWarning() << reply.status << reply.body;
    return reply.json().value(QLatin1String("prompt_id")).toString();
}

void TestApiRoutes::workflowsList()
{
    ApiTestReply reply = m_api->get(QStringLiteral("/api/workflows"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    const QStringList expected = {QStringLiteral("blur_batch"),
                                  QStringLiteral("invert_empty_image"),
                                  QStringLiteral("sd_img2img"), QStringLiteral("sd_txt2img")};
    QCOMPARE(reply.json().value(QLatin1String("workflows")).toArray().toVariantList(),
             QVariant(expected).toList());

    // The cached list follows the folder.
    const QString added = QDir(m_api->workflowsDir()).filePath(QStringLiteral("zz_new.json"));
    QVERIFY(QFile::copy(QDir(m_api->workflowsDir()).filePath(
                            QStringLiteral("invert_empty_image.json")), added));
    QTRY_VERIFY_WITH_TIMEOUT(m_api->get(QStringLiteral("/api/workflows"))
                                 .json().value(QLatin1String("workflows")).toArray()
                                 .contains(QStringLiteral("zz_new")), 5000);
    QVERIFY(QFile::remove(added));
    QTRY_VERIFY_WITH_TIMEOUT(!m_api->get(QStringLiteral("/api/workflows"))
                                  .json().value(QLatin1String("workflows")).toArray()
                                  .contains(QStringLiteral("zz_new")), 5000);
}

void TestApiRoutes::workflowShow()
{
    ApiTestReply reply = m_api->get(QStringLiteral("/api/workflow/invert_empty_image"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QLatin1String("2")).toObject()
                 .value(QLatin1String("class_type")).toString(),
             QStringLiteral("ImageInvert"));

    reply = m_api->get(QStringLiteral("/api/workflow/no_such_workflow"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().value(QLatin1String("status_code")).toInt(), 404);
    QVERIFY(reply.json().value(QLatin1String("error")).toString().contains(
        QStringLiteral("no_such_workflow")));

    reply = m_api->get(QStringLiteral("/api/workflow/") + QString(65, QLatin1Char('a')));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().value(QLatin1String("status_code")).toInt(), 400);
}

void TestApiRoutes::submitCompletesWithImages()
{
    const ApiTestReply reply = m_api->postJson(
        QStringLiteral("/api/workflow/invert_empty_image"),
        QJsonObject{{QStringLiteral("1"),
                     QJsonObject{{QStringLiteral("inputs"),
                                  QJsonObject{{QStringLiteral("width"), 64},
                                              {QStringLiteral("height"), 32},
                                              {QStringLiteral("color"), m_color++}}}}}});
    QCOMPARE(reply.status, 200);
    const QJsonObject answer = reply.json();
    QCOMPARE(answer.value(QLatin1String("status")).toString(), QStringLiteral("success"));
    const QString id = answer.value(QLatin1String("prompt_id")).toString();
    QVERIFY(!id.isEmpty());
    QVERIFY(answer.value(QLatin1String("node_errors")).isObject());
    QVERIFY(answer.contains(QLatin1String("error")));
    QVERIFY(answer.value(QLatin1String("error")).isNull());
    QCOMPARE(answer.value(QLatin1String("client_id")).toString(),
             QStringLiteral("comfydesk-api-test"));

    const QJsonObject status = m_api->waitForStatus(id, QStringLiteral("completed"));
    QCOMPARE(status.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(status.value(QLatin1String("message")).toString(),
             QStringLiteral("Image generation completed"));
    QCOMPARE(status.value(QLatin1String("prompt_id")).toString(), id);
    QVERIFY(status.value(QLatin1String("execution_time")).toDouble(-1) >= 0);
    QVERIFY(status.value(QLatin1String("node_errors")).isObject());
    const QJsonArray images = status.value(QLatin1String("images")).toArray();
    QCOMPARE(images.size(), 1);
    const QJsonObject image = images.at(0).toObject();
    QCOMPARE(image.value(QLatin1String("type")).toString(), QStringLiteral("output"));
    QCOMPARE(image.value(QLatin1String("subfolder")).toString(), QStringLiteral("comfydesk"));
    QVERIFY(image.value(QLatin1String("filename")).toString().endsWith(QLatin1String(".png")));
    const QUrl viewUrl(image.value(QLatin1String("url")).toString());
    QCOMPARE(viewUrl.port(), int(m_api->sim().port()));
    QCOMPARE(viewUrl.path(), QStringLiteral("/view"));
    QVERIFY(viewUrl.query().contains(QLatin1String("type=output")));
    const QString apiUrl = QStringLiteral("http://127.0.0.1:%1/api/image/%2/0")
                               .arg(m_api->apiPort()).arg(id);
    QCOMPARE(image.value(QLatin1String("api_url")).toString(), apiUrl);

    // The list, as in /api/image.
    ApiTestReply list = m_api->get(QStringLiteral("/api/image/") + id);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json().value(QLatin1String("status")).toString(), QStringLiteral("success"));
    QCOMPARE(list.json().value(QLatin1String("images")).toArray(), images);

    // The bytes, served by us.
    const ApiTestReply bytes = m_api->get(QStringLiteral("/api/image/%1/0").arg(id));
    QCOMPARE(bytes.status, 200);
    QCOMPARE(bytes.header("Content-Type"), QByteArray("image/png"));
    QCOMPARE(bytes.header("Content-Disposition"),
             "inline; filename=\"" + image.value(QLatin1String("filename")).toString().toUtf8()
                 + '"');
    const QImage decoded = QImage::fromData(bytes.body, "PNG");
    QVERIFY(!decoded.isNull());
    QCOMPARE(decoded.size(), QSize(64, 32));

    QCOMPARE(m_api->get(QStringLiteral("/api/image/%1/1").arg(id)).status, 404);
    const ApiTestReply notNumber = m_api->get(QStringLiteral("/api/image/%1/first").arg(id));
    QCOMPARE(notNumber.status, 400);
    QCOMPARE(notNumber.json().value(QLatin1String("status_code")).toInt(), 400);
    const ApiTestReply unknown = m_api->get(QStringLiteral("/api/image/no-such-prompt"));
    QCOMPARE(unknown.status, 404);
    QVERIFY(unknown.json().value(QLatin1String("error")).toString().contains(
        QStringLiteral("no-such-prompt")));
}

void TestApiRoutes::waitAnswersWhenCompleted()
{
    const ApiTestReply reply = m_api->post(
        QStringLiteral("/api/workflow/blur_batch?wait=30"), fresh(), "application/json", 40000);
    QCOMPARE(reply.status, 200);
    const QJsonObject body = reply.json();
    QCOMPARE(body.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(body.value(QLatin1String("message")).toString(),
             QStringLiteral("Image generation completed"));
    QCOMPARE(body.value(QLatin1String("images")).toArray().size(), 2);
    QVERIFY(!body.value(QLatin1String("prompt_id")).toString().isEmpty());
}

void TestApiRoutes::waitEndsWith202()
{
    // The caller asks for 600 s; the server's bound (1 s here) wins. Unbounded, the prompt
    // (3 nodes x 1.5 s) would end first and answer 200.
    m_api->sim().setNodeDelayMs(1500);
    m_api->context().maxWaitSeconds = 1;
    const ApiTestReply reply = m_api->post(
        QStringLiteral("/api/workflow/invert_empty_image?wait=600"), fresh(),
        "application/json", 20000);
    m_api->context().maxWaitSeconds = 60;
    QCOMPARE(reply.status, 202);
    const QJsonObject body = reply.json();
    const QString state = body.value(QLatin1String("status")).toString();
    QVERIFY2(state == QLatin1String("pending") || state == QLatin1String("running"),
             qPrintable(state));
    const QString id = body.value(QLatin1String("prompt_id")).toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(body.value(QLatin1String("client_id")).toString(),
             QStringLiteral("comfydesk-api-test"));
    m_api->sim().setNodeDelayMs(0);
    QCOMPARE(m_api->waitForStatus(id, QStringLiteral("completed"))
                 .value(QLatin1String("status")).toString(),
             QStringLiteral("completed"));
}

void TestApiRoutes::pendingAndRunning()
{
    m_api->sim().setNodeDelayMs(400);
    const QString first = submit(QStringLiteral("invert_empty_image"));
    const QString second = submit(QStringLiteral("invert_empty_image"));
    const QString third = submit(QStringLiteral("invert_empty_image"));
    QVERIFY(!first.isEmpty() && !second.isEmpty() && !third.isEmpty());

    const QJsonObject running = m_api->waitForStatus(first, QStringLiteral("running"));
    QCOMPARE(running.value(QLatin1String("status")).toString(), QStringLiteral("running"));
    QCOMPARE(running.value(QLatin1String("message")).toString(),
             QStringLiteral("Task is currently running"));
    const QJsonObject info = running.value(QLatin1String("execution_info")).toObject();
    QVERIFY(info.contains(QLatin1String("node")));
    QVERIFY(info.contains(QLatin1String("step")));
    QVERIFY(info.contains(QLatin1String("max")));
    QVERIFY(info.contains(QLatin1String("started_at")));

    QJsonObject pending;
    QTRY_VERIFY_WITH_TIMEOUT(
        (pending = m_api->get(QStringLiteral("/api/task_status/") + third).json(),
         pending.value(QLatin1String("queue_position")).toInt() >= 1),
        5000);
    QCOMPARE(pending.value(QLatin1String("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(pending.value(QLatin1String("message")).toString(),
             QStringLiteral("Task is waiting in queue"));
    QCOMPARE(pending.value(QLatin1String("prompt_id")).toString(), third);

    // The queue, from memory, and its alias.
    for (const QString &path : {QStringLiteral("/api/queue"), QStringLiteral("/api/view_queue")}) {
        const ApiTestReply queue = m_api->get(path);
        QCOMPARE(queue.status, 200);
        QVERIFY(queue.json().value(QLatin1String("queue_running")).isArray());
        QVERIFY(queue.json().value(QLatin1String("queue_pending")).isArray());
        QVERIFY(!queue.json().value(QLatin1String("queue_pending")).toArray().isEmpty());
    }

    m_api->sim().setNodeDelayMs(0);
    for (const QString &id : {first, second, third}) {
        QCOMPARE(m_api->waitForStatus(id, QStringLiteral("completed"))
                     .value(QLatin1String("status")).toString(),
                 QStringLiteral("completed"));
    }
}

void TestApiRoutes::errorStatus()
{
    m_api->sim().setFailingNodeClass(QStringLiteral("ImageInvert"));
    const QString id = submit(QStringLiteral("invert_empty_image"));
    QVERIFY(!id.isEmpty());
    const QJsonObject status = m_api->waitForStatus(id, QStringLiteral("error"));
    QCOMPARE(status.value(QLatin1String("status")).toString(), QStringLiteral("error"));
    QCOMPARE(status.value(QLatin1String("node_id")).toString(), QStringLiteral("2"));
    QCOMPARE(status.value(QLatin1String("node_type")).toString(), QStringLiteral("ImageInvert"));
    QVERIFY(!status.value(QLatin1String("exception_type")).toString().isEmpty());
    QVERIFY(status.value(QLatin1String("message")).toString().startsWith(
        QLatin1String("Task failed")));

    // ?wait on a failing prompt: its error status body, as an API error (500).
    const ApiTestReply waited = m_api->post(
        QStringLiteral("/api/workflow/invert_empty_image?wait=30"), fresh(), "application/json",
        40000);
    QCOMPARE(waited.status, 500);
    QCOMPARE(waited.json().value(QLatin1String("status")).toString(), QStringLiteral("error"));
    QCOMPARE(waited.json().value(QLatin1String("status_code")).toInt(), 500);
    QVERIFY(waited.json().value(QLatin1String("error")).isString());
}

void TestApiRoutes::interrupted()
{
    m_api->sim().setNodeDelayMs(3000);
    const QString id = submit(QStringLiteral("invert_empty_image"));
    QCOMPARE(m_api->waitForStatus(id, QStringLiteral("running"))
                 .value(QLatin1String("status")).toString(),
             QStringLiteral("running"));
    const ApiTestReply reply =
        m_api->postJson(QStringLiteral("/api/interrupt"),
                        QJsonObject{{QStringLiteral("prompt_id"), id}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QLatin1String("status")).toString(), QStringLiteral("success"));
    const QJsonObject status = m_api->waitForStatus(id, QStringLiteral("interrupted"));
    QCOMPARE(status.value(QLatin1String("status")).toString(), QStringLiteral("interrupted"));
    QCOMPARE(status.value(QLatin1String("prompt_id")).toString(), id);

    // An empty body interrupts whatever runs.
    QCOMPARE(m_api->post(QStringLiteral("/api/interrupt"), {}, {}).status, 200);
}

void TestApiRoutes::queueDeleteAndClear()
{
    m_api->sim().setNodeDelayMs(1000);
    const QString running = submit(QStringLiteral("invert_empty_image"));
    const QString deleted = submit(QStringLiteral("invert_empty_image"));
    QCOMPARE(m_api->waitForStatus(running, QStringLiteral("running"))
                 .value(QLatin1String("status")).toString(),
             QStringLiteral("running"));

    for (const QByteArray &bad : {QByteArray("{}"), QByteArray("{\"prompt_ids\": []}"),
                                  QByteArray("{\"prompt_ids\": [1]}"),
                                  QByteArray("{\"prompt_ids\": \"x\"}")}) {
        const ApiTestReply reply = m_api->post(QStringLiteral("/api/queue/delete"), bad);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(QLatin1String("status_code")).toInt(), 400);
    }

    ApiTestReply reply = m_api->postJson(
        QStringLiteral("/api/queue/delete"),
        QJsonObject{{QStringLiteral("prompt_ids"), QJsonArray{deleted}}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QLatin1String("status")).toString(), QStringLiteral("success"));
    QCOMPARE(m_api->waitForStatus(deleted, QStringLiteral("cancelled"))
                 .value(QLatin1String("status")).toString(),
             QStringLiteral("cancelled"));

    const QString cleared = submit(QStringLiteral("invert_empty_image"));
    QCOMPARE(m_api->waitForStatus(cleared, QStringLiteral("pending"))
                 .value(QLatin1String("status")).toString(),
             QStringLiteral("pending"));
    reply = m_api->post(QStringLiteral("/api/queue/clear"), {}, {});
    QCOMPARE(reply.status, 200);
    QCOMPARE(m_api->waitForStatus(cleared, QStringLiteral("cancelled"))
                 .value(QLatin1String("status")).toString(),
             QStringLiteral("cancelled"));

    m_api->sim().setNodeDelayMs(0);
    QCOMPARE(m_api->waitForStatus(running, QStringLiteral("completed"))
                 .value(QLatin1String("status")).toString(),
             QStringLiteral("completed"));
}

void TestApiRoutes::notFound()
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    for (int i = 0; i < 2; ++i) { // the second answer comes from memory
        const ApiTestReply reply = m_api->get(QStringLiteral("/api/task_status/") + id);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QLatin1String("status")).toString(),
                 QStringLiteral("not_found"));
        QCOMPARE(reply.json().value(QLatin1String("prompt_id")).toString(), id);
        QVERIFY(!reply.json().value(QLatin1String("message")).toString().isEmpty());
    }
}

void TestApiRoutes::otherClientsPrompt()
{
    m_api->sim().setNodeDelayMs(500);
    QJsonObject graph = ApiTestFixture::sampleGraph(QStringLiteral("invert_empty_image"));
    const auto recolored = [&graph, this] {
        QJsonObject node = graph.value(QLatin1String("1")).toObject();
        QJsonObject inputs = node.value(QLatin1String("inputs")).toObject();
        inputs.insert(QStringLiteral("color"), m_color++);
        node.insert(QStringLiteral("inputs"), inputs);
        graph.insert(QStringLiteral("1"), node);
        return graph;
    };
    const QString first = m_api->submitAsOtherClient(recolored(), QStringLiteral("someone-else"));
    const QString second =
        m_api->submitAsOtherClient(recolored(), QStringLiteral("someone-else"));
    QVERIFY(!first.isEmpty() && !second.isEmpty());

    QCOMPARE(m_api->waitForStatus(second, QStringLiteral("pending"))
                 .value(QLatin1String("status")).toString(),
             QStringLiteral("pending"));
    QCOMPARE(m_api->waitForStatus(first, QStringLiteral("running"))
                 .value(QLatin1String("status")).toString(),
             QStringLiteral("running"));
    m_api->sim().setNodeDelayMs(0);
    const QJsonObject done = m_api->waitForStatus(second, QStringLiteral("completed"));
    QCOMPARE(done.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(done.value(QLatin1String("images")).toArray().size(), 1);
    QCOMPARE(m_api->get(QStringLiteral("/api/image/%1/0").arg(second)).status, 200);
}

void TestApiRoutes::systemRoutes()
{
    ApiTestReply reply = m_api->get(QStringLiteral("/api/test_comfy"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QLatin1String("status")).toString(), QStringLiteral("success"));
    QCOMPARE(reply.json().value(QLatin1String("comfyui_url")).toString(),
             m_api->sim().baseUrl().toString() + QStringLiteral("/system_stats"));
    QVERIFY(reply.json().value(QLatin1String("response")).toObject()
                .value(QLatin1String("system_stats")).toObject()
                .contains(QLatin1String("system")));

    for (const QString &path :
         {QStringLiteral("/api/system_stats"), QStringLiteral("/api/status")}) {
        reply = m_api->get(path);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json().contains(QLatin1String("system")));
        QVERIFY(reply.json().contains(QLatin1String("devices")));
    }

    reply = m_api->get(QStringLiteral("/api/health"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json(), (QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}));

    reply = m_api->get(QStringLiteral("/api/ready"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QLatin1String("status")).toString(), QStringLiteral("ready"));
}

void TestApiRoutes::history()
{
    const ApiTestReply submitted = m_api->post(
        QStringLiteral("/api/workflow/invert_empty_image?wait=30"), fresh(), "application/json",
        40000);
    QCOMPARE(submitted.status, 200);
    const QString id = submitted.json().value(QLatin1String("prompt_id")).toString();

    ApiTestReply reply = m_api->get(QStringLiteral("/api/history"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.json().contains(id));
    QVERIFY(reply.json().value(id).toObject().contains(QLatin1String("outputs")));

    reply = m_api->get(QStringLiteral("/api/history?max_items=1"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().size(), 1);
    QCOMPARE(m_api->get(QStringLiteral("/api/history?max_items=-3")).status, 400);

    reply = m_api->get(QStringLiteral("/api/history/") + id);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().keys(), QStringList{id});
    QVERIFY(reply.json().value(id).toObject().contains(QLatin1String("status")));

    reply = m_api->get(QStringLiteral("/api/history/no-such-prompt"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().value(QLatin1String("status_code")).toInt(), 404);
}

void TestApiRoutes::upload()
{
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(Qt::red);
    QByteArray png;
    {
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(image.save(&buffer, "PNG"));
    }
    const QByteArray boundary = "comfydeskTestBoundary";
    QByteArray body = "--" + boundary + "\r\n"
                      "Content-Disposition: form-data; name=\"image\"; filename=\"red.png\"\r\n"
                      "Content-Type: image/png\r\n\r\n"
                      + png + "\r\n--" + boundary + "\r\n"
                      "Content-Disposition: form-data; name=\"subfolder\"\r\n\r\n"
                      "tests\r\n--" + boundary + "--\r\n";
    ApiTestReply reply = m_api->post(QStringLiteral("/api/upload/image"), body,
                                     "multipart/form-data; boundary=" + boundary);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QLatin1String("name")).toString(), QStringLiteral("red.png"));
    QCOMPARE(reply.json().value(QLatin1String("subfolder")).toString(), QStringLiteral("tests"));
    QCOMPARE(reply.json().value(QLatin1String("type")).toString(), QStringLiteral("input"));

    const QByteArray noImage = "--" + boundary + "\r\n"
                               "Content-Disposition: form-data; name=\"subfolder\"\r\n\r\n"
                               "tests\r\n--" + boundary + "--\r\n";
    reply = m_api->post(QStringLiteral("/api/upload/image"), noImage,
                        "multipart/form-data; boundary=" + boundary);
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json().value(QLatin1String("error")).toString().contains(
        QStringLiteral("image")));
}

void TestApiRoutes::validationFailure()
{
    QSignalSpy queued(&m_api->sim(), &SimServer::promptQueued);
    const ApiTestReply reply = m_api->postJson(
        QStringLiteral("/api/workflow/invert_empty_image"),
        QJsonObject{{QStringLiteral("1"),
                     QJsonObject{{QStringLiteral("width"), QStringLiteral("wide")}}}});
    QCOMPARE(reply.status, 400);
    const QJsonObject body = reply.json();
    QVERIFY(body.value(QLatin1String("error")).isString());
    QCOMPARE(body.value(QLatin1String("status_code")).toInt(), 400);
    QVERIFY(body.value(QLatin1String("comfy_error")).toObject().contains(
        QLatin1String("type")));
    QVERIFY(body.value(QLatin1String("node_errors")).toObject().contains(QLatin1String("1")));
    QCOMPARE(queued.size(), 0);
}

void TestApiRoutes::openApiServed()
{
    const ApiTestReply reply = m_api->get(QStringLiteral("/api/openapi.json"));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.json().value(QLatin1String("openapi")).toString().startsWith(
        QLatin1String("3.0.")));
    QVERIFY(reply.json().value(QLatin1String("paths")).toObject().contains(
        QLatin1String("/api/task_status/{prompt_id}")));
}

QTEST_GUILESS_MAIN(TestApiRoutes)
#include "tst_apiroutes.moc"
