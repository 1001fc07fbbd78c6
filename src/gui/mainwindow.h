#pragma once

#include "desktopsettings.h"
#include "workflowdocument.h"

#include <QHash>
#include <QMainWindow>
#include <QNetworkAccessManager>
#include <QPointer>

#include <functional>

class Catalogue;
class ComfyConnection;
struct CatalogueEntry;
class GalleryView;
class HistoryDock;
class QDockWidget;
class ImageViewer;
struct ViewerImage;
class FirstRunPage;
class ParameterEditor;
class QueueDock;
class QSpinBox;
class QSystemTrayIcon;
class ResultsDock;
class ServerRegistry;
class SimulatorLauncher;
class StatusBarWidgets;
class WorkflowListDock;
class WorkflowStore;

namespace Ui { class MainWindow; }

// The workbench: workflows on the left, the parameter editor in the middle, the queue and
// the latest results beside it (docks the user may move), the connection, server and API
// in the status bar. It owns no server logic: it adapts core's connection, tracker and
// workflow store, and asks the app (through signals) for what only the app can do, such
// as running the REST API.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    // What the REST API switch asks for. The window does not run the API itself (the GUI
    // layer knows no HTTP server): the app wires this to the API layer.
    struct ApiSettings
    {
        bool enabled = false;
        QString host;
        quint16 port = 5000;
        QString token;
    };

    MainWindow(ServerRegistry &servers, WorkflowStore &workflows,
               const DesktopSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setApiSettings(const ApiSettings &settings);
    ApiSettings apiSettings() const;
    // listening: the switch stays on; otherwise it goes back off and text says why.
    void showApiState(bool listening, const QString &text);
    // Callers the API has answered, shown in the status bar while it is on.
    void setApiRequestsServed(qint64 served);

    DesktopSettings desktopSettings() const { return m_settings; }

    ParameterEditor *parameterEditor() const { return m_editor; }
    WorkflowListDock *workflowDock() const { return m_workflowDock; }
    QueueDock *queueDock() const { return m_queueDock; }
    ResultsDock *resultsDock() const { return m_resultsDock; }
    HistoryDock *historyDock() const { return m_historyDock; }
    GalleryView *galleryView() const { return m_gallery; }
    QDockWidget *galleryDock() const { return m_galleryDock; }
    // The local catalogue the history browser reads (the app owns it).
    void setCatalogue(Catalogue *catalogue);
    // The viewer, over these images (created on first use; one window, reused).
    ImageViewer *showImages(const QList<ViewerImage> &images, int current);
    ImageViewer *imageViewer() const { return m_viewer; }
    QSpinBox *batchSpin() const { return m_batchSpin; }
    bool isUsingSimulator() const;

    // Opens a workflow by name as if the user picked it; false if there is none.
    bool openWorkflow(const QString &name);
    // Imports files (JSON or ComfyUI PNG) as a drop on the window would.
    void importFiles(const QStringList &paths);

    // Tells the user that a run of theirs ended while the window was in the background
    // (when the setting asks for it), with the sentence the status bar shows. By default: a
    // tray message where the desktop has a tray, and the taskbar's attention hint.
    using BackgroundNotifier = std::function<void(const QString &text)>;
    void setBackgroundNotifier(BackgroundNotifier notifier);

public Q_SLOTS:
    void queueRuns(bool atFront = false);
    void startSimulator();
    void openSettings();

Q_SIGNALS:
    void apiSettingsChanged(const MainWindow::ApiSettings &settings);
    // Settings the app applies beyond the window (saved already).
    void desktopSettingsChanged(const DesktopSettings &settings);
    // One of our runs was accepted / finished (for screen readers and tests).
    void runsQueued(const QStringList &promptIds);
    void runFinished(const QString &promptId, const QString &stateName);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createDocks();
    void createActions();
    void restoreLayout();
    void saveLayout();
    void follow(ComfyConnection *connection);
    void updateCentralPage();
    void updateTitle();
    void switchWorkflow(const QString &name);
    void stashCurrentEdits();
    void saveWorkflow();
    void revertWorkflow();
    void reloadIfUnmodified(const QString &name);
    void applySettings(const DesktopSettings &wanted);
    void onPromptStatus(const QString &promptId);
    void announce(const QString &text);
    void createHistoryDock();
    void createGalleryDock();
    void rerunEntries(const QList<CatalogueEntry> &entries);
    void loadEntryIntoEditor(const CatalogueEntry &entry);
    // The entry again with its graph (rows and viewer images carry none), then done.
    void withGraph(const CatalogueEntry &entry,
                   const std::function<void(const CatalogueEntry &)> &done);
    void showAbout();

    Ui::MainWindow *m_ui;
    ServerRegistry &m_servers;
    WorkflowStore &m_workflows;
    DesktopSettings m_settings;
    ApiSettings m_apiSettings;
    ComfyConnection *m_connection = nullptr;
    // For the settings dialog's "Test connection" (the connections keep their own).
    QNetworkAccessManager m_network;

    ParameterEditor *m_editor = nullptr;
    WorkflowListDock *m_workflowDock = nullptr;
    QueueDock *m_queueDock = nullptr;
    ResultsDock *m_resultsDock = nullptr;
    HistoryDock *m_historyDock = nullptr;
    ImageViewer *m_viewer = nullptr;
    QDockWidget *m_galleryDock = nullptr;
    GalleryView *m_gallery = nullptr;
    QPointer<Catalogue> m_catalogue;
    bool m_layoutRestored = false;
    bool m_defaultLayoutApplied = false;
    FirstRunPage *m_firstRun = nullptr;
    StatusBarWidgets *m_statusWidgets = nullptr;
    QSpinBox *m_batchSpin = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    BackgroundNotifier m_notifyInBackground;
    SimulatorLauncher *m_simulator = nullptr;

    QString m_currentWorkflow;
    // Unsaved edits of workflows not shown now, by name: switching never loses them.
    QHash<QString, WorkflowDocument> m_stashed;
    // Our prompts still running, with the workflow they came from.
    QHash<QString, QString> m_ourRuns;
};

Q_DECLARE_METATYPE(MainWindow::ApiSettings)
