#include "gallerymodel.h"

#include "catalogue.h"
#include "thumbnailloader.h"

#include <QPainter>
#include <QPainterPath>
#include <QTimer>

namespace {

// Prompts read to find the new ones on top after a change (more at once: reload).
constexpr int HeadCheckLimit = 50;
constexpr int TooltipChars = 300;

} // namespace

GalleryModel::GalleryModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_loader(new ThumbnailLoader(this))
{
    connect(m_loader, &ThumbnailLoader::thumbnailReady, this, &GalleryModel::onThumbnailDone);
    connect(m_loader, &ThumbnailLoader::thumbnailMissing, this, &GalleryModel::onThumbnailDone);
}

GalleryModel::~GalleryModel() = default;

void GalleryModel::setCatalogue(Catalogue *catalogue)
{
    if (m_catalogue == catalogue)
        return;
    if (m_catalogue)
        disconnect(m_catalogue, nullptr, this, nullptr);
    m_catalogue = catalogue;
    m_loader->setCatalogue(catalogue);
    if (catalogue) {
        connect(catalogue, &Catalogue::changed, this, &GalleryModel::onChanged);
        // Opened after us: the first page could only have answered with an error.
        connect(catalogue, &Catalogue::opened, this, [this](bool ok) {
            if (ok)
                reload();
        });
    }
    reload();
}

void GalleryModel::setQuery(const CatalogueQuery &query)
{
    beginResetModel();
    m_query = query;
    m_query.hasImages = 1;
    m_query.withGraphs = false;
    m_items.clear();
    m_prompts.clear();
    m_rowOfImage.clear();
    m_rowsDirty = true;
    m_offset = 0;
    m_keyset = m_query.sort == CatalogueQuery::Sort::Newest;
    m_tailMs = 0;
    m_tailSameMs = 0;
    m_hasMore = m_catalogue != nullptr;
    m_fetching = false;
    m_firstPageLoaded = false;
    ++m_generation;
    endResetModel();
    if (m_catalogue)
        fetchMore({});
}

void GalleryModel::setPageSize(int prompts)
{
    m_pageSize = qMax(1, prompts);
}

void GalleryModel::setThumbnailSize(int size)
{
    size = qBound(32, size, ThumbnailLoader::FileSize);
    if (size == m_thumbnailSize)
        return;
    m_thumbnailSize = size;
    m_loadingMark = {};
    m_missingMark = {};
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_items.size()) - 1), {Qt::DecorationRole});
}

int GalleryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

bool GalleryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_fetching && m_catalogue;
}

void GalleryModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_fetching || !m_hasMore || !m_catalogue)
        return;
    m_fetching = true;
    CatalogueQuery query = m_query;
    query.limit = m_pageSize;
    query.offset = m_offset;
    if (m_keyset && m_tailMs > 0) {
        query.untilMs = m_query.untilMs > 0 ? qMin(m_query.untilMs, m_tailMs + 1)
                                            : m_tailMs + 1;
        query.offset = m_tailSameMs;
    }
    const quint64 generation = m_generation;
    m_catalogue->search(query, this, [this, generation](const CataloguePage &page) {
        if (generation != m_generation)
            return;
        m_fetching = false;
        if (!page.error.isEmpty()) {
            m_hasMore = false;
            Q_EMIT queryFailed(page.error);
            return;
        }
        m_offset += int(page.entries.size());
        m_hasMore = page.hasMore;
        for (const CatalogueEntry &entry : page.entries) {
            if (entry.queuedAtMs <= 0) {
                m_keyset = false;   // sorted by when it was seen, a time we are not told
            } else if (entry.queuedAtMs == m_tailMs) {
                ++m_tailSameMs;
            } else {
                m_tailMs = entry.queuedAtMs;
                m_tailSameMs = 1;
            }
        }
        QList<Item> items;
        QList<EntryPtr> added;
        for (const CatalogueEntry &entry : page.entries) {
            // Already here when it was inserted on top while this page was read.
            if (entry.images.isEmpty() || m_prompts.contains(entry.promptId))
                continue;
            auto shared = std::make_shared<const CatalogueEntry>(entry);
            added.append(shared);
            for (int i = 0; i < entry.images.size(); ++i)
                items.append({shared, i});
        }
        m_firstPageLoaded = true;
        if (!items.isEmpty()) {
            const int first = int(m_items.size());
            beginInsertRows({}, first, first + int(items.size()) - 1);
            for (const EntryPtr &entry : std::as_const(added))
                m_prompts.insert(entry->promptId, entry);
            m_items.append(items);
            m_rowsDirty = true;
            endInsertRows();
        }
        Q_EMIT pageLoaded();
    });
}

QHash<int, QByteArray> GalleryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(EntryRole, "entry");
    names.insert(ImageIndexRole, "imageIndex");
    names.insert(ImageRole, "image");
    names.insert(ImageRowIdRole, "imageRowId");
    names.insert(PromptIdRole, "promptId");
    names.insert(ThumbnailStateRole, "thumbnailState");
    return names;
}

CatalogueEntry GalleryModel::entryAt(int row) const
{
    return row >= 0 && row < m_items.size() ? *m_items.at(row).entry : CatalogueEntry();
}

int GalleryModel::imageIndexAt(int row) const
{
    return row >= 0 && row < m_items.size() ? m_items.at(row).image : -1;
}

CatalogueImage GalleryModel::imageAt(int row) const
{
    if (row < 0 || row >= m_items.size())
        return {};
    const Item &item = m_items.at(row);
    return item.entry->images.value(item.image);
}

int GalleryModel::rowOfImage(qint64 imageRowId) const
{
    if (m_rowsDirty) {
        m_rowOfImage.clear();
        m_rowOfImage.reserve(m_items.size());
        for (int row = 0; row < m_items.size(); ++row)
            m_rowOfImage.insert(m_items.at(row).entry->images.at(m_items.at(row).image).rowId,
                                row);
        m_rowsDirty = false;
    }
    return m_rowOfImage.value(imageRowId, -1);
}

QImage GalleryModel::requestThumbnail(const QModelIndex &index)
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    return m_loader->thumbnail(imageAt(index.row()), m_thumbnailSize);
}

QVariant GalleryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const Item &item = m_items.at(index.row());
    const CatalogueEntry &entry = *item.entry;
    const CatalogueImage &image = entry.images.at(item.image);
    switch (role) {
    case Qt::DecorationRole: {
        const QImage thumbnail = m_loader->cached(image.rowId, m_thumbnailSize);
        if (!thumbnail.isNull())
            return thumbnail;
        return placeholder(m_loader->isMissing(image));
    }
    case Qt::ToolTipRole: {
        QString text = entry.summary.positive;
        if (text.size() > TooltipChars)
            text = text.left(TooltipChars) + QChar(0x2026);
        if (text.isEmpty())
            text = tr("(no prompt text)");
        if (!entry.summary.seed.isEmpty())
            text += QLatin1Char('\n') + tr("Seed: %1").arg(entry.summary.seed);
        if (m_loader->isMissing(image))
            text += QLatin1Char('\n') + tr("The image is no longer on the server or in the cache.");
        return text;
    }
    case Qt::AccessibleTextRole: {
        const QString words = entry.summary.positive.left(80);
        return m_loader->isMissing(image)
                   ? tr("Missing image: %1").arg(words)
                   : tr("Image %1 of %2: %3").arg(item.image + 1).arg(entry.images.size())
                         .arg(words);
    }
    case EntryRole:
        return QVariant::fromValue(entry);
    case ImageIndexRole:
        return item.image;
    case ImageRole:
        return QVariant::fromValue(image);
    case ImageRowIdRole:
        return image.rowId;
    case PromptIdRole:
        return entry.promptId;
    case ThumbnailStateRole: {
        if (!m_loader->cached(image.rowId, m_thumbnailSize).isNull())
            return int(ThumbnailLoader::State::Ready);
        const ThumbnailLoader::State state = m_loader->state(image);
        // A file on disk that is not in memory yet still has to be loaded.
        return int(state == ThumbnailLoader::State::Ready ? ThumbnailLoader::State::NotRequested
                                                          : state);
    }
    default:
        return {};
    }
}

// A flat tile while loading; a crossed-out frame for an image that is gone, so nobody
// waits for it.
QImage GalleryModel::placeholder(bool missing) const
{
    QImage &mark = missing ? m_missingMark : m_loadingMark;
    if (!mark.isNull())
        return mark;
    const int side = m_thumbnailSize;
    mark = QImage(side, side, QImage::Format_ARGB32_Premultiplied);
    mark.fill(Qt::transparent);
    QPainter painter(&mark);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(0, 0, side, side).adjusted(2, 2, -2, -2);
    if (!missing) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(128, 128, 128, 60));
        painter.drawRoundedRect(box, 6, 6);
        return mark;
    }
    painter.setPen(QPen(QColor(160, 60, 60), qMax(2, side / 32), Qt::DashLine));
    painter.setBrush(QColor(128, 128, 128, 30));
    painter.drawRoundedRect(box, 6, 6);
    const QRectF cross = QRectF(0, 0, side / 3.0, side / 3.0);
    QRectF at = cross;
    at.moveCenter(box.center());
    painter.setPen(QPen(QColor(160, 60, 60), qMax(2, side / 24), Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(at.topLeft(), at.bottomRight());
    painter.drawLine(at.topRight(), at.bottomLeft());
    return mark;
}

void GalleryModel::onThumbnailDone(qint64 imageRowId)
{
    const int row = rowOfImage(imageRowId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row), {Qt::DecorationRole, ThumbnailStateRole});
}

// ---- live changes

void GalleryModel::onChanged(const QStringList &promptIds)
{
    if (!m_catalogue || !m_firstPageLoaded)
        return;   // the first page, still to come, will have them
    bool unknown = false;
    const quint64 generation = m_generation;
    for (const QString &id : promptIds) {
        if (!m_prompts.contains(id)) {
            unknown = true;
            continue;
        }
        m_catalogue->entry(id, this, [this, generation, id](std::optional<CatalogueEntry> entry) {
            if (generation == m_generation)
                refresh(id, entry);
        });
    }
    // New prompts appear on top only in a newest-first gallery; one changed many times in
    // a burst is looked for once.
    if (unknown && m_query.sort == CatalogueQuery::Sort::Newest && !m_headCheckQueued) {
        m_headCheckQueued = true;
        QTimer::singleShot(0, this, &GalleryModel::checkHead);
    }
}

void GalleryModel::checkHead()
{
    m_headCheckQueued = false;
    if (!m_catalogue)
        return;
    CatalogueQuery query = m_query;
    query.offset = 0;
    query.limit = HeadCheckLimit;
    const quint64 generation = m_generation;
    m_catalogue->search(query, this, [this, generation](const CataloguePage &page) {
        if (generation != m_generation || !page.error.isEmpty())
            return;
        // Newest first: the new ones are those before the first prompt already here.
        QList<CatalogueEntry> fresh;
        bool reachedKnown = false;
        for (const CatalogueEntry &entry : page.entries) {
            if (m_prompts.contains(entry.promptId)) {
                reachedKnown = true;
                break;
            }
            fresh.append(entry);
        }
        if (!reachedKnown && page.hasMore && !m_items.isEmpty()) {
            reload();   // more new ones than one look finds (an import): read again
            return;
        }
        insertOnTop(fresh);
    });
}

void GalleryModel::insertOnTop(const QList<CatalogueEntry> &entries)
{
    QList<Item> items;
    QList<EntryPtr> added;
    for (const CatalogueEntry &entry : entries) {
        if (entry.images.isEmpty())
            continue;
        auto shared = std::make_shared<const CatalogueEntry>(entry);
        added.append(shared);
        for (int i = 0; i < entry.images.size(); ++i)
            items.append({shared, i});
    }
    // They are in the catalogue's pages from now: the next page starts further on.
    m_offset += int(entries.size());
    if (items.isEmpty())
        return;
    beginInsertRows({}, 0, int(items.size()) - 1);
    for (const EntryPtr &entry : std::as_const(added))
        m_prompts.insert(entry->promptId, entry);
    m_items = items + m_items;
    m_rowsDirty = true;
    endInsertRows();
}

QPair<int, int> GalleryModel::rowsOf(const QString &promptId) const
{
    const EntryPtr entry = m_prompts.value(promptId);
    if (!entry || entry->images.isEmpty())
        return {-1, 0};
    const int first = rowOfImage(entry->images.first().rowId);
    if (first < 0)
        return {-1, 0};
    int count = 0;
    while (first + count < m_items.size() && m_items.at(first + count).entry == entry)
        ++count;
    return {first, count};
}

bool GalleryModel::passesFilters(const CatalogueEntry &entry) const
{
    // The text cannot change for a recorded prompt; what a change can affect is checked.
    if (entry.images.isEmpty())
        return false;
    if (!m_query.statuses.isEmpty() && !m_query.statuses.contains(entry.status))
        return false;
    if (m_query.starred >= 0 && entry.starred != (m_query.starred == 1))
        return false;
    if (!m_query.workflow.isEmpty() && entry.workflow != m_query.workflow)
        return false;
    if (!m_query.server.isEmpty() && entry.server != m_query.server)
        return false;
    if (m_query.sinceMs > 0 && entry.queuedAtMs < m_query.sinceMs)
        return false;
    if (m_query.untilMs > 0 && entry.queuedAtMs >= m_query.untilMs)
        return false;
    return true;
}

void GalleryModel::refresh(const QString &promptId, const std::optional<CatalogueEntry> &entry)
{
    if (!m_prompts.contains(promptId))
        return;
    if (!entry || !passesFilters(*entry)) {
        removePrompt(promptId);
        --m_offset;
        return;
    }
    const auto [first, count] = rowsOf(promptId);
    if (first < 0)
        return;
    CatalogueEntry copy = *entry;
    copy.graph = {};   // the gallery never needs it; 100,000 of them would not fit
    auto shared = std::make_shared<const CatalogueEntry>(std::move(copy));
    m_prompts.insert(promptId, shared);
    if (shared->images.size() == count) {
        for (int i = 0; i < count; ++i)
            m_items[first + i].entry = shared;
        m_rowsDirty = true;
        Q_EMIT dataChanged(index(first), index(first + count - 1));
        return;
    }
    beginRemoveRows({}, first, first + count - 1);
    m_items.remove(first, count);
    m_rowsDirty = true;
    endRemoveRows();
    beginInsertRows({}, first, first + int(shared->images.size()) - 1);
    for (int i = 0; i < shared->images.size(); ++i)
        m_items.insert(first + i, {shared, i});
    m_rowsDirty = true;
    endInsertRows();
}

void GalleryModel::removePrompt(const QString &promptId)
{
    const auto [first, count] = rowsOf(promptId);
    if (first >= 0) {
        beginRemoveRows({}, first, first + count - 1);
        m_items.remove(first, count);
        m_rowsDirty = true;
        endRemoveRows();
    }
    m_prompts.remove(promptId);
}
