#pragma once

#include <QDockWidget>
#include <QStringList>

#include <functional>
#include <optional>

class QAction;
class QLineEdit;
class QMimeData;
class QUrl;
class WorkflowFilterProxy;
class WorkflowListModel;
class WorkflowListView;

// The workflows folder as a dock (objectName "workflowDock"): a filter box
// ("workflowFilter") over the list ("workflowList"), which follows the folder as others
// change it. Imports JSON or ComfyUI PNG files (file dialog, drops on the dock, or the main
// window's drops through importFiles()), duplicates, renames, deletes (confirmed) and shows
// the folder in the file manager. UI-format saves are listed, greyed, with a note to use
// ComfyUI's Export (API).
//
// The main window puts the actions in its menus and toolbar. Duplicate (Ctrl+D), rename
// (F2) and delete (Del) have Qt::WidgetWithChildrenShortcut on the list, so Del in an editor
// never deletes a workflow; import (Ctrl+O) is window-wide once the dock is in a window.
class WorkflowListDock final : public QDockWidget
{
    Q_OBJECT
public:
    // What importFiles() did. message is empty when every file was imported, otherwise
    // one sentence per refused file (already shown to the user through showProblem).
    struct ImportOutcome
    {
        QStringList imported; // stored names, in the order of the paths
        QStringList problems; // one tr() sentence per file that was not imported
        bool isOk() const { return problems.isEmpty(); }
        QString message() const { return problems.join(QLatin1Char('\n')); }
    };

    // Every question the dock asks the user. Each is replaceable (tests answer them without
    // a modal loop); an empty function means the default dialog.
    struct Dialogs
    {
        // The new name, or nullopt when cancelled. validate returns why a name is refused
        // (empty when it is fine); the default dialog shows it live and keeps OK disabled.
        std::function<std::optional<QString>(const QString &title, const QString &label,
                                             const QString &initial,
                                             const std::function<QString(const QString &)>
                                                 &validate)>
            askName;
        std::function<bool(const QString &question)> confirmRemove;
        std::function<void(const QString &problem)> showProblem;
        std::function<QStringList()> askImportFiles; // the files picked; empty: cancelled
        std::function<bool(const QUrl &url)> openUrl; // QDesktopServices::openUrl by default
    };

    explicit WorkflowListDock(QWidget *parent = nullptr);
    ~WorkflowListDock() override;

    void setDialogs(const Dialogs &dialogs);

    // The workflows folder; it need not exist (the empty state says what to do; an import
    // creates it).
    void setFolder(const QString &folder);
    QString folder() const;

    // The selected workflow (the one the editor shows); empty when none. It stays current
    // while the filter hides it.
    QString currentName() const;
    // Selects name (clearing a filter that hides it); false if the folder has no such
    // workflow. Emits currentWorkflowChanged when the selection changes.
    bool selectWorkflow(const QString &name);
    // Every listed name, in list order (the filter aside).
    QStringList workflowNames() const;
    // False for a UI-format or broken file (or an unknown name); true while still checking.
    bool canOpen(const QString &name) const;

    // Imports each file (JSON bare or wrapped, or a PNG saved by ComfyUI) under its base
    // name (made unique), selects the last one imported, puts a summary in the status bar
    // and shows the problems (UI format: "Export (API)"; a PNG without a prompt says so).
    ImportOutcome importFiles(const QStringList &paths);
    // The local files a drag carries, if there are any to import (for the main window's
    // drag and drop anywhere).
    static QStringList importablePaths(const QMimeData *mimeData);

    // The editor's unsaved state: marked in the list ("• name", italic, "unsaved changes"
    // for screen readers), carried over a rename.
    void setWorkflowModified(const QString &name, bool modified);
    bool isWorkflowModified(const QString &name) const;

    QAction *importAction() const { return m_importAction; }
    QAction *duplicateAction() const { return m_duplicateAction; }
    QAction *renameAction() const { return m_renameAction; }
    QAction *removeAction() const { return m_removeAction; }
    QAction *revealAction() const { return m_revealAction; }

    // The same as the actions, for callers that want the result.
    void importWithDialog();
    bool duplicateCurrent();
    bool renameCurrent();
    bool removeCurrent();
    bool revealFolder();

    WorkflowListModel *model() const { return m_model; }

Q_SIGNALS:
    // The selection changed; empty when nothing is selected. The editor should load it
    // (and show the load error for a file that cannot be opened; canOpen() tells).
    void currentWorkflowChanged(const QString &name);
    // Enter or double-click on a workflow: open it and move on to editing it.
    void workflowActivated(const QString &name);
    // The file was rewritten on disk; an editor without unsaved edits reloads it. Also
    // fires after the app's own saves (the watcher cannot tell who wrote).
    void workflowFileChanged(const QString &name);
    // Renamed in this dock: the editor keeps its unsaved edits under the new name.
    void workflowRenamed(const QString &from, const QString &to);
    // Gone from the folder: deleted here, or removed or renamed outside the app.
    void workflowRemoved(const QString &name);
    void statusMessage(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void focusList();
    void onCurrentRowChanged(const QModelIndex &current);
    void setCurrent(const QString &name);
    void applyFilter(const QString &text);
    void reselectCurrent();
    void updateActions();
    void updateEmptyText();
    std::optional<QString> askName(const QString &title, const QString &label,
                                   const QString &initial, const QString &renaming);
    void showProblem(const QString &problem);

    WorkflowListModel *m_model;
    WorkflowFilterProxy *m_proxy;
    QLineEdit *m_filter;
    WorkflowListView *m_view;
    Dialogs m_dialogs;
    QString m_current;
    bool m_followSelection = true; // off while the filter (not the user) moves the rows
    bool m_renaming = false;        // our rename is not an outside removal

    QAction *m_importAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_revealAction = nullptr;
};
