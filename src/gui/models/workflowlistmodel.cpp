#include "workflowlistmodel.h"

#include "workflowfolderwatcher.h"
#include "workflowmessages.h"
#include "workflowstore.h"

#include <QBrush>
#include <QDir>
#include <QFont>
#include <QGuiApplication>
#include <QIcon>
#include <QPalette>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

WorkflowListModel::WorkflowListModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_watcher(new WorkflowFolderWatcher(this))
    , m_icon(QStringLiteral(":/icons/workflow.svg"))
    , m_uiIcon(QStringLiteral(":/icons/workflow-ui.svg"))
{
    // changed() comes once per change, after the finer signals: one listing to diff.
    connect(m_watcher, &WorkflowFolderWatcher::changed, this,
            [this] { syncTo(m_watcher->names()); });
    connect(m_watcher, &WorkflowFolderWatcher::workflowChanged, this,
            [this](const QString &name) {
                queueCheck({name});
                Q_EMIT workflowChanged(name);
            });
    connect(m_watcher, &WorkflowFolderWatcher::folderExistsChanged, this,
            &WorkflowListModel::folderExistsChanged);
    connect(&m_checks, &QFutureWatcher<QList<Check>>::finished, this,
            &WorkflowListModel::applyChecks);
}

WorkflowListModel::~WorkflowListModel() = default;

bool WorkflowListModel::lessThan(const QString &a, const QString &b)
{
    const int folded = a.compare(b, Qt::CaseInsensitive);
    return folded != 0 ? folded < 0 : a < b;
}

void WorkflowListModel::setFolder(const QString &folder)
{
    beginResetModel();
    ++m_generation;
    m_watcher->setFolder(folder);
    m_rows.clear();
    m_modified.clear();
    m_unchecked.clear();
    const QStringList names = m_watcher->names();
    for (const QString &name : names)
        m_rows.append(Row{name, Kind::Checking, {}});
    endResetModel();
    queueCheck(names);
}

QString WorkflowListModel::folder() const
{
    return m_watcher->folder();
}

bool WorkflowListModel::folderExists() const
{
    return m_watcher->folderExists();
}

void WorkflowListModel::refresh()
{
    syncTo(WorkflowStore(folder()).names());
}

void WorkflowListModel::noteChanges(const QStringList &added, const QStringList &removed)
{
    QStringList wanted = names();
    for (const QString &name : removed)
        wanted.removeOne(name);
    for (const QString &name : added) {
        if (!wanted.contains(name))
            wanted.append(name);
    }
    std::sort(wanted.begin(), wanted.end(), &WorkflowListModel::lessThan);
    syncTo(wanted);
}

void WorkflowListModel::syncTo(const QStringList &names)
{
    const QSet<QString> wanted(names.cbegin(), names.cend());
    QStringList removed;
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (wanted.contains(m_rows.at(row).name))
            continue;
        beginRemoveRows({}, row, row);
        removed.prepend(m_rows.takeAt(row).name);
        endRemoveRows();
    }
    // Both lists are in the same order now that the gone rows are out: a merge.
    QStringList added;
    for (int i = 0; i < names.size(); ++i) {
        if (i < m_rows.size() && m_rows.at(i).name == names.at(i))
            continue;
        beginInsertRows({}, i, i);
        m_rows.insert(i, Row{names.at(i), Kind::Checking, {}});
        endInsertRows();
        added.append(names.at(i));
    }
    for (const QString &name : std::as_const(removed))
        m_modified.remove(name);
    queueCheck(added);
    if (!removed.isEmpty())
        Q_EMIT workflowsRemoved(removed);
    if (!added.isEmpty())
        Q_EMIT workflowsAdded(added);
}

void WorkflowListModel::applyRename(const QString &from, const QString &to)
{
    const int row = rowOf(from);
    if (row < 0 || contains(to)) {
        refresh();
        return;
    }
    const bool modified = m_modified.remove(from);
    Row moved = m_rows.at(row);
    moved.name = to;
    QList<Row> others = m_rows;
    others.removeAt(row);
    const auto at = std::lower_bound(others.cbegin(), others.cend(), to,
                                     [](const Row &r, const QString &n) {
                                         return lessThan(r.name, n);
                                     });
    const int target = int(at - others.cbegin());
    // beginMoveRows counts the destination before the move: below the row it is one more.
    if (target != row) {
        beginMoveRows({}, row, row, {}, target > row ? target + 1 : target);
        m_rows.move(row, target);
        m_rows[target] = moved;
        endMoveRows();
    } else {
        m_rows[row] = moved;
    }
    if (modified)
        m_modified.insert(to);
    const QModelIndex changed = index(target);
    Q_EMIT dataChanged(changed, changed);
}

void WorkflowListModel::queueCheck(const QStringList &names)
{
    if (names.isEmpty())
        return;
    for (const QString &name : names)
        m_unchecked.insert(name);
    if (!m_checking)
        startChecks();
}

void WorkflowListModel::startChecks()
{
    if (m_unchecked.isEmpty())
        return;
    // In batches, so a big folder's kinds show up as they are known, and a file changed
    // meanwhile waits for one batch, not for the whole folder.
    constexpr int BatchSize = 64;
    QStringList names;
    for (auto it = m_unchecked.begin(); it != m_unchecked.end() && names.size() < BatchSize;) {
        names.append(*it);
        it = m_unchecked.erase(it);
    }
    m_checking = true;
    m_checkGeneration = m_generation;
    const WorkflowStore store(folder());
    // Loading parses the whole file: that is the only sure way to tell an API graph from a
    // UI save or a broken file, and it is why this runs on the pool.
    m_checks.setFuture(QtConcurrent::run([store, names] {
        QList<Check> checks;
        checks.reserve(names.size());
        for (const QString &name : names)
            checks.append(Check{name, store.load(name).error});
        return checks;
    }));
}

void WorkflowListModel::applyChecks()
{
    m_checking = false;
    const QList<Check> checks = m_checks.result();
    if (m_checkGeneration == m_generation) {
        for (const Check &check : checks) {
            const int row = rowOf(check.name);
            if (row < 0)
                continue;
            Row &r = m_rows[row];
            using K = WorkflowError::Kind;
            r.error = check.error;
            r.kind = check.error.kind == K::None       ? Kind::Valid
                     : check.error.kind == K::UiFormat ? Kind::UiFormat
                                                       : Kind::Broken;
            const QModelIndex changed = index(row);
            Q_EMIT dataChanged(changed, changed);
        }
    }
    startChecks();
}

int WorkflowListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant WorkflowListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const bool modified = m_modified.contains(row.name);
    const bool openable = row.kind == Kind::Valid || row.kind == Kind::Checking;
    const QString note = WorkflowMessages::fileNote(row.error);
    switch (role) {
    case Qt::DisplayRole: {
        QString text = modified ? tr("• %1", "an unsaved workflow").arg(row.name) : row.name;
        // The note on its own line: a UI-format file must say so without a hover.
        if (!note.isEmpty())
            text += QLatin1Char('\n') + note;
        return text;
    }
    case Qt::ToolTipRole: {
        QStringList lines{QDir::toNativeSeparators(filePath(row.name))};
        if (modified)
            lines.append(tr("Unsaved changes"));
        if (!note.isEmpty())
            lines.append(note);
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::AccessibleTextRole: {
        QStringList parts{row.name};
        if (modified)
            parts.append(tr("unsaved changes"));
        if (!note.isEmpty())
            parts.append(note);
        return parts.join(QLatin1String(", "));
    }
    case Qt::AccessibleDescriptionRole:
        return note.isEmpty() ? tr("Workflow file %1").arg(filePath(row.name)) : note;
    case Qt::DecorationRole:
        return openable ? m_icon : m_uiIcon;
    case Qt::ForegroundRole:
        if (!openable)
            return QBrush(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case Qt::FontRole:
        if (modified) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case NameRole:
        return row.name;
    case KindRole:
        return QVariant::fromValue(row.kind);
    case ModifiedRole:
        return modified;
    case PathRole:
        return QDir::toNativeSeparators(filePath(row.name));
    case NoteRole:
        return note;
    default:
        return {};
    }
}

QHash<int, QByteArray> WorkflowListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractListModel::roleNames();
    roles.insert(NameRole, "name");
    roles.insert(KindRole, "kind");
    roles.insert(ModifiedRole, "modified");
    roles.insert(PathRole, "path");
    roles.insert(NoteRole, "note");
    return roles;
}

QStringList WorkflowListModel::names() const
{
    QStringList result;
    result.reserve(m_rows.size());
    for (const Row &row : m_rows)
        result.append(row.name);
    return result;
}

QString WorkflowListModel::nameAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).name : QString();
}

int WorkflowListModel::rowOf(const QString &name) const
{
    // Rows are sorted: a binary search keeps lookups cheap in a big folder.
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), name,
                                     [](const Row &r, const QString &n) {
                                         return lessThan(r.name, n);
                                     });
    return it != m_rows.cend() && it->name == name ? int(it - m_rows.cbegin()) : -1;
}

WorkflowListModel::Kind WorkflowListModel::kindOf(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? Kind::Checking : m_rows.at(row).kind;
}

QString WorkflowListModel::noteOf(const QString &name) const
{
    const int row = rowOf(name);
    return row < 0 ? QString() : WorkflowMessages::fileNote(m_rows.at(row).error);
}

QString WorkflowListModel::filePath(const QString &name) const
{
    return QDir(folder()).absoluteFilePath(name + QStringLiteral(".json"));
}

void WorkflowListModel::setModified(const QString &name, bool modified)
{
    const bool changed = modified ? !m_modified.contains(name) : m_modified.contains(name);
    if (!changed)
        return;
    if (modified)
        m_modified.insert(name);
    else
        m_modified.remove(name);
    const int row = rowOf(name);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row));
}
