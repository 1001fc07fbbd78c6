#include "emptystatelistview.h"

#include <QPainter>

EmptyStateListView::EmptyStateListView(QWidget *parent)
    : QListView(parent)
{
}

void EmptyStateListView::setEmptyText(const QString &text)
{
    if (m_emptyText == text)
        return;
    m_emptyText = text;
    viewport()->update();
}

bool EmptyStateListView::isShowingEmptyText() const
{
    return !model() || model()->rowCount(rootIndex()) == 0;
}

void EmptyStateListView::paintEvent(QPaintEvent *event)
{
    if (!isShowingEmptyText()) {
        QListView::paintEvent(event);
        return;
    }
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12),
                     Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
}
