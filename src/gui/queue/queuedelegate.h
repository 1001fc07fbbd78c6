#pragma once

#include <QStyledItemDelegate>

// Paints one queue row. A pending row: its name and place in the queue. The running row:
// the live preview (when ComfyUI sends any), the name, the elapsed time, a bar for the
// steps of the node running and a thin one for the nodes of the whole graph.
class QueueDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit QueueDelegate(QObject *parent = nullptr);

    static constexpr int ThumbSize = 64;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "1:05", "12:03:09": shared with tests and the accessible text.
    static QString elapsedText(qint64 ms);

private:
    void paintRunning(QPainter *painter, const QStyleOptionViewItem &option,
                      const QModelIndex &index, const QRect &rect) const;
    void paintPending(QPainter *painter, const QStyleOptionViewItem &option,
                      const QModelIndex &index, const QRect &rect) const;
};
