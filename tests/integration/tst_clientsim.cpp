// The client core against the ComfyUI simulator: a prompt's whole life as a user sees it,
// over real HTTP and websocket on 127.0.0.1.
#include "comfyconnection.h"
#include "comfysocket.h"
#include "prompttracker.h"
#include "simserver.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using State = PromptStatus::State;

namespace {

constexpr int kTimeoutMs = 20000;

QJsonObject loadWorkflow(const QString &name)
{
    QFile file(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/") + name + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QJsonObject graph = QJsonDocument::fromJson(file.readAll()).object();
    if (graph.contains(QLatin1String("prompt")))
        graph = graph.value(QLatin1String("prompt")).toObject();
    return graph;
}

// Sets one input of one node, as a user's override would.
void setInput(QJsonObject &graph, const QString &node, const QString &input, const QJsonValue &v)
{
    QJsonObject n = graph.value(node).toObject();
    QJsonObject inputs = n.value(QLatin1String("inputs")).toObject();
    inputs.insert(input, v);
    n.insert(QLatin1String("inputs"), inputs);
    graph.insert(node, n);
}

QString nodeOfClass(const QJsonObject &graph, const QString &classType)
{
    for (auto it = graph.begin(); it != graph.end(); ++it) {
        if (it.value().toObject().value(QLatin1String("class_type")).toString() == classType)
            return it.key();
    }
    return {};
}

QJsonObject txt2img(int seed, int steps)
{
    QJsonObject graph = loadWorkflow(QStringLiteral("sd_txt2img"));
    const QString sampler = nodeOfClass(graph, QStringLiteral("KSampler"));
    setInput(graph, sampler, QStringLiteral("seed"), seed);
    setInput(graph, sampler, QStringLiteral("steps"), steps);
    const QString latent = nodeOfClass(graph, QStringLiteral("EmptyLatentImage"));
    setInput(graph, latent, QStringLiteral("width"), 64);
    setInput(graph, latent, QStringLiteral("height"), 64);
    return graph;
}

} // namespace

class TestClientSim : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SimServer *m_sim = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    ComfyConnection *m_conn = nullptr;

    // Submits through `connection` and returns the prompt id ComfyUI gave.
    QString submit(ComfyConnection &connection, const QJsonObject &graph)
    {
        ComfyReply *reply = connection.submit(graph);
        QSignalSpy done(reply, &ComfyReply::finished);
        if (!done.wait(kTimeoutMs))
            return {};
        if (!reply->ok()) {
            qWarning() << "submit failed:" << reply->error().message;
            return {};
        }
        return reply->object().value(QLatin1String("prompt_id")).toString();
    }

    PromptStatus status(const QString &id) const { return m_conn->tracker().status(id); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_sim = new SimServer(this);
        m_sim->setDataDir(m_dir.path());
        QVERIFY(m_sim->listen() != 0);
        m_nam = new QNetworkAccessManager(this);
        m_conn = new ComfyConnection(*m_nam, this);
        m_conn->setBaseUrl(m_sim->baseUrl());
        m_conn->setClientId(QStringLiteral("comfydesk-test"));
        m_conn->setReconnectDelays(20, 200);
        m_conn->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_conn->state(), ComfyConnection::State::Connected,
                                  kTimeoutMs);
    }

    void cleanup()
    {
        delete m_conn;
        m_conn = nullptr;
        delete m_nam;
        m_nam = nullptr;
        delete m_sim;
        m_sim = nullptr;
    }

    void promptGoesPendingRunningCompleted()
    {
        // Two other clients queue work first; ours must wait behind both.
        QNetworkAccessManager otherNam;
        ComfyConnection alice(otherNam);
        alice.setBaseUrl(m_sim->baseUrl());
        alice.setClientId(QStringLiteral("alice"));
        ComfyConnection bob(otherNam);
        bob.setBaseUrl(m_sim->baseUrl());
        bob.setClientId(QStringLiteral("bob"));

        m_sim->setStepDelayMs(40);
        const QString a = submit(alice, txt2img(1, 10));
        const QString b = submit(bob, txt2img(2, 10));
        const QString ours = submit(*m_conn, txt2img(3, 10));
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !ours.isEmpty());

        // While alice's prompt runs, bob's is next and ours second.
        m_conn->resync();
        QTRY_COMPARE_WITH_TIMEOUT(status(a).state, State::Running, kTimeoutMs);
        // Pending from the submit answer on; its position once the queue was read.
        QCOMPARE(status(ours).state, State::Pending);
        QTRY_COMPARE_WITH_TIMEOUT(status(ours).queuePosition, 2, kTimeoutMs);
        QCOMPARE(status(ours).state, State::Pending);
        QCOMPARE(status(b).queuePosition, 1);

        // Ours runs, with live step progress from the websocket.
        QTRY_VERIFY_WITH_TIMEOUT(status(ours).state == State::Running
                                     && status(ours).step > 0,
                                 kTimeoutMs);
        QCOMPARE(status(ours).maxSteps, 10);
        QVERIFY(!status(ours).currentNode.isEmpty());

        QTRY_COMPARE_WITH_TIMEOUT(status(ours).state, State::Completed, kTimeoutMs);
        const PromptStatus done = status(ours);
        QCOMPARE(done.state, State::Completed);
        QCOMPARE(done.images.size(), 1);
        QCOMPARE(done.images.first().type, QStringLiteral("output"));
        QVERIFY(done.images.first().filename.endsWith(QLatin1String(".png")));
        QVERIFY2(done.executionTime > 0, qPrintable(QString::number(done.executionTime)));

        // The image really exists and is a picture.
        ComfyReply *view = m_conn->client().view(done.images.first().filename,
                                                 done.images.first().subfolder,
                                                 done.images.first().type);
        QSignalSpy viewed(view, &ComfyReply::finished);
        QVERIFY(viewed.wait(kTimeoutMs));
        QVERIFY(view->ok());
        QCOMPARE(QImage::fromData(view->data()).size(), QSize(64, 64));
    }

    void failingNodeEndsInError()
    {
        m_sim->setFailingNodeClass(QStringLiteral("VAEDecode"));
        const QString id = submit(*m_conn, txt2img(4, 2));
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Error, kTimeoutMs);
        const PromptStatus s = status(id);
        QCOMPARE(s.errorNodeType, QStringLiteral("VAEDecode"));
        QVERIFY(!s.exceptionMessage.isEmpty());
        QCOMPARE(s.reason, PromptStatus::Reason::ExecutionFailed);
    }

    void interruptEndsInInterrupted()
    {
        m_sim->setStepDelayMs(100);
        const QString id = submit(*m_conn, txt2img(5, 200));
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Running, kTimeoutMs);
        ComfyReply *reply = m_conn->interrupt(id);
        QSignalSpy done(reply, &ComfyReply::finished);
        QVERIFY(done.wait(kTimeoutMs));
        QVERIFY(reply->ok());
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Interrupted, kTimeoutMs);
    }

    void deletePendingPrompt()
    {
        m_sim->setStepDelayMs(100);
        const QString running = submit(*m_conn, txt2img(6, 100));
        const QString pending = submit(*m_conn, txt2img(7, 2));
        QTRY_COMPARE_WITH_TIMEOUT(status(pending).state, State::Pending, kTimeoutMs);

        // The verb updates the tracker itself: nothing here touches the tracker.
        ComfyReply *reply = m_conn->cancel({pending});
        QSignalSpy done(reply, &ComfyReply::finished);
        QVERIFY(done.wait(kTimeoutMs));
        QVERIFY(reply->ok());
        QTRY_VERIFY_WITH_TIMEOUT(
            !QJsonDocument(m_conn->tracker().queueSnapshot()).toJson().contains(pending.toUtf8()),
            kTimeoutMs);
        QCOMPARE(status(pending).state, State::Cancelled);
        QCOMPARE(status(running).state, State::Running);
    }

    void uploadThenImg2Img()
    {
        QImage input(48, 32, QImage::Format_RGB32);
        input.fill(Qt::darkCyan);
        QByteArray png;
        {
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            QVERIFY(input.save(&buffer, "PNG"));
        }
        ComfyReply *upload = m_conn->client().uploadImage(png, QStringLiteral("入力 image.png"));
        QSignalSpy uploaded(upload, &ComfyReply::finished);
        QVERIFY(uploaded.wait(kTimeoutMs));
        QVERIFY2(upload->ok(), qPrintable(upload->error().message));
        const QString name = upload->object().value(QLatin1String("name")).toString();
        QCOMPARE(name, QStringLiteral("入力 image.png"));

        QJsonObject graph = loadWorkflow(QStringLiteral("sd_img2img"));
        setInput(graph, nodeOfClass(graph, QStringLiteral("LoadImage")), QStringLiteral("image"),
                 name);
        setInput(graph, nodeOfClass(graph, QStringLiteral("KSampler")), QStringLiteral("steps"),
                 2);
        const QString id = submit(*m_conn, graph);
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Completed, kTimeoutMs);
        QCOMPARE(status(id).images.size(), 1);
    }

    void websocketDropMidRunStillCompletes()
    {
        m_sim->setStepDelayMs(50);
        const QString id = submit(*m_conn, txt2img(8, 20));
        QTRY_VERIFY_WITH_TIMEOUT(status(id).state == State::Running && status(id).step > 0,
                                 kTimeoutMs);
        QSignalSpy resynced(m_conn, &ComfyConnection::resynced);
        m_sim->dropWebSockets();
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Completed, kTimeoutMs);
        QCOMPARE(status(id).images.size(), 1);
        QVERIFY(resynced.count() >= 1); // the drop was noticed and the state re-read
    }

    void websocketDropOverTheWholeRunStillCompletes()
    {
        // The socket is down while the prompt finishes: only the resync can tell.
        m_sim->setStepDelayMs(20);
        const QString id = submit(*m_conn, txt2img(9, 3));
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Running, kTimeoutMs);
        m_conn->setReconnectDelays(1500, 1500);
        m_sim->dropWebSockets();
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Completed, kTimeoutMs);
        QCOMPARE(status(id).images.size(), 1);
    }

    void restartMidRunReportsLost()
    {
        m_sim->setStepDelayMs(100);
        const QString id = submit(*m_conn, txt2img(10, 100));
        const QString queued = submit(*m_conn, txt2img(11, 2));
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Running, kTimeoutMs);
        m_sim->restart(300);
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Lost, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(status(queued).state, State::Lost, kTimeoutMs);
        QCOMPARE(status(id).reason, PromptStatus::Reason::LeftQueueNoHistory);
        // And the server is usable again afterwards.
        QTRY_COMPARE_WITH_TIMEOUT(m_conn->state(), ComfyConnection::State::Connected, kTimeoutMs);
        const QString again = submit(*m_conn, txt2img(12, 2));
        QTRY_COMPARE_WITH_TIMEOUT(status(again).state, State::Completed, kTimeoutMs);
    }

    void serverOfflineIsUnknownNotHanging()
    {
        m_sim->setStepDelayMs(100);
        const QString id = submit(*m_conn, txt2img(13, 100));
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Running, kTimeoutMs);
        m_sim->stop();
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Unknown, kTimeoutMs);
        QVERIFY(m_conn->state() != ComfyConnection::State::Connected);
    }
};

QTEST_GUILESS_MAIN(TestClientSim)
#include "tst_clientsim.moc"
