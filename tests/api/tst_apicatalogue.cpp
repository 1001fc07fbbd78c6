// The catalogue routes against a real catalogue (SQLite in a temporary folder) and the
// simulator: every search parameter and its errors, one prompt with its graph, re-queueing
// lost prompts, the 503s of a catalogue that is off, opening or broken, and images served
// from the catalogue's cache when the tracker knows nothing of the prompt.
#include "apitestfixture.h"

#include "catalogue.h"
#include "cataloguerecorder.h"
#include "comfyconnection.h"
#include "serverregistry.h"
#include "simserver.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {

const QString OtherServer = QStringLiteral("http://127.0.0.1:9");

qint64 utc(const char *iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODate).toMSecsSinceEpoch();
}

// sd_txt2img with its own positive prompt, so a word of it finds exactly this prompt.
QJsonObject graphSaying(const QString &text)
{
    QJsonObject graph = ApiTestFixture::sampleGraph(QStringLiteral("sd_txt2img"));
    QJsonObject node = graph.value(QLatin1String("6")).toObject();
    QJsonObject inputs = node.value(QLatin1String("inputs")).toObject();
    inputs.insert(QStringLiteral("text"), text);
    node.insert(QStringLiteral("inputs"), inputs);
    graph.insert(QStringLiteral("6"), node);
    return graph;
}

PromptRecord recordOf(const QString &server, const QString &id, const QString &workflow,
                      const QString &text, const QString &status, qint64 queuedAt,
                      double executionTime, int images)
{
    PromptRecord r;
    r.server = server;
    r.promptId = id;
    r.workflow = workflow;
    r.graph = graphSaying(text);
    r.submittedHere = true;
    r.hasStatus = true;
    r.status = status;
    r.queuedAtMs = queuedAt;
    r.executionTime = executionTime;
    if (executionTime >= 0) {
        r.startedAtMs = queuedAt + 1000;
        r.finishedAtMs = r.startedAtMs + qint64(executionTime * 1000);
    }
    if (status == QLatin1String("completed")) {
        r.hasImages = true;
        for (int i = 0; i < images; ++i) {
            r.images.append({QStringLiteral("catalogue_%1_%2.png").arg(id).arg(i), {},
                             QStringLiteral("output"), QStringLiteral("9")});
        }
    }
    if (status == QLatin1String("error")) {
        r.errorNode = QStringLiteral("3");
        r.errorType = QStringLiteral("RuntimeError");
        r.errorMessage = QStringLiteral("CUDA out of memory");
    }
    return r;
}

QStringList idsOf(const QJsonObject &page)
{
    QStringList ids;
    for (const QJsonValue &prompt : page.value(QLatin1String("prompts")).toArray())
        ids.append(prompt[QLatin1String("prompt_id")].toString());
    return ids;
}

// Any key anywhere that looks like a local file path.
bool mentionsPath(const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().contains(QLatin1String("path")) || mentionsPath(it.value()))
                return true;
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (mentionsPath(item))
                return true;
        }
    }
    return false;
}

} // namespace

class TestApiCatalogue : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ApiTestFixture> m_api;
    QTemporaryDir m_dir;
    std::unique_ptr<Catalogue> m_catalogue;
    QByteArray m_cachedBytes;   // image 0 of "fox", in the cache only

    QJsonObject search(const QString &query, int expectedStatus = 200)
    {
        const ApiTestReply reply = m_api->get(QStringLiteral("/api/catalogue") + query);
        [&] { QCOMPARE(reply.status, expectedStatus); }();
        return reply.json();
    }

    bool flush()
    {
        bool done = false;
        m_catalogue->flush(m_catalogue.get(), [&](bool) { done = true; });
        return QTest::qWaitFor([&] { return done; }, 10000);
    }

    std::optional<CatalogueEntry> entry(const QString &promptId)
    {
        std::optional<CatalogueEntry> result;
        bool done = false;
        m_catalogue->entry(promptId, m_catalogue.get(),
                           [&](const std::optional<CatalogueEntry> &e) {
                               result = e;
                               done = true;
                           });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            qWarning("the catalogue did not answer");
        return result;
    }

    // Every route answers 503 with a message containing words.
    void expectUnavailable(const QString &words)
    {
        for (const ApiTestReply &reply :
             {m_api->get(QStringLiteral("/api/catalogue")),
              m_api->get(QStringLiteral("/api/catalogue/fox")),
              m_api->postJson(QStringLiteral("/api/catalogue/requeue"),
                              QJsonObject{{QStringLiteral("lost"), true}})}) {
            QCOMPARE(reply.status, 503);
            QCOMPARE(reply.json().value(QLatin1String("status_code")).toInt(), 503);
            const QString error = reply.json().value(QLatin1String("error")).toString();
            QVERIFY2(error.contains(words), qPrintable(error));
            QVERIFY2(!error.contains(m_dir.path()), qPrintable(error));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_api = std::make_unique<ApiTestFixture>();
        QVERIFY(m_api->start());
        m_catalogue = std::make_unique<Catalogue>();
        QSignalSpy opened(m_catalogue.get(), &Catalogue::opened);
        m_catalogue->open(m_dir.filePath(QStringLiteral("c.sqlite")));
        QVERIFY(opened.wait(10000));
        QVERIFY(m_catalogue->isOpen());
        m_api->context().catalogue = m_catalogue.get();

        const QString sim = CatalogueRecorder::serverKey(m_api->connection());
        m_catalogue->record(QList<PromptRecord>{
            recordOf(sim, QStringLiteral("fox"), QStringLiteral("sd_txt2img"),
                     QStringLiteral("a red fox in deep snow"), QStringLiteral("completed"),
                     utc("2024-05-01T10:00:00Z"), 2.5, 1),
            recordOf(sim, QStringLiteral("whale"), QStringLiteral("sd_txt2img"),
                     QStringLiteral("a blue whale under the ocean"),
                     QStringLiteral("completed"), utc("2024-05-02T12:00:00Z"), 5.0, 2),
            recordOf(sim, QStringLiteral("forest"), QStringLiteral("invert_empty_image"),
                     QStringLiteral("a green forest"), QStringLiteral("error"),
                     utc("2024-05-03T08:00:00Z"), 1.0, 0),
            recordOf(OtherServer, QStringLiteral("lighthouse"), QStringLiteral("sd_txt2img"),
                     QStringLiteral("a lighthouse at dusk"), QStringLiteral("lost"),
                     utc("2024-05-04T09:00:00Z"), -1, 0),
            recordOf(OtherServer, QStringLiteral("desert"), QStringLiteral("sd_txt2img"),
                     QStringLiteral("dunes in a desert"), QStringLiteral("pending"),
                     utc("2024-05-05T09:00:00Z"), -1, 0),
        });
        m_catalogue->setStarred({QStringLiteral("fox"), QStringLiteral("forest")}, true);
        QVERIFY(flush());
        const std::optional<CatalogueEntry> fox = entry(QStringLiteral("fox"));
        QVERIFY(fox && fox->images.size() == 1);
        // A PNG as the cache keeps it: the simulator never made this file.
        m_cachedBytes = QByteArray("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x04\0\0\0\x02", 24)
                        + QByteArray(3000, 'f');
        m_catalogue->storeImage(fox->images.first().rowId, m_cachedBytes);
        QVERIFY(flush());
    }

    void cleanupTestCase()
    {
        m_api.reset();   // the API refers to the catalogue
        m_catalogue.reset();
    }

    void searchesEverythingByDefault()
    {
        const QJsonObject page = search(QString());
        QCOMPARE(idsOf(page), (QStringList{QStringLiteral("desert"),
                                           QStringLiteral("lighthouse"),
                                           QStringLiteral("forest"), QStringLiteral("whale"),
                                           QStringLiteral("fox")}));
        QCOMPARE(page.value(QLatin1String("limit")).toInt(), 50);
        QCOMPARE(page.value(QLatin1String("offset")).toInt(), 0);
        QCOMPARE(page.value(QLatin1String("has_more")), QJsonValue(false));
        QVERIFY(page.value(QLatin1String("next_offset")).isNull());
        QVERIFY(!mentionsPath(page));

        // Every image has an api_url of this server, by its index.
        const QJsonObject whale = page.value(QLatin1String("prompts")).toArray().at(3).toObject();
        const QJsonArray images = whale.value(QLatin1String("images")).toArray();
        QCOMPARE(images.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(images.at(i)[QLatin1String("api_url")].toString(),
                     QStringLiteral("http://127.0.0.1:%1/api/image/whale/%2")
                         .arg(m_api->apiPort()).arg(i));
        }
        QVERIFY(!whale.contains(QLatin1String("graph")));
    }

    void fullTextFindsOnePrompt()
    {
        QCOMPARE(idsOf(search(QStringLiteral("?q=fox"))), QStringList{QStringLiteral("fox")});
        QCOMPARE(idsOf(search(QStringLiteral("?q=blue+whale"))),
                 QStringList{QStringLiteral("whale")});
        QCOMPARE(idsOf(search(QStringLiteral("?q=ocean%20blue"))),
                 QStringList{QStringLiteral("whale")});
        QCOMPARE(idsOf(search(QStringLiteral("?q=lightho"))),
                 QStringList{QStringLiteral("lighthouse")});
        QVERIFY(idsOf(search(QStringLiteral("?q=zebra"))).isEmpty());
    }

    void filtersByStatus()
    {
        QCOMPARE(idsOf(search(QStringLiteral("?status=completed"))),
                 (QStringList{QStringLiteral("whale"), QStringLiteral("fox")}));
        QCOMPARE(idsOf(search(QStringLiteral("?status=error,lost"))),
                 (QStringList{QStringLiteral("lighthouse"), QStringLiteral("forest")}));
        QCOMPARE(idsOf(search(QStringLiteral("?status=pending&q=dunes"))),
                 QStringList{QStringLiteral("desert")});

        const QJsonObject bad = search(QStringLiteral("?status=completed,done"), 400);
        const QString error = bad.value(QLatin1String("error")).toString();
        QVERIFY2(error.contains(QLatin1String("status")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("\"done\"")), qPrintable(error));
        for (const char *name : {"pending", "running", "completed", "processing", "error",
                                 "interrupted", "cancelled", "lost", "not_found"})
            QVERIFY2(error.contains(QLatin1String(name)), name);
        QCOMPARE(bad.value(QLatin1String("status_code")).toInt(), 400);
        search(QStringLiteral("?status=unknown"), 400);
    }

    void filtersByWorkflowAndServer()
    {
        QCOMPARE(idsOf(search(QStringLiteral("?workflow=invert_empty_image"))),
                 QStringList{QStringLiteral("forest")});
        QVERIFY(idsOf(search(QStringLiteral("?workflow=sd_txt2"))).isEmpty());
        const QString server = QString::fromLatin1(QUrl::toPercentEncoding(OtherServer));
        QCOMPARE(idsOf(search(QStringLiteral("?server=") + server)),
                 (QStringList{QStringLiteral("desert"), QStringLiteral("lighthouse")}));
    }

    void filtersByTime_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("ids");
        const QString fox = QStringLiteral("fox");
        const QString whale = QStringLiteral("whale");
        const QString forest = QStringLiteral("forest");
        const QString lighthouse = QStringLiteral("lighthouse");
        const QString desert = QStringLiteral("desert");
        // A date alone: since from its start, until to its very end (whale at noon).
        QTest::newRow("day until") << "until=2024-05-02" << QStringList{whale, fox};
        QTest::newRow("day range") << "since=2024-05-02&until=2024-05-03"
                                   << QStringList{forest, whale};
        QTest::newRow("day since") << "since=2024-05-04"
                                   << QStringList{desert, lighthouse};
        // A date and time includes that instant; no zone means UTC.
        QTest::newRow("instant") << "since=2024-05-02T12:00:00Z&until=2024-05-02T12:00:00Z"
                                 << QStringList{whale};
        QTest::newRow("no zone is UTC") << "until=2024-05-01T10:00:00" << QStringList{fox};
        QTest::newRow("offset") << "until=2024-05-01T12:00:00%2B02:00" << QStringList{fox};
        QTest::newRow("just before") << "until=2024-05-01T09:59:59.999Z" << QStringList{};
        QTest::newRow("minutes only") << "since=2024-05-05T09:00" << QStringList{desert};
        QTest::newRow("epoch ms")
            << QStringLiteral("since=%1&until=%2")
                   .arg(utc("2024-05-03T08:00:00Z")).arg(utc("2024-05-04T09:00:00Z"))
            << QStringList{lighthouse, forest};
    }

    void filtersByTime()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, ids);
        QCOMPARE(idsOf(search(QLatin1Char('?') + query)), ids);
    }

    void refusesBadTimes_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("named");
        QTest::newRow("words") << "since=yesterday" << "since \"yesterday\"";
        QTest::newRow("no day 30 in February") << "until=2024-02-30" << "until \"2024-02-30\"";
        QTest::newRow("space, not T") << "since=2024-05-01%2010:00"
                                      << "since \"2024-05-01 10:00\"";
        QTest::newRow("negative") << "since=-5" << "since \"-5\"";
        QTest::newRow("empty") << "until=" << "until \"\"";
        QTest::newRow("since after until") << "since=2024-05-03&until=2024-05-02"
                                           << "since \"2024-05-03\" is after until";
    }

    void refusesBadTimes()
    {
        QFETCH(QString, query);
        QFETCH(QString, named);
        const QString error = search(QLatin1Char('?') + query, 400)
                                  .value(QLatin1String("error")).toString();
        QVERIFY2(error.contains(named), qPrintable(error));
    }

    void filtersByFlags()
    {
        for (const char *yes : {"true", "1", "TRUE"}) {
            QCOMPARE(idsOf(search(QStringLiteral("?starred=") + QLatin1String(yes))),
                     (QStringList{QStringLiteral("forest"), QStringLiteral("fox")}));
        }
        QCOMPARE(idsOf(search(QStringLiteral("?starred=0&status=completed"))),
                 QStringList{QStringLiteral("whale")});
        QCOMPARE(idsOf(search(QStringLiteral("?has_images=true"))),
                 (QStringList{QStringLiteral("whale"), QStringLiteral("fox")}));
        QCOMPARE(idsOf(search(QStringLiteral("?has_images=false&starred=true"))),
                 QStringList{QStringLiteral("forest")});
        for (const char *key : {"starred", "has_images"}) {
            const QString error =
                search(QStringLiteral("?%1=yes").arg(QLatin1String(key)), 400)
                    .value(QLatin1String("error")).toString();
            QVERIFY2(error.contains(QLatin1String(key)) && error.contains(QLatin1String("yes")),
                     qPrintable(error));
        }
    }

    void sorts()
    {
        QCOMPARE(idsOf(search(QStringLiteral("?sort=oldest&status=completed,error"))),
                 (QStringList{QStringLiteral("fox"), QStringLiteral("whale"),
                              QStringLiteral("forest")}));
        QCOMPARE(idsOf(search(QStringLiteral("?sort=newest&status=completed,error"))),
                 (QStringList{QStringLiteral("forest"), QStringLiteral("whale"),
                              QStringLiteral("fox")}));
        QCOMPARE(idsOf(search(QStringLiteral("?sort=longest&status=completed,error"))),
                 (QStringList{QStringLiteral("whale"), QStringLiteral("fox"),
                              QStringLiteral("forest")}));
        QCOMPARE(idsOf(search(QStringLiteral("?sort=shortest&status=completed,error"))),
                 (QStringList{QStringLiteral("forest"), QStringLiteral("fox"),
                              QStringLiteral("whale")}));
        const QString error = search(QStringLiteral("?sort=random"), 400)
                                  .value(QLatin1String("error")).toString();
        QVERIFY2(error.contains(QLatin1String("sort \"random\"")), qPrintable(error));
    }

    void pages()
    {
        const QJsonObject first = search(QStringLiteral("?limit=2"));
        QCOMPARE(idsOf(first), (QStringList{QStringLiteral("desert"),
                                            QStringLiteral("lighthouse")}));
        QCOMPARE(first.value(QLatin1String("limit")).toInt(), 2);
        QCOMPARE(first.value(QLatin1String("has_more")), QJsonValue(true));
        QCOMPARE(first.value(QLatin1String("next_offset")).toInt(), 2);
        const QJsonObject second = search(QStringLiteral("?limit=2&offset=2"));
        QCOMPARE(idsOf(second), (QStringList{QStringLiteral("forest"),
                                             QStringLiteral("whale")}));
        QCOMPARE(second.value(QLatin1String("next_offset")).toInt(), 4);
        const QJsonObject last = search(QStringLiteral("?limit=2&offset=4"));
        QCOMPARE(idsOf(last), QStringList{QStringLiteral("fox")});
        QCOMPARE(last.value(QLatin1String("has_more")), QJsonValue(false));
        QVERIFY(last.value(QLatin1String("next_offset")).isNull());
        QVERIFY(idsOf(search(QStringLiteral("?offset=99"))).isEmpty());
        QCOMPARE(search(QStringLiteral("?limit=500")).value(QLatin1String("limit")).toInt(),
                 500);

        for (const char *bad : {"limit=0", "limit=501", "limit=ten", "limit=2.5", "limit=",
                                "offset=-1", "offset=x"}) {
            const QString error = search(QLatin1Char('?') + QLatin1String(bad), 400)
                                      .value(QLatin1String("error")).toString();
            const QString key = QString::fromLatin1(bad).section(QLatin1Char('='), 0, 0);
            const QString value = QString::fromLatin1(bad).section(QLatin1Char('='), 1);
            QVERIFY2(error.startsWith(key) && error.contains(QLatin1Char('"') + value
                                                             + QLatin1Char('"')),
                     qPrintable(error));
        }
    }

    void onePromptWithItsGraph()
    {
        const ApiTestReply reply = m_api->get(QStringLiteral("/api/catalogue/forest"));
        QCOMPARE(reply.status, 200);
        const QJsonObject forest = reply.json();
        QCOMPARE(forest.value(QLatin1String("prompt_id")).toString(), QStringLiteral("forest"));
        QCOMPARE(forest.value(QLatin1String("status")).toString(), QStringLiteral("error"));
        QCOMPARE(forest.value(QLatin1String("workflow")).toString(),
                 QStringLiteral("invert_empty_image"));
        QCOMPARE(forest.value(QLatin1String("error"))[QLatin1String("message")].toString(),
                 QStringLiteral("CUDA out of memory"));
        QCOMPARE(forest.value(QLatin1String("graph")).toObject(),
                 graphSaying(QStringLiteral("a green forest")));

        const QJsonObject fox = m_api->get(QStringLiteral("/api/catalogue/fox")).json();
        const QJsonObject image = fox.value(QLatin1String("images")).toArray().first().toObject();
        QCOMPARE(image.value(QLatin1String("api_url")).toString(),
                 QStringLiteral("http://127.0.0.1:%1/api/image/fox/0").arg(m_api->apiPort()));
        QCOMPARE(image.value(QLatin1String("cached")), QJsonValue(true));
        QVERIFY(!mentionsPath(fox));

        const ApiTestReply unknown = m_api->get(QStringLiteral("/api/catalogue/no-such-id"));
        QCOMPARE(unknown.status, 404);
        QVERIFY(unknown.json().value(QLatin1String("error")).toString()
                    .contains(QLatin1String("no-such-id")));
    }

    // The tracker never saw "fox" (recorded straight into the catalogue, as after a
    // restart): its image comes from the cache, where the simulator never had it.
    void imageFromTheCache()
    {
        QVERIFY(!m_api->connection().tracker().contains(QStringLiteral("fox")));
        const ApiTestReply bytes = m_api->get(QStringLiteral("/api/image/fox/0"));
        QCOMPARE(bytes.status, 200);
        QCOMPARE(bytes.body, m_cachedBytes);
        QCOMPARE(bytes.header("Content-Type"), QByteArray("image/png"));
        QVERIFY(bytes.header("Content-Disposition").contains("catalogue_fox_0.png"));

        const ApiTestReply list = m_api->get(QStringLiteral("/api/image/fox"));
        QCOMPARE(list.status, 200);
        const QJsonArray images = list.json().value(QLatin1String("images")).toArray();
        QCOMPARE(images.size(), 1);
        QCOMPARE(images.first()[QLatin1String("api_url")].toString(),
                 QStringLiteral("http://127.0.0.1:%1/api/image/fox/0").arg(m_api->apiPort()));
        QCOMPARE(images.first()[QLatin1String("filename")].toString(),
                 QStringLiteral("catalogue_fox_0.png"));

        QCOMPARE(m_api->get(QStringLiteral("/api/image/fox/1")).status, 404);
        QCOMPARE(m_api->get(QStringLiteral("/api/image/fox/one")).status, 400);
    }

    void imageNeitherCachedNorOnComfy()
    {
        // whale's images are not cached and the simulator has no such files.
        const ApiTestReply gone = m_api->get(QStringLiteral("/api/image/whale/1"));
        QCOMPARE(gone.status, 404);
        const QString error = gone.json().value(QLatin1String("error")).toString();
        QVERIFY2(error.contains(QLatin1String("gone from ComfyUI and from the local cache")),
                 qPrintable(error));
        // A prompt the catalogue has without images: the tracker's answer, as before.
        QCOMPARE(m_api->get(QStringLiteral("/api/image/forest/0")).status, 404);
        QCOMPARE(m_api->get(QStringLiteral("/api/image/forest")).status, 404);
    }

    void imageOfAPromptRunHere()
    {
        // The tracker path is unchanged with a catalogue present.
        const ApiTestReply submitted = m_api->postJson(
            QStringLiteral("/api/workflow/invert_empty_image?wait=30"), QJsonObject());
        QCOMPARE(submitted.status, 200);
        const QString id = submitted.json().value(QLatin1String("prompt_id")).toString();
        const ApiTestReply bytes = m_api->get(QStringLiteral("/api/image/%1/0").arg(id));
        QCOMPARE(bytes.status, 200);
        QCOMPARE(bytes.header("Content-Type"), QByteArray("image/png"));
    }

    void requeueRefusesBadBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("words");
        QTest::newRow("array") << QByteArray("[]") << "The body must be";
        QTest::newRow("none of them") << QByteArray("{}") << "exactly one";
        QTest::newRow("both") << QByteArray(R"({"lost": true, "prompt_ids": ["x"]})")
                              << "exactly one";
        QTest::newRow("lost false") << QByteArray(R"({"lost": false})") << "lost must be true";
        QTest::newRow("lost text") << QByteArray(R"({"lost": "yes"})") << "lost must be true";
        QTest::newRow("no ids") << QByteArray(R"({"prompt_ids": []})") << "prompt_ids";
        QTest::newRow("number id") << QByteArray(R"({"prompt_ids": [5]})") << "prompt_ids";
        QTest::newRow("empty id") << QByteArray(R"({"prompt_ids": [""]})") << "prompt_ids";
        QTest::newRow("id not in a list") << QByteArray(R"({"prompt_ids": "x"})")
                                          << "prompt_ids";
    }

    void requeueRefusesBadBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, words);
        const ApiTestReply reply = m_api->post(QStringLiteral("/api/catalogue/requeue"), body);
        QCOMPARE(reply.status, 400);
        const QString error = reply.json().value(QLatin1String("error")).toString();
        QVERIFY2(error.contains(words), qPrintable(error));
    }

    void requeueNeedsJson()
    {
        QCOMPARE(m_api->post(QStringLiteral("/api/catalogue/requeue"), "lost=true",
                             "application/x-www-form-urlencoded").status, 415);
        QCOMPARE(m_api->post(QStringLiteral("/api/catalogue/requeue"), "{nope").status, 400);
    }

    // lighthouse was lost: queued again on the current server, once only.
    void requeuesLostPromptsOnce()
    {
        QNetworkAccessManager nam;
        ServerRegistry servers(nam, ComfyEndpoint(m_api->sim().baseUrl(), {},
                                                  QStringLiteral("catalogue-requeue")));
        servers.current().start();
        CatalogueRecorder recorder(*m_catalogue, servers);
        m_api->context().servers = &servers;
        m_api->context().recorder = &recorder;
        const auto restore = qScopeGuard([this] {
            m_api->context().servers = nullptr;
            m_api->context().recorder = nullptr;
        });

        const ApiTestReply reply = m_api->postJson(
            QStringLiteral("/api/catalogue/requeue"),
            QJsonObject{{QStringLiteral("prompt_ids"),
                         QJsonArray{QStringLiteral("lighthouse"), QStringLiteral("fox"),
                                    QStringLiteral("no-such-id"),
                                    QStringLiteral("lighthouse")}}});
        QCOMPARE(reply.status, 200);
        const QJsonObject answer = reply.json();
        const QJsonArray requeued = answer.value(QLatin1String("requeued")).toArray();
        QCOMPARE(requeued.size(), 1);
        QCOMPARE(requeued.first()[QLatin1String("prompt_id")].toString(),
                 QStringLiteral("lighthouse"));
        const QString newId = requeued.first()[QLatin1String("new_prompt_id")].toString();
        QVERIFY(!newId.isEmpty());
        QCOMPARE(answer.value(QLatin1String("skipped")).toArray(),
                 (QJsonArray{QStringLiteral("fox"), QStringLiteral("no-such-id")}));
        QCOMPARE(answer.value(QLatin1String("failed")).toArray(), QJsonArray());

        // It runs on the simulator and is catalogued as the lost one's re-queue.
        QJsonObject again;
        QTRY_VERIFY_WITH_TIMEOUT(
            (again = m_api->get(QStringLiteral("/api/catalogue/") + newId).json())
                    .value(QLatin1String("status")).toString() == QLatin1String("completed"),
            30000);
        QCOMPARE(again.value(QLatin1String("requeued_from")).toString(),
                 QStringLiteral("lighthouse"));
        QCOMPARE(again.value(QLatin1String("graph")).toObject(),
                 graphSaying(QStringLiteral("a lighthouse at dusk")));
        QCOMPARE(m_api->get(QStringLiteral("/api/catalogue/lighthouse")).json()
                     .value(QLatin1String("requeued_as")).toString(), newId);

        // Nothing is lost any more: a second call queues nothing.
        const QJsonObject second = m_api->postJson(QStringLiteral("/api/catalogue/requeue"),
                                                   QJsonObject{{QStringLiteral("lost"), true}})
                                       .json();
        QCOMPARE(second.value(QLatin1String("requeued")).toArray(), QJsonArray());
        QCOMPARE(second.value(QLatin1String("failed")).toArray(), QJsonArray());
        const ApiTestReply named = m_api->postJson(
            QStringLiteral("/api/catalogue/requeue"),
            QJsonObject{{QStringLiteral("prompt_ids"), QJsonArray{QStringLiteral("lighthouse")}}});
        QCOMPARE(named.json().value(QLatin1String("skipped")).toArray(),
                 QJsonArray{QStringLiteral("lighthouse")});
    }

    // ComfyUI down: 502 as on every route that needs it, and the prompt stays lost.
    void requeueWhileComfyIsDown()
    {
        m_catalogue->record(recordOf(OtherServer, QStringLiteral("harbour"),
                                     QStringLiteral("sd_txt2img"),
                                     QStringLiteral("boats in a harbour"),
                                     QStringLiteral("lost"), utc("2024-05-06T09:00:00Z"), -1,
                                     0));
        QVERIFY(flush());
        QNetworkAccessManager nam;
        // Nothing listens on port 9 (discard) here; the connection never gets through.
        ServerRegistry servers(nam, ComfyEndpoint(QUrl(OtherServer), {},
                                                  QStringLiteral("catalogue-requeue-down")));
        servers.current().start();
        CatalogueRecorder recorder(*m_catalogue, servers);
        m_api->context().servers = &servers;
        m_api->context().recorder = &recorder;
        const auto restore = qScopeGuard([this] {
            m_api->context().servers = nullptr;
            m_api->context().recorder = nullptr;
        });

        const ApiTestReply reply = m_api->postJson(QStringLiteral("/api/catalogue/requeue"),
                                                   QJsonObject{{QStringLiteral("lost"), true}});
        QCOMPARE(reply.status, 502);
        const QJsonObject body = reply.json();
        QCOMPARE(body.value(QLatin1String("status_code")).toInt(), 502);
        QVERIFY(body.value(QLatin1String("error")).toString()
                    .contains(QLatin1String("Nothing was re-queued")));
        QCOMPARE(body.value(QLatin1String("failed")).toArray().size(), 1);
        QCOMPARE(body.value(QLatin1String("failed")).toArray().first()
                     [QLatin1String("prompt_id")].toString(), QStringLiteral("harbour"));
        const QJsonObject harbour =
            m_api->get(QStringLiteral("/api/catalogue/harbour")).json();
        QCOMPARE(harbour.value(QLatin1String("status")).toString(), QStringLiteral("lost"));
        QVERIFY(harbour.value(QLatin1String("requeued_as")).isNull());
    }

    void switchedOff()
    {
        m_api->context().catalogue = nullptr;
        const auto restore = qScopeGuard([this] {
            m_api->context().catalogue = m_catalogue.get();
        });
        expectUnavailable(QStringLiteral("The catalogue is switched off"));
        // Images answer from the tracker only, as before the catalogue existed.
        QCOMPARE(m_api->get(QStringLiteral("/api/image/fox/0")).status, 404);
        QCOMPARE(m_api->get(QStringLiteral("/api/image/fox")).status, 404);
    }

    void stillOpening()
    {
        Catalogue unopened;
        m_api->context().catalogue = &unopened;
        const auto restore = qScopeGuard([this] {
            m_api->context().catalogue = m_catalogue.get();
        });
        expectUnavailable(QStringLiteral("still opening"));
        QCOMPARE(m_api->get(QStringLiteral("/api/catalogue")).header("Retry-After"),
                 QByteArray("1"));
    }

    void brokenFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("garbage.sqlite"));
        QFile garbage(path);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(64 * 1024, '\x5a'));
        garbage.close();
        Catalogue broken;
        QSignalSpy opened(&broken, &Catalogue::opened);
        broken.open(path);
        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.first().first().toBool(), false);
        m_api->context().catalogue = &broken;
        const auto restore = qScopeGuard([this] {
            m_api->context().catalogue = m_catalogue.get();
        });
        expectUnavailable(QStringLiteral("damaged"));
        QCOMPARE(m_api->get(QStringLiteral("/api/image/fox/0")).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestApiCatalogue)
#include "tst_apicatalogue.moc"
