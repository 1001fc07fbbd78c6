#pragma once

#include "catalogue.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimer>

#include <functional>
#include <unordered_map>

// The catalogue's thread: owns the only QSqlDatabase connection (SQLite, WAL) and does all
// SQL and cache file I/O. Writes are collected and committed together a few ms later, or
// before any read, so readers always see every write requested before them. Internal to
// Catalogue: nothing else talks to it.
class CatalogueWorker final : public QObject
{
    Q_OBJECT
public:
    explicit CatalogueWorker(Catalogue *facade);
    ~CatalogueWorker() override;

    void open(const QString &filePath, const QString &cacheDir);
    void shutdown();        // commits what is queued, closes
    bool isOpen() const { return m_open; }

    // Writes: queued, committed in the next batch.
    void queueWrite(std::function<bool()> write);
    // Commits the queued writes now (reads call it first).
    void flush();

    bool record(const PromptRecord &record);
    bool setStarred(const QStringList &promptIds, bool starred);
    bool setTags(const QString &promptId, const QStringList &tags);
    bool setNote(const QString &promptId, const QString &note);
    bool storeImage(qint64 imageRowId, const QByteArray &bytes);
    bool setThumbnailPath(qint64 imageRowId, const QString &path);
    bool touchImage(qint64 imageRowId);
    void setCacheCap(qint64 bytes) { m_cacheCap = bytes; }
    bool applyCacheCap() { evictOverCap(); return true; }
    bool settleRequeue(const QString &lostPromptId, const QString &newPromptId);

    // Reads (each flushes first).
    CataloguePage search(const CatalogueQuery &query);
    std::optional<CatalogueEntry> entry(const QString &promptId);
    QSet<QString> finishedIds(const QString &server);
    QList<CatalogueEntry> unfinishedSubmitted(const QString &server);
    QList<CatalogueImage> imagesToFetch(const QString &server, int limit);
    QList<CatalogueEntry> claimLost(const QStringList &promptIds);
    int remove(const QStringList &promptIds);
    QString exportTo(const CatalogueQuery &query, Catalogue::ExportFormat format,
                     const QString &filePath, const QString &imagesDir);

    // Qt binds a null QString as SQL NULL; the text columns are NOT NULL DEFAULT ''.
    static QVariant sqlText(const QString &value)
    {
        return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
    }

    // Answers on the facade's thread, unless the context is gone by then.
    template<typename T>
    void answer(QPointer<QObject> context, std::function<void(T)> done, T value)
    {
        QMetaObject::invokeMethod(m_facade, [context, done = std::move(done),
                                             value = std::move(value)]() mutable {
            if (context)
                done(std::move(value));
        }, Qt::QueuedConnection);
    }

private:
    struct RowState;
    void fail(Catalogue::Problem problem, const QString &detail);
    bool configure(QString *detail, Catalogue::Problem *problem);
    void releaseStaleClaims();
    qint64 serverId(const QString &url);
    bool readRow(qint64 serverId, const QString &promptId, RowState *row);
    bool writeFts(qint64 rowId);
    bool writeImages(qint64 rowId, const PromptRecord &record, bool announceNew,
                     const QString &server);
    QList<qint64> rowIdsOf(const QStringList &promptIds);
    QList<CatalogueEntry> readEntries(QSqlQuery &query, bool withGraphs);
    // Matches from which a search walks an index in the page's order instead of sorting
    // the matches (about where the two cost the same at 200,000 prompts).
    static constexpr int BroadMatch = 1000;
    int matchCount(const QString &match, int upTo);
    void attachImages(QList<CatalogueEntry> &entries);
    void evictOverCap();
    QString cachePathFor(qint64 imageRowId, const QString &filename) const;
    void announce();   // changed() and imagesRecorded() for what was committed
    void noteChanged(const QString &promptId) { m_changed.append(promptId); }
    bool check(QSqlQuery &query, const char *what);
    // A statement of the record path, prepared on first use and kept: preparing each of
    // them for every prompt was a good part of recording's cost. A SELECT is finish()ed
    // after use (an open one would hold a read snapshot); all go before the connection.
    QSqlQuery &prepared(const QString &sql);

    Catalogue *m_facade;
    QSqlDatabase m_db;
    std::unordered_map<QString, QSqlQuery> m_prepared;   // QSqlQuery cannot be copied
    QString m_connectionName;
    QString m_cacheDir;
    bool m_open = false;
    qint64 m_cacheCap = Catalogue::DefaultImageCacheCapBytes;
    qint64 m_cachedBytes = 0;
    QHash<QString, qint64> m_serverIds;
    QList<std::function<bool()>> m_pending;
    QStringList m_changed;
    QHash<QString, QList<CatalogueImage>> m_newImages;   // server -> images to fetch
    QTimer *m_flushTimer;   // a child: it moves to the worker's thread with it
};
