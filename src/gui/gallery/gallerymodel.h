#pragma once

#include "catalogue.h"
#include "catalogueentry.h"

#include <QAbstractListModel>
#include <QHash>
#include <QImage>
#include <QPointer>

#include <memory>
#include <optional>

class ThumbnailLoader;

// Every image of the catalogue that a query finds, one row per image, newest prompt first
// (its images in their order). Paged from Catalogue::search by prompts, as the view
// scrolls (canFetchMore/fetchMore). Grows live: a prompt recorded later that the query
// finds and that is newer than the first row is inserted on top, without a reset; rows of
// changed prompts are refreshed. Thumbnails come from its ThumbnailLoader, and only for
// rows someone paints (requestThumbnail()): data() never starts a load.
class GalleryModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        EntryRole = Qt::UserRole + 1,   // CatalogueEntry (without its graph)
        ImageIndexRole,                 // int: the image's place among its prompt's images
        ImageRole,                      // CatalogueImage
        ImageRowIdRole,                 // qint64
        PromptIdRole,
        ThumbnailStateRole              // int(ThumbnailLoader::State)
    };

    static constexpr int DefaultPageSize = 200;   // prompts per search

    explicit GalleryModel(QObject *parent = nullptr);
    ~GalleryModel() override;

    void setCatalogue(Catalogue *catalogue);
    Catalogue *catalogue() const { return m_catalogue; }
    ThumbnailLoader *loader() const { return m_loader; }

    // The history browser's search and filters; only prompts with images are listed. Resets
    // the model and loads the first page.
    void setQuery(const CatalogueQuery &query);
    CatalogueQuery query() const { return m_query; }
    void reload() { setQuery(m_query); }
    void setPageSize(int prompts);

    // The side of the square thumbnails are fitted in (64..256).
    void setThumbnailSize(int size);
    int thumbnailSize() const { return m_thumbnailSize; }

    // A painted row's thumbnail: loaded in the pool if not in memory (null meanwhile).
    QImage requestThumbnail(const QModelIndex &index);

    CatalogueEntry entryAt(int row) const;
    int imageIndexAt(int row) const;
    CatalogueImage imageAt(int row) const;
    int rowOfImage(qint64 imageRowId) const;
    bool isLoading() const { return m_fetching; }
    bool hasLoadedFirstPage() const { return m_firstPageLoaded; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void pageLoaded();                     // a page of the query arrived (rows appended)
    void queryFailed(const QString &error);

private:
    using EntryPtr = std::shared_ptr<const CatalogueEntry>;
    struct Item
    {
        EntryPtr entry;
        int image = 0;
    };

    void onChanged(const QStringList &promptIds);
    void checkHead();
    void insertOnTop(const QList<CatalogueEntry> &entries);
    void refresh(const QString &promptId, const std::optional<CatalogueEntry> &entry);
    void removePrompt(const QString &promptId);
    bool passesFilters(const CatalogueEntry &entry) const;
    QPair<int, int> rowsOf(const QString &promptId) const;   // first row, count
    void onThumbnailDone(qint64 imageRowId);
    QImage placeholder(bool missing) const;

    QPointer<Catalogue> m_catalogue;
    ThumbnailLoader *m_loader = nullptr;
    CatalogueQuery m_query;
    QList<Item> m_items;
    QHash<QString, EntryPtr> m_prompts;
    mutable QHash<qint64, int> m_rowOfImage;   // rebuilt after rows moved
    mutable bool m_rowsDirty = true;
    int m_pageSize = DefaultPageSize;
    int m_offset = 0;            // prompts of the query read so far (the next page's offset)
    // Newest first, the next page is "queued before the last one read" (and the few read
    // with the same time skipped): prompts inserted on top meanwhile cannot shift it, and
    // SQLite does not step over every row read before, as a deep offset makes it.
    bool m_keyset = true;
    qint64 m_tailMs = 0;         // queued time of the last prompt read
    int m_tailSameMs = 0;        // prompts read with that queued time
    bool m_hasMore = false;
    bool m_fetching = false;
    bool m_firstPageLoaded = false;
    bool m_headCheckQueued = false;
    quint64 m_generation = 0;    // a reset drops answers to the previous query
    int m_thumbnailSize = 128;
    mutable QImage m_loadingMark;
    mutable QImage m_missingMark;
};
