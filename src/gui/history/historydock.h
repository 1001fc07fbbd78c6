#pragma once

#include "catalogueentry.h"

#include <QDockWidget>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

class Catalogue;
class HistoryModel;
class QAction;
class QCheckBox;
class QComboBox;
class QLineEdit;
class EmptyStateTableView;
class QTableView;
class QTextBrowser;
class ThumbnailLoader;
class WorkflowStore;

// Everything ever made, from the local catalogue: every prompt newest first, paged in as
// the user scrolls; a live full-text search (debounced) and filters (status, period,
// workflow, starred); sorting by time or duration. The selected prompt's details show its
// parameters, what differs from its workflow file, and its error. Actions work on the
// selection: re-run as it was, load into the editor, re-queue a lost one, star, tag, note,
// copy the prompt text, export, delete from the catalogue or from ComfyUI's history.
// It reads only the catalogue (never ComfyUI), and never waits for it.
class HistoryDock final : public QDockWidget
{
    Q_OBJECT
public:
    // Questions to the user, replaced by tests.
    struct Dialogs
    {
        std::function<bool(const QString &question)> confirm;
        // The edited text, or nullopt when cancelled.
        std::function<std::optional<QString>(const QString &title, const QString &label,
                                             const QString &initial, bool multiLine)>
            askText;
        // A file to write (empty: cancelled); filter like "CSV (*.csv)".
        std::function<QString(const QString &title, const QString &suggested,
                              const QString &filters)>
            askSaveFile;
    };

    explicit HistoryDock(QWidget *parent = nullptr);
    ~HistoryDock() override;

    void setCatalogue(Catalogue *catalogue);
    void setDialogs(const Dialogs &dialogs);
    // The workflows folder, for "what changed" against the workflow file as it is now. It is
    // read off the UI thread (from a copy of the store, taken when a row is selected); the
    // store must outlive the dock.
    void setWorkflowStore(const WorkflowStore *store);
    // The names the workflow filter offers.
    void setWorkflowNames(const QStringList &names);

    HistoryModel *model() const { return m_model; }
    // Wide and tall enough for a dozen rows beside the details, at the bottom of the window.
    QSize sizeHint() const override { return {900, 320}; }
    QTableView *view() const;
    CatalogueQuery currentQuery() const;
    QStringList selectedPromptIds() const;
    ThumbnailLoader *thumbnailLoader() const { return m_thumbnails; }
    void selectPrompt(const QString &promptId);
    // Asks (Dialogs::confirm), then forgets these prompts and their cached files; the
    // gallery's Delete comes here too.
    void deletePrompts(const QStringList &promptIds);
    // Export… of the current search (the gallery shows the same search).
    void exportSearch();
    // Export… of these prompts only (a selection here or in the gallery).
    void exportPrompts(const QStringList &promptIds);

Q_SIGNALS:
    // With their graphs, as they ran.
    void rerunRequested(const QList<CatalogueEntry> &entries);
    void loadRequested(const CatalogueEntry &entry);
    void requeueRequested(const QStringList &lostPromptIds);
    void deleteFromServerRequested(const QStringList &promptIds);
    // Double-click or Enter: look at its images.
    void openRequested(const CatalogueEntry &entry);
    // The query changed (search or filters): the gallery follows it.
    void queryChanged(const CatalogueQuery &query);
    void statusMessage(const QString &text);

private:
    void buildFilters(QWidget *box);
    void buildActions();
    void applyFilters();
    void showDetails();
    void updateActions();
    void dropHiddenThumbnailRequests();
    void updateEmptyText();
    QList<const CatalogueEntry *> selectedEntries() const;
    // Reads the selected prompts with their graphs, then calls done.
    void withGraphs(std::function<void(const QList<CatalogueEntry> &)> done);
    void toggleStar();
    void editTags();
    void editNote();
    void copyPrompts();
    void exportQuery(const CatalogueQuery &query, const QString &title);
    void deleteSelection();

    QPointer<Catalogue> m_catalogue;
    HistoryModel *m_model = nullptr;
    EmptyStateTableView *m_view = nullptr;
    QTextBrowser *m_details = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_period = nullptr;
    QComboBox *m_workflow = nullptr;
    QCheckBox *m_starred = nullptr;
    QTimer m_searchDebounce;
    QTimer m_scrolledTimer;     // coalesces a drag of the scroll bar into one pass
    Dialogs m_dialogs;
    const WorkflowStore *m_workflowStore = nullptr;
    quint64 m_detailsToken = 0;
    ThumbnailLoader *m_thumbnails = nullptr;

    QAction *m_rerun = nullptr;
    QAction *m_load = nullptr;
    QAction *m_requeue = nullptr;
    QAction *m_star = nullptr;
    QAction *m_tags = nullptr;
    QAction *m_note = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_export = nullptr;
    QAction *m_exportSelected = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_deleteFromServer = nullptr;
};
