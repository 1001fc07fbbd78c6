#include "galleryview.h"

#include "emptystatelistview.h"
#include "gallerydelegate.h"
#include "gallerymodel.h"
#include "thumbnailloader.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QScrollBar>
#include <QSet>
#include <QSlider>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

GalleryView::GalleryView(QWidget *parent)
    : QWidget(parent)
    , m_model(new GalleryModel(this))
    , m_list(new EmptyStateListView(this))
    , m_sizeSlider(new QSlider(Qt::Horizontal, this))
    , m_sizeLabel(new QLabel(tr("Thumbnail size:"), this))
    , m_openAction(new QAction(tr("&Open"), this))
    , m_compareAction(new QAction(tr("&Compare the Two"), this))
    , m_exportAction(new QAction(tr("&Export…"), this))
    , m_deleteAction(new QAction(tr("&Delete…"), this))
    , m_visibleTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("galleryView"));
    setAccessibleName(tr("Gallery"));
    setAccessibleDescription(tr("Every image in the catalogue, newest first"));

    m_list->setObjectName(QStringLiteral("galleryList"));
    m_list->setAccessibleName(tr("Images"));
    m_list->setAccessibleDescription(
        tr("Thumbnails of the images, newest first. Enter opens one; Delete removes the "
           "selected prompts."));
    m_list->setViewMode(QListView::IconMode);
    m_list->setMovement(QListView::Static);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setDragEnabled(false);
    m_delegate = new GalleryDelegate(m_model, m_list);
    m_list->setItemDelegate(m_delegate);
    m_list->viewport()->installEventFilter(this);     // spreads the columns (updateGrid)
    m_list->setModel(m_model);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_list->setEmptyText(tr("Images you make appear here."));

    m_sizeLabel->setObjectName(QStringLiteral("gallerySizeLabel"));
    m_sizeSlider->setObjectName(QStringLiteral("gallerySizeSlider"));
    m_sizeSlider->setAccessibleName(tr("Thumbnail size"));
    m_sizeSlider->setAccessibleDescription(tr("The side of each thumbnail, in pixels"));
    m_sizeSlider->setRange(MinThumbnailSize, MaxThumbnailSize);
    m_sizeSlider->setSingleStep(16);
    m_sizeSlider->setPageStep(32);
    m_sizeSlider->setMaximumWidth(220);
    m_sizeLabel->setBuddy(m_sizeSlider);

    const struct {
        QAction *action;
        const char *name;
        const char *icon;
        QString description;
    } actions[] = {
        {m_openAction, "galleryOpenAction", "show", tr("Open the image in the viewer")},
        {m_compareAction, "galleryCompareAction", "duplicate",
         tr("Compare the two selected images")},
        {m_exportAction, "galleryExportAction", "save",
         tr("Export the prompts of the selected images (CSV or JSON, with their images if "
            "you want)")},
        {m_deleteAction, "galleryDeleteAction", "delete",
         tr("Delete the selected images' prompts from the catalogue")},
    };
    auto *toolbar = new QToolBar(tr("Gallery actions"), this);
    toolbar->setObjectName(QStringLiteral("galleryActions"));
    toolbar->setAccessibleName(tr("Gallery actions"));
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    for (const auto &a : actions) {
        a.action->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(a.icon))));
        toolbar->addAction(a.action);
        a.action->setObjectName(QString::fromLatin1(a.name));
        a.action->setToolTip(a.description);
        a.action->setStatusTip(a.description);
        a.action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_list->addAction(a.action);
    }
    m_openAction->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_deleteAction->setShortcut(QKeySequence::Delete);

    auto *bar = new QHBoxLayout;
    bar->addWidget(toolbar);
    bar->addStretch();
    bar->addWidget(m_sizeLabel);
    bar->addWidget(m_sizeSlider);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_list, 1);

    connect(m_sizeSlider, &QSlider::valueChanged, this, &GalleryView::setThumbnailSize);
    connect(m_list, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT imageActivated(m_model->entryAt(index.row()), m_model->imageIndexAt(index.row()));
    });
    connect(m_openAction, &QAction::triggered, this, [this] {
        const QModelIndex current = m_list->currentIndex();
        if (current.isValid())
            Q_EMIT imageActivated(m_model->entryAt(current.row()),
                                  m_model->imageIndexAt(current.row()));
    });
    connect(m_compareAction, &QAction::triggered, this, [this] {
        const auto images = selectedImages();
        if (images.size() == 2)
            Q_EMIT compareRequested(images.at(0).first, images.at(0).second,
                                    images.at(1).first, images.at(1).second);
    });
    connect(m_exportAction, &QAction::triggered, this, [this] {
        if (const QStringList ids = selectedPromptIds(); !ids.isEmpty())
            Q_EMIT exportRequested(ids);
    });
    connect(m_deleteAction, &QAction::triggered, this, [this] {
        if (const QStringList ids = selectedPromptIds(); !ids.isEmpty())
            Q_EMIT deleteRequested(ids);
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &GalleryView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &GalleryView::updateActions);

    // Scrolled past: their queued loads go. Coalesced, so a fast drag costs one pass.
    m_visibleTimer->setSingleShot(true);
    m_visibleTimer->setInterval(0);
    connect(m_visibleTimer, &QTimer::timeout, this, &GalleryView::dropHiddenRequests);
    connect(m_list->verticalScrollBar(), &QScrollBar::valueChanged, m_visibleTimer,
            qOverload<>(&QTimer::start));
    connect(m_model, &QAbstractItemModel::modelReset, m_visibleTimer,
            qOverload<>(&QTimer::start));
    // The next page is read a few screens ahead, so a steady scroll never waits at the end.
    connect(m_list->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        const QScrollBar *bar = m_list->verticalScrollBar();
        if (value >= bar->maximum() - 3 * m_list->viewport()->height()
            && m_model->canFetchMore({}))
            m_model->fetchMore({});
    });

    m_sizeSlider->setValue(m_model->thumbnailSize());
    setThumbnailSize(m_model->thumbnailSize());
    updateActions();
}

void GalleryView::setCatalogue(Catalogue *catalogue)
{
    m_model->setCatalogue(catalogue);
}

void GalleryView::setQuery(const CatalogueQuery &query)
{
    m_model->setQuery(query);
    updateEmptyText();
}

void GalleryView::setThumbnailSize(int size)
{
    size = qBound(MinThumbnailSize, size, MaxThumbnailSize);
    m_model->setThumbnailSize(size);
    m_list->setIconSize(QSize(size, size));
    updateGrid();
    if (m_sizeSlider->value() != size)
        m_sizeSlider->setValue(size);
    m_visibleTimer->start();
}

void GalleryView::updateGrid()
{
    // The width left over by whole cells is shared among the columns, so the grid fills the
    // view instead of leaving up to a cell's width empty on the right.
    const int cell = m_model->thumbnailSize() + 2 * GalleryDelegate::Margin;
    const int width = m_list->viewport()->width();
    const int columns = qMax(1, width / cell);
    const QSize grid(qMax(cell, width / columns), cell);
    if (m_list->gridSize() != grid) {
        // The items fill their cells: the selection covers the cell, and a click anywhere in
        // it picks the image.
        m_delegate->setCellWidth(grid.width());
        m_list->setGridSize(grid);
    }
}

bool GalleryView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list->viewport() && event->type() == QEvent::Resize)
        updateGrid();
    return QWidget::eventFilter(watched, event);
}

int GalleryView::thumbnailSize() const
{
    return m_model->thumbnailSize();
}

QList<QPair<CatalogueEntry, int>> GalleryView::selectedImages() const
{
    QModelIndexList rows = m_list->selectionModel()->selectedIndexes();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) {
        return a.row() < b.row();
    });
    QList<QPair<CatalogueEntry, int>> images;
    for (const QModelIndex &index : std::as_const(rows))
        images.append({m_model->entryAt(index.row()), m_model->imageIndexAt(index.row())});
    return images;
}

QStringList GalleryView::selectedPromptIds() const
{
    QStringList ids;
    for (const QModelIndex &index : m_list->selectionModel()->selectedIndexes()) {
        const QString id = index.data(GalleryModel::PromptIdRole).toString();
        if (!ids.contains(id))
            ids.append(id);
    }
    return ids;
}

void GalleryView::updateActions()
{
    const int selected = int(m_list->selectionModel()->selectedIndexes().size());
    m_openAction->setEnabled(m_list->currentIndex().isValid());
    m_compareAction->setEnabled(selected == 2);
    m_exportAction->setEnabled(selected > 0);
    m_deleteAction->setEnabled(selected > 0);
}

void GalleryView::updateEmptyText()
{
    const CatalogueQuery query = m_model->query();
    const bool filtered = !query.text.isEmpty() || !query.statuses.isEmpty()
                          || !query.workflow.isEmpty() || !query.server.isEmpty()
                          || query.sinceMs > 0 || query.untilMs > 0 || query.starred >= 0;
    m_list->setEmptyText(filtered ? tr("No images match this search.")
                                  : tr("Images you make appear here."));
}

void GalleryView::dropHiddenRequests()
{
    // Row-major grid: the rows between the first and the last cell in sight are on screen.
    const QRect area = m_list->viewport()->rect();
    const QModelIndex first = m_list->indexAt(area.topLeft() + QPoint(2, 2));
    if (!first.isValid())
        return;
    QModelIndex last = m_list->indexAt(area.bottomRight() - QPoint(2, 2));
    const int lastRow = last.isValid() ? last.row() : m_model->rowCount() - 1;
    // The bottom-right cell may be a gap of the grid: take the whole last line.
    const int perLine = qMax(1, area.width() / qMax(1, m_list->gridSize().width()));
    QSet<qint64> visible;
    for (int row = first.row(); row <= qMin(lastRow + perLine, m_model->rowCount() - 1); ++row)
        visible.insert(m_model->imageAt(row).rowId);
    m_model->loader()->cancelAllExcept(visible);
}
