// The catalogue on its own: recording, merging, searching, marks, the image cache, the
// lost-prompt claims, export, schema migration and the bad days (a file that cannot be
// opened is reported and never touched).
#include "catalogue.h"
#include "catalogueschema.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <unistd.h>

namespace {

const QString Server = QStringLiteral("http://127.0.0.1:8188");

// A small API-format graph with a sampler and two prompt texts.
QJsonObject graph(const QString &positive, qint64 seed, int steps = 20,
                  const QString &negative = QStringLiteral("blurry"))
{
    return QJsonDocument::fromJson(QStringLiteral(R"({
      "3": {"class_type": "KSampler", "inputs": {"seed": %2, "steps": %3, "cfg": 7.5,
            "sampler_name": "euler", "scheduler": "normal", "denoise": 1,
            "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0],
            "latent_image": ["5", 0]}},
      "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd15.safetensors"}},
      "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 512, "height": 768,
            "batch_size": 1}},
      "6": {"class_type": "CLIPTextEncode", "inputs": {"text": %1, "clip": ["4", 1]}},
      "7": {"class_type": "CLIPTextEncode", "inputs": {"text": %4, "clip": ["4", 1]}},
      "9": {"class_type": "SaveImage", "inputs": {"images": ["8", 0], "filename_prefix": "x"}}
    })").arg(QString::fromUtf8(QJsonDocument(QJsonArray{positive}).toJson(QJsonDocument::Compact)
                                   .mid(1).chopped(1)))
                                     .arg(seed).arg(steps)
                                     .arg(QString::fromUtf8(QJsonDocument(QJsonArray{negative})
                                                                .toJson(QJsonDocument::Compact)
                                                                .mid(1).chopped(1)))
                                     .toUtf8()).object();
}

PromptRecord submitted(const QString &id, const QJsonObject &g, const QString &workflow,
                       qint64 queuedAt)
{
    PromptRecord r;
    r.server = Server;
    r.promptId = id;
    r.graph = g;
    r.workflow = workflow;
    r.submittedHere = true;
    r.hasStatus = true;
    r.status = QStringLiteral("pending");
    r.queuedAtMs = queuedAt;
    return r;
}

PromptRecord finished(const QString &id, const QString &status, int images = 1)
{
    PromptRecord r;
    r.server = Server;
    r.promptId = id;
    r.hasStatus = true;
    r.status = status;
    r.startedAtMs = 1000;
    r.finishedAtMs = 3500;
    r.executionTime = 2.5;
    if (status == QLatin1String("completed")) {
        r.hasImages = true;
        for (int i = 0; i < images; ++i)
            r.images.append({QStringLiteral("%1_%2.png").arg(id).arg(i), {},
                             QStringLiteral("output"), QStringLiteral("9")});
    }
    if (status == QLatin1String("error")) {
        r.errorNode = QStringLiteral("3");
        r.errorType = QStringLiteral("RuntimeError");
        r.errorMessage = QStringLiteral("CUDA out of memory");
    }
    return r;
}

QByteArray sha(const QString &path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// A PNG header with a size, enough for the cache to read width and height.
QByteArray fakePng(int width, int height, int padding)
{
    QByteArray png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
    for (int v : {width, height}) {
        png.append(char(v >> 24)).append(char(v >> 16)).append(char(v >> 8)).append(char(v));
    }
    png.append(QByteArray(padding, 'x'));
    return png;
}

} // namespace

class TestCatalogue : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString freshPath()
    {
        return m_dir.filePath(QUuid::createUuid().toString(QUuid::WithoutBraces)
                              + QStringLiteral("/catalogue.sqlite"));
    }

    static bool openOk(Catalogue &catalogue, const QString &path)
    {
        QSignalSpy opened(&catalogue, &Catalogue::opened);
        catalogue.open(path);
        if (!opened.wait(10000))
            return false;
        return opened.first().first().toBool();
    }

    static CataloguePage search(Catalogue &catalogue, const CatalogueQuery &query)
    {
        CataloguePage result;
        bool done = false;
        catalogue.search(query, &catalogue, [&](const CataloguePage &page) {
            result = page;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            result.error = QStringLiteral("no answer");
        return result;
    }

    static QStringList ids(const CataloguePage &page)
    {
        QStringList list;
        for (const CatalogueEntry &entry : page.entries)
            list.append(entry.promptId);
        return list;
    }

    static CataloguePage searchText(Catalogue &catalogue, const QString &text)
    {
        CatalogueQuery query;
        query.text = text;
        return search(catalogue, query);
    }

    // Waits until what was written so far is committed, and one more millisecond, so the
    // next write's "viewed at" time is later than every earlier one.
    static void committed(Catalogue &catalogue)
    {
        bool done = false;
        catalogue.flush(&catalogue, [&](bool) { done = true; });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 10000));
        QTest::qWait(3);
    }

    static std::optional<CatalogueEntry> entry(Catalogue &catalogue, const QString &id)
    {
        std::optional<CatalogueEntry> result;
        bool done = false;
        catalogue.entry(id, &catalogue, [&](const std::optional<CatalogueEntry> &e) {
            result = e;
            done = true;
        });
        (void)QTest::qWaitFor([&] { return done; }, 10000);
        return result;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void recordsAPromptFromSubmitToImages()
    {
        Catalogue catalogue;
        QVERIFY(openOk(catalogue, freshPath()));
        QSignalSpy images(&catalogue, &Catalogue::imagesRecorded);
        catalogue.record(submitted(QStringLiteral("p1"), graph(QStringLiteral("a red fox"), 42),
                                   QStringLiteral("txt2img"), 5000));
        catalogue.record(finished(QStringLiteral("p1"), QStringLiteral("completed"), 2));
        const auto e = entry(catalogue, QStringLiteral("p1"));
        QVERIFY(e);
        QCOMPARE(e->status, QStringLiteral("completed"));
        QCOMPARE(e->workflow, QStringLiteral("txt2img"));
        QVERIFY(e->submittedHere);
        QCOMPARE(e->queuedAtMs, 5000);
        QCOMPARE(e->executionTime, 2.5);
        QCOMPARE(e->summary.positive, QStringLiteral("a red fox"));
        QCOMPARE(e->summary.negative, QStringLiteral("blurry"));
        QCOMPARE(e->summary.seed, QStringLiteral("42"));
        QCOMPARE(e->summary.width, 512);
        QCOMPARE(e->graph.value(QStringLiteral("3")).toObject()
                     .value(QStringLiteral("class_type")).toString(),
                 QStringLiteral("KSampler"));
        QCOMPARE(e->images.size(), 2);
        QCOMPARE(e->images.at(1).filename, QStringLiteral("p1_1.png"));
        QTRY_COMPARE(images.size(), 1);   // announced once, to be fetched into the cache
        QCOMPARE(images.first().at(1).value<QList<CatalogueImage>>().size(), 2);
    }

    void recordingTwiceMakesNoDuplicatesAndFinalStatesStick()
    {
        Catalogue catalogue;
        QVERIFY(openOk(catalogue, freshPath()));
        catalogue.record(submitted(QStringLiteral("p"), graph(QStringLiteral("x"), 1),
                                   QStringLiteral("wf"), 10));
        catalogue.record(finished(QStringLiteral("p"), QStringLiteral("completed")));
        catalogue.record(finished(QStringLiteral("p"), QStringLiteral("completed")));
        PromptRecord late;   // a stale queue read after the end
        late.server = Server;
        late.promptId = QStringLiteral("p");
        late.hasStatus = true;
        late.status = QStringLiteral("pending");
        catalogue.record(late);
        const CataloguePage all = search(catalogue, {});
        QCOMPARE(all.entries.size(), 1);
        QCOMPARE(all.entries.first().status, QStringLiteral("completed"));
        QCOMPARE(all.entries.first().images.size(), 1);
    }

    void aPromptComfyForgotBecomesLostAndUnknownIdsLeaveNoRow()
    {
        Catalogue catalogue;
        QVERIFY(openOk(catalogue, freshPath()));
        catalogue.record(submitted(QStringLiteral("ours"), graph(QStringLiteral("x"), 1),
                                   QStringLiteral("wf"), 10));
        PromptRecord gone;
        gone.server = Server;
        gone.promptId = QStringLiteral("ours");
        gone.hasStatus = true;
        gone.status = QStringLiteral("not_found");
        catalogue.record(gone);
        gone.promptId = QStringLiteral("someone-asked-about-this");
        catalogue.record(gone);
        const CataloguePage all = search(catalogue, {});
        QCOMPARE(ids(all), QStringList{QStringLiteral("ours")});
        QCOMPARE(all.entries.first().status, QStringLiteral("lost"));
        QCOMPARE(all.entries.first().reason, QStringLiteral("left_queue_no_history"));

        // An import still reads its history (ComfyUI may prove it finished after all)...
        QSet<QString> settled;
        bool answered = false;
        catalogue.finishedIds(Server, &catalogue, [&](const QSet<QString> &ids) {
            settled = ids;
            answered = true;
        });
        QTRY_VERIFY(answered);
        QVERIFY(!settled.contains(QStringLiteral("ours")));
        // ...and what the history says wins over "lost".
        catalogue.record(finished(QStringLiteral("ours"), QStringLiteral("completed")));
        QCOMPARE(entry(catalogue, QStringLiteral("ours"))->status, QStringLiteral("completed"));
    }

    void searchesWordsSeedsWorkflowsAndFilters()
    {
        Catalogue catalogue;
        QVERIFY(openOk(catalogue, freshPath()));
        catalogue.record(submitted(QStringLiteral("fox"),
                                   graph(QStringLiteral("A red Fox in snow"), 123456789012345),
                                   QStringLiteral("portraits"), 1000));
        catalogue.record(finished(QStringLiteral("fox"), QStringLiteral("completed")));
        catalogue.record(submitted(QStringLiteral("cat"),
                                   graph(QStringLiteral("一只可爱的猫咪在睡觉"), 7, 30),
                                   QStringLiteral("landscapes"), 2000));
        catalogue.record(finished(QStringLiteral("cat"), QStringLiteral("error")));
        catalogue.record(submitted(QStringLiteral("owl"), graph(QStringLiteral("an owl"), 99),
                                   QStringLiteral("portraits"), 3000));

        QCOMPARE(ids(searchText(catalogue, QStringLiteral("fox"))), QStringList{"fox"});
        QCOMPARE(ids(searchText(catalogue, QStringLiteral("snow fo"))), QStringList{"fox"});
        QCOMPARE(ids(searchText(catalogue, QStringLiteral("123456789012345"))),
                 QStringList{"fox"});
        QCOMPARE(ids(searchText(catalogue, QStringLiteral("猫咪"))), QStringList{"cat"});
        QVERIFY(ids(searchText(catalogue, QStringLiteral("猫睡"))).isEmpty());
        QCOMPARE(ids(searchText(catalogue, QStringLiteral("landscapes"))), QStringList{"cat"});
        QCOMPARE(ids(searchText(catalogue, QStringLiteral("sd15"))),
                 (QStringList{"owl", "cat", "fox"}));   // a parameter value, newest first
        QCOMPARE(ids(searchText(catalogue, QStringLiteral("\"OR NEAR( -*"))), QStringList{});

        CatalogueQuery portraits;
        portraits.workflow = QStringLiteral("portraits");
        QCOMPARE(ids(search(catalogue, portraits)), (QStringList{"owl", "fox"}));
        portraits.sort = CatalogueQuery::Sort::Oldest;
        QCOMPARE(ids(search(catalogue, portraits)), (QStringList{"fox", "owl"}));

        CatalogueQuery failed;
        failed.statuses = {QStringLiteral("error")};
        const CataloguePage errors = search(catalogue, failed);
        QCOMPARE(ids(errors), QStringList{"cat"});
        QCOMPARE(errors.entries.first().errorMessage, QStringLiteral("CUDA out of memory"));

        CatalogueQuery range;
        range.sinceMs = 1500;
        range.untilMs = 3000;
        QCOMPARE(ids(search(catalogue, range)), QStringList{"cat"});

        CatalogueQuery withImages;
        withImages.hasImages = 1;
        QCOMPARE(ids(search(catalogue, withImages)), QStringList{"fox"});

        CatalogueQuery paged;
        paged.limit = 2;
        const CataloguePage first = search(catalogue, paged);
        QCOMPARE(ids(first), (QStringList{"owl", "cat"}));
        QVERIFY(first.hasMore);
        paged.offset = 2;
        const CataloguePage second = search(catalogue, paged);
        QCOMPARE(ids(second), QStringList{"fox"});
        QVERIFY(!second.hasMore);

        // Chosen prompts (an export of a selection), with the other filters and the order.
        CatalogueQuery chosen;
        chosen.promptIds = {QStringLiteral("fox"), QStringLiteral("owl"),
                            QStringLiteral("not-in-the-catalogue"), QStringLiteral("'); --")};
        QCOMPARE(ids(search(catalogue, chosen)), (QStringList{"owl", "fox"}));
        chosen.workflow = QStringLiteral("portraits");
        chosen.statuses = {QStringLiteral("completed")};
        QCOMPARE(ids(search(catalogue, chosen)), QStringList{"fox"});
        // More ids than SQLite takes bound values (32,766).
        CatalogueQuery many;
        for (int i = 0; i < 40000; ++i)
            many.promptIds.append(QStringLiteral("id-%1").arg(i));
        many.promptIds.append(QStringLiteral("cat"));
        const CataloguePage manyPage = search(catalogue, many);
        QVERIFY2(manyPage.error.isEmpty(), qPrintable(manyPage.error));
        QCOMPARE(ids(manyPage), QStringList{"cat"});
    }

    void marksSurviveReopeningAndAreSearchable()
    {
        const QString path = freshPath();
        {
            Catalogue catalogue;
            QVERIFY(openOk(catalogue, path));
            catalogue.record(submitted(QStringLiteral("p"), graph(QStringLiteral("x"), 1),
                                       QStringLiteral("wf"), 10));
            catalogue.setStarred({QStringLiteral("p")}, true);
            catalogue.setTags(QStringLiteral("p"), {QStringLiteral("keeper"),
                                                    QStringLiteral("封面")});
            catalogue.setNote(QStringLiteral("p"), QStringLiteral("use for the poster"));
        }
        Catalogue catalogue;
        QVERIFY(openOk(catalogue, path));
        const auto e = entry(catalogue, QStringLiteral("p"));
        QVERIFY(e);
        QVERIFY(e->starred);
        QCOMPARE(e->tags, (QStringList{"keeper", "封面"}));
        QCOMPARE(e->note, QStringLiteral("use for the poster"));
        QCOMPARE(ids(searchText(catalogue, QStringLiteral("poster"))), QStringList{"p"});
        QCOMPARE(ids(searchText(catalogue, QStringLiteral("封面"))), QStringList{"p"});
        CatalogueQuery starred;
        starred.starred = 1;
        QCOMPARE(ids(search(catalogue, starred)), QStringList{"p"});
    }

    void aVersion1FileIsMigratedWithItsRows()
    {
        const QString path = freshPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QString error;
            QVERIFY2(CatalogueSchema::migrate(db, 1, &error), qPrintable(error));
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO servers (url, first_seen_ms)"
                                          " VALUES ('http://old:8188', 1)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO prompts (server_id, prompt_id, workflow, positive, status, sort_ms,"
                " starred) VALUES (1, 'old-one', 'legacy', 'a lighthouse at dusk', 'completed',"
                " 5, 1)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO images (prompt_row, idx, filename)"
                                          " VALUES (1, 0, 'old.png')")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        Catalogue catalogue;
        QVERIFY(openOk(catalogue, path));
        const CataloguePage found = searchText(catalogue, QStringLiteral("lighthouse"));
        QCOMPARE(ids(found), QStringList{"old-one"});
        QVERIFY(found.entries.first().starred);
        QCOMPARE(found.entries.first().images.size(), 1);
        QCOMPARE(found.entries.first().server, QStringLiteral("http://old:8188"));
    }

    void aCorruptFileIsReportedAndLeftAlone()
    {
        const QString path = freshPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile garbage(path);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, '\x5a'));
        garbage.close();
        const QByteArray before = sha(path);
        Catalogue catalogue;
        QVERIFY(!openOk(catalogue, path));
        QCOMPARE(catalogue.problem(), Catalogue::Problem::Corrupt);
        QVERIFY(!catalogue.problemDetail().isEmpty());
        catalogue.record(submitted(QStringLiteral("p"), graph(QStringLiteral("x"), 1),
                                   QStringLiteral("wf"), 10));
        const CataloguePage page = search(catalogue, {});   // answers, with an error
        QVERIFY(!page.error.isEmpty());
        QCOMPARE(sha(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));

        // A real database damaged inside (a page overwritten) is caught by the check.
        const QString damaged = freshPath();
        {
            Catalogue good;
            QVERIFY(openOk(good, damaged));
            for (int i = 0; i < 200; ++i)
                good.record(submitted(QStringLiteral("p%1").arg(i),
                                      graph(QStringLiteral("text %1").arg(i), i),
                                      QStringLiteral("wf"), i));
        }
        QFile file(damaged);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 3 * 4096);
        file.seek(2 * 4096);
        file.write(QByteArray(4096, '\xff'));
        file.close();
        const QByteArray damagedBytes = sha(damaged);
        Catalogue again;
        QVERIFY(!openOk(again, damaged));
        QCOMPARE(again.problem(), Catalogue::Problem::Corrupt);
        QCOMPARE(sha(damaged), damagedBytes);
    }

    void aLockedFileIsReportedAndLeftAlone()
    {
        const QString path = freshPath();
        {
            Catalogue catalogue;
            QVERIFY(openOk(catalogue, path));
            catalogue.record(submitted(QStringLiteral("p"), graph(QStringLiteral("x"), 1),
                                       QStringLiteral("wf"), 10));
        }
        const QByteArray before = sha(path);
        {
            // Another program holds an exclusive lock (as a database tool in a transaction).
            QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                           QStringLiteral("holder"));
            other.setDatabaseName(path);
            QVERIFY(other.open());
            QSqlQuery q(other);
            QVERIFY(q.exec(QStringLiteral("PRAGMA locking_mode = EXCLUSIVE")));
            QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            Catalogue catalogue;
            QVERIFY(!openOk(catalogue, path));
            QCOMPARE(catalogue.problem(), Catalogue::Problem::Locked);
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
            other.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        QCOMPARE(sha(path), before);
        Catalogue catalogue;   // free again: it opens, with its row
        QVERIFY(openOk(catalogue, path));
        QCOMPARE(search(catalogue, {}).entries.size(), 1);
    }

    void aFolderThatCannotBeWrittenIsReported()
    {
        QString path;
        QString folder;
        if (geteuid() == 0) {
            // root writes anywhere chmod says not to; /proc takes no files even from root.
            path = QStringLiteral("/proc/comfydesk-test/catalogue.sqlite");
        } else {
            folder = m_dir.filePath(QStringLiteral("readonly"));
            QVERIFY(QDir().mkpath(folder));
            QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
            path = folder + QStringLiteral("/catalogue.sqlite");
        }
        Catalogue catalogue;
        QVERIFY(!openOk(catalogue, path));
        QCOMPARE(catalogue.problem(), Catalogue::Problem::ReadOnly);
        QVERIFY(!QFile::exists(path));
        if (!folder.isEmpty())
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner
                                              | QFile::ExeOwner);
    }

    void aFileOfANewerComfyDeskIsNotTouched()
    {
        const QString path = freshPath();
        {
            Catalogue catalogue;
            QVERIFY(openOk(catalogue, path));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("newer"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        const QByteArray before = sha(path);
        Catalogue catalogue;
        QVERIFY(!openOk(catalogue, path));
        QCOMPARE(catalogue.problem(), Catalogue::Problem::NewerSchema);
        QCOMPARE(sha(path), before);
    }

    void theImageCacheKeepsOriginalsUnderItsCap()
    {
        Catalogue catalogue;
        catalogue.setImageCacheCapBytes(25000);
        QVERIFY(openOk(catalogue, freshPath()));
        QSignalSpy recorded(&catalogue, &Catalogue::imagesRecorded);
        catalogue.record(submitted(QStringLiteral("p"), graph(QStringLiteral("x"), 1),
                                   QStringLiteral("wf"), 10));
        catalogue.record(finished(QStringLiteral("p"), QStringLiteral("completed"), 4));
        QVERIFY(recorded.wait());
        const auto images = recorded.first().at(1).value<QList<CatalogueImage>>();
        QCOMPARE(images.size(), 4);
        // 10 kB each: the cap holds two. Image 0 is looked at after each new one arrives,
        // so 1 goes first, then 2, and 0 stays.
        catalogue.storeImage(images.at(0).rowId, fakePng(640, 480, 10000));
        catalogue.storeImage(images.at(1).rowId, fakePng(64, 64, 10000));
        committed(catalogue);
        catalogue.touchImage(images.at(0).rowId);
        committed(catalogue);
        catalogue.storeImage(images.at(2).rowId, fakePng(64, 64, 10000));
        committed(catalogue);
        catalogue.touchImage(images.at(0).rowId);
        committed(catalogue);
        catalogue.storeImage(images.at(3).rowId, fakePng(64, 64, 10000));
        const auto e = entry(catalogue, QStringLiteral("p"));
        QVERIFY(e);
        QCOMPARE(e->images.at(0).width, 640);
        QCOMPARE(e->images.at(0).height, 480);
        QVERIFY(!e->images.at(0).cachedPath.isEmpty());
        QVERIFY(QFile::exists(e->images.at(0).cachedPath));
        QVERIFY(e->images.at(1).evicted);
        QVERIFY(e->images.at(1).cachedPath.isEmpty());
        QVERIFY(e->images.at(2).evicted);
        QVERIFY(!e->images.at(3).evicted);
        qint64 bytes = 0;
        int files = 0;
        for (const CatalogueImage &image : e->images) {
            if (!image.cachedPath.isEmpty()) {
                bytes += QFileInfo(image.cachedPath).size();
                ++files;
            }
        }
        QCOMPARE(files, 2);
        QVERIFY(bytes <= 25000);
        // The original's bytes are kept as they came (the PNG's text chunks with them).
        QFile cached(e->images.at(0).cachedPath);
        QVERIFY(cached.open(QIODevice::ReadOnly));
        QCOMPARE(cached.readAll(), fakePng(640, 480, 10000));
    }

    void lostPromptsAreClaimedOnce()
    {
        Catalogue catalogue;
        QVERIFY(openOk(catalogue, freshPath()));
        for (const QString &id : {QStringLiteral("a"), QStringLiteral("b")}) {
            catalogue.record(submitted(id, graph(id, 1), QStringLiteral("wf"), 10));
            PromptRecord lost;
            lost.server = Server;
            lost.promptId = id;
            lost.hasStatus = true;
            lost.status = QStringLiteral("lost");
            catalogue.record(lost);
        }
        auto claim = [&](const QStringList &which) {
            QList<CatalogueEntry> claimed;
            bool done = false;
            catalogue.claimLost(which, &catalogue, [&](const QList<CatalogueEntry> &list) {
                claimed = list;
                done = true;
            });
            (void)QTest::qWaitFor([&] { return done; }, 10000);
            return claimed;
        };
        const QList<CatalogueEntry> first = claim({QStringLiteral("a")});
        QCOMPARE(first.size(), 1);
        QVERIFY(!first.first().graph.isEmpty());
        QVERIFY(claim({QStringLiteral("a")}).isEmpty());   // handed out once
        catalogue.requeueSettled(QStringLiteral("a"), {});  // the submit failed: claimable
        QCOMPARE(claim({}).size(), 2);
        catalogue.requeueSettled(QStringLiteral("a"), QStringLiteral("a2"));
        catalogue.requeueSettled(QStringLiteral("b"), QStringLiteral("b2"));
        QVERIFY(claim({}).isEmpty());
        QCOMPARE(entry(catalogue, QStringLiteral("a"))->requeuedAs, QStringLiteral("a2"));
    }

    void claimsOfAnAppThatDiedAreReleased()
    {
        // Claimed, then the app died before the re-queue was settled: the next start must
        // not leave those prompts un-re-queueable forever.
        const QString path = freshPath();
        auto claimAll = [](Catalogue &catalogue) {
            QList<CatalogueEntry> claimed;
            bool done = false;
            catalogue.claimLost({}, &catalogue, [&](const QList<CatalogueEntry> &list) {
                claimed = list;
                done = true;
            });
            (void)QTest::qWaitFor([&] { return done; }, 10000);
            QStringList ids;
            for (const CatalogueEntry &entry : std::as_const(claimed))
                ids.append(entry.promptId);
            ids.sort();
            return ids;
        };
        {
            Catalogue catalogue;
            QVERIFY(openOk(catalogue, path));
            for (const QString &id : {QStringLiteral("a"), QStringLiteral("b")}) {
                catalogue.record(submitted(id, graph(id, 1), QStringLiteral("wf"), 10));
                PromptRecord lost;
                lost.server = Server;
                lost.promptId = id;
                lost.hasStatus = true;
                lost.status = QStringLiteral("lost");
                catalogue.record(lost);
            }
            QCOMPARE(claimAll(catalogue), QStringList({QStringLiteral("a"),
                                                       QStringLiteral("b")}));
            // b's new prompt was accepted and recorded; neither claim was settled.
            PromptRecord again = submitted(QStringLiteral("b2"), graph(QStringLiteral("b"), 1),
                                           QStringLiteral("wf"), 20);
            again.requeuedFrom = QStringLiteral("b");
            catalogue.record(again);
            committed(catalogue);
        }
        Catalogue catalogue;
        QVERIFY(openOk(catalogue, path));
        QCOMPARE(claimAll(catalogue), QStringList{QStringLiteral("a")});
        QCOMPARE(entry(catalogue, QStringLiteral("b"))->requeuedAs, QStringLiteral("b2"));
    }

    void removingDeletesRowsAndCachedFiles()
    {
        Catalogue catalogue;
        QVERIFY(openOk(catalogue, freshPath()));
        QSignalSpy recorded(&catalogue, &Catalogue::imagesRecorded);
        catalogue.record(submitted(QStringLiteral("p"), graph(QStringLiteral("x"), 1),
                                   QStringLiteral("wf"), 10));
        catalogue.record(finished(QStringLiteral("p"), QStringLiteral("completed")));
        QVERIFY(recorded.wait());
        const auto images = recorded.first().at(1).value<QList<CatalogueImage>>();
        catalogue.storeImage(images.first().rowId, fakePng(8, 8, 100));
        const QString file = entry(catalogue, QStringLiteral("p"))->images.first().cachedPath;
        QVERIFY(QFile::exists(file));
        int removed = -1;
        catalogue.remove({QStringLiteral("p")}, &catalogue, [&](int n) { removed = n; });
        QTRY_COMPARE(removed, 1);
        QVERIFY(!QFile::exists(file));
        QVERIFY(!entry(catalogue, QStringLiteral("p")));
        QVERIFY(ids(searchText(catalogue, QStringLiteral("x"))).isEmpty());
    }

    void exportsCsvJsonAndImagesWithSidecars()
    {
        Catalogue catalogue;
        QVERIFY(openOk(catalogue, freshPath()));
        QSignalSpy recorded(&catalogue, &Catalogue::imagesRecorded);
        catalogue.record(submitted(QStringLiteral("p"), graph(QStringLiteral("雪山, \"dawn\""), 5),
                                   QStringLiteral("wf"), 10));
        catalogue.record(finished(QStringLiteral("p"), QStringLiteral("completed")));
        QVERIFY(recorded.wait());
        catalogue.storeImage(recorded.first().at(1).value<QList<CatalogueImage>>()
                                 .first().rowId, fakePng(8, 8, 100));
        const QString out = m_dir.filePath(QStringLiteral("export"));
        QString error = QStringLiteral("pending");
        catalogue.exportTo({}, Catalogue::ExportFormat::Csv, out + QStringLiteral(".csv"),
                           out + QStringLiteral("-images"), &catalogue,
                           [&](const QString &e) { error = e; });
        QTRY_VERIFY(error != QLatin1String("pending"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile csv(out + QStringLiteral(".csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(csv.readAll());
        QVERIFY(text.contains(QStringLiteral("\"雪山, \"\"dawn\"\"\"")));
        const QStringList files = QDir(out + QStringLiteral("-images")).entryList(QDir::Files);
        QCOMPARE(files.size(), 2);   // the image and its sidecar
        error = QStringLiteral("pending");
        catalogue.exportTo({}, Catalogue::ExportFormat::Json, out + QStringLiteral(".json"), {},
                           &catalogue, [&](const QString &e) { error = e; });
        QTRY_VERIFY(error != QLatin1String("pending"));
        QFile json(out + QStringLiteral(".json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonArray rows = QJsonDocument::fromJson(json.readAll()).array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value(QStringLiteral("prompt_id")).toString(),
                 QStringLiteral("p"));
    }
};

QTEST_GUILESS_MAIN(TestCatalogue)
#include "tst_catalogue.moc"
