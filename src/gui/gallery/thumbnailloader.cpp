#include "thumbnailloader.h"

#include "catalogue.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QImageReader>
#include <QImageWriter>
#include <QtConcurrent/QtConcurrentRun>

namespace {

constexpr qint64 DefaultCacheCapBytes = 64LL * 1024 * 1024;
constexpr int MaxSize = 1023;   // sizes share a cache key with the row id (10 bits)

QString pathsOf(const CatalogueImage &image)
{
    return image.cachedPath + QLatin1Char('|') + image.thumbnailPath;
}

// Reads an image fitted in box x box, scaled while decoding where the format can (JPEG
// decodes at a fraction of its size); never enlarged.
QImage readFitted(const QString &path, int box)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > box || size.height() > box))
        reader.setScaledSize(size.scaled(box, box, Qt::KeepAspectRatio));
    return reader.read();
}

QImage fitted(const QImage &image, int box)
{
    if (image.isNull() || (image.width() <= box && image.height() <= box))
        return image;
    return image.scaled(box, box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

} // namespace

struct ThumbnailLoader::Loaded
{
    QImage image;          // fitted in the requested size; null: missing
    QString writtenPath;   // a thumbnail file written (or found) by this load
    bool decoded = false;  // the original was decoded
    bool wrote = false;
};

ThumbnailLoader::ThumbnailLoader(QObject *parent)
    : QObject(parent)
{
    m_cache.setMaxCost(DefaultCacheCapBytes);
}

ThumbnailLoader::~ThumbnailLoader() = default;

void ThumbnailLoader::setCatalogue(Catalogue *catalogue)
{
    m_catalogue = catalogue;
}

void ThumbnailLoader::setThumbnailDir(const QString &dir)
{
    m_thumbnailDir = dir;
}

QString ThumbnailLoader::thumbnailDir() const
{
    if (!m_thumbnailDir.isEmpty() || !m_catalogue)
        return m_thumbnailDir;
    return m_catalogue->imageCacheDir() + QStringLiteral("/thumbnails");
}

void ThumbnailLoader::setCacheCapBytes(qint64 bytes)
{
    m_cache.setMaxCost(qMax<qint64>(bytes, 1));
}

qint64 ThumbnailLoader::cacheCapBytes() const
{
    return m_cache.maxCost();
}

qint64 ThumbnailLoader::cachedBytes() const
{
    return m_cache.totalCost();
}

void ThumbnailLoader::setMaxConcurrentLoads(int loads)
{
    m_maxLoads = qMax(1, loads);
}

QImage ThumbnailLoader::cached(qint64 imageRowId, int size) const
{
    const QImage *image = m_cache.object(key(imageRowId, qBound(1, size, MaxSize)));
    return image ? *image : QImage();
}

bool ThumbnailLoader::isMissing(const CatalogueImage &image) const
{
    if (m_written.contains(image.rowId))
        return false;
    if (image.cachedPath.isEmpty() && image.thumbnailPath.isEmpty())
        return true;
    const auto failed = m_missing.constFind(image.rowId);
    return failed != m_missing.cend() && *failed == pathsOf(image);
}

ThumbnailLoader::State ThumbnailLoader::state(const CatalogueImage &image) const
{
    if (isMissing(image))
        return State::Missing;
    if (m_runningRows.contains(image.rowId))
        return State::Loading;
    for (const Request &request : m_queue) {
        if (request.image.rowId == image.rowId)
            return State::Loading;
    }
    if (m_written.contains(image.rowId) || !image.thumbnailPath.isEmpty())
        return State::Ready;
    return State::NotRequested;
}

QImage ThumbnailLoader::thumbnail(const CatalogueImage &image, int size)
{
    size = qBound(1, size, MaxSize);
    const quint64 k = key(image.rowId, size);
    if (const QImage *hit = m_cache.object(k))
        return *hit;
    if (m_queued.contains(k) || m_running.contains(k))
        return {};
    if (isMissing(image))
        return {};
    // Asked at another size than before (the size slider moved): that load is not wanted.
    m_queue.removeIf([&](const Request &request) {
        if (request.image.rowId != image.rowId)
            return false;
        m_queued.remove(key(request.image.rowId, request.size));
        return true;
    });
    m_queue.append({image, size});
    m_queued.insert(k);
    startLoads();
    return {};
}

void ThumbnailLoader::cancelAllExcept(const QSet<qint64> &imageRowIds)
{
    m_queue.removeIf([&](const Request &request) {
        if (imageRowIds.contains(request.image.rowId))
            return false;
        m_queued.remove(key(request.image.rowId, request.size));
        return true;
    });
}

void ThumbnailLoader::clearCache()
{
    m_cache.clear();
}

void ThumbnailLoader::startLoads()
{
    // Newest requests first: what was asked last is what is on screen now.
    for (qsizetype i = m_queue.size() - 1; i >= 0 && m_running.size() < m_maxLoads; --i) {
        Request request = m_queue.at(i);
        if (m_runningRows.contains(request.image.rowId))
            continue;   // its file may be being written: wait for that load
        m_queue.removeAt(i);
        const quint64 k = key(request.image.rowId, request.size);
        m_queued.remove(k);
        m_running.insert(k);
        m_runningRows.insert(request.image.rowId);
        // A thumbnail file written earlier in this run is newer than what the entry says.
        if (const auto written = m_written.constFind(request.image.rowId);
            written != m_written.cend())
            request.image.thumbnailPath = *written;
        ++m_loads;
        const QString dir = thumbnailDir();
        // A watcher, not QFuture::then(context): Qt 6.4's context continuations crashed
        // now and then in QFutureInterfaceBase::reportStarted() under a steady stream of
        // short loads (seen in gallery_bench).
        auto *watcher = new QFutureWatcher<Loaded>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, request] {
            watcher->deleteLater();
            finished(request, watcher->result());
        });
        watcher->setFuture(QtConcurrent::run([request, dir] {
            return load(request, dir);
        }));
    }
}

ThumbnailLoader::Loaded ThumbnailLoader::load(const Request &request, const QString &dir)
{
    Loaded result;
    const CatalogueImage &image = request.image;
    if (!image.thumbnailPath.isEmpty()) {
        result.image = readFitted(image.thumbnailPath, request.size);
        if (!result.image.isNull())
            return result;
    }
    const QString folder = QStringLiteral("%1").arg(image.rowId % 256, 2, 16, QLatin1Char('0'));
    const QString base = dir + QLatin1Char('/') + folder + QLatin1Char('/')
                         + QString::number(image.rowId);
    // Written by an earlier run that could not record it: read, not written again.
    for (const char *suffix : {".jpg", ".png"}) {
        const QString path = base + QLatin1String(suffix);
        if (QFileInfo::exists(path)) {
            result.image = readFitted(path, request.size);
            if (!result.image.isNull()) {
                result.writtenPath = path;
                return result;
            }
        }
    }
    if (image.cachedPath.isEmpty())
        return result;
    const QImage file = readFitted(image.cachedPath, FileSize);
    result.decoded = true;
    if (file.isNull())
        return result;
    // JPEG is a tenth of PNG's size at this size; PNG only to keep transparency.
    const bool alpha = file.hasAlphaChannel();
    const QString path = base + (alpha ? QStringLiteral(".png") : QStringLiteral(".jpg"));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QImageWriter writer(path);
    if (!alpha)
        writer.setQuality(85);
    if (writer.write(file)) {
        result.writtenPath = path;
        result.wrote = true;
    }
    result.image = fitted(file, request.size);
    return result;
}

void ThumbnailLoader::finished(const Request &request, const Loaded &loaded)
{
    const qint64 rowId = request.image.rowId;
    const quint64 k = key(rowId, request.size);
    m_running.remove(k);
    m_runningRows.remove(rowId);
    if (loaded.decoded)
        ++m_decodes;
    if (loaded.wrote)
        ++m_writes;
    if (!loaded.writtenPath.isEmpty() && !m_written.contains(rowId)) {
        m_written.insert(rowId, loaded.writtenPath);
        if (m_catalogue)
            m_catalogue->setThumbnailPath(rowId, loaded.writtenPath);
    }
    if (loaded.image.isNull()) {
        m_missing.insert(rowId, pathsOf(request.image));
        m_written.remove(rowId);
        Q_EMIT thumbnailMissing(rowId);
    } else {
        m_missing.remove(rowId);
        m_cache.insert(k, new QImage(loaded.image), loaded.image.sizeInBytes());
        Q_EMIT thumbnailReady(rowId);
    }
    startLoads();
}
