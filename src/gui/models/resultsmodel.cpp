#include "resultsmodel.h"

#include <QColor>
#include <QDateTime>
#include <QIcon>
#include <QImage>
#include <QLocale>

namespace {

// One icon for every row still loading (an SVG is parsed once, not per paint).
const QIcon &placeholderIcon()
{
    static const QIcon icon(QStringLiteral(":/icons/image.svg"));
    return icon;
}

} // namespace

ResultsModel::ResultsModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ResultsModel::setLimit(int limit)
{
    m_limit = qMax(1, limit);
    trim();
}

quint64 ResultsModel::add(ResultItem item)
{
    item.key = m_nextKey++;
    beginInsertRows({}, 0, 0);
    m_items.prepend(item);
    endInsertRows();
    trim();
    return item.key;
}

void ResultsModel::trim()
{
    if (m_items.size() <= m_limit)
        return;
    const int first = m_limit;
    const int last = int(m_items.size()) - 1;
    QList<ResultItem> gone = m_items.mid(first);
    beginRemoveRows({}, first, last);
    m_items.resize(first);
    endRemoveRows();
    for (const ResultItem &item : std::as_const(gone))
        Q_EMIT evicted(item.key, item.filePath);
}

void ResultsModel::setReady(quint64 key, const QString &filePath, const QImage &thumbnail,
                            const QSize &size)
{
    const int row = rowOfKey(key);
    if (row < 0)
        return;
    ResultItem &item = m_items[row];
    item.state = ResultItem::State::Ready;
    item.filePath = filePath;
    item.thumbnail = QPixmap::fromImage(thumbnail);
    item.size = size;
    Q_EMIT dataChanged(index(row), index(row));
}

void ResultsModel::setFailed(quint64 key, const QString &error)
{
    const int row = rowOfKey(key);
    if (row < 0)
        return;
    m_items[row].state = ResultItem::State::Failed;
    m_items[row].error = error;
    Q_EMIT dataChanged(index(row), index(row));
}

void ResultsModel::setSummary(const QString &promptId, const PromptSummary &summary)
{
    for (int row = 0; row < m_items.size(); ++row) {
        ResultItem &item = m_items[row];
        if (item.promptId != promptId || (item.hasSummary && item.summary == summary))
            continue;
        item.hasSummary = true;
        item.summary = summary;
        Q_EMIT dataChanged(index(row), index(row));
    }
}

int ResultsModel::rowOfKey(quint64 key) const
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).key == key)
            return row;
    }
    return -1;
}

const ResultItem *ResultsModel::itemAt(int row) const
{
    return row >= 0 && row < m_items.size() ? &m_items.at(row) : nullptr;
}

int ResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant ResultsModel::data(const QModelIndex &index, int role) const
{
    const ResultItem *item = itemAt(index.row());
    if (!index.isValid() || !item)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (item->state) {
        case ResultItem::State::Loading:
            return tr("Loading…");
        case ResultItem::State::Failed:
            return tr("Failed");
        case ResultItem::State::Ready:
            return QStringLiteral("%1×%2").arg(item->size.width()).arg(item->size.height());
        }
        return {};
    case Qt::DecorationRole:
        if (item->state == ResultItem::State::Ready && !item->thumbnail.isNull())
            return item->thumbnail;
        return placeholderIcon();
    case Qt::ForegroundRole:
        if (item->state == ResultItem::State::Failed)
            return QColor(Qt::red);
        return {};
    case Qt::ToolTipRole:
        if (item->state == ResultItem::State::Failed)
            return tr("Could not fetch %1: %2").arg(item->image.filename, item->error);
        return item->hasSummary && !item->summary.positive.isEmpty() ? item->summary.positive
                                                                     : item->image.filename;
    case Qt::AccessibleTextRole:
        if (item->state == ResultItem::State::Failed)
            return tr("Image %1 failed: %2").arg(item->image.filename, item->error);
        return tr("Image %1, %2 by %3 pixels").arg(item->image.filename)
            .arg(item->size.width()).arg(item->size.height());
    case PromptIdRole:
        return item->promptId;
    case StateRole:
        return int(item->state);
    case ErrorRole:
        return item->error;
    case FilePathRole:
        return item->filePath;
    case ImageSizeRole:
        return item->size;
    case SeedRole:
        return item->summary.seed;
    case PromptTextRole:
        return item->summary.positive;
    case FinishedAtRole:
        return item->finishedAtMs;
    default:
        return {};
    }
}
