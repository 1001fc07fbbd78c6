// The client core against the ComfyUI simulator: a prompt's whole life as a user sees it,
// over real HTTP and websocket on 127.0.0.1.
#include "comfyconnection.h"
#include "comfysocket.h"
#include "prompttracker.h"
#include "serverregistry.h"
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
#include <QWebSocket>

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
        // The other one runs on (under load its start may be seen a moment later).
        QTRY_COMPARE_WITH_TIMEOUT(status(running).state, State::Running, kTimeoutMs);
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

    // Defect: ComfyUI routes a client id to its newest socket and forgets the id when that
    // socket closes; the older socket stays open and hears nothing. The connection must
    // notice (a /queue read after a few quiet seconds) and replace its socket.
    void deafSocketIsReplaced()
    {
        m_conn->setSilenceCheckMs(300);
        QWebSocket intruder;
        QSignalSpy opened(&intruder, &QWebSocket::connected);
        intruder.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws?clientId=comfydesk-test")
                               .arg(m_sim->baseUrl().port())));
        QVERIFY(opened.wait(kTimeoutMs));
        intruder.close();
        QTRY_COMPARE_WITH_TIMEOUT(intruder.state(), QAbstractSocket::UnconnectedState,
                                  kTimeoutMs);
        QCOMPARE(m_conn->state(), ComfyConnection::State::Connected); // open, but deaf

        m_sim->setStepDelayMs(20);
        const QString id = submit(*m_conn, txt2img(11, 10));
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Completed, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_conn->deafSocketsReplaced() >= 1, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_conn->state(), ComfyConnection::State::Connected,
                                  kTimeoutMs);

        // The new socket hears again: the next prompt's events arrive by themselves.
        const int replaced = m_conn->deafSocketsReplaced();
        QSignalSpy events(m_conn, &ComfyConnection::eventReceived);
        const QString next = submit(*m_conn, txt2img(12, 3));
        QTRY_COMPARE_WITH_TIMEOUT(status(next).state, State::Completed, kTimeoutMs);
        QVERIFY(!events.isEmpty());
        QCOMPARE(m_conn->deafSocketsReplaced(), replaced);
    }

    // A quiet socket on a working server (a long node, no progress) is not replaced.
    void quietButHearingSocketIsKept()
    {
        m_conn->setSilenceCheckMs(100);
        m_sim->setNodeDelayMs(700);
        QJsonObject graph = loadWorkflow(QStringLiteral("invert_empty_image"));
        const QString id = submit(*m_conn, graph);
        QTRY_COMPARE_WITH_TIMEOUT(status(id).state, State::Completed, kTimeoutMs);
        QCOMPARE(m_conn->deafSocketsReplaced(), 0);
    }

    // Defect: the third of three slow prompts read {"status": "pending",
    // "queue_position": null} right after its submit was answered.
    void pendingHasItsPositionRightAfterSubmit()
    {
        m_sim->setStepDelayMs(50);
        // Before the first /queue read nothing can be placed (it reads unknown, honestly).
        QTRY_VERIFY_WITH_TIMEOUT(m_conn->isQueueCurrent(), kTimeoutMs);
        QStringList ids;
        for (int i = 0; i < 3; ++i) {
            ComfyReply *reply = m_conn->submit(txt2img(20 + i, 40));
            PromptStatus seen;
            QString failure;
            connect(reply, &ComfyReply::finished, this, [this, reply, &seen, &failure] {
                failure = reply->error().message;
                seen = status(reply->object().value(QLatin1String("prompt_id")).toString());
            });
            QSignalSpy done(reply, &ComfyReply::finished);
            QVERIFY(done.wait(kTimeoutMs));
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
            ids.append(seen.promptId);
            QVERIFY2(seen.state == State::Pending || seen.state == State::Running,
                     qPrintable(PromptStatus::stateName(seen.state)));
            if (seen.state == State::Pending)
                QVERIFY2(seen.queuePosition >= 1, qPrintable(seen.promptId));
        }
        const auto where = [this](const QString &id) {
            const PromptStatus s = status(id);
            return QStringLiteral("%1 %2 %3").arg(PromptStatus::stateName(s.state))
                .arg(s.queuePosition).arg(int(s.reason));
        };
        QTRY_COMPARE_WITH_TIMEOUT(where(ids.at(2)), QStringLiteral("pending 2 0"), kTimeoutMs);
        m_conn->clearPending();
        QTRY_COMPARE_WITH_TIMEOUT(status(ids.at(2)).state, State::Cancelled, kTimeoutMs);
        QCOMPARE(status(ids.at(1)).state, State::Cancelled);
        m_conn->interrupt();
        QTRY_COMPARE_WITH_TIMEOUT(status(ids.at(0)).state, State::Interrupted, kTimeoutMs);
    }

    void moveToFrontRunsItNext()
    {
        m_sim->setStepDelayMs(30);
        const QString running = submit(*m_conn, txt2img(30, 60));
        const QString a = submit(*m_conn, txt2img(31, 2));
        const QString b = submit(*m_conn, txt2img(32, 2));
        QTRY_COMPARE_WITH_TIMEOUT(status(b).queuePosition, 2, kTimeoutMs);
        QStringList finishedOrder;
        connect(m_sim, &SimServer::promptFinished, this,
                [&finishedOrder](const QString &id) { finishedOrder.append(id); });

        ComfyReply *reply = m_conn->moveToFront(b);
        QSignalSpy done(reply, &ComfyReply::finished);
        QVERIFY(done.wait(kTimeoutMs));
        QVERIFY2(reply->ok(), qPrintable(reply->error().message));
        QCOMPARE(reply->object().value(QLatin1String("prompt_id")).toString(), b);
        // Next in line, or already running when the long one ended meanwhile (a slow
        // sanitizer build): the finishing order below is what proves it ran next.
        QVERIFY2(status(b).queuePosition == 1 || status(b).state == State::Running
                     || status(b).state == State::Completed,
                 qPrintable(PromptStatus::stateName(status(b).state)));
        QTRY_COMPARE_WITH_TIMEOUT(status(a).state, State::Completed, kTimeoutMs);
        QCOMPARE(status(b).state, State::Completed);
        QCOMPARE(finishedOrder, (QStringList{running, b, a}));

        // Not pending (it ran): refused, and nothing is queued twice.
        ComfyReply *again = m_conn->moveToFront(b);
        QSignalSpy refused(again, &ComfyReply::finished);
        QVERIFY(refused.wait(kTimeoutMs));
        QCOMPARE(again->error().kind, ComfyError::Kind::NotPending);
    }

    // Defect: changing the URL re-pointed the one connection; prompts still running on the
    // old server were judged against the new one's queue (lost) and got its image URLs.
    void anotherServerIsAnotherConnection()
    {
        QTemporaryDir otherDir;
        SimServer other;
        other.setDataDir(otherDir.path());
        QVERIFY(other.listen() != 0);
        ServerRegistry servers(*m_nam, ComfyEndpoint(m_sim->baseUrl(), {}, QStringLiteral("r")),
                               [](ComfyConnection &c) { c.setReconnectDelays(20, 200); });
        ComfyConnection &first = servers.current();
        first.start();
        QTRY_COMPARE_WITH_TIMEOUT(first.state(), ComfyConnection::State::Connected, kTimeoutMs);
        m_sim->setStepDelayMs(40);
        const QString id = submit(first, txt2img(40, 25));
        QTRY_COMPARE_WITH_TIMEOUT(first.tracker().status(id).state, State::Running, kTimeoutMs);

        ComfyConnection &second = servers.switchTo(ComfyEndpoint(other.baseUrl(), {},
                                                                 QStringLiteral("r")));
        QVERIFY(&second != &first);
        QCOMPARE(first.baseUrl(), m_sim->baseUrl());
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), ComfyConnection::State::Connected, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(first.tracker().status(id).state, State::Completed,
                                  kTimeoutMs);
        QCOMPARE(servers.connectionFor(id), &first);
        QVERIFY(!second.tracker().contains(id));
        const PromptStatus done = first.tracker().status(id);
        QVERIFY(first.client().viewUrl(done.images.first().filename, {}, QStringLiteral("output"))
                    .toString().startsWith(m_sim->baseUrl().toString()));
        // Its work done, the old server's connection stops; the new one stays current.
        QTRY_COMPARE_WITH_TIMEOUT(first.state(), ComfyConnection::State::Stopped, kTimeoutMs);
        QCOMPARE(&servers.current(), &second);
        // Going back reuses the first server's connection (and what it knows).
        QCOMPARE(&servers.switchTo(ComfyEndpoint(m_sim->baseUrl(), {}, QStringLiteral("r"))),
                 &first);
        QCOMPARE(first.tracker().status(id).state, State::Completed);
    }

    // What the GUI shows about a server comes from core, typed: version and device from
    // /system_stats, the node catalogue from /object_info (typed off the UI thread).
    void serverFactsArePublished()
    {
        QSignalSpy catalogueSpy(m_conn, &ComfyConnection::nodeCatalogueChanged);
        if (m_conn->nodeCatalogue().size() == 0)
            QVERIFY(catalogueSpy.wait(kTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(m_conn->systemInfo().valid, kTimeoutMs);
        QVERIFY(!m_conn->systemInfo().comfyuiVersion.isEmpty());
        QVERIFY(!m_conn->systemInfo().devices.isEmpty());
        const NodeCatalogue &catalogue = m_conn->nodeCatalogue();
        QVERIFY(catalogue.contains(QStringLiteral("KSampler")));
        QCOMPARE(catalogue.node(QStringLiteral("KSampler"))->inputs.first().name,
                 QStringLiteral("model"));

        // Offline: the reason is published, and the reconnect delay for a countdown.
        QSignalSpy failure(m_conn, &ComfyConnection::failureChanged);
        QSignalSpy reconnect(m_conn, &ComfyConnection::reconnectScheduled);
        m_sim->stop();
        QTRY_COMPARE_WITH_TIMEOUT(m_conn->lastFailure().kind, ComfyError::Kind::Unreachable,
                                  kTimeoutMs);
        QVERIFY(!failure.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!reconnect.isEmpty(), kTimeoutMs);
        QVERIFY(reconnect.first().first().toInt() > 0);
    }
};

QTEST_GUILESS_MAIN(TestClientSim)
#include "tst_clientsim.moc"
