#include "catalogue.h"

#include "catalogueworker.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

Catalogue::Catalogue(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("catalogue"));
    m_worker = new CatalogueWorker(this);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

Catalogue::~Catalogue()
{
    // The worker commits and closes in its own thread, where its connection lives.
    CatalogueWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] {
        delete worker;
        QThread::currentThread()->quit();
    }, Qt::QueuedConnection);
    m_thread.wait();
}

QString Catalogue::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/catalogue.sqlite");
}

void Catalogue::post(std::function<void(CatalogueWorker &)> job)
{
    CatalogueWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, job = std::move(job)] { job(*worker); },
                              Qt::QueuedConnection);
}

void Catalogue::open(const QString &filePath, const QString &imageCacheDir)
{
    m_filePath = QFileInfo(filePath).absoluteFilePath();
    m_cacheDir = imageCacheDir.isEmpty()
        ? QFileInfo(m_filePath).absolutePath() + QStringLiteral("/images")
        : QFileInfo(imageCacheDir).absoluteFilePath();
    m_problem = Problem::NotOpened;
    const QString file = m_filePath;
    const QString cache = m_cacheDir;
    const qint64 cap = m_cacheCap;
    post([file, cache, cap](CatalogueWorker &worker) {
        worker.setCacheCap(cap);
        worker.open(file, cache);
    });
}

void Catalogue::onOpened(bool ok, Problem problem, const QString &detail)
{
    m_open = ok;
    m_problem = problem;
    m_problemDetail = detail;
    Q_EMIT opened(ok);
}

void Catalogue::setImageCacheCapBytes(qint64 bytes)
{
    m_cacheCap = qMax<qint64>(0, bytes);
    const qint64 cap = m_cacheCap;
    post([cap](CatalogueWorker &worker) {
        worker.setCacheCap(cap);
        worker.queueWrite([&worker] { return worker.applyCacheCap(); });
    });
}

void Catalogue::record(const PromptRecord &record)
{
    post([record](CatalogueWorker &worker) {
        worker.queueWrite([&worker, record] { return worker.record(record); });
    });
}

void Catalogue::record(const QList<PromptRecord> &records)
{
    if (records.isEmpty())
        return;
    post([records](CatalogueWorker &worker) {
        for (const PromptRecord &record : records)
            worker.queueWrite([&worker, record] { return worker.record(record); });
    });
}

void Catalogue::setStarred(const QStringList &promptIds, bool starred)
{
    post([promptIds, starred](CatalogueWorker &worker) {
        worker.queueWrite([&worker, promptIds, starred] {
            return worker.setStarred(promptIds, starred);
        });
    });
}

void Catalogue::setTags(const QString &promptId, const QStringList &tags)
{
    post([promptId, tags](CatalogueWorker &worker) {
        worker.queueWrite([&worker, promptId, tags] { return worker.setTags(promptId, tags); });
    });
}

void Catalogue::setNote(const QString &promptId, const QString &note)
{
    post([promptId, note](CatalogueWorker &worker) {
        worker.queueWrite([&worker, promptId, note] { return worker.setNote(promptId, note); });
    });
}

void Catalogue::storeImage(qint64 imageRowId, const QByteArray &bytes)
{
    post([imageRowId, bytes](CatalogueWorker &worker) {
        worker.queueWrite([&worker, imageRowId, bytes] {
            return worker.storeImage(imageRowId, bytes);
        });
    });
}

void Catalogue::setThumbnailPath(qint64 imageRowId, const QString &path)
{
    post([imageRowId, path](CatalogueWorker &worker) {
        worker.queueWrite([&worker, imageRowId, path] {
            return worker.setThumbnailPath(imageRowId, path);
        });
    });
}

void Catalogue::touchImage(qint64 imageRowId)
{
    post([imageRowId](CatalogueWorker &worker) {
        worker.queueWrite([&worker, imageRowId] { return worker.touchImage(imageRowId); });
    });
}

void Catalogue::requeueSettled(const QString &lostPromptId, const QString &newPromptId)
{
    post([lostPromptId, newPromptId](CatalogueWorker &worker) {
        worker.queueWrite([&worker, lostPromptId, newPromptId] {
            return worker.settleRequeue(lostPromptId, newPromptId);
        });
    });
}

// Every read: run in the worker, answer on this thread if the context still exists.
#define CATALOGUE_READ(Type, call)                                                   \
    Q_ASSERT(context && context->thread() == thread());                              \
    QPointer<QObject> guard(context);                                                \
    post([=](CatalogueWorker &worker) {                                              \
        worker.answer<Type>(guard, done, worker.call);                               \
    })

void Catalogue::search(const CatalogueQuery &query, QObject *context, Reply<CataloguePage> done)
{
    CATALOGUE_READ(CataloguePage, search(query));
}

void Catalogue::entry(const QString &promptId, QObject *context,
                      Reply<std::optional<CatalogueEntry>> done)
{
    CATALOGUE_READ(std::optional<CatalogueEntry>, entry(promptId));
}

void Catalogue::finishedIds(const QString &server, QObject *context, Reply<QSet<QString>> done)
{
    CATALOGUE_READ(QSet<QString>, finishedIds(server));
}

void Catalogue::unfinishedSubmitted(const QString &server, QObject *context,
                                    Reply<QList<CatalogueEntry>> done)
{
    CATALOGUE_READ(QList<CatalogueEntry>, unfinishedSubmitted(server));
}

void Catalogue::imagesToFetch(const QString &server, int limit, QObject *context,
                              Reply<QList<CatalogueImage>> done)
{
    CATALOGUE_READ(QList<CatalogueImage>, imagesToFetch(server, limit));
}

void Catalogue::claimLost(const QStringList &promptIds, QObject *context,
                          Reply<QList<CatalogueEntry>> done)
{
    CATALOGUE_READ(QList<CatalogueEntry>, claimLost(promptIds));
}

void Catalogue::remove(const QStringList &promptIds, QObject *context, Reply<int> done)
{
    CATALOGUE_READ(int, remove(promptIds));
}

void Catalogue::exportTo(const CatalogueQuery &query, ExportFormat format,
                         const QString &filePath, const QString &imagesDir, QObject *context,
                         Reply<QString> done)
{
    CATALOGUE_READ(QString, exportTo(query, format, filePath, imagesDir));
}

void Catalogue::flush(QObject *context, Reply<bool> done)
{
    Q_ASSERT(context && context->thread() == thread());
    QPointer<QObject> guard(context);
    post([=](CatalogueWorker &worker) {
        worker.flush();
        worker.answer<bool>(guard, done, worker.isOpen());
    });
}

#undef CATALOGUE_READ
