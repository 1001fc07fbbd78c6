#pragma once

#include "catalogueentry.h"
#include "promptrecord.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThread>

#include <functional>
#include <optional>

class CatalogueWorker;

// ComfyDesk's own record of every prompt and image (SQLite, FTS5), kept in the app's data
// folder. The facade lives on the caller's thread and never touches SQLite: one worker
// thread owns the only connection; writes are queued and committed in short batched
// transactions; reads are requests whose answer comes back as a callback on the context
// object's thread (dropped if the context is gone). A read sees every write requested
// before it.
//
// If the file cannot be opened the catalogue stays closed (openProblem() says why): writes
// are dropped, reads answer with an error, and the user's file is never deleted or
// replaced.
class Catalogue final : public QObject
{
    Q_OBJECT
public:
    enum class Problem {
        None,
        NotOpened,     // open() not called yet, or still opening
        Corrupt,       // not a database, or fails its integrity check
        Locked,        // another process holds it
        ReadOnly,      // the file or its folder cannot be written
        DiskFull,
        NoFts5,        // the SQLite driver lacks FTS5
        NewerSchema,   // written by a newer ComfyDesk (user_version above ours)
        NoDriver,      // Qt's QSQLITE driver is not installed
        Other
    };
    Q_ENUM(Problem)

    static constexpr int SchemaVersion = 2;

    explicit Catalogue(QObject *parent = nullptr);
    ~Catalogue() override;   // commits what is queued, then closes

    // The database file; its folder is created if missing. Asynchronous: opened() follows.
    // Images are cached under imageCacheDir (default: "images" beside the file).
    void open(const QString &filePath, const QString &imageCacheDir = {});
    bool isOpen() const { return m_open; }
    Problem problem() const { return m_problem; }
    QString problemDetail() const { return m_problemDetail; }   // SQLite's words, the path
    QString filePath() const { return m_filePath; }
    QString imageCacheDir() const { return m_cacheDir; }
    // Default file: QStandardPaths::AppDataLocation/catalogue.sqlite
    static QString defaultFilePath();

    // Size cap of the image cache; the least recently viewed originals go first.
    void setImageCacheCapBytes(qint64 bytes);
    qint64 imageCacheCapBytes() const { return m_cacheCap; }
    static constexpr qint64 DefaultImageCacheCapBytes = 4LL * 1024 * 1024 * 1024;

    // ---- writes (queued, batched; changed() follows the commit)
    void record(const PromptRecord &record);
    void record(const QList<PromptRecord> &records);
    void setStarred(const QStringList &promptIds, bool starred);
    void setTags(const QString &promptId, const QStringList &tags);
    void setNote(const QString &promptId, const QString &note);
    // The original of one image, fetched from ComfyUI: written to the cache (with its PNG
    // metadata), its size and pixel size recorded; then the cap is applied.
    void storeImage(qint64 imageRowId, const QByteArray &bytes);
    void setThumbnailPath(qint64 imageRowId, const QString &path);
    // Someone looked at it: it is evicted last.
    void touchImage(qint64 imageRowId);

    // ---- reads and read-modify-writes: the answer comes on context's thread
    template<typename T>
    using Reply = std::function<void(T)>;

    void search(const CatalogueQuery &query, QObject *context, Reply<CataloguePage> done);
    void entry(const QString &promptId, QObject *context,
               Reply<std::optional<CatalogueEntry>> done);
    // Prompt ids of a server whose record is final (an import skips them).
    void finishedIds(const QString &server, QObject *context, Reply<QSet<QString>> done);
    // Prompts of a server this app submitted that have not finished: on connecting, they are
    // followed again, and those ComfyUI lost become lost.
    void unfinishedSubmitted(const QString &server, QObject *context,
                             Reply<QList<CatalogueEntry>> done);
    // Images of finished prompts that are neither cached nor evicted (still to fetch).
    void imagesToFetch(const QString &server, int limit, QObject *context,
                       Reply<QList<CatalogueImage>> done);
    // Claims lost prompts for re-queueing (all lost ones when promptIds is empty): each is
    // handed out once; claimed ones are no longer "lost and not re-queued". Every claim
    // must be settled with requeueSettled().
    void claimLost(const QStringList &promptIds, QObject *context,
                   Reply<QList<CatalogueEntry>> done);
    // newPromptId empty: the re-queue failed and the prompt is lost (claimable) again.
    void requeueSettled(const QString &lostPromptId, const QString &newPromptId);
    // Removes prompts, their images' rows and cached files and thumbnails; answers how many.
    void remove(const QStringList &promptIds, QObject *context, Reply<int> done);
    // Writes a search's every page (limit/offset ignored) as CSV or JSON to filePath; with
    // imagesDir, also each cached image with a JSON sidecar of its parameters.
    enum class ExportFormat { Csv, Json };
    void exportTo(const CatalogueQuery &query, ExportFormat format, const QString &filePath,
                  const QString &imagesDir, QObject *context, Reply<QString> done); // error or ""
    // Waits until every write requested so far is committed, then answers.
    void flush(QObject *context, Reply<bool> done);

Q_SIGNALS:
    void opened(bool ok);
    // Rows of these prompts changed (recorded, marked, removed): views refresh them.
    void changed(const QStringList &promptIds);
    // New images to fetch into the cache (finished prompts' images not cached yet).
    void imagesRecorded(const QString &server, const QList<CatalogueImage> &images);

private:
    friend class CatalogueWorker;
    void post(std::function<void(CatalogueWorker &)> job);
    void onOpened(bool ok, Problem problem, const QString &detail);

    QThread m_thread;
    CatalogueWorker *m_worker = nullptr;   // lives in m_thread
    bool m_open = false;
    Problem m_problem = Problem::NotOpened;
    QString m_problemDetail;
    QString m_filePath;
    QString m_cacheDir;
    qint64 m_cacheCap = DefaultImageCacheCapBytes;
};
