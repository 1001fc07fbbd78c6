#include "queuemodel.h"

#include "prompttracker.h"

#include <QDateTime>
#include <QImage>
#include <QJsonObject>
#include <QSet>

QueueModel::QueueModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void QueueModel::setTracker(PromptTracker *tracker, const QString &ourClientId)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    beginResetModel();
    m_tracker = tracker;
    m_ourClientId = ourClientId;
    m_rows = rowsFromTracker();
    m_extras.clear();
    endResetModel();
    noteRunning();
    if (!tracker)
        return;
    m_connections = {
        connect(tracker, &PromptTracker::queueChanged, this, &QueueModel::refresh),
        // A start or an end changes what a row shows before the next queue read says so.
        connect(tracker, &PromptTracker::statusChanged, this, &QueueModel::onProgress),
        connect(tracker, &PromptTracker::progressChanged, this, &QueueModel::onProgress),
    };
}

QList<QueueModel::Row> QueueModel::rowsFromTracker() const
{
    QList<Row> rows;
    if (!m_tracker)
        return rows;
    const ComfyQueue &queue = m_tracker->queue();
    auto add = [&rows](const QueueEntry &entry, bool running) {
        Row row;
        row.promptId = entry.promptId;
        row.clientId = entry.clientId;
        row.workflow = entry.extraData.value(QLatin1String("comfydesk")).toObject()
                           .value(QLatin1String("workflow")).toString();
        row.running = running;
        row.position = entry.position;
        row.nodeTotal = int(entry.prompt.size());
        rows.append(row);
    };
    for (const QueueEntry &entry : queue.running)
        add(entry, true);
    for (const QueueEntry &entry : queue.pending)
        add(entry, false);
    return rows;
}

// Turns the rows into the new ones with the fewest model operations a view can follow:
// gone rows removed, moved rows moved, new rows inserted, changed rows repainted.
void QueueModel::refresh()
{
    const QList<Row> next = rowsFromTracker();
    QSet<QString> nextIds;
    for (const Row &row : next)
        nextIds.insert(row.promptId);
    // Many rows at once (the first read of a long queue, a clear): one reset is far
    // cheaper for a view than thousands of single insertions or removals, each of which
    // makes it lay out again.
    QSet<QString> currentIds;
    for (const Row &row : std::as_const(m_rows))
        currentIds.insert(row.promptId);
    qsizetype changed = 0;
    for (const Row &row : next)
        changed += currentIds.contains(row.promptId) ? 0 : 1;
    for (const Row &row : std::as_const(m_rows))
        changed += nextIds.contains(row.promptId) ? 0 : 1;
    if (changed > BulkChangeRows) {
        beginResetModel();
        for (const Row &row : std::as_const(m_rows)) {
            if (!nextIds.contains(row.promptId))
                m_extras.remove(row.promptId);
        }
        m_rows = next;
        endResetModel();
        noteRunning();
        return;
    }
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (nextIds.contains(m_rows.at(i).promptId))
            continue;
        beginRemoveRows({}, i, i);
        m_extras.remove(m_rows.at(i).promptId);
        m_rows.removeAt(i);
        endRemoveRows();
    }
    for (int i = 0; i < next.size(); ++i) {
        const Row &wanted = next.at(i);
        if (i < m_rows.size() && m_rows.at(i).promptId == wanted.promptId) {
            if (!(m_rows.at(i) == wanted)) {
                m_rows[i] = wanted;
                Q_EMIT dataChanged(index(i), index(i));
            }
            continue;
        }
        int from = -1;
        for (int j = i + 1; j < m_rows.size(); ++j) {
            if (m_rows.at(j).promptId == wanted.promptId) {
                from = j;
                break;
            }
        }
        if (from >= 0) {
            beginMoveRows({}, from, from, {}, i);
            m_rows.move(from, i);
            endMoveRows();
            m_rows[i] = wanted;
            Q_EMIT dataChanged(index(i), index(i));
        } else {
            beginInsertRows({}, i, i);
            m_rows.insert(i, wanted);
            endInsertRows();
        }
    }
    noteRunning();
}

// Other clients' prompts get no execution_start here: the elapsed time of those counts
// from when the queue first showed them running.
void QueueModel::noteRunning()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Row &row : std::as_const(m_rows)) {
        if (!row.running)
            break;
        Extra &extra = m_extras[row.promptId];
        if (extra.seenRunningMs == 0)
            extra.seenRunningMs = now;
    }
}

bool QueueModel::hasRunning() const
{
    return !m_rows.isEmpty() && m_rows.first().running;
}

int QueueModel::pendingCount() const
{
    int count = 0;
    for (const Row &row : m_rows)
        count += row.running ? 0 : 1;
    return count;
}

void QueueModel::setNodesDone(const QString &promptId, int done)
{
    const int row = rowOf(promptId);
    if (row < 0)
        return;
    Extra &extra = m_extras[promptId];
    if (extra.nodesDone == done)
        return;
    extra.nodesDone = done;
    Q_EMIT dataChanged(index(row), index(row), {NodesDoneRole});
}

void QueueModel::setPreview(const QString &promptId, const QImage &image)
{
    const int row = rowOf(promptId);
    if (row < 0)
        return;
    m_extras[promptId].preview = QPixmap::fromImage(image);
    Q_EMIT dataChanged(index(row), index(row), {PreviewRole});
}

void QueueModel::onProgress(const QString &promptId)
{
    const int row = rowOf(promptId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row));
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString QueueModel::promptIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).promptId : QString();
}

int QueueModel::rowOf(const QString &promptId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).promptId == promptId)
            return i;
    }
    return -1;
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const bool own = !m_ourClientId.isEmpty() && row.clientId == m_ourClientId;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        if (!row.workflow.isEmpty())
            return row.workflow;
        return own ? tr("Prompt %1").arg(row.promptId.left(8)) : tr("Other client");
    case Qt::ToolTipRole:
        return row.promptId;
    case PromptIdRole:
        return row.promptId;
    case OwnRole:
        return own;
    case WorkflowRole:
        return row.workflow;
    case RunningRole:
        return row.running;
    case PositionRole:
        return row.position;
    case NodesTotalRole:
        return row.nodeTotal;
    case NodesDoneRole:
        return m_extras.value(row.promptId).nodesDone;
    case PreviewRole:
        return m_extras.value(row.promptId).preview;
    default:
        break;
    }
    return m_tracker ? trackerData(row, role) : QVariant();
}

QVariant QueueModel::trackerData(const Row &row, int role) const
{
    const PromptStatus status = m_tracker->status(row.promptId);
    switch (role) {
    case NodeRole:
        return status.currentNode;
    case StepRole:
        return status.step;
    case MaxStepsRole:
        return status.maxSteps;
    case StartedAtRole:
        return status.startedAtMs;
    case RunningSinceRole:
        return status.startedAtMs > 0 ? status.startedAtMs
                                      : m_extras.value(row.promptId).seenRunningMs;
    case NodeLabelRole: {
        if (status.currentNode.isEmpty())
            return QString();
        const QueueEntry *entry = m_tracker->queue().find(row.promptId);
        const QJsonObject node = entry ? entry->prompt.value(status.currentNode).toObject()
                                       : QJsonObject();
        const QString title = node.value(QLatin1String("_meta")).toObject()
                                  .value(QLatin1String("title")).toString();
        if (!title.isEmpty())
            return title;
        const QString classType = node.value(QLatin1String("class_type")).toString();
        return classType.isEmpty() ? status.currentNode : classType;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> QueueModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(PromptIdRole, "promptId");
    names.insert(OwnRole, "own");
    names.insert(WorkflowRole, "workflow");
    names.insert(RunningRole, "running");
    names.insert(PositionRole, "position");
    names.insert(NodeRole, "node");
    names.insert(StepRole, "step");
    names.insert(MaxStepsRole, "maxSteps");
    names.insert(StartedAtRole, "startedAt");
    names.insert(NodeLabelRole, "nodeLabel");
    names.insert(NodesDoneRole, "nodesDone");
    names.insert(NodesTotalRole, "nodesTotal");
    names.insert(PreviewRole, "preview");
    names.insert(RunningSinceRole, "runningSince");
    return names;
}
