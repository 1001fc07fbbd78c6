#include "emptystatetableview.h"

#include <QPainter>

EmptyStateTableView::EmptyStateTableView(QWidget *parent)
    : QTableView(parent)
{
}

void EmptyStateTableView::setEmptyText(const QString &text)
{
    if (m_emptyText == text)
        return;
    m_emptyText = text;
    viewport()->update();
}

bool EmptyStateTableView::isShowingEmptyText() const
{
    return !model() || model()->rowCount(rootIndex()) == 0;
}

void EmptyStateTableView::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);   // the header stays; the grid is empty anyway
    if (!isShowingEmptyText())
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12),
                     Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
}
