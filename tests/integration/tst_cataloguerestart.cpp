// The catalogue as an operator relies on it, with the real binaries: `comfydesk --headless
// --catalogue <file>` against `comfydesk-sim`. Prompts and their cached images survive a
// restart of both ComfyDesk and ComfyUI (whose history and files are then gone), and a
// prompt ComfyUI lost in a restart is queued again once through /api/catalogue/requeue.
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>

namespace {

constexpr int StartMs = 20000;
constexpr int SettleMs = 60000;   // generous: a loaded CI machine, never a speed claim

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

struct Reply
{
    int status = 0;   // 0: no answer
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QStringList idsOf(const QJsonObject &page)
{
    QStringList ids;
    for (const QJsonValue &prompt : page.value(QLatin1String("prompts")).toArray())
        ids.append(prompt[QLatin1String("prompt_id")].toString());
    return ids;
}

// Every image of the prompt is in ComfyDesk's cache.
bool allCached(const QJsonObject &prompt)
{
    const QJsonArray images = prompt.value(QLatin1String("images")).toArray();
    if (images.isEmpty())
        return false;
    for (const QJsonValue &image : images) {
        if (!image[QLatin1String("cached")].toBool())
            return false;
    }
    return true;
}

// sd_txt2img overrides: a positive prompt with a word of its own, and its own seed.
QJsonObject overridesSaying(const QString &word, int seed)
{
    return QJsonObject{
        {QStringLiteral("6"),
         QJsonObject{{QStringLiteral("inputs"),
                      QJsonObject{{QStringLiteral("text"),
                                   QStringLiteral("a watercolour of a %1 at dawn").arg(word)}}}}},
        {QStringLiteral("3"),
         QJsonObject{{QStringLiteral("inputs"), QJsonObject{{QStringLiteral("seed"), seed}}}}},
    };
}

} // namespace

class TestCatalogueRestart : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;
    quint16 m_simPort = 0;
    quint16 m_apiPort = 0;

    Reply finish(QNetworkReply *reply)
    {
        Reply result;
        if (!reply->isFinished()) {
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(30000);
        }
        if (reply->isFinished()) {
            result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            result.body = reply->readAll();
        }
        reply->abort();
        reply->deleteLater();
        return result;
    }

    QUrl apiUrl(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_apiPort).arg(pathAndQuery));
    }

    Reply get(const QString &pathAndQuery)
    {
        return finish(m_nam.get(QNetworkRequest(apiUrl(pathAndQuery))));
    }

    Reply post(const QString &pathAndQuery, const QJsonObject &body)
    {
        QNetworkRequest request(apiUrl(pathAndQuery));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        return finish(m_nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    }

    // Asks until check accepts the answer (or the deadline passes); the last answer.
    Reply poll(const QString &pathAndQuery, const std::function<bool(const Reply &)> &check)
    {
        Reply last;
        QDeadlineTimer deadline(SettleMs);
        while (!deadline.hasExpired()) {
            last = get(pathAndQuery);
            if (check(last))
                return last;
            QTest::qWait(100);
        }
        return last;
    }

    // comfydesk-sim on m_simPort (any free one the first time), files under dataDir.
    bool startSim(QProcess &sim, const QString &dataDir, const QStringList &knobs)
    {
        sim.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        sim.start(QStringLiteral(COMFYDESK_SIM_PATH),
                  QStringList{QStringLiteral("--port"), QString::number(m_simPort),
                              QStringLiteral("--data-dir"), dataDir}
                      + knobs);
        if (!sim.waitForStarted(StartMs))
            return false;
        while (!sim.canReadLine()) {
            if (!sim.waitForReadyRead(StartMs))
                return false;
        }
        const QUrl url(QString::fromUtf8(sim.readLine().trimmed()));
        m_simPort = quint16(url.port());
        return m_simPort != 0;
    }

    bool startApp(QProcess &app)
    {
        m_apiPort = freePort();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("COMFYDESK_CATALOGUE"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        app.setProcessEnvironment(env);
        app.setWorkingDirectory(m_dir.path());
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(QStringLiteral(COMFYDESK_APP_PATH),
                  {QStringLiteral("--headless"), QStringLiteral("--comfy-url"),
                   QStringLiteral("http://127.0.0.1:%1").arg(m_simPort),
                   QStringLiteral("--api-port"), QString::number(m_apiPort),
                   QStringLiteral("--workflows"),
                   QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows"),
                   QStringLiteral("--catalogue"), m_dir.filePath(QStringLiteral("c.sqlite"))});
        if (!app.waitForStarted(StartMs))
            return false;
        QByteArray out;
        QDeadlineTimer deadline(StartMs);
        while (!out.contains("ComfyDesk API on") && app.state() == QProcess::Running
               && !deadline.hasExpired()) {
            app.waitForReadyRead(200);
            out += app.readAll();
        }
        if (!out.contains("ComfyDesk API on"))
            qWarning("comfydesk did not start: %s", out.constData());
        return out.contains("ComfyDesk API on");
    }

    // SIGTERM, as a service manager stops it: a clean exit.
    void stop(QProcess &process)
    {
        if (process.state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(StartMs));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_simPort = 0;
    }

    void promptsAndImagesOutliveBothRestarts()
    {
        QProcess sim;
        QVERIFY(startSim(sim, m_dir.filePath(QStringLiteral("sim-1")),
                         {QStringLiteral("--step-ms"), QStringLiteral("2")}));
        QProcess app;
        QVERIFY(startApp(app));

        const QStringList words{QStringLiteral("marmalade"), QStringLiteral("zeppelin"),
                                QStringLiteral("quokka")};
        QStringList ids;
        for (int i = 0; i < words.size(); ++i) {
            const Reply run = post(QStringLiteral("/api/workflow/sd_txt2img?wait=60"),
                                   overridesSaying(words.at(i), 1000 + i));
            QCOMPARE(run.status, 200);
            QCOMPARE(run.json().value(QLatin1String("status")).toString(),
                     QStringLiteral("completed"));
            ids.append(run.json().value(QLatin1String("prompt_id")).toString());
        }
        // The cache fills shortly after each prompt completes.
        const auto listsAllCached = [&ids](const Reply &reply) {
            const QJsonObject page = reply.json();
            const QStringList listed = idsOf(page);
            if (reply.status != 200 || !QSet<QString>(listed.begin(), listed.end())
                                            .contains(QSet<QString>(ids.begin(), ids.end())))
                return false;
            for (const QJsonValue &prompt : page.value(QLatin1String("prompts")).toArray()) {
                if (prompt[QLatin1String("status")].toString() != QLatin1String("completed")
                    || !allCached(prompt.toObject()))
                    return false;
            }
            return true;
        };
        const QString completed = QStringLiteral("/api/catalogue?status=completed");
        const Reply before = poll(completed, listsAllCached);
        QVERIFY2(listsAllCached(before), before.body.constData());
        QCOMPARE(idsOf(before.json()).size(), 3);
        QHash<QString, QByteArray> bytes;
        QHash<QString, QString> filenames;
        for (const QJsonValue &prompt : before.json().value(QLatin1String("prompts")).toArray()) {
            const QString id = prompt[QLatin1String("prompt_id")].toString();
            QCOMPARE(prompt[QLatin1String("workflow")].toString(), QStringLiteral("sd_txt2img"));
            const Reply image = get(QStringLiteral("/api/image/%1/0").arg(id));
            QCOMPARE(image.status, 200);
            QVERIFY(image.body.startsWith("\x89PNG"));
            bytes.insert(id, image.body);
            filenames.insert(id, prompt[QLatin1String("images")][0][QLatin1String("filename")]
                                     .toString());
        }

        // Both restart; the new ComfyUI has an empty history and none of the files.
        stop(app);
        stop(sim);
        QProcess sim2;
        QVERIFY(startSim(sim2, m_dir.filePath(QStringLiteral("sim-2")), {}));
        QProcess app2;
        QVERIFY(startApp(app2));

        const Reply after = poll(completed, listsAllCached);
        QVERIFY2(listsAllCached(after), after.body.constData());
        const QStringList listedAfter = idsOf(after.json());
        QCOMPARE(QSet<QString>(listedAfter.begin(), listedAfter.end()),
                 QSet<QString>(ids.begin(), ids.end()));
        for (int i = 0; i < ids.size(); ++i) {
            const QString &id = ids.at(i);
            const Reply one = get(QStringLiteral("/api/catalogue/") + id);
            QCOMPARE(one.status, 200);
            const QJsonObject graph = one.json().value(QLatin1String("graph")).toObject();
            QVERIFY(graph[QLatin1String("6")][QLatin1String("inputs")][QLatin1String("text")]
                        .toString().contains(words.at(i)));
            QCOMPARE(graph[QLatin1String("3")][QLatin1String("inputs")][QLatin1String("seed")]
                         .toInteger(), 1000 + i);

            // The simulator no longer has the file: the bytes are the cache's.
            const Reply atComfy = finish(m_nam.get(QNetworkRequest(QUrl(
                QStringLiteral("http://127.0.0.1:%1/view?filename=%2&type=output")
                    .arg(m_simPort).arg(filenames.value(id))))));
            QCOMPARE(atComfy.status, 404);
            const Reply image = get(QStringLiteral("/api/image/%1/0").arg(id));
            QCOMPARE(image.status, 200);
            QCOMPARE(image.body, bytes.value(id));
            const Reply list = get(QStringLiteral("/api/image/") + id);
            QCOMPARE(list.status, 200);
            QCOMPARE(list.json().value(QLatin1String("images")).toArray().size(), 1);
        }
        // A word of one prompt's text finds that prompt only.
        QCOMPARE(idsOf(get(QStringLiteral("/api/catalogue?q=quokka")).json()),
                 QStringList{ids.at(2)});
        QCOMPARE(idsOf(get(QStringLiteral("/api/catalogue?q=zeppelin")).json()),
                 QStringList{ids.at(1)});

        stop(app2);
        stop(sim2);
    }

    void aLostPromptIsQueuedAgainOnce()
    {
        // Slow enough that the prompt is still queued or running when ComfyUI restarts.
        QProcess sim;
        QVERIFY(startSim(sim, m_dir.filePath(QStringLiteral("sim-slow")),
                         {QStringLiteral("--node-ms"), QStringLiteral("5000")}));
        QProcess app;
        QVERIFY(startApp(app));
        const Reply submitted = post(QStringLiteral("/api/workflow/sd_txt2img"),
                                     overridesSaying(QStringLiteral("lighthouse"), 7));
        QCOMPARE(submitted.status, 200);
        const QString lostId = submitted.json().value(QLatin1String("prompt_id")).toString();
        const Reply recorded = poll(QStringLiteral("/api/catalogue/") + lostId,
                                    [](const Reply &reply) { return reply.status == 200; });
        QCOMPARE(recorded.status, 200);
        QVERIFY(!recorded.json().value(QLatin1String("status")).toString()
                     .startsWith(QLatin1String("complete")));

        stop(sim);
        QProcess sim2;
        QVERIFY(startSim(sim2, m_dir.filePath(QStringLiteral("sim-fast")),
                         {QStringLiteral("--step-ms"), QStringLiteral("2")}));
        const Reply lost = poll(QStringLiteral("/api/catalogue?status=lost"),
                                [&lostId](const Reply &reply) {
                                    return idsOf(reply.json()).contains(lostId);
                                });
        QVERIFY2(idsOf(lost.json()).contains(lostId), lost.body.constData());

        const Reply requeue = post(QStringLiteral("/api/catalogue/requeue"),
                                   QJsonObject{{QStringLiteral("lost"), true}});
        QCOMPARE(requeue.status, 200);
        const QJsonArray requeued = requeue.json().value(QLatin1String("requeued")).toArray();
        QCOMPARE(requeued.size(), 1);
        QCOMPARE(requeued.first()[QLatin1String("prompt_id")].toString(), lostId);
        const QString newId = requeued.first()[QLatin1String("new_prompt_id")].toString();
        QVERIFY(!newId.isEmpty() && newId != lostId);

        const Reply done = poll(QStringLiteral("/api/catalogue/") + newId,
                                [](const Reply &reply) {
            return reply.json().value(QLatin1String("status")).toString()
                   == QLatin1String("completed");
        });
        QCOMPARE(done.json().value(QLatin1String("status")).toString(),
                 QStringLiteral("completed"));
        QCOMPARE(done.json().value(QLatin1String("requeued_from")).toString(), lostId);
        QCOMPARE(done.json().value(QLatin1String("workflow")).toString(),
                 QStringLiteral("sd_txt2img"));
        QCOMPARE(get(QStringLiteral("/api/catalogue/") + lostId).json()
                     .value(QLatin1String("requeued_as")).toString(), newId);
        QCOMPARE(get(QStringLiteral("/api/image/%1/0").arg(newId)).status, 200);

        // Queued once: a second call finds nothing lost.
        const Reply again = post(QStringLiteral("/api/catalogue/requeue"),
                                 QJsonObject{{QStringLiteral("lost"), true}});
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(QLatin1String("requeued")).toArray(), QJsonArray());
        QCOMPARE(again.json().value(QLatin1String("failed")).toArray(), QJsonArray());

        stop(app);
        stop(sim2);
    }
};

QTEST_GUILESS_MAIN(TestCatalogueRestart)
#include "tst_cataloguerestart.moc"
