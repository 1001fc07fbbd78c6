#pragma once

#include <QStyledItemDelegate>

class GalleryModel;

// Paints one thumbnail, centred in its grid cell, with the selection around it. Asking the
// model for a painted row's thumbnail is what loads it: rows never painted cost nothing.
class GalleryDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit GalleryDelegate(GalleryModel *model, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The cell's width when the view spreads its columns over its whole width (0: square).
    void setCellWidth(int width) { m_cellWidth = width; }

    static constexpr int Margin = 6;

private:
    GalleryModel *m_model;
    int m_cellWidth = 0;
};
