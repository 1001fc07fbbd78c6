// The catalogue survives the app being killed (SIGKILL: a crash, a power cut of the process,
// an OOM kill) at any moment while it imports a long history and records live prompts:
// the real `comfydesk --headless` against the simulator binary, killed 20 times at random
// moments. Every other run meets a restarted ComfyUI with a new history (same URL), so
// kills land in the middle of imports as well as in the runs that resume them. After each
// kill the file is sound (integrity check) and holds no prompt twice;
// a last, normal run then completes the import: every prompt ComfyUI's history has is in
// the catalogue. The random delays come from a seed printed at the start; set
// COMFYDESK_KILL_SEED to replay a failing run.
#include "tinygraph.h"
#include "comfyclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <csignal>

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool Sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool Sanitized = true;
#else
constexpr bool Sanitized = false;
#endif
#else
constexpr bool Sanitized = false;
#endif

constexpr int Kills = 20;
// A sanitized app is several times slower: a shorter history keeps the test's time in
// bounds, and longer runs between kills still let it get somewhere.
constexpr int HistoryEntries = Sanitized ? 1000 : 3000;
constexpr int MinKillMs = 50;
constexpr int MaxKillMs = Sanitized ? 4000 : 1500;
constexpr int kTimeoutMs = Sanitized ? 120000 : 60000;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QJsonObject tinyGraph(int color)
{
    return ::tinyGraph(color, QStringLiteral("kill"));
}

// Runs statements on the catalogue file opened read-only (what a killed app left is
// looked at, not repaired); each returns its rows.
class ReadOnlyFile
{
public:
    explicit ReadOnlyFile(const QString &path)
        : m_name(QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open())
            m_error = db.lastError().text();
    }
    ~ReadOnlyFile()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    QString error() const { return m_error; }

    QList<QVariantList> rows(const QString &sql)
    {
        QList<QVariantList> out;
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql)) {
            m_error = query.lastError().text() + QStringLiteral(" [") + sql
                      + QLatin1Char(']');
            return out;
        }
        while (query.next()) {
            QVariantList row;
            for (int i = 0; i < query.record().count(); ++i)
                row.append(query.value(i));
            out.append(row);
        }
        return out;
    }
    QVariant value(const QString &sql)
    {
        const QList<QVariantList> all = rows(sql);
        return all.isEmpty() || all.first().isEmpty() ? QVariant() : all.first().first();
    }

private:
    QString m_name;
    QString m_error;
};

} // namespace

class TestCatalogueKill : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_sim;
    quint16 m_simPort = 0;
    QUrl m_simUrl;
    QString m_file;
    QNetworkAccessManager m_nam;
    ComfyClient *m_other = nullptr;

    // Starts the simulator (again) on the same port, with a new history of its own.
    bool startSim()
    {
        m_sim.setProcessChannelMode(QProcess::SeparateChannels);
        m_sim.start(QStringLiteral(COMFYDESK_SIM_PATH),
                    {QStringLiteral("--port"), QString::number(m_simPort),
                     QStringLiteral("--data-dir"),
                     m_dir.filePath(QStringLiteral("sim")), QStringLiteral("--node-ms"),
                     QStringLiteral("2"), QStringLiteral("--fill-history"),
                     QString::number(HistoryEntries)});
        if (!m_sim.waitForStarted(kTimeoutMs))
            return false;
        while (!m_sim.canReadLine()) {
            if (!m_sim.waitForReadyRead(kTimeoutMs))
                return false;
        }
        m_simUrl = QUrl(QString::fromUtf8(m_sim.readLine().trimmed()));
        return m_simUrl.isValid() && m_simUrl.port() == m_simPort;
    }

    void stopSim()
    {
        m_sim.terminate();
        if (!m_sim.waitForFinished(5000))
            m_sim.kill();
    }

    void startApp(QProcess &app)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        app.setProcessEnvironment(env);
        app.setWorkingDirectory(m_dir.path());
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(QStringLiteral(COMFYDESK_APP_PATH),
                  {QStringLiteral("--headless"), QStringLiteral("--catalogue"), m_file,
                   QStringLiteral("--comfy-url"), m_simUrl.toString(),
                   QStringLiteral("--api-port"), QString::number(freePort()),
                   QStringLiteral("--workflows"),
                   QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows")});
    }

    // The prompt ids ComfyUI's history holds now.
    QSet<QString> simHistoryIds()
    {
        ComfyReply *reply = m_other->history();
        QSignalSpy done(reply, &ComfyReply::finished);
        if (!done.wait(kTimeoutMs) || !reply->ok())
            return {};
        const QStringList keys = reply->object().keys();
        return QSet<QString>(keys.cbegin(), keys.cend());
    }

    QSet<QString> catalogueIds()
    {
        ReadOnlyFile db(m_file);
        QSet<QString> ids;
        for (const QVariantList &row : db.rows(QStringLiteral("SELECT prompt_id FROM prompts")))
            ids.insert(row.first().toString());
        return ids;
    }

    // What a killed (or stopped) app left: a sound file, each prompt once, every row
    // whole (its search entry and its image count written with it), no cached path
    // without its file. Returns how many prompts it holds.
    int verifyFile(const QString &when)
    {
        if (!QFileInfo::exists(m_file))
            return 0;   // killed before it created the file
        ReadOnlyFile db(m_file);
        const QString integrity = db.value(QStringLiteral("PRAGMA integrity_check")).toString();
        if (!db.error().isEmpty()) {
            QTest::qFail(qPrintable(when + QStringLiteral(": ") + db.error()), __FILE__,
                         __LINE__);
            return -1;
        }
        const int version = db.value(QStringLiteral("PRAGMA user_version")).toInt();
        if (version == 0)
            return 0;   // killed before the schema was committed: nothing there yet
        auto fail = [&when](const QString &what) {
            QTest::qFail(qPrintable(when + QStringLiteral(": ") + what), __FILE__, __LINE__);
            return -1;
        };
        if (integrity != QLatin1String("ok"))
            return fail(QStringLiteral("integrity_check says ") + integrity);
        const QList<QVariantList> duplicates = db.rows(QStringLiteral(
            "SELECT server_id, prompt_id, COUNT(*) FROM prompts GROUP BY server_id, prompt_id"
            " HAVING COUNT(*) > 1"));
        if (!duplicates.isEmpty())
            return fail(QStringLiteral("%1 prompts recorded more than once, e.g. %2")
                            .arg(duplicates.size())
                            .arg(duplicates.first().at(1).toString()));
        if (db.value(QStringLiteral("SELECT COUNT(*) FROM servers")).toInt() > 1)
            return fail(QStringLiteral("one server recorded under several names"));
        const int unindexed = db.value(QStringLiteral(
            "SELECT COUNT(*) FROM prompts WHERE id NOT IN (SELECT rowid FROM prompts_fts)"))
                                  .toInt();
        if (unindexed != 0)
            return fail(QStringLiteral("%1 prompts without their search entry").arg(unindexed));
        const int miscounted = db.value(QStringLiteral(
            "SELECT COUNT(*) FROM prompts p WHERE image_count <>"
            " (SELECT COUNT(*) FROM images i WHERE i.prompt_row = p.id)")).toInt();
        if (miscounted != 0)
            return fail(QStringLiteral("%1 prompts whose image count is not their images")
                            .arg(miscounted));
        for (const QVariantList &row : db.rows(QStringLiteral(
                 "SELECT cached_path FROM images WHERE cached_path IS NOT NULL"))) {
            if (!QFileInfo::exists(row.first().toString()))
                return fail(QStringLiteral("a cached image is missing: ")
                            + row.first().toString());
        }
        if (!db.error().isEmpty())
            return fail(db.error());
        return db.value(QStringLiteral("SELECT COUNT(*) FROM prompts")).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("c.sqlite"));
        m_simPort = freePort();
        QVERIFY(startSim());
        m_other = new ComfyClient(m_nam, this);
        m_other->setEndpoint(ComfyEndpoint(m_simUrl, {}, QStringLiteral("someone-else")));
    }

    void cleanupTestCase()
    {
        delete m_other;
        m_other = nullptr;
        stopSim();
    }

    void survivesKillsAndCatchesUp()
    {
        quint32 seed = QRandomGenerator::global()->generate();
        if (qEnvironmentVariableIsSet("COMFYDESK_KILL_SEED"))
            seed = qEnvironmentVariable("COMFYDESK_KILL_SEED").toUInt();
        qInfo("COMFYDESK_KILL_SEED=%u (%d kills, %d history entries%s)", seed, Kills,
              HistoryEntries, Sanitized ? ", sanitized build" : "");
        QRandomGenerator random(seed);

        // Another client keeps queueing small prompts: live records while the app runs.
        int submitted = 0;
        QTimer submitter;
        submitter.setInterval(100);
        connect(&submitter, &QTimer::timeout, this, [this, &submitted] {
            ComfyReply *reply = m_other->submitPrompt(tinyGraph(submitted++ % 256));
            connect(reply, &ComfyReply::finished, reply, &QObject::deleteLater);
        });
        submitter.start();

        int lastCount = 0;
        for (int kill = 1; kill <= Kills; ++kill) {
            const int delayMs = int(random.bounded(MinKillMs, MaxKillMs + 1));
            if (kill % 2 == 1 && kill > 1) {
                stopSim();
                QVERIFY(startSim());
            }
            QProcess app;
            startApp(app);
            QVERIFY(app.waitForStarted(kTimeoutMs));
            QTest::qWait(delayMs);
            const QByteArray output = app.readAll();
            QVERIFY2(app.state() == QProcess::Running,
                     qPrintable(QStringLiteral("kill %1: the app ended by itself: %2")
                                    .arg(kill).arg(QString::fromLocal8Bit(output))));
            ::kill(pid_t(app.processId()), SIGKILL);
            QVERIFY(app.waitForFinished(kTimeoutMs));
            const QString when = QStringLiteral("kill %1 after %2 ms").arg(kill).arg(delayMs);
            lastCount = verifyFile(when);
            if (QTest::currentTestFailed())
                return;
            QVERIFY(lastCount >= 0);
            qInfo("%s: %d prompts recorded", qPrintable(when), lastCount);
        }
        submitter.stop();
        QTRY_VERIFY_WITH_TIMEOUT(m_sim.state() == QProcess::Running, 1000);

        // A last run, stopped normally once it has caught up with ComfyUI's history.
        QProcess app;
        startApp(app);
        QVERIFY(app.waitForStarted(kTimeoutMs));
        QSet<QString> history;
        QTRY_VERIFY_WITH_TIMEOUT(!(history = simHistoryIds()).isEmpty(), kTimeoutMs);
        QVERIFY(history.size() >= HistoryEntries);
        QElapsedTimer clock;
        clock.start();
        QSet<QString> missing = history;
        while (!missing.isEmpty() && clock.elapsed() < kTimeoutMs
               && app.state() == QProcess::Running) {
            QTest::qWait(200);
            missing.subtract(catalogueIds());
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("%1 of %2 history entries not in the catalogue: %3")
                                .arg(missing.size()).arg(history.size())
                                .arg(QString::fromLocal8Bit(app.readAll()))));
        ::kill(pid_t(app.processId()), SIGTERM);
        QVERIFY(app.waitForFinished(kTimeoutMs));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        const int count = verifyFile(QStringLiteral("after a normal stop"));
        QVERIFY(count >= history.size());
        QVERIFY(catalogueIds().contains(history));
        qInfo("%d prompts recorded, %d queued by the other client meanwhile", count, submitted);
    }
};

QTEST_GUILESS_MAIN(TestCatalogueKill)
#include "tst_cataloguekill.moc"
