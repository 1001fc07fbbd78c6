#include "workflowlistview.h"

#include <QPainter>
#include <QTextOption>

#include <utility>

WorkflowListView::WorkflowListView(QWidget *parent)
    : QListView(parent)
{}

void WorkflowListView::setModel(QAbstractItemModel *model)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_modelConnections))
        disconnect(connection);
    m_modelConnections.clear();
    QListView::setModel(model);
    if (model) {
        // The hint comes and goes with the rows; the description must follow it.
        const auto update = [this] {
            updateDescription();
            viewport()->update();
        };
        m_modelConnections = {
            connect(model, &QAbstractItemModel::rowsInserted, this, update),
            connect(model, &QAbstractItemModel::rowsRemoved, this, update),
            connect(model, &QAbstractItemModel::modelReset, this, update),
            connect(model, &QAbstractItemModel::layoutChanged, this, update)};
    }
    updateDescription();
}

void WorkflowListView::setEmptyText(const QString &text)
{
    if (text == m_emptyText)
        return;
    m_emptyText = text;
    updateDescription();
    viewport()->update();
}

bool WorkflowListView::isShowingEmptyText() const
{
    return !m_emptyText.isEmpty() && (!model() || model()->rowCount(rootIndex()) == 0);
}

void WorkflowListView::setDescription(const QString &description)
{
    m_description = description;
    updateDescription();
}

void WorkflowListView::updateDescription()
{
    setAccessibleDescription(isShowingEmptyText() ? m_description + QLatin1Char(' ')
                                                        + m_emptyText
                                                  : m_description);
}

void WorkflowListView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    if (!isShowingEmptyText())
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    QTextOption option(Qt::AlignCenter);
    option.setWrapMode(QTextOption::WordWrap);
    const int margin = fontMetrics().height();
    painter.drawText(QRectF(viewport()->rect().adjusted(margin, margin, -margin, -margin)),
                     m_emptyText, option);
}
