#pragma once

#include "catalogueentry.h"

#include <QList>
#include <QPair>
#include <QWidget>

class Catalogue;
class EmptyStateListView;
class GalleryDelegate;
class GalleryModel;
class QAction;
class QLabel;
class QSlider;
class QTimer;

// Every image in the catalogue as a grid of thumbnails, newest first: a list view in icon
// mode (one delegate paints each cell, no widget per item) and a thumbnail size slider.
// Several can be selected; opening, comparing, exporting and deleting are asked of the
// owner through signals (it confirms a delete and calls Catalogue::remove).
class GalleryView final : public QWidget
{
    Q_OBJECT
public:
    explicit GalleryView(QWidget *parent = nullptr);

    void setCatalogue(Catalogue *catalogue);
    void setQuery(const CatalogueQuery &query);
    void setThumbnailSize(int size);   // 64..256
    int thumbnailSize() const;

    QList<QPair<CatalogueEntry, int>> selectedImages() const;
    GalleryModel *model() const { return m_model; }
    EmptyStateListView *listView() const { return m_list; }

    static constexpr int MinThumbnailSize = 64;
    static constexpr int MaxThumbnailSize = 256;

Q_SIGNALS:
    void imageActivated(const CatalogueEntry &entry, int imageIndex);
    void compareRequested(const CatalogueEntry &first, int firstImage,
                          const CatalogueEntry &second, int secondImage);
    void deleteRequested(const QStringList &promptIds);
    void exportRequested(const QStringList &promptIds);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateGrid();
    void updateActions();
    void updateEmptyText();
    void dropHiddenRequests();
    QStringList selectedPromptIds() const;

    GalleryModel *m_model;
    EmptyStateListView *m_list;
    GalleryDelegate *m_delegate = nullptr;
    QSlider *m_sizeSlider;
    QLabel *m_sizeLabel;
    QAction *m_openAction;
    QAction *m_compareAction;
    QAction *m_exportAction;
    QAction *m_deleteAction;
    QTimer *m_visibleTimer;
};
