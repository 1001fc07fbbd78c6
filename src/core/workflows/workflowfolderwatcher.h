#pragma once

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

// Watches the workflows folder for what others do to it (an editor, a file manager, a sync
// tool, another ComfyDesk) and says what changed, so views and the API's cached name list
// never need to poll the disk.
//
// The folder need not exist: its nearest existing parent is watched until it appears. Each
// workflow file is watched too, since a directory watch alone misses a file rewritten in
// place. A rename is reported as one name removed and one added. Names follow
// WorkflowStore::names() (valid names only, same order).
//
// Changes are handled as the file system reports them, on this object's thread; listing a
// folder of a few hundred workflows takes about a millisecond.
class WorkflowFolderWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit WorkflowFolderWatcher(QObject *parent = nullptr);
    explicit WorkflowFolderWatcher(const QString &folder, QObject *parent = nullptr);

    // Starts over on folder, which need not exist yet. Lists it at once, without signals.
    void setFolder(const QString &folder);
    QString folder() const { return m_folder; }
    bool folderExists() const { return m_folderExists; }
    // True when a change will be reported: the folder is watched, or, while it does not
    // exist, its nearest existing parent is. False e.g. when the system's watch limit is
    // reached; callers that cache should then list afresh.
    bool isWatching() const;
    // The workflow names as of the last change seen.
    QStringList names() const { return m_names; }

Q_SIGNALS:
    void folderExistsChanged(bool exists);
    void namesChanged(const QStringList &added, const QStringList &removed);
    void workflowChanged(const QString &name); // the file of an existing name was rewritten
    // After the finer signals of one change, once: anything above happened.
    void changed();

private:
    struct Stamp
    {
        QDateTime modified;
        qint64 size = -1;
        friend bool operator==(const Stamp &a, const Stamp &b)
        {
            return a.modified == b.modified && a.size == b.size;
        }
    };

    void onFileChanged(const QString &path);
    // Re-lists the folder, emits what differs from the last listing, fixes the watches.
    void rescan(bool emitSignals);
    // Watches the folder if it exists, else its nearest existing parent; true if the
    // folder exists.
    bool settleFolderWatch();
    void settleFileWatches();
    QString filePath(const QString &name) const;

    QFileSystemWatcher m_watcher;
    QString m_folder;
    QString m_absoluteFolder;
    QString m_watchedDirectory; // the folder itself or, while it is missing, a parent
    bool m_folderExists = false;
    QStringList m_names;
    QHash<QString, Stamp> m_stamps;
    QSet<QString> m_touched; // names whose file watch fired since the last rescan
    QSet<QString> m_watchedFiles; // file watches in place after the last rescan
};
