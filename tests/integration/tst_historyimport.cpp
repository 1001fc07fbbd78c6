// Importing a ComfyUI history into catalogue records, against the simulator binary
// (comfydesk-sim, its own process, as a real ComfyUI would be): prompts submitted by this
// app are found again with their workflow names, each prompt once, skipped ones skipped,
// and a large history is read without blocking the caller's event loop.
#include "tinygraph.h"
#include "comfyconnection.h"
#include "historyimporter.h"
#include "prompttracker.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

constexpr int kTimeoutMs = 30000;

QJsonObject tinyGraph(int color)
{
    return ::tinyGraph(color, QStringLiteral("import"));
}

// What one import emitted.
struct Import
{
    bool ok = false;
    int imported = -1;
    ComfyError error;
    QList<QList<PromptRecord>> batches;

    QHash<QString, int> timesSeen() const
    {
        QHash<QString, int> seen;
        for (const QList<PromptRecord> &batch : batches) {
            for (const PromptRecord &record : batch)
                ++seen[record.promptId];
        }
        return seen;
    }
    QHash<QString, PromptRecord> byId() const
    {
        QHash<QString, PromptRecord> out;
        for (const QList<PromptRecord> &batch : batches) {
            for (const PromptRecord &record : batch)
                out.insert(record.promptId, record);
        }
        return out;
    }
};

} // namespace

class TestHistoryImport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess *m_sim = nullptr;
    QUrl m_url;
    QNetworkAccessManager *m_nam = nullptr;
    ComfyConnection *m_conn = nullptr;

    // Starts comfydesk-sim on a free port; its first line of output is its URL.
    bool startSim(const QStringList &extraArgs = {})
    {
        m_sim = new QProcess(this);
        m_sim->setProcessChannelMode(QProcess::SeparateChannels);
        m_sim->start(QStringLiteral(COMFYDESK_SIM_PATH),
                     QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                 QStringLiteral("--data-dir"), m_dir.path(),
                                 QStringLiteral("--node-ms"), QStringLiteral("1")}
                         + extraArgs);
        if (!m_sim->waitForStarted(kTimeoutMs))
            return false;
        while (!m_sim->canReadLine()) {
            if (!m_sim->waitForReadyRead(kTimeoutMs))
                return false;
        }
        m_url = QUrl(QString::fromUtf8(m_sim->readLine().trimmed()));
        return m_url.isValid() && m_url.port() > 0;
    }

    bool connectTo()
    {
        m_nam = new QNetworkAccessManager(this);
        m_conn = new ComfyConnection(*m_nam, this);
        m_conn->setBaseUrl(m_url);
        m_conn->setClientId(QStringLiteral("comfydesk-import-test"));
        m_conn->setReconnectDelays(20, 200);
        m_conn->start();
        return QTest::qWaitFor(
            [this] { return m_conn->state() == ComfyConnection::State::Connected; },
            kTimeoutMs);
    }

    // Submits count prompts named "wf-<i>" and waits until all have completed.
    QStringList submitAndFinish(int count)
    {
        QStringList ids;
        for (int i = 0; i < count; ++i) {
            SubmitOptions options;
            options.workflowName = QStringLiteral("wf-%1").arg(i);
            ComfyReply *reply = m_conn->submit(tinyGraph(i), options);
            QSignalSpy done(reply, &ComfyReply::finished);
            if (!done.wait(kTimeoutMs) || !reply->ok()) {
                qWarning() << "submit failed:" << reply->error().message;
                return {};
            }
            ids.append(reply->object().value(QLatin1String("prompt_id")).toString());
        }
        const bool finished = QTest::qWaitFor(
            [this, &ids] {
                for (const QString &id : std::as_const(ids)) {
                    if (m_conn->tracker().status(id).state != PromptStatus::State::Completed)
                        return false;
                }
                return true;
            },
            kTimeoutMs);
        return finished ? ids : QStringList();
    }

    // Runs one import to its end. onBatch runs after each batch is recorded.
    Import runImport(int pageSize, const QSet<QString> &skip,
                     std::function<void(const QList<PromptRecord> &)> onBatch = {})
    {
        Import result;
        HistoryImporter importer(m_conn->client(), m_url.toString());
        importer.setPageSize(pageSize);
        connect(&importer, &HistoryImporter::batchReady, this,
                [&result, &onBatch](const QList<PromptRecord> &records) {
                    result.batches.append(records);
                    if (onBatch)
                        onBatch(records);
                });
        QSignalSpy finished(&importer, &HistoryImporter::finished);
        importer.start(skip);
        if (!finished.wait(kTimeoutMs) || finished.size() != 1)
            return result;
        result.ok = finished.first().at(0).toBool();
        result.imported = finished.first().at(1).toInt();
        result.error = finished.first().at(2).value<ComfyError>();
        return result;
    }

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void cleanup()
    {
        delete m_conn;
        m_conn = nullptr;
        delete m_nam;
        m_nam = nullptr;
        if (m_sim) {
            m_sim->terminate();   // SIGTERM: the simulator quits cleanly
            if (!m_sim->waitForFinished(5000))
                m_sim->kill();
            delete m_sim;
            m_sim = nullptr;
        }
    }

    void everyPromptOnceWithItsWorkflow()
    {
        QVERIFY(startSim());
        QVERIFY(connectTo());
        QSignalSpy accepted(m_conn, &ComfyConnection::promptAccepted);
        const QStringList ids = submitAndFinish(10);
        QCOMPARE(ids.size(), 10);
        QCOMPARE(accepted.size(), 10);

        const Import import = runImport(3, {});
        QVERIFY2(import.ok, qPrintable(import.error.message));
        QCOMPARE(import.imported, 10);
        QVERIFY(import.batches.size() >= 4);   // 10 entries, 3 per page
        for (const QList<PromptRecord> &batch : import.batches)
            QVERIFY(batch.size() <= 3);
        const QHash<QString, int> seen = import.timesSeen();
        QCOMPARE(seen.size(), 10);
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            QCOMPARE(it.value(), 1);

        // ComfyUI kept our extra_data: the workflow names come back from its history.
        const QHash<QString, PromptRecord> records = import.byId();
        for (int i = 0; i < ids.size(); ++i) {
            const PromptRecord record = records.value(ids.at(i));
            QCOMPARE(record.promptId, ids.at(i));
            QCOMPARE(record.workflow, QStringLiteral("wf-%1").arg(i));
            QCOMPARE(record.clientId, QStringLiteral("comfydesk-import-test"));
            QCOMPARE(record.server, m_url.toString());
            QCOMPARE(record.status, QStringLiteral("completed"));
            QCOMPARE(record.images.size(), 1);
            QCOMPARE(record.graph, tinyGraph(i));
            QVERIFY(record.startedAtMs > 0 && record.finishedAtMs >= record.startedAtMs);
        }
    }

    void skippedIdsAreSkipped()
    {
        QVERIFY(startSim());
        QVERIFY(connectTo());
        const QStringList ids = submitAndFinish(10);
        QCOMPARE(ids.size(), 10);

        const QSet<QString> someSkipped{ids.at(0), ids.at(4), ids.at(5), ids.at(9)};
        Import import = runImport(3, someSkipped);
        QVERIFY2(import.ok, qPrintable(import.error.message));
        QCOMPARE(import.imported, 6);
        QHash<QString, int> seen = import.timesSeen();
        QCOMPARE(seen.size(), 6);
        for (const QString &id : ids)
            QCOMPARE(seen.value(id), someSkipped.contains(id) ? 0 : 1);

        // A second import that knows them all: nothing, and no empty batches either.
        import = runImport(3, QSet<QString>(ids.cbegin(), ids.cend()));
        QVERIFY2(import.ok, qPrintable(import.error.message));
        QCOMPARE(import.imported, 0);
        QVERIFY(import.batches.isEmpty());
    }

    void historyShrinkingDuringImportMissesNothing()
    {
        // Entries removed before the next page's offset move the unread ones down (ComfyUI
        // dropping its oldest at the cap, or a user deleting): none may be skipped.
        QVERIFY(startSim());
        QVERIFY(connectTo());
        const QStringList ids = submitAndFinish(10);
        QCOMPARE(ids.size(), 10);

        bool deleted = false;
        const Import import = runImport(3, {}, [this, &deleted](const QList<PromptRecord> &b) {
            if (deleted || b.size() < 3)
                return;
            deleted = true;
            // Done before the importer asks for its next page.
            ComfyReply *reply = m_conn->client().deleteHistory({b.at(0).promptId,
                                                                b.at(1).promptId});
            QSignalSpy done(reply, &ComfyReply::finished);
            QVERIFY(done.wait(kTimeoutMs));
            QVERIFY(reply->ok());
        });
        QVERIFY(deleted);
        QVERIFY2(import.ok, qPrintable(import.error.message));
        const QHash<QString, int> seen = import.timesSeen();
        QCOMPARE(seen.size(), 10);   // the two deleted were read before they went
        for (const QString &id : ids)
            QCOMPARE(seen.value(id), 1);
        QCOMPARE(import.imported, 10);
    }

    void largeHistoryKeepsTheEventLoopFree()
    {
        constexpr int Entries = 2000;
        QVERIFY(startSim({QStringLiteral("--fill-history"), QString::number(Entries)}));
        QVERIFY(connectTo());

        // The longest time the event loop could not run a 1 ms timer during the import.
        QElapsedTimer clock;
        qint64 last = 0;
        qint64 longestGap = 0;
        QTimer ticker;
        ticker.setInterval(1);
        connect(&ticker, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longestGap = qMax(longestGap, now - last);
            last = now;
        });
        clock.start();
        ticker.start();
        const Import import = runImport(HistoryImporter::DefaultPageSize, {});
        ticker.stop();
        const qint64 total = clock.elapsed();

        QVERIFY2(import.ok, qPrintable(import.error.message));
        QCOMPARE(import.imported, Entries);
        const QHash<QString, int> seen = import.timesSeen();
        QCOMPARE(seen.size(), Entries);
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            QCOMPARE(it.value(), 1);
        // Timing is for reading, not asserting (tests must not depend on machine speed).
        qInfo("imported %d entries in %lld ms; longest event-loop gap %lld ms",
              import.imported, total, longestGap);
    }

    void cancelOrDeleteAtAnyMoment()
    {
        // Whether the request, the pool's parse or a batch listener is under way: after
        // cancel() nothing more is emitted, and deleting the importer is safe.
        QVERIFY(startSim({QStringLiteral("--fill-history"), QStringLiteral("2000")}));
        QVERIFY(connectTo());
        for (const int delayMs : {0, 1, 2, 3, 5, 8, 13, 21, 34}) {
            for (const bool destroy : {false, true}) {
                auto *importer = new HistoryImporter(m_conn->client(), m_url.toString());
                int signalsAfter = 0;
                bool stopped = false;
                connect(importer, &HistoryImporter::batchReady, this,
                        [&] { signalsAfter += stopped ? 1 : 0; });
                connect(importer, &HistoryImporter::finished, this,
                        [&] { signalsAfter += stopped ? 1 : 0; });
                importer->start({});
                QTest::qWait(delayMs);
                stopped = true;
                if (destroy) {
                    delete importer;
                } else {
                    importer->cancel();
                    QVERIFY(!importer->isRunning());
                }
                QTest::qWait(50);   // a parse still running in the pool ends meanwhile
                QCOMPARE(signalsAfter, 0);
                if (!destroy)
                    delete importer;
            }
        }

        // A batch listener may delete the importer, too.
        auto *importer = new HistoryImporter(m_conn->client(), m_url.toString());
        QPointer<HistoryImporter> guard(importer);
        int batches = 0;
        connect(importer, &HistoryImporter::batchReady, this, [&] {
            ++batches;
            delete importer;
        });
        importer->start({});
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), kTimeoutMs);
        QTest::qWait(50);
        QCOMPARE(batches, 1);
    }
};

QTEST_GUILESS_MAIN(TestHistoryImport)
#include "tst_historyimport.moc"
