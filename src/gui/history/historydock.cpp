#include "historydock.h"

#include "catalogue.h"
#include "emptystatetableview.h"
#include "historydetails.h"
#include "historymodel.h"
#include "historytext.h"
#include "thumbnailloader.h"
#include "whenready.h"
#include "workflowstore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {

// Typing "lighthouse" must not run nine searches; a pause this long runs one.
constexpr int SearchDebounceMs = 40;
constexpr qint64 DayMs = 24LL * 3600 * 1000;

HistoryDock::Dialogs defaultDialogs(QWidget *parent)
{
    HistoryDock::Dialogs dialogs;
    dialogs.confirm = [parent](const QString &question) {
        return QMessageBox::question(parent, HistoryDock::tr("History"), question)
               == QMessageBox::Yes;
    };
    dialogs.askText = [parent](const QString &title, const QString &label,
                               const QString &initial, bool multiLine) -> std::optional<QString> {
        bool ok = false;
        const QString text = multiLine
                                 ? QInputDialog::getMultiLineText(parent, title, label, initial, &ok)
                                 : QInputDialog::getText(parent, title, label, QLineEdit::Normal,
                                                         initial, &ok);
        return ok ? std::optional<QString>(text) : std::nullopt;
    };
    dialogs.askSaveFile = [parent](const QString &title, const QString &suggested,
                                   const QString &filters) {
        return QFileDialog::getSaveFileName(parent, title, suggested, filters);
    };
    return dialogs;
}

} // namespace

HistoryDock::HistoryDock(QWidget *parent)
    : QDockWidget(tr("History"), parent)
    , m_model(new HistoryModel(this))
{
    setObjectName(QStringLiteral("historyDock"));
    setAccessibleName(tr("History"));
    setAccessibleDescription(tr("Every prompt the catalogue remembers, newest first"));
    m_dialogs = defaultDialogs(this);

    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *filters = new QWidget(body);
    buildFilters(filters);
    layout->addWidget(filters);

    // Side by side: the dock is wide and short at the bottom of the window.
    auto *splitter = new QSplitter(Qt::Horizontal, body);
    splitter->setObjectName(QStringLiteral("historySplitter"));
    m_view = new EmptyStateTableView(splitter);
    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setAccessibleName(tr("Prompts"));
    m_view->setAccessibleDescription(tr("Newest first; Enter opens the images, the context "
                                        "menu has every action"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(
        qMax(m_view->fontMetrics().height() + 8, HistoryModel::ThumbnailSize + 4));
    m_view->setIconSize(QSize(HistoryModel::ThumbnailSize, HistoryModel::ThumbnailSize));
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionsClickable(true);
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->horizontalHeader()->setSortIndicator(HistoryModel::TimeColumn, Qt::DescendingOrder);
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, m_model,
            [this](int column, Qt::SortOrder order) {
                m_model->sort(column, order);
                // Only time and duration sort; the indicator shows the order in use.
                const CatalogueQuery::Sort sort = m_model->query().sort;
                const bool byTime = sort == CatalogueQuery::Sort::Newest
                                    || sort == CatalogueQuery::Sort::Oldest;
                const Qt::SortOrder shown = sort == CatalogueQuery::Sort::Newest
                                                    || sort == CatalogueQuery::Sort::LongestFirst
                                                ? Qt::DescendingOrder : Qt::AscendingOrder;
                const QSignalBlocker blocker(m_view->horizontalHeader());
                m_view->horizontalHeader()->setSortIndicator(
                    byTime ? HistoryModel::TimeColumn : HistoryModel::DurationColumn, shown);
            });
    m_view->setColumnWidth(HistoryModel::TimeColumn, 150);
    m_view->setColumnWidth(HistoryModel::WorkflowColumn, 110);
    m_view->setColumnWidth(HistoryModel::StatusColumn, 110);
    m_view->setColumnWidth(HistoryModel::DurationColumn, 70);
    m_view->setColumnWidth(HistoryModel::PromptColumn, 260);
    m_view->setColumnWidth(HistoryModel::SeedColumn, 120);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_details = new QTextBrowser(splitter);
    m_details->setObjectName(QStringLiteral("historyDetails"));
    m_details->setAccessibleName(tr("Prompt details"));
    m_details->setAccessibleDescription(tr("The selected prompt's parameters, what differs "
                                           "from its workflow file, and its error"));
    m_details->setOpenLinks(false);
    m_details->setPlaceholderText(tr("Select a prompt to see its parameters."));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    setWidget(body);

    buildActions();
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        showDetails();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this] { showDetails(); });
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (const CatalogueEntry *entry = m_model->entryAt(index.row()))
            Q_EMIT openRequested(*entry);
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        updateActions();
        showDetails();
    });
    connect(m_model, &HistoryModel::loaded, this, [this] {
        updateEmptyText();
        if (!m_model->error().isEmpty())
            Q_EMIT statusMessage(tr("The history could not be read: %1").arg(m_model->error()));
    });
    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(SearchDebounceMs);
    connect(&m_searchDebounce, &QTimer::timeout, this, &HistoryDock::applyFilters);
    updateActions();
    updateEmptyText();
}

HistoryDock::~HistoryDock() = default;

QTableView *HistoryDock::view() const
{
    return m_view;
}

void HistoryDock::buildFilters(QWidget *box)
{
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(box);
    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setPlaceholderText(tr("Search prompts, seeds, workflows…"));
    m_search->setAccessibleName(tr("Search the history"));
    m_search->setAccessibleDescription(tr("Words of the prompt (all must match), a seed or "
                                          "any number; the list follows as you type"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDebounce.start(); });
    row->addWidget(m_search, 3);

    m_status = new QComboBox(box);
    m_status->setObjectName(QStringLiteral("historyStatusFilter"));
    m_status->setAccessibleName(tr("Status filter"));
    m_status->setAccessibleDescription(tr("Shows only prompts in this state"));
    m_status->addItem(tr("Any status"), QString());
    for (const QString &name : HistoryText::statusNames())
        m_status->addItem(HistoryText::status(name), name);
    row->addWidget(m_status, 1);

    m_period = new QComboBox(box);
    m_period->setObjectName(QStringLiteral("historyPeriodFilter"));
    m_period->setAccessibleName(tr("Period filter"));
    m_period->setAccessibleDescription(tr("Shows only prompts queued in this period"));
    m_period->addItem(tr("Any time"), 0);
    m_period->addItem(tr("Today"), 1);
    m_period->addItem(tr("Last 7 days"), 7);
    m_period->addItem(tr("Last 30 days"), 30);
    m_period->addItem(tr("Last 12 months"), 365);
    row->addWidget(m_period, 1);

    m_workflow = new QComboBox(box);
    m_workflow->setObjectName(QStringLiteral("historyWorkflowFilter"));
    m_workflow->setAccessibleName(tr("Workflow filter"));
    m_workflow->setAccessibleDescription(tr("Shows only prompts of this workflow"));
    m_workflow->addItem(tr("Any workflow"), QString());
    row->addWidget(m_workflow, 1);

    m_starred = new QCheckBox(tr("Starred"), box);
    m_starred->setObjectName(QStringLiteral("historyStarredFilter"));
    m_starred->setAccessibleDescription(tr("Shows only starred prompts"));
    row->addWidget(m_starred);

    for (QComboBox *combo : {m_status, m_period, m_workflow})
        connect(combo, &QComboBox::currentIndexChanged, this, &HistoryDock::applyFilters);
    connect(m_starred, &QCheckBox::toggled, this, &HistoryDock::applyFilters);
}

void HistoryDock::buildActions()
{
    auto make = [this](const QString &name, const QString &text, const QString &icon,
                       const QString &tip) {
        auto *action = new QAction(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), text, this);
        action->setObjectName(name);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        m_view->addAction(action);
        return action;
    };
    m_rerun = make(QStringLiteral("historyRerunAction"), tr("Re-run"), QStringLiteral("queue"),
                   tr("Queue the selected prompts again exactly as they ran"));
    m_load = make(QStringLiteral("historyLoadAction"), tr("Load into Editor"),
                  QStringLiteral("form"), tr("Open its workflow with these parameters"));
    m_requeue = make(QStringLiteral("historyRequeueAction"), tr("Re-queue Lost"),
                     QStringLiteral("refresh"), tr("Queue the selected lost prompts again"));
    m_star = make(QStringLiteral("historyStarAction"), tr("Star"), QStringLiteral("star"),
                  tr("Star or unstar the selected prompts"));
    m_star->setShortcut(QKeySequence(Qt::Key_S));
    m_star->setShortcutContext(Qt::WidgetShortcut);
    m_tags = make(QStringLiteral("historyTagsAction"), tr("Tags…"), QStringLiteral("tag"),
                  tr("Edit the tags of the selected prompt"));
    m_note = make(QStringLiteral("historyNoteAction"), tr("Note…"), QStringLiteral("rename"),
                  tr("Write a note on the selected prompt"));
    m_copy = make(QStringLiteral("historyCopyAction"), tr("Copy Prompt Text"),
                  QStringLiteral("copy"), tr("Copy the positive prompt of the selection"));
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetShortcut);
    m_export = make(QStringLiteral("historyExportAction"), tr("Export…"),
                    QStringLiteral("save"), tr("Write the prompts of this search to a CSV or "
                                               "JSON file, with their images if you want"));
    m_exportSelected = make(QStringLiteral("historyExportSelectedAction"),
                            tr("Export Selected…"), QStringLiteral("save"),
                            tr("Write the selected prompts to a CSV or JSON file, with their "
                               "images if you want"));
    m_delete = make(QStringLiteral("historyDeleteAction"), tr("Delete from Catalogue…"),
                    QStringLiteral("delete"), tr("Forget the selected prompts and remove "
                                                 "their cached images"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetShortcut);
    m_deleteFromServer = make(QStringLiteral("historyDeleteFromServerAction"),
                              tr("Delete from ComfyUI's History…"), QStringLiteral("clear"),
                              tr("Remove the selected prompts from ComfyUI's own history"));

    connect(m_rerun, &QAction::triggered, this, [this] {
        withGraphs([this](const QList<CatalogueEntry> &entries) {
            Q_EMIT rerunRequested(entries);
        });
    });
    connect(m_load, &QAction::triggered, this, [this] {
        withGraphs([this](const QList<CatalogueEntry> &entries) {
            if (!entries.isEmpty())
                Q_EMIT loadRequested(entries.first());
        });
    });
    connect(m_requeue, &QAction::triggered, this, [this] {
        QStringList lost;
        for (const CatalogueEntry *entry : selectedEntries()) {
            if (entry->status == QLatin1String("lost") && entry->requeuedAs.isEmpty())
                lost.append(entry->promptId);
        }
        if (!lost.isEmpty())
            Q_EMIT requeueRequested(lost);
    });
    connect(m_star, &QAction::triggered, this, &HistoryDock::toggleStar);
    connect(m_tags, &QAction::triggered, this, &HistoryDock::editTags);
    connect(m_note, &QAction::triggered, this, &HistoryDock::editNote);
    connect(m_copy, &QAction::triggered, this, &HistoryDock::copyPrompts);
    connect(m_export, &QAction::triggered, this, &HistoryDock::exportSearch);
    connect(m_exportSelected, &QAction::triggered, this,
            [this] { exportPrompts(selectedPromptIds()); });
    connect(m_delete, &QAction::triggered, this, &HistoryDock::deleteSelection);
    connect(m_deleteFromServer, &QAction::triggered, this, [this] {
        const QStringList ids = selectedPromptIds();
        if (ids.isEmpty()
            || !m_dialogs.confirm(tr("Remove %n prompt(s) from ComfyUI's own history? The "
                                     "catalogue keeps them.", nullptr, int(ids.size()))))
            return;
        Q_EMIT deleteFromServerRequested(ids);
    });

    auto *toolbar = new QToolBar(tr("History actions"), this);
    toolbar->setObjectName(QStringLiteral("historyActions"));
    toolbar->setAccessibleName(tr("History actions"));
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    for (QAction *action : {m_rerun, m_load, m_requeue, m_star, m_tags, m_note, m_copy,
                            m_export, m_delete})
        toolbar->addAction(action);
    static_cast<QVBoxLayout *>(widget()->layout())->insertWidget(1, toolbar);
}

void HistoryDock::setCatalogue(Catalogue *catalogue)
{
    m_catalogue = catalogue;
    m_model->setCatalogue(catalogue);
    if (!m_thumbnails) {
        // Its own loader, as the gallery's drops the requests of cells it no longer shows.
        m_thumbnails = new ThumbnailLoader(this);
        m_thumbnails->setCacheCapBytes(8 * 1024 * 1024);
        m_model->setThumbnailLoader(m_thumbnails);
        // Rows scrolled past drop their queued loads too.
        m_scrolledTimer.setSingleShot(true);
        m_scrolledTimer.setInterval(0);
        connect(&m_scrolledTimer, &QTimer::timeout, this,
                &HistoryDock::dropHiddenThumbnailRequests);
        connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, &m_scrolledTimer,
                qOverload<>(&QTimer::start));
        connect(m_model, &QAbstractItemModel::modelReset, &m_scrolledTimer,
                qOverload<>(&QTimer::start));
    }
    m_thumbnails->setCatalogue(catalogue);
}

void HistoryDock::dropHiddenThumbnailRequests()
{
    const int first = m_view->rowAt(0);
    if (first < 0 || !m_thumbnails)
        return;
    int last = m_view->rowAt(m_view->viewport()->height() - 1);
    if (last < 0)
        last = m_model->rowCount() - 1;
    QSet<qint64> visible;
    for (int row = first; row <= last; ++row) {
        const CatalogueEntry *entry = m_model->entryAt(row);
        if (entry && !entry->images.isEmpty())
            visible.insert(entry->images.first().rowId);
    }
    m_thumbnails->cancelAllExcept(visible);
}

void HistoryDock::exportSearch()
{
    exportQuery(currentQuery(), tr("Export the History"));
}

void HistoryDock::exportPrompts(const QStringList &promptIds)
{
    if (promptIds.isEmpty())
        return;
    CatalogueQuery query;
    query.sort = currentQuery().sort;
    query.promptIds = promptIds;
    exportQuery(query, tr("Export %n Prompt(s)", nullptr, int(promptIds.size())));
}

void HistoryDock::setDialogs(const Dialogs &dialogs)
{
    m_dialogs = dialogs;
}

void HistoryDock::setWorkflowStore(const WorkflowStore *store)
{
    m_workflowStore = store;
}

void HistoryDock::setWorkflowNames(const QStringList &names)
{
    const QString current = m_workflow->currentData().toString();
    const QSignalBlocker blocker(m_workflow);
    while (m_workflow->count() > 1)
        m_workflow->removeItem(1);
    for (const QString &name : names)
        m_workflow->addItem(name, name);
    const int keep = m_workflow->findData(current);
    m_workflow->setCurrentIndex(keep < 0 ? 0 : keep);
}

CatalogueQuery HistoryDock::currentQuery() const
{
    CatalogueQuery query = m_model->query();
    query.text = m_search->text().trimmed();
    const QString status = m_status->currentData().toString();
    query.statuses = status.isEmpty() ? QStringList() : QStringList{status};
    const int days = m_period->currentData().toInt();
    if (days == 0) {
        query.sinceMs = 0;
    } else {
        const QDateTime startOfToday(QDate::currentDate(), QTime(0, 0));
        query.sinceMs = startOfToday.toMSecsSinceEpoch() - (days - 1) * DayMs;
    }
    query.untilMs = 0;
    query.workflow = m_workflow->currentData().toString();
    query.starred = m_starred->isChecked() ? 1 : -1;
    return query;
}

void HistoryDock::updateEmptyText()
{
    const CatalogueQuery query = m_model->query();
    const bool filtered = !query.text.isEmpty() || !query.statuses.isEmpty()
                          || query.sinceMs > 0 || !query.workflow.isEmpty() || query.starred > 0;
    if (!m_model->error().isEmpty())
        m_view->setEmptyText(tr("The history could not be read: %1").arg(m_model->error()));
    else if (filtered)
        m_view->setEmptyText(tr("No prompts match this search."));
    else
        m_view->setEmptyText(tr("Prompts you queue are listed here, and kept when ComfyUI "
                                "restarts."));
}

void HistoryDock::applyFilters()
{
    m_searchDebounce.stop();
    const CatalogueQuery query = currentQuery();
    m_model->setQuery(query);
    Q_EMIT queryChanged(query);
}

QList<const CatalogueEntry *> HistoryDock::selectedEntries() const
{
    QList<const CatalogueEntry *> entries;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows) {
        if (const CatalogueEntry *entry = m_model->entryAt(index.row()))
            entries.append(entry);
    }
    return entries;
}

QStringList HistoryDock::selectedPromptIds() const
{
    QStringList ids;
    for (const CatalogueEntry *entry : selectedEntries())
        ids.append(entry->promptId);
    return ids;
}

void HistoryDock::selectPrompt(const QString &promptId)
{
    const int row = m_model->rowOf(promptId);
    if (row < 0)
        return;
    m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                              QItemSelectionModel::ClearAndSelect
                                                  | QItemSelectionModel::Rows);
    m_view->scrollTo(m_model->index(row, 0));
}

void HistoryDock::updateActions()
{
    const QList<const CatalogueEntry *> entries = selectedEntries();
    const bool any = !entries.isEmpty();
    const bool one = entries.size() == 1;
    bool lost = false;
    bool allStarred = any;
    for (const CatalogueEntry *entry : entries) {
        lost = lost || (entry->status == QLatin1String("lost") && entry->requeuedAs.isEmpty());
        allStarred = allStarred && entry->starred;
    }
    m_rerun->setEnabled(any);
    m_load->setEnabled(one);
    m_requeue->setEnabled(lost);
    m_star->setEnabled(any);
    m_star->setText(allStarred ? tr("Unstar") : tr("Star"));
    m_tags->setEnabled(one);
    m_note->setEnabled(one);
    m_copy->setEnabled(any);
    m_delete->setEnabled(any);
    m_deleteFromServer->setEnabled(any);
    m_export->setEnabled(m_catalogue != nullptr);
    m_exportSelected->setEnabled(any && m_catalogue != nullptr);
}

void HistoryDock::showDetails()
{
    const CatalogueEntry *entry = m_model->entryAt(m_view->currentIndex().row());
    const quint64 token = ++m_detailsToken;
    if (!entry) {
        m_details->clear();
        return;
    }
    // At once from the row; then again with the graph, for what changed.
    m_details->setHtml(HistoryDetails::html(*entry, {}));
    if (!m_catalogue)
        return;
    m_catalogue->entry(entry->promptId, this,
                       [this, token](const std::optional<CatalogueEntry> &full) {
        if (token != m_detailsToken || !full)
            return;
        if (!m_workflowStore || full->workflow.isEmpty()) {
            m_details->setHtml(HistoryDetails::html(*full, {}));
            return;
        }
        // The workflow file is read on a worker (a slow or network disk never holds up the
        // window), from a copy of the store: the folder may change meanwhile.
        const QFuture<QJsonObject> graph = QtConcurrent::run(
                [store = *m_workflowStore, name = full->workflow] {
            const WorkflowResult loaded = store.load(name);
            return loaded.isOk() ? loaded.graph : QJsonObject();
        });
        whenReady(this, graph, [this, token, entry = *full](const QJsonObject &file) {
            if (token == m_detailsToken)
                m_details->setHtml(HistoryDetails::html(entry, file));
        });
    });
}

void HistoryDock::withGraphs(std::function<void(const QList<CatalogueEntry> &)> done)
{
    const QStringList ids = selectedPromptIds();
    if (ids.isEmpty() || !m_catalogue)
        return;
    auto collected = std::make_shared<QList<CatalogueEntry>>();
    auto left = std::make_shared<int>(int(ids.size()));
    for (const QString &id : ids) {
        m_catalogue->entry(id, this, [collected, left, done](
                                         const std::optional<CatalogueEntry> &entry) {
            if (entry)
                collected->append(*entry);
            if (--*left == 0)
                done(*collected);
        });
    }
}

void HistoryDock::toggleStar()
{
    const QList<const CatalogueEntry *> entries = selectedEntries();
    if (entries.isEmpty() || !m_catalogue)
        return;
    bool allStarred = true;
    QStringList ids;
    for (const CatalogueEntry *entry : entries) {
        allStarred = allStarred && entry->starred;
        ids.append(entry->promptId);
    }
    m_catalogue->setStarred(ids, !allStarred);
}

void HistoryDock::editTags()
{
    const QList<const CatalogueEntry *> entries = selectedEntries();
    if (entries.size() != 1 || !m_catalogue)
        return;
    const QString id = entries.first()->promptId;
    const std::optional<QString> text = m_dialogs.askText(
        tr("Tags"), tr("Tags, separated by commas:"),
        entries.first()->tags.join(QStringLiteral(", ")), false);
    if (!text)
        return;
    QStringList tags;
    for (const QString &tag : text->split(QRegularExpression(QStringLiteral("[,，]")))) {
        const QString clean = tag.trimmed();
        if (!clean.isEmpty() && !tags.contains(clean))
            tags.append(clean);
    }
    m_catalogue->setTags(id, tags);
}

void HistoryDock::editNote()
{
    const QList<const CatalogueEntry *> entries = selectedEntries();
    if (entries.size() != 1 || !m_catalogue)
        return;
    const std::optional<QString> text = m_dialogs.askText(
        tr("Note"), tr("A note on this prompt:"), entries.first()->note, true);
    if (text)
        m_catalogue->setNote(entries.first()->promptId, *text);
}

void HistoryDock::copyPrompts()
{
    QStringList texts;
    for (const CatalogueEntry *entry : selectedEntries())
        texts.append(entry->summary.positive);
    if (!texts.isEmpty())
        QApplication::clipboard()->setText(texts.join(QStringLiteral("\n\n")));
}

void HistoryDock::exportQuery(const CatalogueQuery &query, const QString &title)
{
    if (!m_catalogue)
        return;
    const QString path = m_dialogs.askSaveFile(
        title, QStringLiteral("comfydesk-history.csv"),
        tr("CSV (*.csv);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    const bool withImages = m_dialogs.confirm(
        tr("Also copy the cached images, each with a JSON file of its parameters, into a "
           "folder beside it?"));
    const QFileInfo info(path);
    const QString imagesDir = withImages
                                  ? info.absolutePath() + QLatin1Char('/')
                                        + info.completeBaseName() + QStringLiteral("-images")
                                  : QString();
    m_catalogue->exportTo(query,
                          json ? Catalogue::ExportFormat::Json : Catalogue::ExportFormat::Csv,
                          path, imagesDir, this, [this, path](const QString &error) {
        Q_EMIT statusMessage(error.isEmpty() ? tr("Exported to %1").arg(path)
                                             : tr("Export failed: %1").arg(error));
    });
}

void HistoryDock::deleteSelection()
{
    deletePrompts(selectedPromptIds());
}

void HistoryDock::deletePrompts(const QStringList &ids)
{
    if (ids.isEmpty() || !m_catalogue)
        return;
    if (!m_dialogs.confirm(tr("Delete %n prompt(s) and their cached images from the "
                              "catalogue? ComfyUI's own history is not touched.",
                              nullptr, int(ids.size()))))
        return;
    m_catalogue->remove(ids, this, [this](int removed) {
        Q_EMIT statusMessage(tr("Deleted %n prompt(s) from the catalogue.", nullptr, removed));
    });
}
