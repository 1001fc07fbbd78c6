// MainWindow's work with the server and the workflow files: following the current server,
// switching and saving workflows, queueing runs and hearing how they end, and settings.
#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "comfyconnection.h"
#include "comfyerror.h"
#include "firstrunpage.h"
#include "parametereditor.h"
#include "parseerrortext.h"
#include "queuedock.h"
#include "resultsdock.h"
#include "serverregistry.h"
#include "settingsdialog.h"
#include "statusbarwidgets.h"
#include "workflowlistdock.h"
#include "workflowstore.h"

#include <QFile>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>

void MainWindow::follow(ComfyConnection *connection)
{
    if (m_connection) {
        disconnect(m_connection, nullptr, this, nullptr);
        disconnect(&m_connection->tracker(), nullptr, this, nullptr);
    }
    m_connection = connection;
    m_statusWidgets->setConnection(connection);
    m_queueDock->setConnection(connection);
    m_resultsDock->setConnection(connection);
    m_firstRun->setConnection(connection);
    m_editor->setClient(&connection->client());
    m_editor->setNodeCatalogue(connection->nodeCatalogue());
    connect(connection, &ComfyConnection::nodeCatalogueChanged, this, [this] {
        m_editor->setNodeCatalogue(m_connection->nodeCatalogue());
    });
    connect(&connection->tracker(), &PromptTracker::statusChanged, this,
            &MainWindow::onPromptStatus);
    if (!isUsingSimulator())
        m_statusWidgets->setSimulatorInUse(false);
    updateCentralPage();
    updateTitle();
}

// The first-run page stands in for the editor only while this server has never answered
// (the page tells): a server that drops later keeps the editor, edits at hand, and the
// status bar says it is reconnecting.
void MainWindow::updateCentralPage()
{
    m_ui->centralStack->setCurrentWidget(m_firstRun->isNeeded()
                                             ? static_cast<QWidget *>(m_firstRun)
                                             : m_ui->editorPage);
}

void MainWindow::stashCurrentEdits()
{
    if (!m_currentWorkflow.isEmpty() && m_editor->isModified())
        m_stashed.insert(m_currentWorkflow, m_editor->document());
}

void MainWindow::switchWorkflow(const QString &name)
{
    if (name == m_currentWorkflow && !name.isEmpty())
        return;
    stashCurrentEdits();
    m_currentWorkflow = name;
    if (name.isEmpty()) {
        m_editor->setDocument({}, WorkflowDocument());
        updateTitle();
        return;
    }
    if (m_stashed.contains(name)) {
        m_editor->setDocument(name, m_stashed.take(name));
        m_workflowDock->setWorkflowModified(name, true);
    } else {
        QFile file(m_workflows.filePath(name));
        QString error;
        WorkflowDocument document;
        if (file.open(QIODevice::ReadOnly)) {
            WorkflowDocument::ParseError parseError;
            document = WorkflowDocument::fromText(file.readAll(), &parseError);
            if (parseError.isError())
                error = ParseErrorText::describe(parseError);
        } else {
            error = file.errorString();
        }
        if (!error.isEmpty()) {
            m_editor->setDocument({}, WorkflowDocument());
            statusBar()->showMessage(tr("“%1” cannot be opened: %2").arg(name, error));
        } else {
            m_editor->setDocument(name, document);
        }
    }
    updateTitle();
}

void MainWindow::reloadIfUnmodified(const QString &name)
{
    if (name != m_currentWorkflow || m_editor->isModified())
        return;
    m_currentWorkflow.clear();
    switchWorkflow(name);
    statusBar()->showMessage(tr("“%1” changed on disk and was reloaded.").arg(name), 8000);
}

void MainWindow::saveWorkflow()
{
    if (m_currentWorkflow.isEmpty())
        return;
    const QByteArray text = m_editor->document().text();
    const WorkflowError error = m_workflows.saveText(m_currentWorkflow, text);
    if (error.isError()) {
        QMessageBox::warning(this, tr("Cannot save"),
                             tr("“%1” could not be saved: %2")
                                 .arg(m_currentWorkflow, error.message));
        return;
    }
    m_editor->markSaved();
    m_workflowDock->setWorkflowModified(m_currentWorkflow, false);
    statusBar()->showMessage(tr("Saved “%1”.").arg(m_currentWorkflow), 5000);
    updateTitle();
}

void MainWindow::revertWorkflow()
{
    if (m_currentWorkflow.isEmpty() || !m_editor->isModified())
        return;
    m_editor->revert();
    m_workflowDock->setWorkflowModified(m_currentWorkflow, false);
    updateTitle();
}

void MainWindow::queueRuns(bool atFront)
{
    if (m_currentWorkflow.isEmpty()) {
        statusBar()->showMessage(tr("Pick a workflow to queue first."), 5000);
        return;
    }
    const QList<QJsonObject> graphs = m_editor->graphsForRuns(m_batchSpin->value());
    if (graphs.isEmpty()) {
        const QString why = m_editor->hasJsonError()
            ? ParseErrorText::describe(m_editor->jsonError())
            : tr("the workflow is empty");
        announce(tr("Cannot queue “%1”: %2").arg(m_currentWorkflow, why));
        return;
    }
    m_editor->clearNodeErrors();
    const QString workflow = m_currentWorkflow;
    auto accepted = std::make_shared<QStringList>();
    auto remaining = std::make_shared<int>(int(graphs.size()));
    QPointer<ComfyConnection> connection = m_connection;
    for (const QJsonObject &graph : graphs) {
        SubmitOptions options;
        options.front = atFront;
        options.workflowName = workflow;
        ComfyReply *reply = connection->submit(graph, options);
        connect(reply, &ComfyReply::finished, this,
                [this, reply, workflow, accepted, remaining] {
            const ComfyError error = reply->error();
            if (error.isError()) {
                if (!error.nodeErrors.isEmpty() && workflow == m_currentWorkflow)
                    m_editor->showNodeErrors(error.nodeErrors);
                announce(tr("ComfyUI refused “%1”: %2").arg(workflow, error.message));
            } else {
                const QString id = reply->object().value(QLatin1String("prompt_id")).toString();
                accepted->append(id);
                m_ourRuns.insert(id, workflow);
            }
            if (--*remaining == 0 && !accepted->isEmpty()) {
                announce(tr("Queued “%1” (%n run(s)).", nullptr, int(accepted->size()))
                             .arg(workflow));
                Q_EMIT runsQueued(*accepted);
            }
        });
    }
}

void MainWindow::onPromptStatus(const QString &promptId)
{
    if (!m_ourRuns.contains(promptId))
        return;
    const PromptStatus status = m_connection->tracker().status(promptId);
    if (!status.isFinal())
        return;
    const QString workflow = m_ourRuns.take(promptId);
    QString text;
    switch (status.state) {
    case PromptStatus::State::Completed:
        text = tr("“%1” finished: %n image(s).", nullptr, int(status.images.size()))
                   .arg(workflow);
        break;
    case PromptStatus::State::CompletedWithoutImages:
        text = tr("“%1” finished without images.").arg(workflow);
        break;
    case PromptStatus::State::Error:
        text = tr("“%1” failed in node %2: %3")
                   .arg(workflow, status.errorNode, status.exceptionMessage);
        break;
    case PromptStatus::State::Interrupted:
        text = tr("“%1” was interrupted.").arg(workflow);
        break;
    case PromptStatus::State::Cancelled:
        text = tr("“%1” was cancelled.").arg(workflow);
        break;
    default:
        text = tr("“%1” was lost: ComfyUI restarted before it finished.").arg(workflow);
        break;
    }
    announce(text);
    // Only the user's own runs: other clients' prompts are theirs to watch.
    if (m_settings.notifyWhenBackground && !isActiveWindow() && m_notifyInBackground)
        m_notifyInBackground(text);
    Q_EMIT runFinished(promptId, PromptStatus::stateName(status.state));
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_network, this);
    DesktopSettings shown = m_settings;
    shown.comfyUrl = m_servers.current().baseUrl();
    shown.apiEnabled = m_apiSettings.enabled;
    shown.apiBind = DesktopSettings::bindFor(m_apiSettings.host);
    shown.apiAddress = m_apiSettings.host;
    shown.apiPort = m_apiSettings.port;
    shown.apiToken = m_apiSettings.token;
    dialog.setSettings(shown);
    if (dialog.exec() != QDialog::Accepted)
        return;
    applySettings(dialog.settings());
}

void MainWindow::applySettings(const DesktopSettings &wanted)
{
    const DesktopSettings was = m_settings;
    m_settings = wanted;
    QSettings store;
    wanted.save(store);
    if (wanted.comfyUrl != m_servers.current().baseUrl()
        || wanted.comfyToken != was.comfyToken) {
        const QString clientId = m_servers.current().endpoint().clientId;
        m_servers.switchTo(ComfyEndpoint(wanted.comfyUrl, wanted.comfyToken, clientId));
    }
    if (wanted.workflowsDir != m_workflows.folder()) {
        stashCurrentEdits();
        m_workflows.setFolder(wanted.workflowsDir);
        m_workflowDock->setFolder(wanted.workflowsDir);
    }
    if (wanted.language != was.language) {
        QMessageBox::information(this, tr("Language"),
                                 tr("The new language is used from the next start of "
                                    "ComfyDesk."));
    }
    const ApiSettings api{wanted.apiEnabled, wanted.apiHost(), quint16(wanted.apiPort),
                          wanted.apiToken};
    if (api.enabled != m_apiSettings.enabled || api.host != m_apiSettings.host
        || api.port != m_apiSettings.port || api.token != m_apiSettings.token) {
        m_apiSettings = api;
        Q_EMIT apiSettingsChanged(api);
    }
    Q_EMIT desktopSettingsChanged(wanted);
}

void MainWindow::setApiSettings(const ApiSettings &settings)
{
    m_apiSettings = settings;
    m_statusWidgets->setApiState(settings.enabled, settings.host, settings.port, 0);
}

MainWindow::ApiSettings MainWindow::apiSettings() const
{
    return m_apiSettings;
}

void MainWindow::showApiState(bool listening, const QString &text)
{
    m_apiSettings.enabled = listening;
    m_statusWidgets->setApiState(listening, m_apiSettings.host, m_apiSettings.port, 0);
    if (!text.isEmpty())
        statusBar()->showMessage(text, 10000);
}

void MainWindow::setApiRequestsServed(qint64 served)
{
    m_statusWidgets->setApiState(m_apiSettings.enabled, m_apiSettings.host,
                                 m_apiSettings.port, served);
}
