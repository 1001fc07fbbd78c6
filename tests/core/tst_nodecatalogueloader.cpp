#include "comfyclient.h"
#include "fakecomfy.h"
#include "nodecatalogueloader.h"
#include "nodecatalogueparser.h"
#include "recordedbody.h"

#include <QMutex>
#include <QNetworkAccessManager>
#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>
#include <QThreadPool>
#include <QtTest>

#include <atomic>
#include <memory>

namespace {

// Parses like the real parser and notes the thread it ran in; can be held at the door.
struct ParserProbe
{
    QMutex mutex;
    QList<QThread *> threads;
    QSemaphore gate{1000};
    std::atomic<int> finished{0};

    NodeCatalogueLoader::Parser parser()
    {
        return [this](const QByteArray &body) {
            {
                QMutexLocker locker(&mutex);
                threads.append(QThread::currentThread());
            }
            gate.acquire();
            NodeCatalogue catalogue = NodeCatalogueParser::parse(body);
            ++finished;
            return catalogue;
        };
    }
    QList<QThread *> seen()
    {
        QMutexLocker locker(&mutex);
        return threads;
    }
};

} // namespace

class TestNodeCatalogueLoader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void clientLeavesBodyUnparsed();
    void loadsOffTheCallersThread();
    void malformedBodyStillLoads();
    void httpErrorFails();
    void unreachableFails();
    void newerLoadWins();
    void destroyedWhileParsing();
    void cancelWhileFetching();

private:
    std::unique_ptr<QThreadPool> m_pool;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ComfyClient> m_client;
    std::unique_ptr<FakeComfy> m_server;
};

void TestNodeCatalogueLoader::init()
{
    m_pool = std::make_unique<QThreadPool>();
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<ComfyClient>(*m_nam);
    m_server = std::make_unique<FakeComfy>();
    QVERIFY(m_server->isListening());
    m_client->setBaseUrl(m_server->url());
}

void TestNodeCatalogueLoader::cleanup()
{
    m_pool->waitForDone();
    m_client.reset();
    m_server.reset();
    m_nam.reset();
    m_pool.reset();
}

// The point of objectInfoBytes(): the UI thread only copies the bytes.
void TestNodeCatalogueLoader::clientLeavesBodyUnparsed()
{
    for (const QByteArray &body : {QByteArray(R"({"A": {}})"), QByteArray("not json")}) {
        m_server->answer("/object_info", body);
        ComfyReply *reply = m_client->objectInfoBytes();
        QSignalSpy finished(reply, &ComfyReply::finished);
        QVERIFY(finished.wait());
        QVERIFY(reply->ok());
        QCOMPARE(reply->data(), body);
        QVERIFY(reply->json().isNull());
    }
    // objectInfo() still parses and judges.
    ComfyReply *reply = m_client->objectInfo();
    QSignalSpy finished(reply, &ComfyReply::finished);
    QVERIFY(finished.wait());
    QCOMPARE(reply->error().kind, ComfyError::Kind::InvalidJson);
}

void TestNodeCatalogueLoader::loadsOffTheCallersThread()
{
    const QByteArray body = RecordedBody::load(QStringLiteral("v0.8.0"),
                                               QStringLiteral("object_info_all.json"));
    QVERIFY(body.size() > 100000);
    m_server->answer("/object_info", body);
    ParserProbe probe;
    NodeCatalogueLoader loader;
    loader.setThreadPool(m_pool.get());
    loader.setParser(probe.parser());
    QSignalSpy loaded(&loader, &NodeCatalogueLoader::loaded);
    QSignalSpy failed(&loader, &NodeCatalogueLoader::failed);

    loader.load(*m_client);
    QVERIFY(loader.isLoading());
    QVERIFY(loaded.wait());
    QVERIFY(!loader.isLoading());
    QCOMPARE(failed.count(), 0);
    QCOMPARE(loaded.count(), 1);
    const auto catalogue = loaded.first().first().value<NodeCatalogue>();
    QCOMPARE(catalogue.size(), 446);
    QVERIFY(catalogue.issues().isEmpty());
    QCOMPARE(catalogue.node(QStringLiteral("KSampler"))->input(QStringLiteral("seed"))
                 ->maximum.literal(),
             QStringLiteral("18446744073709551615"));

    const QList<QThread *> threads = probe.seen();
    QCOMPARE(threads.size(), 1);
    QVERIFY(threads.first() != nullptr);
    QVERIFY(threads.first() != QThread::currentThread());
}

void TestNodeCatalogueLoader::malformedBodyStillLoads()
{
    m_server->answer("/object_info", "{\"KSampler\": {\"input\": ");
    NodeCatalogueLoader loader;
    loader.setThreadPool(m_pool.get());
    QSignalSpy loaded(&loader, &NodeCatalogueLoader::loaded);
    QSignalSpy failed(&loader, &NodeCatalogueLoader::failed);
    loader.load(*m_client);
    QVERIFY(loaded.wait());
    QCOMPARE(failed.count(), 0);
    const auto catalogue = loaded.first().first().value<NodeCatalogue>();
    QVERIFY(catalogue.isEmpty());
    QVERIFY(catalogue.hasIssue(NodeCatalogueIssue::Code::NotJson));
}

void TestNodeCatalogueLoader::httpErrorFails()
{
    FakeComfy::Answer boom;
    boom.status = 500;
    boom.body = "{\"error\": \"boom\"}";
    m_server->answer("/object_info", boom);
    ParserProbe probe;
    NodeCatalogueLoader loader;
    loader.setThreadPool(m_pool.get());
    loader.setParser(probe.parser());
    QSignalSpy loaded(&loader, &NodeCatalogueLoader::loaded);
    QSignalSpy failed(&loader, &NodeCatalogueLoader::failed);
    loader.load(*m_client);
    QVERIFY(failed.wait());
    QCOMPARE(failed.first().first().value<ComfyError>().kind, ComfyError::Kind::Http);
    QCOMPARE(failed.first().first().value<ComfyError>().httpStatus, 500);
    QCOMPARE(loaded.count(), 0);
    QVERIFY(probe.seen().isEmpty());
    QVERIFY(!loader.isLoading());
}

void TestNodeCatalogueLoader::unreachableFails()
{
    const QUrl url = m_server->url();
    m_server.reset(); // nobody listens on that port any more
    m_client->setBaseUrl(url);
    NodeCatalogueLoader loader;
    QSignalSpy failed(&loader, &NodeCatalogueLoader::failed);
    loader.load(*m_client);
    QVERIFY(failed.wait());
    QCOMPARE(failed.first().first().value<ComfyError>().kind, ComfyError::Kind::Unreachable);
}

void TestNodeCatalogueLoader::newerLoadWins()
{
    ParserProbe probe;
    probe.gate.acquire(1000); // hold every parse until released
    NodeCatalogueLoader loader;
    loader.setThreadPool(m_pool.get());
    loader.setParser(probe.parser());
    QSignalSpy loaded(&loader, &NodeCatalogueLoader::loaded);

    loader.parse(R"({"Old": {"input": {}, "output": []}})");
    QTRY_COMPARE(probe.seen().size(), 1); // the first parse is running, held
    loader.parse(R"({"New": {"input": {}, "output": []}})");
    probe.gate.release(2);
    QVERIFY(loaded.wait());
    m_pool->waitForDone();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(probe.finished.load(), 2);
    QCOMPARE(loaded.count(), 1); // the superseded result is dropped
    const auto catalogue = loaded.first().first().value<NodeCatalogue>();
    QCOMPARE(catalogue.classNames(), QStringList{QStringLiteral("New")});
}

void TestNodeCatalogueLoader::destroyedWhileParsing()
{
    ParserProbe probe;
    probe.gate.acquire(1000);
    auto loader = std::make_unique<NodeCatalogueLoader>();
    loader->setThreadPool(m_pool.get());
    loader->setParser(probe.parser());
    bool emitted = false;
    connect(loader.get(), &NodeCatalogueLoader::loaded, this, [&emitted] { emitted = true; });
    loader->parse(RecordedBody::load(QStringLiteral("v0.3.65"),
                                     QStringLiteral("object_info_all.json")));
    QTRY_COMPARE(probe.seen().size(), 1);
    loader.reset();
    probe.gate.release(1);
    m_pool->waitForDone();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(probe.finished.load(), 1);
    QVERIFY(!emitted);
}

void TestNodeCatalogueLoader::cancelWhileFetching()
{
    m_server->answer("/object_info", "{}");
    NodeCatalogueLoader loader;
    loader.setThreadPool(m_pool.get());
    QSignalSpy loaded(&loader, &NodeCatalogueLoader::loaded);
    QSignalSpy failed(&loader, &NodeCatalogueLoader::failed);
    loader.load(*m_client);
    loader.cancel();
    QVERIFY(!loader.isLoading());
    // A second load after the cancel is answered normally, and only once.
    loader.load(*m_client);
    QVERIFY(loaded.wait());
    m_pool->waitForDone();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(failed.count(), 0);
}

QTEST_GUILESS_MAIN(TestNodeCatalogueLoader)
#include "tst_nodecatalogueloader.moc"
