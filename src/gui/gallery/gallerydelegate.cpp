#include "gallerydelegate.h"

#include "gallerymodel.h"

#include <QApplication>
#include <QPainter>

GalleryDelegate::GalleryDelegate(GalleryModel *model, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_model(model)
{
}

QSize GalleryDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const
{
    const int side = m_model->thumbnailSize() + 2 * Margin;
    return {qMax(side, m_cellWidth), side};
}

void GalleryDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const QRect cell = option.rect;
    const bool selected = option.state & QStyle::State_Selected;
    if (selected || (option.state & QStyle::State_MouseOver)) {
        QColor fill = option.palette.color(QPalette::Highlight);
        if (!selected)
            fill.setAlpha(60);
        painter->fillRect(cell.adjusted(1, 1, -1, -1), fill);
    }
    QImage image = m_model->requestThumbnail(index);
    if (image.isNull())
        image = index.data(Qt::DecorationRole).value<QImage>();   // the loading/missing mark
    if (!image.isNull()) {
        QRect target(QPoint(), image.size().scaled(cell.size() - QSize(2 * Margin, 2 * Margin),
                                                   Qt::KeepAspectRatio)
                                   .boundedTo(image.size()));
        target.moveCenter(cell.center());
        painter->drawImage(target, image);
    }
    if (option.state & QStyle::State_HasFocus) {
        painter->save();
        painter->setPen(QPen(option.palette.color(QPalette::Highlight), 2));
        painter->drawRect(cell.adjusted(1, 1, -2, -2));
        painter->restore();
    }
}
