#include "workflowfolderwatcher.h"

#include "workflowstore.h"

#include <QFileInfo>

#include <utility>

namespace {

const QString WatchedFileSuffix = QStringLiteral(".json");

// Creating a folder chain "a/b/c" under a watched "a" may outrun us: each new level is
// looked at again after its watch is in place, at most this many times per event.
constexpr int MaxSettleRounds = 64;

} // namespace

WorkflowFolderWatcher::WorkflowFolderWatcher(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this,
            [this] { rescan(true); });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this,
            &WorkflowFolderWatcher::onFileChanged);
}

WorkflowFolderWatcher::WorkflowFolderWatcher(const QString &folder, QObject *parent)
    : WorkflowFolderWatcher(parent)
{
    setFolder(folder);
}

void WorkflowFolderWatcher::setFolder(const QString &folder)
{
    const QStringList watched = m_watcher.files() + m_watcher.directories();
    if (!watched.isEmpty())
        m_watcher.removePaths(watched);
    m_watchedDirectory.clear();
    m_folder = folder;
    m_absoluteFolder = folder.isEmpty() ? QString() : QFileInfo(folder).absoluteFilePath();
    m_folderExists = false;
    m_names.clear();
    m_stamps.clear();
    m_touched.clear();
    m_watchedFiles.clear();
    rescan(false);
}

bool WorkflowFolderWatcher::isWatching() const
{
    return !m_watchedDirectory.isEmpty()
           && m_watcher.directories().contains(m_watchedDirectory);
}

QString WorkflowFolderWatcher::filePath(const QString &name) const
{
    return m_absoluteFolder + QLatin1Char('/') + name + WatchedFileSuffix;
}

void WorkflowFolderWatcher::onFileChanged(const QString &path)
{
    const QString prefix = m_absoluteFolder + QLatin1Char('/');
    if (path.startsWith(prefix) && path.endsWith(WatchedFileSuffix))
        m_touched.insert(path.mid(prefix.size()).chopped(WatchedFileSuffix.size()));
    rescan(true);
}

bool WorkflowFolderWatcher::settleFolderWatch()
{
    if (m_absoluteFolder.isEmpty())
        return false;
    for (int round = 0; round < MaxSettleRounds; ++round) {
        // The folder itself, or the nearest parent that exists.
        QString target = m_absoluteFolder;
        while (!QFileInfo(target).isDir()) {
            const QString parent = QFileInfo(target).absolutePath();
            if (parent == target)
                break; // even the root is gone: nothing to watch
            target = parent;
        }
        if (!QFileInfo(target).isDir())
            target.clear();
        if (target == m_watchedDirectory && isWatching())
            return target == m_absoluteFolder;
        if (!m_watchedDirectory.isEmpty())
            m_watcher.removePath(m_watchedDirectory);
        m_watchedDirectory = target;
        if (target.isEmpty() || !m_watcher.addPath(target))
            return target == m_absoluteFolder && !target.isEmpty();
        // What happened before the watch was in place is not reported: look again.
    }
    return QFileInfo(m_absoluteFolder).isDir();
}

void WorkflowFolderWatcher::settleFileWatches()
{
    QSet<QString> wanted;
    if (m_folderExists) {
        for (const QString &name : std::as_const(m_names))
            wanted.insert(filePath(name));
    }
    QStringList stale;
    QSet<QString> present;
    for (const QString &path : m_watcher.files()) {
        if (wanted.contains(path))
            present.insert(path);
        else
            stale.append(path);
    }
    if (!stale.isEmpty())
        m_watcher.removePaths(stale);
    QStringList missing;
    for (const QString &path : std::as_const(wanted)) {
        if (!present.contains(path))
            missing.append(path);
    }
    // A file that cannot be watched (watch limit) still shows changes made by renaming
    // over it, through the folder's own watch.
    if (!missing.isEmpty())
        m_watcher.addPaths(missing);
}

void WorkflowFolderWatcher::rescan(bool emitSignals)
{
    const bool existed = m_folderExists;
    const QStringList oldNames = m_names;
    const QHash<QString, Stamp> oldStamps = m_stamps;
    const QSet<QString> touched = std::exchange(m_touched, {});
    // A file watch that vanished means its file was replaced (or removed).
    const QStringList stillWatched = m_watcher.files();
    QSet<QString> replaced = m_watchedFiles;
    for (const QString &path : stillWatched)
        replaced.remove(path);

    m_folderExists = settleFolderWatch();
    m_names = m_folderExists ? WorkflowStore(m_folder).names() : QStringList();
    m_stamps.clear();
    for (const QString &name : std::as_const(m_names)) {
        const QFileInfo info(filePath(name));
        m_stamps.insert(name, Stamp{info.lastModified(), info.size()});
    }
    settleFileWatches();
    const QStringList watchedNow = m_watcher.files();
    m_watchedFiles = QSet<QString>(watchedNow.cbegin(), watchedNow.cend());
    if (!emitSignals)
        return;

    const QSet<QString> oldSet(oldNames.cbegin(), oldNames.cend());
    const QSet<QString> newSet(m_names.cbegin(), m_names.cend());
    QStringList added;
    QStringList rewritten;
    for (const QString &name : std::as_const(m_names)) {
        if (!oldSet.contains(name)) {
            added.append(name);
        } else if (touched.contains(name) || oldStamps.value(name) != m_stamps.value(name)
                   || replaced.contains(filePath(name))) {
            rewritten.append(name);
        }
    }
    QStringList removed;
    for (const QString &name : oldNames) {
        if (!newSet.contains(name))
            removed.append(name);
    }

    const bool existenceChanged = existed != m_folderExists;
    if (existenceChanged)
        Q_EMIT folderExistsChanged(m_folderExists);
    if (!added.isEmpty() || !removed.isEmpty())
        Q_EMIT namesChanged(added, removed);
    for (const QString &name : std::as_const(rewritten))
        Q_EMIT workflowChanged(name);
    if (existenceChanged || !added.isEmpty() || !removed.isEmpty() || !rewritten.isEmpty())
        Q_EMIT changed();
}
