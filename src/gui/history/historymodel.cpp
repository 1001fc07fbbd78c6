#include "historymodel.h"

#include "catalogue.h"
#include "historytext.h"
#include "thumbnailloader.h"

#include <QDateTime>
#include <QIcon>
#include <QLocale>

namespace {
constexpr int DefaultPageSize = 100;   // a dozen rows show; more come as one scrolls
constexpr int ChangeBatchMs = 150;
}

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_query.limit = DefaultPageSize;
    m_changeBatch.setSingleShot(true);
    m_changeBatch.setInterval(ChangeBatchMs);
    connect(&m_changeBatch, &QTimer::timeout, this, &HistoryModel::refreshChanged);
}

void HistoryModel::setCatalogue(Catalogue *catalogue)
{
    if (m_catalogue)
        disconnect(m_catalogue, nullptr, this, nullptr);
    m_catalogue = catalogue;
    if (catalogue) {
        connect(catalogue, &Catalogue::changed, this, &HistoryModel::onChanged);
        connect(catalogue, &Catalogue::opened, this, [this] { setQuery(m_query); });
    }
    setQuery(m_query);
}

void HistoryModel::setThumbnailLoader(ThumbnailLoader *loader)
{
    if (m_thumbnails)
        disconnect(m_thumbnails, nullptr, this, nullptr);
    m_thumbnails = loader;
    if (!loader)
        return;
    auto refresh = [this](qint64 imageRowId) {
        const int row = rowOf(m_thumbnailOwners.take(imageRowId));
        if (row >= 0)
            Q_EMIT dataChanged(index(row, PromptColumn), index(row, PromptColumn),
                               {Qt::DecorationRole});
    };
    connect(loader, &ThumbnailLoader::thumbnailReady, this, refresh);
    connect(loader, &ThumbnailLoader::thumbnailMissing, this, refresh);
}

void HistoryModel::setQuery(const CatalogueQuery &query)
{
    m_query = query;
    m_query.offset = 0;
    m_query.withGraphs = false;
    if (m_query.limit <= 0)
        m_query.limit = DefaultPageSize;
    ++m_generation;
    beginResetModel();
    m_entries.clear();
    m_rows.clear();
    m_hasMore = false;
    m_loading = false;
    endResetModel();
    m_changed.clear();
    loadPage(true);
}

void HistoryModel::loadPage(bool first)
{
    if (!m_catalogue || m_loading)
        return;
    m_loading = true;
    CatalogueQuery page = m_query;
    page.offset = first ? 0 : int(m_entries.size());
    const quint64 generation = m_generation;
    m_catalogue->search(page, this, [this, generation](const CataloguePage &answer) {
        if (generation != m_generation)
            return;
        m_loading = false;
        m_error = answer.error;
        m_hasMore = answer.hasMore;
        // Rows inserted live meanwhile shift the pages: skip the ones already here.
        QList<CatalogueEntry> fresh;
        for (const CatalogueEntry &entry : answer.entries) {
            if (!m_rows.contains(entry.promptId))
                fresh.append(entry);
        }
        if (!fresh.isEmpty()) {
            const int first = int(m_entries.size());
            beginInsertRows({}, first, first + int(fresh.size()) - 1);
            m_entries += fresh;
            for (int row = first; row < m_entries.size(); ++row)
                m_rows.insert(m_entries.at(row).promptId, row);
            endInsertRows();
        }
        Q_EMIT loaded();
    });
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_loading;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        loadPage(false);
}

void HistoryModel::sort(int column, Qt::SortOrder order)
{
    CatalogueQuery query = m_query;
    if (column == TimeColumn)
        query.sort = order == Qt::DescendingOrder ? CatalogueQuery::Sort::Newest
                                                  : CatalogueQuery::Sort::Oldest;
    else if (column == DurationColumn)
        query.sort = order == Qt::DescendingOrder ? CatalogueQuery::Sort::LongestFirst
                                                  : CatalogueQuery::Sort::ShortestFirst;
    else
        return;
    if (query.sort != m_query.sort)
        setQuery(query);
}

void HistoryModel::onChanged(const QStringList &promptIds)
{
    for (const QString &id : promptIds)
        m_changed.insert(id);
    if (!m_changeBatch.isActive())
        m_changeBatch.start();
}

// One search of the newest matching prompts finds the new ones (already filtered by the
// query, full text included); prompts we show that changed are read one by one (there are
// few: a star, a tag, a finished run), and those gone are removed.
void HistoryModel::refreshChanged()
{
    if (!m_catalogue || m_changed.isEmpty())
        return;
    const QSet<QString> changed = std::exchange(m_changed, {});
    const quint64 generation = m_generation;
    if (m_query.sort == CatalogueQuery::Sort::Newest) {
        CatalogueQuery newest = m_query;
        newest.offset = 0;
        newest.limit = qMax(50, int(changed.size()));
        m_catalogue->search(newest, this, [this, generation](const CataloguePage &answer) {
            if (generation != m_generation || !answer.error.isEmpty())
                return;
            const qint64 top = m_entries.isEmpty() ? 0 : m_entries.first().queuedAtMs;
            QList<CatalogueEntry> fresh;
            for (const CatalogueEntry &entry : answer.entries) {
                const int row = rowOf(entry.promptId);
                if (row >= 0) {
                    // Newer than what the row holds: an earlier answer may have been read
                    // before this prompt's last change, and that change skipped (the row
                    // was not there yet).
                    m_entries[row] = entry;
                    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
                } else if (entry.queuedAtMs >= top) {
                    fresh.append(entry);
                }
            }
            if (fresh.isEmpty())
                return;
            beginInsertRows({}, 0, int(fresh.size()) - 1);
            m_entries = fresh + m_entries;
            reindex();
            endInsertRows();
        });
    }
    for (const QString &id : changed) {
        if (!m_rows.contains(id))
            continue;
        m_catalogue->entry(id, this, [this, generation, id](
                                         const std::optional<CatalogueEntry> &entry) {
            if (generation != m_generation)
                return;
            const int row = rowOf(id);
            if (row < 0)
                return;
            if (!entry) {
                beginRemoveRows({}, row, row);
                m_entries.removeAt(row);
                reindex();
                endRemoveRows();
                return;
            }
            CatalogueEntry updated = *entry;
            updated.graph = {};
            m_entries[row] = updated;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        });
    }
}

void HistoryModel::reindex()
{
    m_rows.clear();
    for (int row = 0; row < m_entries.size(); ++row)
        m_rows.insert(m_entries.at(row).promptId, row);
}

const CatalogueEntry *HistoryModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int HistoryModel::rowOf(const QString &promptId) const
{
    return m_rows.value(promptId, -1);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    const CatalogueEntry *entry = entryAt(index.row());
    if (!entry)
        return {};
    switch (role) {
    case PromptIdRole:
        return entry->promptId;
    case StarredRole:
        return entry->starred;
    case StatusNameRole:
        return entry->status;
    case Qt::DecorationRole:
        if (index.column() == TimeColumn && entry->starred)
            return QIcon(QStringLiteral(":/icons/star.svg"));
        if (index.column() == PromptColumn && m_thumbnails && !entry->images.isEmpty()) {
            // Asked only for rows on screen; a null image means "loading": the loader
            // says when it is ready.
            const CatalogueImage &image = entry->images.first();
            const QImage thumbnail = m_thumbnails->thumbnail(image, ThumbnailSize);
            if (thumbnail.isNull()) {
                m_thumbnailOwners.insert(image.rowId, entry->promptId);
                return {};
            }
            return thumbnail;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn) {
            const QString why = HistoryText::reason(*entry);
            return why.isEmpty() ? HistoryText::status(entry->status) : why;
        }
        if (index.column() == PromptColumn)
            return entry->summary.positive;
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry->queuedAtMs),
                                  QLocale::ShortFormat);
    case WorkflowColumn:
        return entry->workflow.isEmpty() ? tr("other client") : entry->workflow;
    case StatusColumn: {
        const QString why = HistoryText::reason(*entry);
        return why.isEmpty() ? HistoryText::status(entry->status)
                             : HistoryText::status(entry->status) + QStringLiteral(" — ") + why;
    }
    case DurationColumn:
        return HistoryText::duration(entry->executionTime);
    case PromptColumn:
        return entry->summary.positive.simplified().left(200);
    case SeedColumn:
        return entry->summary.seed;
    case ServerColumn:
        return entry->server;
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case WorkflowColumn: return tr("Workflow");
    case StatusColumn: return tr("Status");
    case DurationColumn: return tr("Duration");
    case PromptColumn: return tr("Prompt");
    case SeedColumn: return tr("Seed");
    case ServerColumn: return tr("Server");
    }
    return {};
}
