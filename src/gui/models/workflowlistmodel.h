#pragma once

#include "workflowerror.h"

#include <QAbstractListModel>
#include <QFutureWatcher>
#include <QIcon>
#include <QSet>
#include <QStringList>

class WorkflowFolderWatcher;

// The workflows folder as a list: one row per "<name>.json" (WorkflowStore::names() order),
// kept in step with the folder watcher by row insertions and removals (a view keeps its
// selection), and with the editor's unsaved state.
//
// Whether a file can be opened (API format) or is a UI-format save or broken is found by
// reading it, which for hundreds of files is too slow for the UI thread: rows appear at once
// as Checking and are checked on the thread pool; dataChanged tells when a kind is known.
class WorkflowListModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Kind { Checking, Valid, UiFormat, Broken };
    Q_ENUM(Kind)

    enum Role {
        NameRole = Qt::UserRole + 1, // the workflow name (display adds marks and notes)
        KindRole,                    // Kind
        ModifiedRole,                // bool: unsaved edits in the editor
        PathRole,                    // the file, native separators
        NoteRole                     // why it cannot be opened; empty when it can
    };

    explicit WorkflowListModel(QObject *parent = nullptr);
    ~WorkflowListModel() override;

    // Starts over on folder (which need not exist): lists it at once, checks in the
    // background. Unsaved marks are dropped.
    void setFolder(const QString &folder);
    QString folder() const;
    bool folderExists() const;

    // Lists the folder again now, without waiting for the watcher: after our own import,
    // rename or delete, so the row is there to select. Emits the same signals as a change
    // seen by the watcher; the watcher's later report then changes nothing.
    void refresh();
    // The same when the caller knows what changed: no listing of a big folder.
    void noteChanges(const QStringList &added, const QStringList &removed);
    // Our own rename: moves the row and carries the unsaved mark over, with no
    // workflowsRemoved/workflowsAdded (the editor is told by a rename signal instead).
    void applyRename(const QString &from, const QString &to);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList names() const;
    QString nameAt(int row) const;
    int rowOf(const QString &name) const;
    bool contains(const QString &name) const { return rowOf(name) >= 0; }
    Kind kindOf(const QString &name) const;
    QString noteOf(const QString &name) const;
    QString filePath(const QString &name) const;

    void setModified(const QString &name, bool modified);
    bool isModified(const QString &name) const { return m_modified.contains(name); }

    // The order of WorkflowStore::names(): case-insensitive, then case-sensitive.
    static bool lessThan(const QString &a, const QString &b);

Q_SIGNALS:
    void workflowsAdded(const QStringList &names);
    void workflowsRemoved(const QStringList &names);
    // The file of a listed workflow was rewritten (by anyone, this app's saves included).
    void workflowChanged(const QString &name);
    void folderExistsChanged(bool exists);

private:
    struct Row
    {
        QString name;
        Kind kind = Kind::Checking;
        WorkflowError error; // why it cannot be opened
    };
    struct Check
    {
        QString name;
        WorkflowError error;
    };

    void syncTo(const QStringList &names);
    void queueCheck(const QStringList &names);
    void startChecks();
    void applyChecks();

    WorkflowFolderWatcher *m_watcher;
    QIcon m_icon;   // an API-format workflow
    QIcon m_uiIcon; // a file that cannot be opened
    QList<Row> m_rows;
    QSet<QString> m_modified;
    QSet<QString> m_unchecked;
    QFutureWatcher<QList<Check>> m_checks;
    bool m_checking = false; // not isRunning(): a finished result may still be queued
    quint64 m_generation = 0;     // a new folder makes results of the old one stale
    quint64 m_checkGeneration = 0; // the generation the running check belongs to
};
