// The catalogue as the app fills it, against the simulator in this process: ServerRegistry,
// Catalogue and CatalogueRecorder wired as main.cpp wires them. What a user relies on: the
// history ComfyUI already has is imported on the first connection (graphs, images, cached
// originals); nothing is recorded twice across restarts and reconnects; other clients'
// prompts are recorded while the app runs; our prompts that ComfyUI forgot become "lost",
// even when the app was not running at the time; a lost prompt is queued again only once.
// The file is read with plain SQL, as any other reader would see it.
#include "tinygraph.h"
#include "catalogue.h"
#include "cataloguerecorder.h"
#include "comfyclient.h"
#include "comfyconnection.h"
#include "serverregistry.h"
#include "simserver.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

namespace {

constexpr int kTimeoutMs = 30000;
const QString OurClientId = QStringLiteral("comfydesk-recorder-test");
const QString OtherClientId = QStringLiteral("someone-else");

QJsonObject tinyGraph(int color)
{
    return ::tinyGraph(color, QStringLiteral("recorder"));
}

// Rows of one query on the catalogue file, opened read-only beside the app's connection.
QList<QVariantList> select(const QString &file, const QString &sql,
                           const QVariantList &binds = {})
{
    QList<QVariantList> rows;
    const QString name = QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant &bind : binds)
                query.addBindValue(bind);
            if (query.exec()) {
                while (query.next()) {
                    QVariantList row;
                    for (int i = 0; i < query.record().count(); ++i)
                        row.append(query.value(i));
                    rows.append(row);
                }
            } else {
                qWarning() << "query failed:" << query.lastError().text() << sql;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

QVariant scalar(const QString &file, const QString &sql, const QVariantList &binds = {})
{
    const QList<QVariantList> rows = select(file, sql, binds);
    return rows.isEmpty() || rows.first().isEmpty() ? QVariant() : rows.first().first();
}

QString statusOf(const QString &file, const QString &promptId)
{
    return scalar(file, QStringLiteral("SELECT status FROM prompts WHERE prompt_id = ?"),
                  {promptId}).toString();
}

// One ComfyDesk as main.cpp wires it. Destroyed in main's order: recorder, catalogue, then
// the connections.
struct App
{
    QNetworkAccessManager nam;
    std::unique_ptr<ServerRegistry> servers;
    std::unique_ptr<Catalogue> catalogue;
    std::unique_ptr<CatalogueRecorder> recorder;
    std::unique_ptr<QSignalSpy> imports;

    App(const QUrl &url, const QString &file)
    {
        servers = std::make_unique<ServerRegistry>(
            nam, ComfyEndpoint(url, {}, OurClientId), [](ComfyConnection &connection) {
                connection.setReconnectDelays(20, 200);
            });
        servers->current().start();
        catalogue = std::make_unique<Catalogue>();
        catalogue->open(file);
        recorder = std::make_unique<CatalogueRecorder>(*catalogue, *servers);
        imports = std::make_unique<QSignalSpy>(recorder.get(),
                                               &CatalogueRecorder::importFinished);
    }
    ~App()
    {
        imports.reset();
        recorder.reset();
        catalogue.reset();
        servers.reset();
    }

    ComfyConnection &connection() { return servers->current(); }

    // Waits for the count-th import since the start to end well.
    bool waitForImports(int count)
    {
        if (!QTest::qWaitFor([&] { return imports->size() >= count; }, kTimeoutMs))
            return false;
        return imports->at(count - 1).at(1).toBool();
    }

    QString submit(const QJsonObject &graph, const QString &workflow = {})
    {
        SubmitOptions options;
        options.workflowName = workflow;
        ComfyReply *reply = connection().submit(graph, options);
        QSignalSpy done(reply, &ComfyReply::finished);
        if (!done.wait(kTimeoutMs) || !reply->ok())
            return {};
        return reply->object().value(QLatin1String("prompt_id")).toString();
    }

    // Every write asked for so far is in the file.
    bool flush()
    {
        bool answered = false;
        QObject context;
        catalogue->flush(&context, [&answered](bool) { answered = true; });
        return QTest::qWaitFor([&answered] { return answered; }, kTimeoutMs);
    }
};

} // namespace

class TestCatalogueRecorder : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SimServer *m_sim = nullptr;
    QNetworkAccessManager *m_otherNam = nullptr;
    ComfyClient *m_other = nullptr;   // another program queueing on the same ComfyUI
    QString m_file;

    // Queues a prompt as the other client; returns its id.
    QString submitOther(const QJsonObject &graph)
    {
        ComfyReply *reply = m_other->submitPrompt(graph);
        QSignalSpy done(reply, &ComfyReply::finished);
        if (!done.wait(kTimeoutMs) || !reply->ok())
            return {};
        return reply->object().value(QLatin1String("prompt_id")).toString();
    }

    // The prompt ids the simulator's history holds now.
    QStringList simHistoryIds()
    {
        ComfyReply *reply = m_other->history();
        QSignalSpy done(reply, &ComfyReply::finished);
        if (!done.wait(kTimeoutMs) || !reply->ok())
            return {};
        return reply->object().keys();
    }

    bool waitUntilInHistory(const QStringList &ids)
    {
        return QTest::qWaitFor([&] {
            const QStringList history = simHistoryIds();
            for (const QString &id : ids) {
                if (!history.contains(id))
                    return false;
            }
            return true;
        }, kTimeoutMs);
    }

    // No prompt and no image is in the file twice.
    void verifyNoDuplicates()
    {
        QCOMPARE(select(m_file, QStringLiteral("SELECT prompt_id, COUNT(*) FROM prompts"
                                               " GROUP BY prompt_id HAVING COUNT(*) > 1")),
                 QList<QVariantList>());
        QCOMPARE(select(m_file, QStringLiteral("SELECT prompt_row, idx, COUNT(*) FROM images"
                                               " GROUP BY prompt_row, idx"
                                               " HAVING COUNT(*) > 1")),
                 QList<QVariantList>());
        QCOMPARE(scalar(m_file, QStringLiteral("SELECT COUNT(*) FROM servers")).toInt(), 1);
    }

    int promptCount()
    {
        return scalar(m_file, QStringLiteral("SELECT COUNT(*) FROM prompts")).toInt();
    }

    // Has every one of ids, completed, with its graph and its images cached on disk.
    bool allRecordedWithCachedImages(const QStringList &ids)
    {
        for (const QString &id : ids) {
            const QList<QVariantList> rows = select(
                m_file, QStringLiteral("SELECT p.status, p.graph IS NOT NULL, i.cached_path"
                                       " FROM prompts p LEFT JOIN images i"
                                       " ON i.prompt_row = p.id WHERE p.prompt_id = ?"),
                {id});
            if (rows.size() != 1 || rows.first().at(0).toString() != QLatin1String("completed")
                || !rows.first().at(1).toBool() || rows.first().at(2).isNull()
                || !QFileInfo::exists(rows.first().at(2).toString()))
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_sim = new SimServer(this);
        m_sim->setDataDir(m_dir.filePath(QStringLiteral("sim")));
        m_sim->setNodeDelayMs(5);
        QVERIFY(m_sim->listen() != 0);
        m_otherNam = new QNetworkAccessManager(this);
        m_other = new ComfyClient(*m_otherNam, this);
        m_other->setEndpoint(ComfyEndpoint(m_sim->baseUrl(), {}, OtherClientId));
        m_file = m_dir.filePath(QUuid::createUuid().toString(QUuid::WithoutBraces)
                                + QStringLiteral("/catalogue.sqlite"));
    }

    void cleanup()
    {
        delete m_other;
        m_other = nullptr;
        delete m_otherNam;
        m_otherNam = nullptr;
        delete m_sim;
        m_sim = nullptr;
    }

    void firstConnectionImportsOtherClientsHistory()
    {
        QStringList ids;
        for (int i = 0; i < 6; ++i)
            ids.append(submitOther(tinyGraph(i)));
        QVERIFY(!ids.contains(QString()));
        QVERIFY(waitUntilInHistory(ids));

        App app(m_sim->baseUrl(), m_file);
        QVERIFY(app.waitForImports(1));
        QCOMPARE(app.imports->first().at(2).toInt(), 6);
        QTRY_VERIFY_WITH_TIMEOUT(allRecordedWithCachedImages(ids), kTimeoutMs);
        for (int i = 0; i < ids.size(); ++i) {
            const QList<QVariantList> rows = select(
                m_file, QStringLiteral("SELECT graph, client_id, submitted_here, image_count"
                                       " FROM prompts WHERE prompt_id = ?"), {ids.at(i)});
            QCOMPARE(rows.size(), 1);
            QCOMPARE(QJsonDocument::fromJson(rows.first().at(0).toByteArray()).object(),
                     tinyGraph(i));
            QCOMPARE(rows.first().at(1).toString(), OtherClientId);
            QCOMPARE(rows.first().at(2).toInt(), 0);   // not ours: not in our journal
            QCOMPARE(rows.first().at(3).toInt(), 1);
        }
        // The cached original is the picture ComfyUI made.
        const QString cached = scalar(m_file, QStringLiteral(
            "SELECT i.cached_path FROM images i JOIN prompts p ON p.id = i.prompt_row"
            " WHERE p.prompt_id = ?"), {ids.first()}).toString();
        QFile file(cached);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(8).startsWith("\x89PNG"));
        verifyNoDuplicates();
    }

    void noDuplicatesAcrossStartsAndReconnects()
    {
        QStringList others;
        for (int i = 0; i < 4; ++i)
            others.append(submitOther(tinyGraph(i)));
        QVERIFY(waitUntilInHistory(others));

        QStringList ours;
        int expected = 0;
        {
            App app(m_sim->baseUrl(), m_file);
            QVERIFY(app.waitForImports(1));
            for (int i = 0; i < 3; ++i)
                ours.append(app.submit(tinyGraph(10 + i), QStringLiteral("wf-%1").arg(i)));
            QVERIFY(!ours.contains(QString()));
            QTRY_VERIFY_WITH_TIMEOUT(allRecordedWithCachedImages(others + ours), kTimeoutMs);
            expected = promptCount();
            QCOMPARE(expected, 7);
            verifyNoDuplicates();
        }

        // A second start on the same file: the import finds every entry known.
        {
            App app(m_sim->baseUrl(), m_file);
            QVERIFY(app.waitForImports(1));
            QCOMPARE(app.imports->first().at(2).toInt(), 0);
            QVERIFY(app.flush());
            QCOMPARE(promptCount(), expected);
            verifyNoDuplicates();

            // The websocket drops: the reconnect imports again, nothing twice.
            m_sim->dropWebSockets();
            QVERIFY(app.waitForImports(2));
            QVERIFY(app.flush());
            QCOMPARE(promptCount(), expected);
            verifyNoDuplicates();

            // ComfyUI restarts: its history is gone, the catalogue keeps what it had; new
            // prompts after it are recorded once.
            m_sim->restart(100);
            QVERIFY(app.waitForImports(3));
            const QString after = app.submit(tinyGraph(20), QStringLiteral("after"));
            const QString otherAfter = submitOther(tinyGraph(21));
            QVERIFY(!after.isEmpty() && !otherAfter.isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(allRecordedWithCachedImages(others + ours
                                                                 + QStringList{after}),
                                     kTimeoutMs);
            expected += 1;
            QTRY_VERIFY_WITH_TIMEOUT(allRecordedWithCachedImages({otherAfter}), kTimeoutMs);
            expected += 1;
            m_sim->dropWebSockets();
            QVERIFY(app.waitForImports(4));
            QVERIFY(app.flush());
            QCOMPARE(promptCount(), expected);
            verifyNoDuplicates();
            QCOMPARE(scalar(m_file, QStringLiteral("SELECT workflow FROM prompts"
                                                   " WHERE prompt_id = ?"), {after}).toString(),
                     QStringLiteral("after"));
        }
    }

    void otherClientsPromptsAreRecordedWhileRunning()
    {
        App app(m_sim->baseUrl(), m_file);
        QVERIFY(app.waitForImports(1));
        QCOMPARE(promptCount(), 0);

        QStringList ids;
        for (int i = 0; i < 5; ++i) {
            ids.append(submitOther(tinyGraph(30 + i)));
            QVERIFY(!ids.last().isEmpty());
        }
        QVERIFY(waitUntilInHistory(ids));
        // No reconnect, no restart: the running app saw them finish.
        QTRY_VERIFY_WITH_TIMEOUT(allRecordedWithCachedImages(ids), kTimeoutMs);
        for (int i = 0; i < ids.size(); ++i) {
            QCOMPARE(QJsonDocument::fromJson(scalar(m_file, QStringLiteral(
                         "SELECT graph FROM prompts WHERE prompt_id = ?"), {ids.at(i)})
                                                 .toByteArray()).object(),
                     tinyGraph(30 + i));
        }
        QCOMPARE(app.imports->size(), 1);
        verifyNoDuplicates();
    }

    void pendingPromptBecomesLostWhenComfyRestarts()
    {
        App app(m_sim->baseUrl(), m_file);
        QVERIFY(app.waitForImports(1));
        // A long prompt of someone else runs; ours waits behind it.
        m_sim->setNodeDelayMs(60000);
        const QString blocker = submitOther(tinyGraph(1));
        const QString ours = app.submit(tinyGraph(2), QStringLiteral("mine"));
        QVERIFY(!blocker.isEmpty() && !ours.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_file, ours), QStringLiteral("pending"), kTimeoutMs);

        m_sim->setNodeDelayMs(5);
        m_sim->restart(100);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_file, ours), QStringLiteral("lost"), kTimeoutMs);
        const QList<QVariantList> rows = select(m_file, QStringLiteral(
            "SELECT graph, workflow, submitted_here FROM prompts WHERE prompt_id = ?"), {ours});
        QCOMPARE(rows.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(rows.first().at(0).toByteArray()).object(),
                 tinyGraph(2));
        QCOMPARE(rows.first().at(1).toString(), QStringLiteral("mine"));
        QCOMPARE(rows.first().at(2).toInt(), 1);
        verifyNoDuplicates();
    }

    void pendingPromptBecomesLostWhenBothRestart()
    {
        QString ours;
        {
            App app(m_sim->baseUrl(), m_file);
            QVERIFY(app.waitForImports(1));
            m_sim->setNodeDelayMs(60000);
            QVERIFY(!submitOther(tinyGraph(1)).isEmpty());
            ours = app.submit(tinyGraph(3), QStringLiteral("mine"));
            QVERIFY(!ours.isEmpty());
            QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_file, ours), QStringLiteral("pending"),
                                      kTimeoutMs);
        }
        // The app is gone; ComfyUI restarts meanwhile and forgets the prompt.
        m_sim->setNodeDelayMs(5);
        m_sim->restart(0);
        QTRY_VERIFY_WITH_TIMEOUT(simHistoryIds().isEmpty() && m_sim->historySize() == 0,
                                 kTimeoutMs);
        QCOMPARE(statusOf(m_file, ours), QStringLiteral("pending"));

        App app(m_sim->baseUrl(), m_file);
        QVERIFY(app.waitForImports(1));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_file, ours), QStringLiteral("lost"), kTimeoutMs);
        QCOMPARE(QJsonDocument::fromJson(scalar(m_file, QStringLiteral(
                     "SELECT graph FROM prompts WHERE prompt_id = ?"), {ours}).toByteArray())
                     .object(),
                 tinyGraph(3));
        verifyNoDuplicates();
    }

    void pendingPromptOutlivesAnAppRestart()
    {
        // Only the app restarts: ComfyUI still has the prompt, which finishes as usual.
        QString ours;
        {
            App app(m_sim->baseUrl(), m_file);
            QVERIFY(app.waitForImports(1));
            m_sim->setNodeDelayMs(1500);
            QVERIFY(!submitOther(tinyGraph(1)).isEmpty());
            ours = app.submit(tinyGraph(4), QStringLiteral("mine"));
            QTRY_COMPARE_WITH_TIMEOUT(statusOf(m_file, ours), QStringLiteral("pending"),
                                      kTimeoutMs);
        }
        m_sim->setNodeDelayMs(5);
        App app(m_sim->baseUrl(), m_file);
        QVERIFY(app.waitForImports(1));
        QTRY_VERIFY_WITH_TIMEOUT(allRecordedWithCachedImages({ours}), kTimeoutMs);
        verifyNoDuplicates();
    }

    void lostPromptIsRequeuedOnce()
    {
        App app(m_sim->baseUrl(), m_file);
        QVERIFY(app.waitForImports(1));
        m_sim->setNodeDelayMs(60000);
        QVERIFY(!submitOther(tinyGraph(1)).isEmpty());
        const QString first = app.submit(tinyGraph(5), QStringLiteral("first"));
        const QString second = app.submit(tinyGraph(6), QStringLiteral("second"));
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(m_file, first) == QLatin1String("pending")
                                     && statusOf(m_file, second) == QLatin1String("pending"),
                                 kTimeoutMs);
        m_sim->setNodeDelayMs(5);
        m_sim->restart(100);
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(m_file, first) == QLatin1String("lost")
                                     && statusOf(m_file, second) == QLatin1String("lost"),
                                 kTimeoutMs);
        QVERIFY(app.waitForImports(2));
        QSignalSpy queued(m_sim, &SimServer::promptQueued);

        using Result = CatalogueRecorder::RequeueResult;
        QList<Result> results;
        auto collect = [&results](const Result &result) { results.append(result); };
        app.recorder->requeue({first}, this, collect);
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 1, kTimeoutMs);
        QCOMPARE(results.first().requeuedFrom, QStringList{first});
        QCOMPARE(results.first().requeuedAs.size(), 1);
        QVERIFY(results.first().failedIds.isEmpty());
        const QString again = results.first().requeuedAs.first();
        QTRY_VERIFY_WITH_TIMEOUT(allRecordedWithCachedImages({again}), kTimeoutMs);
        const QList<QVariantList> rows = select(m_file, QStringLiteral(
            "SELECT requeued_from, workflow, graph, submitted_here FROM prompts"
            " WHERE prompt_id = ?"), {again});
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().at(0).toString(), first);
        QCOMPARE(rows.first().at(1).toString(), QStringLiteral("first"));
        QCOMPARE(QJsonDocument::fromJson(rows.first().at(2).toByteArray()).object(),
                 tinyGraph(5));
        QCOMPARE(rows.first().at(3).toInt(), 1);
        QCOMPARE(scalar(m_file, QStringLiteral("SELECT requeued_as FROM prompts"
                                               " WHERE prompt_id = ?"), {first}).toString(),
                 again);
        QCOMPARE(statusOf(m_file, first), QStringLiteral("lost"));

        // Asked again: it was re-queued already.
        results.clear();
        app.recorder->requeue({first}, this, collect);
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 1, kTimeoutMs);
        QVERIFY(results.first().requeuedFrom.isEmpty());
        QCOMPARE(results.first().skipped, QStringList{first});

        // Twice at once (a double click, two API calls), before the first is answered.
        results.clear();
        app.recorder->requeue({second}, this, collect);
        app.recorder->requeue({second}, this, collect);
        app.recorder->requeue({}, this, collect);
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 3, kTimeoutMs);
        QStringList requeuedFrom;
        QStringList requeuedAs;
        for (const Result &result : std::as_const(results)) {
            requeuedFrom += result.requeuedFrom;
            requeuedAs += result.requeuedAs;
            QVERIFY(result.failedIds.isEmpty());
        }
        QCOMPARE(requeuedFrom, QStringList{second});
        QCOMPARE(requeuedAs.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(allRecordedWithCachedImages(requeuedAs), kTimeoutMs);
        QVERIFY(app.flush());
        QCOMPARE(queued.size(), 2);   // first once, second once
        QCOMPARE(scalar(m_file, QStringLiteral("SELECT COUNT(*) FROM prompts"
                                               " WHERE requeued_from <> ''")).toInt(), 2);
        QCOMPARE(scalar(m_file, QStringLiteral("SELECT requeued_as FROM prompts"
                                               " WHERE prompt_id = ?"), {second}).toString(),
                 requeuedAs.first());
        verifyNoDuplicates();
    }
};

QTEST_GUILESS_MAIN(TestCatalogueRecorder)
#include "tst_cataloguerecorder.moc"
