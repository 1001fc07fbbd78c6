#include "mainwindow.h"

#include "accessiblenames.h"
#include "historydock.h"
#include "statusbaraccessible.h"
#include "ui_mainwindow.h"

#include "comfyconnection.h"
#include "firstrunpage.h"
#include "galleryview.h"
#include "guiresources.h"
#include "parametereditor.h"
#include "queuedock.h"
#include "resultsdock.h"
#include "serverregistry.h"
#include "settingsdialog.h"
#include "simulatorlauncher.h"
#include "statusbarwidgets.h"
#include "workflowlistdock.h"
#include "workflowstore.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QToolBar>

namespace {

const char LayoutVersionKey[] = "window/layoutVersion";
constexpr int LayoutVersion = 3;   // 2: the history dock; 3: the gallery

} // namespace

MainWindow::MainWindow(ServerRegistry &servers, WorkflowStore &workflows,
                       const DesktopSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(new Ui::MainWindow)
    , m_servers(servers)
    , m_workflows(workflows)
    , m_settings(settings)
{
    initGuiResources();
    StatusBarAccessible::install();     // before the status bar is first asked about
    AccessibleNames::watch();           // before any widget is polished
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/comfydesk.svg")));
    setAcceptDrops(true);
    setAccessibleName(tr("ComfyDesk"));

    m_editor = new ParameterEditor(m_ui->editorPage);
    m_editor->setObjectName(QStringLiteral("parameterEditor"));
    m_ui->editorPageLayout->addWidget(m_editor, 1);
    m_firstRun = new FirstRunPage(m_ui->centralStack);
    m_firstRun->setObjectName(QStringLiteral("firstRunPage"));
    m_ui->centralStack->addWidget(m_firstRun);

    m_statusWidgets = new StatusBarWidgets(m_ui->statusBar);
    m_simulator = new SimulatorLauncher(this);

    createDocks();
    createActions();

    connect(m_workflowDock, &WorkflowListDock::currentWorkflowChanged, this,
            &MainWindow::switchWorkflow);
    connect(m_workflowDock, &WorkflowListDock::workflowFileChanged, this,
            &MainWindow::reloadIfUnmodified);
    connect(m_workflowDock, &WorkflowListDock::workflowRenamed, this,
            [this](const QString &from, const QString &to) {
        if (m_stashed.contains(from))
            m_stashed.insert(to, m_stashed.take(from));
        if (m_currentWorkflow == from) {
            m_currentWorkflow = to;
            updateTitle();
        }
    });
    connect(m_workflowDock, &WorkflowListDock::workflowRemoved, this,
            [this](const QString &name) {
        m_stashed.remove(name);
        if (m_currentWorkflow == name)
            switchWorkflow({});
    });
    connect(m_workflowDock, &WorkflowListDock::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_queueDock, &QueueDock::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_editor, &ParameterEditor::modifiedChanged, this, [this](bool modified) {
        m_workflowDock->setWorkflowModified(m_currentWorkflow, modified);
        updateTitle();
    });

    // Retry now rather than at the end of the backoff: a fresh start of the connection.
    connect(m_firstRun, &FirstRunPage::retryRequested, this, [this] {
        if (m_connection) {
            m_connection->stop();
            m_connection->start();
        }
    });
    connect(m_firstRun, &FirstRunPage::settingsRequested, this, &MainWindow::openSettings);
    connect(m_firstRun, &FirstRunPage::simulatorRequested, this, &MainWindow::startSimulator);
    connect(m_simulator, &SimulatorLauncher::started, this, [this](const QUrl &url) {
        const ComfyEndpoint &was = m_servers.current().endpoint();
        m_firstRun->setSimulatorState(FirstRunPage::SimulatorState::Idle);
        m_servers.switchTo(ComfyEndpoint(url, {}, was.clientId));
        m_statusWidgets->setSimulatorInUse(true);
        announce(tr("Connected to the built-in simulator at %1. Its images are "
                    "made up: no real ComfyUI is used.").arg(url.toString()));
        updateTitle();
    });
    connect(m_simulator, &SimulatorLauncher::failed, this, [this] {
        const QString reason = FirstRunPage::simulatorFailureText(*m_simulator);
        m_firstRun->setSimulatorState(FirstRunPage::SimulatorState::Failed, reason);
        announce(tr("The built-in simulator did not start: %1").arg(reason));
    });
    connect(m_simulator, &SimulatorLauncher::stopped, this, [this] {
        m_statusWidgets->setSimulatorInUse(false);
        updateTitle();
    });
    connect(m_firstRun, &FirstRunPage::neededChanged, this, &MainWindow::updateCentralPage);

    connect(&m_servers, &ServerRegistry::currentChanged, this, &MainWindow::follow);
    follow(&m_servers.current());

    m_workflowDock->setFolder(m_workflows.folder());
    restoreLayout();
    updateTitle();
}

MainWindow::~MainWindow()
{
    delete m_ui;
}

void MainWindow::createDocks()
{
    m_workflowDock = new WorkflowListDock(this);
    m_queueDock = new QueueDock(this);
    m_resultsDock = new ResultsDock(this);
    addDockWidget(Qt::LeftDockWidgetArea, m_workflowDock);
    addDockWidget(Qt::RightDockWidgetArea, m_queueDock);
    addDockWidget(Qt::RightDockWidgetArea, m_resultsDock);
    splitDockWidget(m_queueDock, m_resultsDock, Qt::Vertical);
    createHistoryDock();
    createGalleryDock();
    resizeDocks({m_workflowDock, m_queueDock}, {240, 360}, Qt::Horizontal);
    resizeDocks({m_queueDock, m_resultsDock}, {280, 420}, Qt::Vertical);
    for (QDockWidget *dock : {static_cast<QDockWidget *>(m_workflowDock),
                              static_cast<QDockWidget *>(m_queueDock),
                              static_cast<QDockWidget *>(m_resultsDock),
                              static_cast<QDockWidget *>(m_historyDock),
                              m_galleryDock}) {
        m_ui->viewMenu->addAction(dock->toggleViewAction());
    }
    m_ui->viewMenu->addSeparator();
    m_ui->viewMenu->addAction(m_ui->mainToolBar->toggleViewAction());
    m_notifyInBackground = [this](const QString &text) {
        if (m_tray)
            m_tray->showMessage(tr("ComfyDesk"), text, QSystemTrayIcon::Information, 5000);
        // Desktops without a tray (and with one) still flag the window in the taskbar.
        QApplication::alert(this);
    };
}

void MainWindow::setBackgroundNotifier(BackgroundNotifier notifier)
{
    m_notifyInBackground = std::move(notifier);
}

void MainWindow::createActions()
{
    // Workflow verbs live with the list; the menus show them where users look for them.
    m_ui->fileMenu->insertAction(m_ui->actionSave, m_workflowDock->importAction());
    m_ui->fileMenu->insertAction(m_ui->actionSave, m_workflowDock->revealAction());
    m_ui->fileMenu->insertSeparator(m_ui->actionSave);
    m_ui->editMenu->insertAction(m_ui->actionFindParameter, m_workflowDock->duplicateAction());
    m_ui->editMenu->insertAction(m_ui->actionFindParameter, m_workflowDock->renameAction());
    m_ui->editMenu->insertAction(m_ui->actionFindParameter, m_workflowDock->removeAction());
    m_ui->editMenu->insertSeparator(m_ui->actionFindParameter);
    m_ui->queueMenu->addAction(m_queueDock->moveToFrontAction());
    m_ui->queueMenu->addAction(m_queueDock->cancelAction());
    m_ui->queueMenu->addAction(m_queueDock->interruptAction());
    m_ui->queueMenu->addAction(m_queueDock->clearAction());

    m_batchSpin = new QSpinBox(this);
    m_batchSpin->setObjectName(QStringLiteral("batchSpin"));
    m_batchSpin->setRange(1, 100);
    m_batchSpin->setPrefix(tr("Runs: "));
    m_batchSpin->setToolTip(tr("How many times to queue it; the seed follows its "
                               "after-each-run setting between runs"));
    m_batchSpin->setAccessibleName(tr("Number of runs"));
    m_batchSpin->setAccessibleDescription(m_batchSpin->toolTip());
    m_ui->mainToolBar->addWidget(m_batchSpin);
    m_ui->mainToolBar->addSeparator();
    m_ui->mainToolBar->addAction(m_ui->actionSave);
    m_ui->mainToolBar->addAction(m_ui->actionRevert);
    m_ui->mainToolBar->addAction(m_workflowDock->importAction());
    m_ui->mainToolBar->addSeparator();
    m_ui->mainToolBar->addAction(m_ui->actionSettings);

    // Enter on the numeric keypad queues too.
    m_ui->actionQueue->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return),
                                     QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_ui->actionQueueFront->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Enter)});
    connect(m_ui->actionQueue, &QAction::triggered, this, [this] { queueRuns(false); });
    connect(m_ui->actionQueueFront, &QAction::triggered, this, [this] { queueRuns(true); });
    connect(m_ui->actionSave, &QAction::triggered, this, &MainWindow::saveWorkflow);
    connect(m_ui->actionRevert, &QAction::triggered, this, &MainWindow::revertWorkflow);
    connect(m_ui->actionSettings, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_ui->actionQuit, &QAction::triggered, this, &MainWindow::close);
    connect(m_ui->actionFindParameter, &QAction::triggered, this, [this] {
        if (auto *filter = m_editor->findChild<QWidget *>(QStringLiteral("parameterFilter")))
            filter->setFocus(Qt::ShortcutFocusReason);
    });
    connect(m_ui->actionUseSimulator, &QAction::triggered, this, &MainWindow::startSimulator);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->actionAboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("ComfyDesk"));
        m_tray->show();
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_layoutRestored || std::exchange(m_defaultLayoutApplied, true))
        return;
    // The first start's layout, sized once the window has its size: a history tall enough
    // for a dozen rows (the dock sizes given before the first show do not hold).
    QTimer::singleShot(0, this, [this] {
        resizeDocks({m_historyDock}, {qMax(240, height() * 3 / 8)}, Qt::Vertical);
    });
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    if (settings.value(QLatin1String(LayoutVersionKey)).toInt() == LayoutVersion) {
        restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
        m_layoutRestored = restoreState(
            settings.value(QStringLiteral("window/state")).toByteArray(), LayoutVersion);
    }
    m_batchSpin->setValue(settings.value(QStringLiteral("queue/batch"), 1).toInt());
    m_gallery->setThumbnailSize(
        settings.value(QStringLiteral("gallery/thumbnailSize"), m_gallery->thumbnailSize()).toInt());
    const QString last = settings.value(QStringLiteral("workflows/last")).toString();
    if (last.isEmpty() || !m_workflowDock->selectWorkflow(last)) {
        const QStringList names = m_workflows.names();
        if (!names.isEmpty())
            m_workflowDock->selectWorkflow(names.first());
    }
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QLatin1String(LayoutVersionKey), LayoutVersion);
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState(LayoutVersion));
    settings.setValue(QStringLiteral("queue/batch"), m_batchSpin->value());
    settings.setValue(QStringLiteral("gallery/thumbnailSize"), m_gallery->thumbnailSize());
    settings.setValue(QStringLiteral("workflows/last"), m_currentWorkflow);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    stashCurrentEdits();
    if (!m_stashed.isEmpty()) {
        QStringList names = m_stashed.keys();
        names.sort(Qt::CaseInsensitive);
        const auto answer = QMessageBox::question(
            this, tr("Unsaved workflows"),
            tr("These workflows have edits that are not saved:\n%1\n\nSave them before "
               "quitting?").arg(names.join(QLatin1Char('\n'))),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
            QMessageBox::Save);
        if (answer == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
        if (answer == QMessageBox::Save) {
            for (const QString &name : names) {
                const WorkflowError error = m_workflows.saveText(name, m_stashed.value(name).text());
                if (error.isError()) {
                    QMessageBox::warning(this, tr("Cannot save"),
                                         tr("“%1” could not be saved: %2")
                                             .arg(name, error.message));
                    event->ignore();
                    return;
                }
            }
        }
        m_stashed.clear();
    }
    saveLayout();
    m_simulator->stop();
    event->accept();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        updateTitle();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    // After the drop has returned: a message box inside a drop blocks the file manager.
    QMetaObject::invokeMethod(this, [this, paths] { importFiles(paths); },
                              Qt::QueuedConnection);
}

void MainWindow::importFiles(const QStringList &paths)
{
    m_workflowDock->importFiles(paths);
}

bool MainWindow::openWorkflow(const QString &name)
{
    return m_workflowDock->selectWorkflow(name);
}

bool MainWindow::isUsingSimulator() const
{
    return m_simulator->state() == SimulatorLauncher::State::Running
           && m_servers.current().baseUrl() == m_simulator->url();
}

void MainWindow::startSimulator()
{
    if (m_simulator->state() == SimulatorLauncher::State::Running) {
        m_servers.switchTo(ComfyEndpoint(m_simulator->url(), {},
                                         m_servers.current().endpoint().clientId));
        return;
    }
    m_firstRun->setSimulatorState(FirstRunPage::SimulatorState::Starting, {});
    statusBar()->showMessage(tr("Starting the built-in simulator …"));
    m_simulator->start();
}

void MainWindow::updateTitle()
{
    QString title = m_currentWorkflow.isEmpty()
        ? tr("ComfyDesk")
        : tr("%1%2 — ComfyDesk").arg(m_currentWorkflow,
                                      m_editor->isModified() ? QStringLiteral(" •")
                                                             : QString());
    if (isUsingSimulator())
        title += tr(" (simulator)");
    setWindowTitle(title);
    m_ui->workflowTitleLabel->setText(
        m_currentWorkflow.isEmpty()
            ? tr("Pick a workflow on the left, or import one (Ctrl+O).")
            : (m_editor->isModified() ? tr("%1 (edited, not saved)").arg(m_currentWorkflow)
                                      : m_currentWorkflow));
}

void MainWindow::showAbout()
{
    const ComfyConnection &connection = m_servers.current();
    const QString server = connection.systemInfo().valid
        ? tr("ComfyUI %1 at %2").arg(connection.systemInfo().comfyuiVersion,
                                     connection.baseUrl().toString())
        : tr("not connected (%1)").arg(connection.baseUrl().toString());
    QMessageBox::about(this, tr("About ComfyDesk"),
                       tr("<h3>ComfyDesk %1</h3><p>A desktop client and LAN gateway for "
                          "ComfyUI.</p><p>Qt %2 · Server: %3</p><p>Licence: GNU General "
                          "Public License, version 3 or later. This program comes with "
                          "ABSOLUTELY NO WARRANTY.</p>")
                           .arg(QCoreApplication::applicationVersion(),
                                QString::fromLatin1(qVersion()), server.toHtmlEscaped()));
}

void MainWindow::announce(const QString &text)
{
    // Screen readers hear it as the status bar's new name (StatusBarAccessible). The same
    // text twice in a row (two runs finishing alike) would change nothing: cleared first.
    if (statusBar()->currentMessage() == text)
        statusBar()->clearMessage();
    statusBar()->showMessage(text, 10000);
}
