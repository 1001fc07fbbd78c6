#include "queuedelegate.h"

#include "queuemodel.h"

#include <QApplication>
#include <QDateTime>
#include <QIcon>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionProgressBar>

namespace {

constexpr int Margin = 6;

QStyle *styleOf(const QStyleOptionViewItem &option)
{
    return option.widget ? option.widget->style() : QApplication::style();
}

void paintBar(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
              int value, int maximum, const QString &text)
{
    QStyleOptionProgressBar bar;
    bar.rect = rect;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    bar.minimum = 0;
    // 0/0 draws a busy bar: a node without steps, or another client's prompt.
    bar.maximum = qMax(0, maximum);
    bar.progress = qBound(0, value, qMax(0, maximum));
    bar.text = text;
    bar.textVisible = !text.isEmpty();
    bar.textAlignment = Qt::AlignCenter;
    styleOf(option)->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
}

} // namespace

QueueDelegate::QueueDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QString QueueDelegate::elapsedText(qint64 ms)
{
    const qint64 seconds = qMax<qint64>(0, ms / 1000);
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds / 60) % 60;
    const qint64 s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QSize QueueDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int line = option.fontMetrics.height();
    const int width = qMax(200, option.rect.width());
    if (index.data(QueueModel::RunningRole).toBool())
        return {width, qMax(ThumbSize, 3 * line + 12) + 2 * Margin};
    return {width, 2 * line + 2 * Margin};
}

void QueueDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    QStyle *style = styleOf(option);
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, option.widget);

    painter->save();
    const QRect rect = option.rect.adjusted(Margin, Margin, -Margin, -Margin);
    if (index.data(QueueModel::RunningRole).toBool())
        paintRunning(painter, option, index, rect);
    else
        paintPending(painter, option, index, rect);
    painter->restore();
}

void QueueDelegate::paintPending(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index, const QRect &rect) const
{
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
    const int line = option.fontMetrics.height();
    painter->setPen(option.palette.color(textRole));
    const QString name = index.data(Qt::DisplayRole).toString();
    painter->drawText(QRect(rect.left(), rect.top(), rect.width(), line),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(name, Qt::ElideRight, rect.width()));
    QString detail = tr("Waiting · #%1").arg(index.data(QueueModel::PositionRole).toInt());
    if (!index.data(QueueModel::OwnRole).toBool() && !index.data(QueueModel::WorkflowRole)
                                                         .toString().isEmpty())
        detail += QStringLiteral(" · ") + tr("Other client");
    painter->setPen(option.palette.color(selected ? QPalette::HighlightedText
                                                  : QPalette::PlaceholderText));
    painter->drawText(QRect(rect.left(), rect.top() + line, rect.width(), line),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(detail, Qt::ElideRight, rect.width()));
}

void QueueDelegate::paintRunning(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index, const QRect &rect) const
{
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
    const int line = option.fontMetrics.height();

    const QRect thumb(rect.left(), rect.top() + (rect.height() - ThumbSize) / 2,
                      ThumbSize, ThumbSize);
    const QPixmap preview = index.data(QueueModel::PreviewRole).value<QPixmap>();
    if (!preview.isNull()) {
        const QSize fitted = preview.size().scaled(thumb.size(), Qt::KeepAspectRatio);
        QRect target(QPoint(), fitted);
        target.moveCenter(thumb.center());
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        painter->drawPixmap(target, preview);
    } else {
        painter->setPen(option.palette.color(QPalette::Mid));
        painter->drawRect(thumb.adjusted(0, 0, -1, -1));
        // Parsed once: the running row repaints on every progress tick.
        static const QIcon placeholder(QStringLiteral(":/icons/image.svg"));
        placeholder.paint(painter, thumb.adjusted(16, 16, -16, -16));
    }

    const QRect text(thumb.right() + Margin, rect.top(),
                     rect.right() - thumb.right() - Margin, rect.height());
    const qint64 since = index.data(QueueModel::RunningSinceRole).toLongLong();
    const QString elapsed =
        since > 0 ? elapsedText(QDateTime::currentMSecsSinceEpoch() - since) : QString();
    const int elapsedWidth = option.fontMetrics.horizontalAdvance(elapsed) + Margin;

    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(option.palette.color(textRole));
    const QString name = index.data(Qt::DisplayRole).toString();
    painter->drawText(QRect(text.left(), text.top(), text.width() - elapsedWidth, line),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(name, Qt::ElideRight,
                                                    text.width() - elapsedWidth));
    painter->setFont(option.font);
    painter->drawText(QRect(text.left(), text.top(), text.width(), line),
                      Qt::AlignRight | Qt::AlignVCenter, elapsed);

    const int step = index.data(QueueModel::StepRole).toInt();
    const int maxSteps = index.data(QueueModel::MaxStepsRole).toInt();
    const QRect stepBar(text.left(), text.top() + line + 2, text.width(), line);
    paintBar(painter, option, stepBar, step, maxSteps,
             maxSteps > 0 ? tr("Step %1 of %2").arg(step).arg(maxSteps) : QString());

    const int done = index.data(QueueModel::NodesDoneRole).toInt();
    const int total = index.data(QueueModel::NodesTotalRole).toInt();
    const bool nodesKnown = done >= 0 && total > 0;
    if (nodesKnown)
        paintBar(painter, option, QRect(text.left(), stepBar.bottom() + 3, text.width(), 4),
                 qMin(done, total), total, {});

    QString detail;
    const QString node = index.data(QueueModel::NodeLabelRole).toString();
    if (!node.isEmpty())
        detail = node;
    if (nodesKnown) {
        const QString nodes = tr("node %1 of %2").arg(qMin(done + 1, total)).arg(total);
        detail = detail.isEmpty() ? nodes : detail + QStringLiteral(" · ") + nodes;
    }
    if (detail.isEmpty() && !index.data(QueueModel::OwnRole).toBool())
        detail = tr("Running (another client: no progress is sent to us)");
    painter->setPen(option.palette.color(selected ? QPalette::HighlightedText
                                                  : QPalette::PlaceholderText));
    const QRect detailRect(text.left(), text.bottom() - line + 1, text.width(), line);
    painter->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(detail, Qt::ElideRight, text.width()));
}
