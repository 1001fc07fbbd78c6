// The results panel against the simulator: real prompts finish, their images are fetched,
// written to the cache folder, decoded off the UI thread and shown newest first.
#include "comfyconnection.h"
#include "emptystatelistview.h"
#include "imagepreview.h"
#include "resultsdock.h"
#include "resultsmodel.h"
#include "simprompts.h"
#include "simserver.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace SimPrompts;

class TestResultsDock : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SimServer *m_sim = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    ComfyConnection *m_conn = nullptr;
    ComfyConnection *m_other = nullptr;
    ResultsDock *m_dock = nullptr;
    QList<QUrl> m_opened;

    EmptyStateListView *list() { return m_dock->findChild<EmptyStateListView *>("resultsList"); }
    QString details() { return m_dock->findChild<QLabel *>("resultDetails")->text(); }
    ImagePreview *preview() { return m_dock->findChild<ImagePreview *>("resultPreview"); }

    // Runs one prompt and waits until the dock has its images.
    QString run(ComfyConnection &connection, const QJsonObject &graph)
    {
        QSignalSpy added(m_dock, &ResultsDock::resultAdded);
        const QString id = submit(connection, graph);
        if (id.isEmpty())
            return {};
        if (!added.wait(TimeoutMs)) {
            qWarning() << "no result for" << id;
            return {};
        }
        return added.first().first().toString() == id ? id : QString();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_sim = new SimServer(this);
        m_sim->setDataDir(m_dir.path() + QStringLiteral("/sim"));
        QVERIFY(m_sim->listen() != 0);
        m_nam = new QNetworkAccessManager(this);
        m_conn = new ComfyConnection(*m_nam, this);
        m_conn->setBaseUrl(m_sim->baseUrl());
        m_conn->setClientId(QStringLiteral("resultsdock-test"));
        m_conn->setReconnectDelays(20, 200);
        m_other = new ComfyConnection(*m_nam, this);
        m_other->setBaseUrl(m_sim->baseUrl());
        m_other->setClientId(QStringLiteral("somebody-else"));

        m_dock = new ResultsDock;
        m_dock->setCacheDir(m_dir.path() + QStringLiteral("/cache"));
        m_opened.clear();
        m_dock->setOpener([this](const QUrl &url) {
            m_opened.append(url);
            return true;
        });
        m_dock->setConnection(m_conn);
        m_dock->resize(420, 600);
        m_dock->show();
        m_conn->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_conn->state(), ComfyConnection::State::Connected,
                                  TimeoutMs);
    }

    void cleanup()
    {
        delete m_dock;
        m_dock = nullptr;
        delete m_other;
        delete m_conn;
        delete m_nam;
        delete m_sim;
    }

    void emptyStateSaysWhatComesHere()
    {
        QObject *dock = m_dock;
        QCOMPARE(dock->objectName(), QStringLiteral("resultsDock"));
        QCOMPARE(m_dock->windowTitle(), QStringLiteral("Results"));
        QCOMPARE(m_dock->resultCount(), 0);
        QVERIFY(list()->isShowingEmptyText());
        QCOMPARE(list()->emptyText(), QStringLiteral("Finished images appear here."));
        // The two empty states say different things (not the same sentence twice).
        QCOMPARE(preview()->message(),
                 QStringLiteral("Queue a workflow (Ctrl+Enter): its images show here as they "
                                "finish."));
        QVERIFY(!m_dock->selectedImageSize().isValid());
        QVERIFY(!m_dock->openSelected());
    }

    void aFinishedPromptShowsItsImageWithItsSize()
    {
        const QString id = run(*m_conn, solidImage(96, 40, 0x336699, QStringLiteral("size")));
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_dock->resultCount(), 1);
        QCOMPARE(m_dock->selectedPromptId(), id);
        QCOMPARE(m_dock->selectedImageSize(), QSize(96, 40));
        QTRY_COMPARE_WITH_TIMEOUT(preview()->imageSize(), QSize(96, 40), TimeoutMs);
        QVERIFY(details().contains(QStringLiteral("96 × 40")));
        QVERIFY(!list()->isShowingEmptyText());
    }

    void newestFirstWithDetailsAndSeed()
    {
        m_sim->setStepDelayMs(1);
        const QString first = run(*m_conn, txt2img(123456789012345678, 3, 64, 48,
                                                   QStringLiteral("a red fox in snow")));
        QVERIFY(!first.isEmpty());
        // Another client's prompt: its result appears too.
        const QString second = run(*m_other, txt2img(42, 3, 80, 56,
                                                     QStringLiteral("a lighthouse at dusk")));
        QVERIFY(!second.isEmpty());
        QCOMPARE(m_dock->resultCount(), 2);
        const ResultsModel &model = *m_dock->model();
        QCOMPARE(model.index(0).data(ResultsModel::PromptIdRole).toString(), second);
        QCOMPARE(model.index(1).data(ResultsModel::PromptIdRole).toString(), first);

        // The view followed the newest; the details name its prompt, seed and size.
        QCOMPARE(m_dock->selectedPromptId(), second);
        QCOMPARE(m_dock->selectedImageSize(), QSize(80, 56));
        QTRY_VERIFY_WITH_TIMEOUT(details().contains(QStringLiteral("a lighthouse at dusk")),
                                 TimeoutMs);

        m_dock->selectRow(1);
        QCOMPARE(m_dock->selectedImageSize(), QSize(64, 48));
        QVERIFY(details().contains(QStringLiteral("a red fox in snow")));
        QVERIFY(details().contains(QStringLiteral("Seed: 123456789012345678")));
        QVERIFY(details().contains(QStringLiteral("64 × 48")));
        QVERIFY(details().contains(QStringLiteral("Finished")));
        QTRY_COMPARE_WITH_TIMEOUT(preview()->imageSize(), QSize(64, 48), TimeoutMs);
        if (const QString dir = qEnvironmentVariable("COMFYDESK_SCREENSHOT_DIR"); !dir.isEmpty())
            m_dock->grab().save(dir + QStringLiteral("/resultsdock.png"));
    }

    void doubleClickOpensTheFile()
    {
        const QString id = run(*m_conn, solidImage(32, 32, 0xff0000, QStringLiteral("open")));
        QVERIFY(!id.isEmpty());
        const QRect rect = list()->visualRect(m_dock->model()->index(0));
        QVERIFY(rect.isValid());
        // A real double-click: press, release, then the double-click event.
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(list()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(m_opened.size(), 1);
        const QString path = m_opened.first().toLocalFile();
        QVERIFY(QFileInfo::exists(path));
        QVERIFY(path.startsWith(m_dock->cacheDir()));
        QCOMPARE(QImage(path).size(), QSize(32, 32));
        auto *open = m_dock->findChild<QAction *>(QStringLiteral("openResultAction"));
        QVERIFY(open);
        open->trigger();    // the same from the context menu
        QCOMPARE(m_opened.size(), 2);
        QCOMPARE(m_opened.last(), m_opened.first());
    }

    void aFailedFetchIsShownOnTheItem()
    {
        // The image is deleted from the server before the dock asks for it: as soon as
        // ComfyUI's `executed` names it (the dock starts fetching right then).
        connect(m_conn, &ComfyConnection::eventReceived, this, [this](const ComfyEvent &event) {
            if (event.type != ComfyEvent::Type::Executed)
                return;
            const QJsonArray images = event.output.value(QLatin1String("images")).toArray();
            for (const QJsonValue &image : images) {
                const QJsonObject ref = image.toObject();
                QFile::remove(m_sim->dataDir() + QLatin1Char('/')
                              + ref.value(QLatin1String("type")).toString() + QLatin1Char('/')
                              + ref.value(QLatin1String("filename")).toString());
            }
        });
        m_dock->setConnection(m_conn);  // the dock's handler now runs after the test's
        QSignalSpy added(m_dock, &ResultsDock::resultAdded);
        const QString id = submit(*m_conn, solidImage(16, 16, 0, QStringLiteral("gone")));
        QVERIFY(added.wait(TimeoutMs));
        QCOMPARE(added.first().at(0).toString(), id);
        QCOMPARE(added.first().at(1).toInt(), 0);
        const QModelIndex item = m_dock->model()->index(0);
        QCOMPARE(item.data(ResultsModel::StateRole).toInt(), int(ResultItem::State::Failed));
        QVERIFY(!item.data(ResultsModel::ErrorRole).toString().isEmpty());
        QVERIFY(item.data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("Could not")));
        QVERIFY(preview()->message().startsWith(QStringLiteral("Could not fetch")));
        qInfo() << "fetch error shown:" << item.data(ResultsModel::ErrorRole).toString();
    }

    void theOldestGoBeyondTheLimit()
    {
        m_dock->model()->setLimit(2);
        QStringList files;
        for (int i = 0; i < 3; ++i) {
            QVERIFY(!run(*m_conn, solidImage(8, 8, i, QStringLiteral("limit"))).isEmpty());
            files.append(m_dock->model()->index(0).data(ResultsModel::FilePathRole).toString());
        }
        QCOMPARE(m_dock->resultCount(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(files.at(0)), TimeoutMs);
        QVERIFY(QFileInfo::exists(files.at(2)));
    }

    // Not a timed test: prints how soon a finished 1024×1024 image is painted.
    void timeFromFinishToPaint()
    {
        QElapsedTimer clock;
        qint64 completedAt = -1;
        qint64 successAt = -1;
        qint64 paintedAt = -1;
        qint64 decodedAt = -1;
        connect(m_dock, &ResultsDock::resultAdded, this, [&] { decodedAt = clock.elapsed(); });
        connect(m_conn, &ComfyConnection::eventReceived, this, [&](const ComfyEvent &event) {
            if (event.type == ComfyEvent::Type::ExecutionSuccess)
                successAt = clock.elapsed();
        });
        connect(&m_conn->tracker(), &PromptTracker::statusChanged, this,
                [&](const QString &id) {
                    if (m_conn->tracker().status(id).state == PromptStatus::State::Completed
                        && completedAt < 0)
                        completedAt = clock.elapsed();
                });
        connect(m_dock, &ResultsDock::previewPainted, this, [&] {
            if (paintedAt < 0)
                paintedAt = clock.elapsed();
        });
        clock.start();
        QVERIFY(!run(*m_conn, solidImage(1024, 1024, 0x808080, QStringLiteral("big")))
                     .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(paintedAt >= 0, TimeoutMs);
        QCOMPARE(m_dock->selectedImageSize(), QSize(1024, 1024));
        qInfo("1024x1024: execution_success -> painted %lld ms; status Completed -> painted "
              "%lld ms (target <= 50 ms): fetched and decoded after %lld ms, painted %lld ms "
              "later", paintedAt - successAt, paintedAt - completedAt, decodedAt - completedAt,
              paintedAt - decodedAt);
    }
};

QTEST_MAIN(TestResultsDock)
#include "tst_resultsdock.moc"
