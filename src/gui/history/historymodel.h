#pragma once

#include "catalogueentry.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QSet>
#include <QTimer>

class Catalogue;
class ThumbnailLoader;

// Every prompt of the catalogue that matches a query, paged in as the view scrolls
// (canFetchMore/fetchMore, a page per request, answered off the UI thread by the
// catalogue's worker). It stays live: prompts recorded or changed later are looked up
// again in one batch (changes arrive in bursts) and new ones that match are inserted on top
// without a reset; removed ones leave. Graphs are not loaded here (only summaries).
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, WorkflowColumn, StatusColumn, DurationColumn, PromptColumn,
                  SeedColumn, ServerColumn, ColumnCount };
    enum Role { PromptIdRole = Qt::UserRole + 1, StarredRole, StatusNameRole };

    explicit HistoryModel(QObject *parent = nullptr);

    void setCatalogue(Catalogue *catalogue);
    // A small thumbnail of each prompt's first image beside its text (rows the view asks
    // for only, loaded off the UI thread by the loader).
    void setThumbnailLoader(ThumbnailLoader *loader);
    static constexpr int ThumbnailSize = 28;
    // Starts over with this query (its limit is the page size, its offset ignored).
    void setQuery(const CatalogueQuery &query);
    CatalogueQuery query() const { return m_query; }
    bool isLoading() const { return m_loading; }
    QString error() const { return m_error; }

    const CatalogueEntry *entryAt(int row) const;
    int rowOf(const QString &promptId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;
    // Time and duration sort in the catalogue; the other columns keep the current order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    // A page (or the first one after setQuery) arrived; rows may have been added.
    void loaded();

private:
    void loadPage(bool first);
    void onChanged(const QStringList &promptIds);
    void refreshChanged();

    QPointer<Catalogue> m_catalogue;
    CatalogueQuery m_query;
    QList<CatalogueEntry> m_entries;
    QHash<QString, int> m_rows;     // prompt id -> row (rebuilt when rows shift)
    QPointer<ThumbnailLoader> m_thumbnails;
    mutable QHash<qint64, QString> m_thumbnailOwners;  // image row id -> prompt id asked
    bool m_hasMore = false;
    bool m_loading = false;
    quint64 m_generation = 0;       // answers to an older query are dropped
    QString m_error;
    QSet<QString> m_changed;        // waiting for the batch
    QTimer m_changeBatch;

    void reindex();
};
