#pragma once

#include "catalogue.h"
#include "catalogueentry.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>


// Thumbnails of catalogued images for the gallery. A thumbnail asked for is answered at
// once from a memory cache bounded in bytes, or loaded in the thread pool: from its
// thumbnail file, else decoded (scaled while decoding) from the cached original, whose
// thumbnail file is then written once and recorded in the catalogue. Only a few loads run
// at a time; the newest requests go first and requests no longer wanted are dropped, so an
// item scrolled past costs no decode. An image with neither file is Missing, for good.
class ThumbnailLoader final : public QObject
{
    Q_OBJECT
public:
    enum class State { NotRequested, Loading, Ready, Missing };
    Q_ENUM(State)

    // The longest side of a thumbnail file: the gallery's largest size.
    static constexpr int FileSize = 256;

    explicit ThumbnailLoader(QObject *parent = nullptr);
    ~ThumbnailLoader() override;

    // Thumbnail files go to <imageCacheDir>/thumbnails unless setThumbnailDir() says.
    void setCatalogue(Catalogue *catalogue);
    void setThumbnailDir(const QString &dir);
    QString thumbnailDir() const;

    void setCacheCapBytes(qint64 bytes);
    qint64 cacheCapBytes() const;
    qint64 cachedBytes() const;
    void setMaxConcurrentLoads(int loads);

    // The thumbnail fitted in size x size, or a null image while it loads (a load is
    // queued, unless one is) or when it is Missing. thumbnailReady() follows a load.
    QImage thumbnail(const CatalogueImage &image, int size);
    // The cached thumbnail only, never a load.
    QImage cached(qint64 imageRowId, int size) const;
    // Ready: its thumbnail file exists (in memory or not); Missing: nothing to show.
    State state(const CatalogueImage &image) const;
    bool isMissing(const CatalogueImage &image) const;
    // Drops queued loads of every image but these (those painted now).
    void cancelAllExcept(const QSet<qint64> &imageRowIds);
    void clearCache();

    // For tests and the benchmark: loads run, originals decoded, thumbnail files written.
    int loadCount() const { return m_loads; }
    int decodeCount() const { return m_decodes; }
    int writeCount() const { return m_writes; }
    int pendingCount() const { return int(m_queue.size()); }

Q_SIGNALS:
    void thumbnailReady(qint64 imageRowId);
    void thumbnailMissing(qint64 imageRowId);

private:
    struct Request
    {
        CatalogueImage image;
        int size = 0;
    };
    struct Loaded;
    static Loaded load(const Request &request, const QString &thumbnailDir);
    static quint64 key(qint64 rowId, int size) { return (quint64(rowId) << 10) | quint64(size); }
    void startLoads();
    void finished(const Request &request, const Loaded &loaded);

    QPointer<Catalogue> m_catalogue;
    QString m_thumbnailDir;
    QCache<quint64, QImage> m_cache;   // cost: bytes
    QList<Request> m_queue;            // newest last: loads start from the end
    QSet<quint64> m_queued;
    QSet<quint64> m_running;           // keys in the pool
    QSet<qint64> m_runningRows;        // one load per image at a time: its file is written once
    QHash<qint64, QString> m_written;  // thumbnail files written here, the catalogue told
    QHash<qint64, QString> m_missing;  // failed loads, by the paths they tried
    int m_maxLoads = 3;
    int m_loads = 0;
    int m_decodes = 0;
    int m_writes = 0;
};
