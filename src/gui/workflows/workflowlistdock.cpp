#include "workflowlistdock.h"

#include "workflowfilterproxy.h"
#include "workflowlistmodel.h"
#include "workflowlistview.h"
#include "workflowmessages.h"
#include "workflownamedialog.h"
#include "workflowname.h"
#include "workflowstore.h"

#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace {

QIcon workflowListIcon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

} // namespace

WorkflowListDock::WorkflowListDock(QWidget *parent)
    : QDockWidget(parent)
    , m_model(new WorkflowListModel(this))
    , m_proxy(new WorkflowFilterProxy(this))
{
    setObjectName(QStringLiteral("workflowDock"));
    setWindowTitle(tr("Workflows"));
    setAccessibleName(tr("Workflows"));
    setAccessibleDescription(tr("The workflows in the workflows folder. Pick one to edit and "
                                "run it; drop JSON or ComfyUI PNG files here to import them."));
    setAcceptDrops(true);

    auto *content = new QWidget(this);
    m_filter = new QLineEdit(content);
    m_filter->setObjectName(QStringLiteral("workflowFilter"));
    m_filter->setPlaceholderText(tr("Filter workflows"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(workflowListIcon("filter"), QLineEdit::LeadingPosition);
    m_filter->setAccessibleName(tr("Filter workflows"));
    m_filter->setAccessibleDescription(
        tr("Shows only the workflows whose name contains this text; case and accents are "
           "ignored"));

    m_proxy->setSourceModel(m_model);
    m_view = new WorkflowListView(content);
    m_view->setObjectName(QStringLiteral("workflowList"));
    m_view->setModel(m_proxy);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers); // F2 renames on disk
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->setAccessibleName(tr("Workflow list"));
    m_view->setDescription(tr("Enter opens the selected workflow, F2 renames it, Delete "
                              "deletes it; the context menu has every action."));

    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
    setWidget(content);
    setTabOrder(m_filter, m_view);

    createActions();

    connect(m_filter, &QLineEdit::textChanged, this, &WorkflowListDock::applyFilter);
    connect(m_filter, &QLineEdit::returnPressed, this, &WorkflowListDock::focusList);
    m_filter->installEventFilter(this);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentRowChanged(current); });
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT workflowActivated(index.data(WorkflowListModel::NameRole).toString());
    });
    connect(m_model, &WorkflowListModel::workflowChanged, this,
            &WorkflowListDock::workflowFileChanged);
    connect(m_model, &WorkflowListModel::workflowsRemoved, this,
            [this](const QStringList &names) {
                if (m_renaming)
                    return;
                for (const QString &name : names)
                    Q_EMIT workflowRemoved(name);
            });
    const auto rowsChanged = [this] {
        // A removed row moves the current index to its neighbour without selecting it;
        // the editor shows that neighbour, so the list must show it selected too.
        const QModelIndex current = m_view->currentIndex();
        if (m_followSelection && current.isValid()
            && !m_view->selectionModel()->isSelected(current)) {
            m_view->selectionModel()->select(current, QItemSelectionModel::ClearAndSelect);
        }
        updateEmptyText();
        updateActions();
    };
    // The proxy removes its rows while the source is about to remove them (the source still
    // counts them then): follow both, so the hint reads the final counts.
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_model),
                                      static_cast<QAbstractItemModel *>(m_proxy)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, rowsChanged);
        connect(model, &QAbstractItemModel::rowsRemoved, this, rowsChanged);
        connect(model, &QAbstractItemModel::modelReset, this, rowsChanged);
        connect(model, &QAbstractItemModel::layoutChanged, this, rowsChanged);
    }
    connect(m_model, &WorkflowListModel::folderExistsChanged, this, rowsChanged);
    rowsChanged();
}

WorkflowListDock::~WorkflowListDock() = default;

void WorkflowListDock::createActions()
{
    const auto make = [this](const char *iconName, const QString &text,
                             const QString &description) {
        auto *action = new QAction(workflowListIcon(iconName), text, this);
        action->setToolTip(description);
        action->setStatusTip(description);
        return action;
    };
    m_importAction = make("import", tr("&Import Workflow…"),
                          tr("Import a ComfyUI API-format JSON file or a PNG made by ComfyUI"));
    m_importAction->setShortcut(QKeySequence::Open);
    m_duplicateAction = make("duplicate", tr("D&uplicate Workflow…"),
                             tr("Copy the selected workflow under a new name"));
    m_duplicateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_renameAction = make("rename", tr("&Rename Workflow…"),
                          tr("Rename the selected workflow and its file"));
    m_renameAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_removeAction = make("delete", tr("&Delete Workflow…"),
                          tr("Delete the selected workflow's file, after asking"));
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_revealAction = make("reveal", tr("Show in File &Manager"),
                          tr("Open the workflows folder in the file manager"));

    // Only while the list has focus: Del or F2 in the editor must not touch the files.
    for (QAction *action : {m_duplicateAction, m_renameAction, m_removeAction})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_importAction->setShortcutContext(Qt::WindowShortcut);
    addAction(m_importAction);

    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_view->addActions({m_duplicateAction, m_renameAction, m_removeAction, separator,
                        m_revealAction, m_importAction});

    connect(m_importAction, &QAction::triggered, this, &WorkflowListDock::importWithDialog);
    connect(m_duplicateAction, &QAction::triggered, this, [this] { duplicateCurrent(); });
    connect(m_renameAction, &QAction::triggered, this, [this] { renameCurrent(); });
    connect(m_removeAction, &QAction::triggered, this, [this] { removeCurrent(); });
    connect(m_revealAction, &QAction::triggered, this, [this] { revealFolder(); });
}

// Enter or Down in the filter goes on to the list, on the first match unless the selected
// workflow is still shown: typing a few letters and Enter is the quickest way to pick one.
void WorkflowListDock::focusList()
{
    if (m_proxy->rowCount() == 0)
        return;
    if (!m_view->selectionModel()->hasSelection())
        m_view->setCurrentIndex(m_proxy->index(0, 0));
    m_view->setFocus(Qt::ShortcutFocusReason);
}

bool WorkflowListDock::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down) {
        focusList();
        return true;
    }
    return QDockWidget::eventFilter(watched, event);
}

void WorkflowListDock::setDialogs(const Dialogs &dialogs)
{
    m_dialogs = dialogs;
}

void WorkflowListDock::setFolder(const QString &folder)
{
    m_model->setFolder(folder);
    // A reset clears the selection without a signal: say it here.
    setCurrent({});
    updateEmptyText();
    updateActions();
}

QString WorkflowListDock::folder() const
{
    return m_model->folder();
}

QString WorkflowListDock::currentName() const
{
    return m_current;
}

QStringList WorkflowListDock::workflowNames() const
{
    return m_model->names();
}

bool WorkflowListDock::canOpen(const QString &name) const
{
    if (!m_model->contains(name))
        return false;
    const WorkflowListModel::Kind kind = m_model->kindOf(name);
    return kind == WorkflowListModel::Kind::Valid || kind == WorkflowListModel::Kind::Checking;
}

bool WorkflowListDock::selectWorkflow(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row));
    if (!index.isValid()) {
        m_filter->clear(); // a hidden selection would confuse: show it
        index = m_proxy->mapFromSource(m_model->index(row));
    }
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_view->scrollTo(index);
    return true;
}

void WorkflowListDock::onCurrentRowChanged(const QModelIndex &current)
{
    if (!m_followSelection)
        return;
    setCurrent(current.data(WorkflowListModel::NameRole).toString());
}

void WorkflowListDock::setCurrent(const QString &name)
{
    if (name == m_current)
        return;
    m_current = name;
    updateActions();
    Q_EMIT currentWorkflowChanged(name);
    const QString note = m_model->noteOf(name);
    if (!note.isEmpty())
        Q_EMIT statusMessage(tr("“%1”: %2").arg(name, note));
}

void WorkflowListDock::applyFilter(const QString &text)
{
    m_followSelection = false;
    m_proxy->setFilterText(text);
    reselectCurrent();
    m_followSelection = true;
    updateEmptyText();
}

void WorkflowListDock::reselectCurrent()
{
    const int row = m_model->rowOf(m_current);
    const QModelIndex index = row < 0 ? QModelIndex()
                                      : m_proxy->mapFromSource(m_model->index(row));
    if (index.isValid()) {
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
        m_view->scrollTo(index);
    } else {
        m_view->selectionModel()->clear();
    }
}

void WorkflowListDock::updateActions()
{
    const bool hasCurrent = m_model->contains(m_current);
    m_duplicateAction->setEnabled(hasCurrent);
    m_renameAction->setEnabled(hasCurrent);
    m_removeAction->setEnabled(hasCurrent);
    m_importAction->setEnabled(!folder().isEmpty());
    m_revealAction->setEnabled(!folder().isEmpty());
}

void WorkflowListDock::updateEmptyText()
{
    if (m_model->rowCount() == 0) {
        m_view->setEmptyText(tr("No workflows yet. Import a ComfyUI API-format JSON or a PNG "
                                "made by ComfyUI, or drop it here."));
    } else if (m_proxy->rowCount() == 0) {
        m_view->setEmptyText(tr("No workflow matches “%1”.").arg(m_filter->text().trimmed()));
    } else {
        m_view->setEmptyText({});
    }
}

void WorkflowListDock::setWorkflowModified(const QString &name, bool modified)
{
    m_model->setModified(name, modified);
}

bool WorkflowListDock::isWorkflowModified(const QString &name) const
{
    return m_model->isModified(name);
}

WorkflowListDock::ImportOutcome WorkflowListDock::importFiles(const QStringList &paths)
{
    ImportOutcome outcome;
    if (folder().isEmpty()) {
        outcome.problems.append(tr("No workflows folder is set; choose one in Settings."));
    } else {
        const WorkflowStore store(folder());
        for (const QString &path : paths) {
            const WorkflowResult result = store.importFile(path);
            if (result.isOk()) {
                outcome.imported.append(result.name);
            } else {
                outcome.problems.append(
                    WorkflowMessages::importProblem(QFileInfo(path).fileName(), result.error));
            }
        }
        // The watcher reports later; the new rows are needed now.
        m_model->noteChanges(outcome.imported, {});
    }

    if (!outcome.imported.isEmpty()) {
        selectWorkflow(outcome.imported.constLast());
        Q_EMIT statusMessage(outcome.imported.size() == 1
                                 ? tr("Imported “%1”").arg(outcome.imported.constFirst())
                                 : tr("Imported %n workflows", nullptr,
                                      int(outcome.imported.size())));
    }
    if (!outcome.problems.isEmpty()) {
        if (outcome.imported.isEmpty()) {
            Q_EMIT statusMessage(outcome.problems.size() == 1
                                     ? outcome.problems.constFirst()
                                     : tr("%n files could not be imported", nullptr,
                                          int(outcome.problems.size())));
        }
        showProblem(outcome.message());
    }
    return outcome;
}

QStringList WorkflowListDock::importablePaths(const QMimeData *mimeData)
{
    QStringList paths;
    if (!mimeData || !mimeData->hasUrls())
        return paths;
    const QList<QUrl> urls = mimeData->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}

void WorkflowListDock::dragEnterEvent(QDragEnterEvent *event)
{
    if (!importablePaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void WorkflowListDock::dragMoveEvent(QDragMoveEvent *event)
{
    if (!importablePaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void WorkflowListDock::dropEvent(QDropEvent *event)
{
    const QStringList paths = importablePaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    // Not inside the drop: a message box there would hold the drag source (the file
    // manager) until it is closed.
    QMetaObject::invokeMethod(this, [this, paths] { importFiles(paths); },
                              Qt::QueuedConnection);
}

void WorkflowListDock::importWithDialog()
{
    const QStringList paths =
        m_dialogs.askImportFiles
            ? m_dialogs.askImportFiles()
            : QFileDialog::getOpenFileNames(
                this, tr("Import Workflows"), QString(),
                tr("ComfyUI workflows (*.json *.png);;All files (*)"));
    if (!paths.isEmpty())
        importFiles(paths);
}

std::optional<QString> WorkflowListDock::askName(const QString &title, const QString &label,
                                                 const QString &initial,
                                                 const QString &renaming)
{
    const QString folderPath = folder();
    const auto validate = [folderPath, renaming](const QString &name) -> QString {
        const QString reason = WorkflowName::validate(name);
        if (!reason.isEmpty())
            return reason; // core's reason names the exact character or rule
        if (name != renaming && WorkflowStore(folderPath).contains(name))
            return tr("A workflow named “%1” already exists.").arg(name);
        return {};
    };
    if (m_dialogs.askName)
        return m_dialogs.askName(title, label, initial, validate);
    return WorkflowNameDialog::ask(this, title, label, initial, validate);
}

void WorkflowListDock::showProblem(const QString &problem)
{
    if (m_dialogs.showProblem)
        m_dialogs.showProblem(problem);
    else
        QMessageBox::warning(this, tr("Workflows"), problem);
}

bool WorkflowListDock::duplicateCurrent()
{
    const QString from = m_current;
    if (!m_model->contains(from))
        return false;
    QString suggestion = tr("%1 copy", "the suggested name of a duplicated workflow").arg(from);
    for (int n = 2; m_model->contains(suggestion) && n < 1000; ++n)
        suggestion = tr("%1 copy %2").arg(from).arg(n);
    const std::optional<QString> to =
        askName(tr("Duplicate Workflow"), tr("Name of the copy of “%1”:").arg(from),
                suggestion, {});
    if (!to)
        return false;
    const WorkflowError error = WorkflowStore(folder()).duplicate(from, *to);
    if (error.isError()) {
        showProblem(tr("“%1” could not be duplicated: %2")
                        .arg(from, WorkflowMessages::reason(error)));
        return false;
    }
    m_model->noteChanges({*to}, {});
    selectWorkflow(*to);
    Q_EMIT statusMessage(tr("Duplicated “%1” as “%2”").arg(from, *to));
    return true;
}

bool WorkflowListDock::renameCurrent()
{
    const QString from = m_current;
    if (!m_model->contains(from))
        return false;
    const std::optional<QString> to =
        askName(tr("Rename Workflow"), tr("New name for “%1”:").arg(from), from, from);
    if (!to || *to == from)
        return false;
    const WorkflowError error = WorkflowStore(folder()).rename(from, *to);
    if (error.isError()) {
        showProblem(tr("“%1” could not be renamed: %2")
                        .arg(from, WorkflowMessages::reason(error)));
        return false;
    }
    // The row moves with the current index on it; the editor learns of it as a rename,
    // not as a change of workflow.
    m_renaming = true;
    m_followSelection = false;
    m_model->applyRename(from, *to);
    m_current = *to;
    reselectCurrent();
    m_followSelection = true;
    m_renaming = false;
    updateActions();
    Q_EMIT workflowRenamed(from, *to);
    Q_EMIT statusMessage(tr("Renamed “%1” to “%2”").arg(from, *to));
    return true;
}

bool WorkflowListDock::removeCurrent()
{
    const QString name = m_current;
    if (!m_model->contains(name))
        return false;
    const QString question =
        m_model->isModified(name)
            ? tr("Delete the workflow “%1”? Its file is deleted from the workflows folder, "
                 "and its unsaved changes are lost.")
                  .arg(name)
            : tr("Delete the workflow “%1”? Its file is deleted from the workflows folder.")
                  .arg(name);
    bool confirmed = false;
    if (m_dialogs.confirmRemove) {
        confirmed = m_dialogs.confirmRemove(question);
    } else {
        QMessageBox box(QMessageBox::Warning, tr("Delete Workflow"), question,
                        QMessageBox::NoButton, this);
        QPushButton *remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        confirmed = box.clickedButton() == remove;
    }
    if (!confirmed)
        return false;
    const WorkflowError error = WorkflowStore(folder()).remove(name);
    if (error.isError()) {
        showProblem(tr("“%1” could not be deleted: %2")
                        .arg(name, WorkflowMessages::reason(error)));
        return false;
    }
    // Moves the selection to the neighbour and says it was removed.
    m_model->noteChanges({}, {name});
    Q_EMIT statusMessage(tr("Deleted “%1”").arg(name));
    return true;
}

bool WorkflowListDock::revealFolder()
{
    const QString path = folder();
    if (path.isEmpty())
        return false;
    QDir().mkpath(path); // an empty folder to put files in beats an error
    const QUrl url = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    const bool opened = m_dialogs.openUrl ? m_dialogs.openUrl(url)
                                          : QDesktopServices::openUrl(url);
    if (!opened)
        Q_EMIT statusMessage(tr("Could not open %1").arg(QDir::toNativeSeparators(path)));
    return opened;
}
