#include "queuedock.h"

#include "comfyconnection.h"
#include "confirmation.h"
#include "emptystatelistview.h"
#include "queuedelegate.h"
#include "queuemodel.h"
#include "runprogresswatcher.h"

#include <QAction>
#include <QIcon>
#include <QToolBar>
#include <QVBoxLayout>

QueueDock::QueueDock(QWidget *parent)
    : QDockWidget(tr("Queue"), parent)
    , m_model(new QueueModel(this))
{
    setObjectName(QStringLiteral("queueDock"));
    setAccessibleName(tr("Queue"));
    setAccessibleDescription(tr("The prompts the server runs now and those waiting, "
                                "yours and other clients'"));
    m_watcher = new RunProgressWatcher(*m_model, this);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *toolBar = new QToolBar(content);
    toolBar->setObjectName(QStringLiteral("queueToolBar"));
    toolBar->setAccessibleName(tr("Queue actions"));
    toolBar->setAccessibleDescription(tr("Cancel, interrupt, clear and reorder prompts"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(16, 16));
    layout->addWidget(toolBar);

    m_view = new EmptyStateListView(content);
    m_view->setObjectName(QStringLiteral("queueView"));
    m_view->setAccessibleName(tr("Queue"));
    m_view->setAccessibleDescription(tr("Running prompt first, then the waiting ones in the "
                                        "order the server runs them"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new QueueDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setUniformItemSizes(false);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    layout->addWidget(m_view);
    setWidget(content);

    createActions();
    toolBar->addActions({m_cancel, m_interrupt, m_clear, m_moveToFront});
    m_view->addActions({m_cancel, m_interrupt, m_clear, m_moveToFront});

    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, [this] {
        if (m_model->hasRunning())
            m_view->update(m_model->index(0));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &QueueDock::updateActions);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, [this] { updateActions(); updateTicker(); });
    connect(m_model, &QAbstractItemModel::rowsMoved, this, [this] { updateActions(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateActions();
        updateTicker();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        updateActions();
        updateTicker();
    });
    m_confirm = [this](const QString &key, const QString &title, const QString &text,
                       const QString &acceptText) {
        return Confirmation::ask(this, key, title, text, acceptText);
    };
    followState();
}

QueueDock::~QueueDock() = default;

ComfyConnection *QueueDock::connection() const
{
    return m_connection;
}

void QueueDock::createActions()
{
    auto make = [this](const QString &icon, const QString &text, const QString &description,
                       const QKeySequence &shortcut, void (QueueDock::*slot)()) {
        auto *action = new QAction(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), text,
                                   this);
        action->setToolTip(description);
        action->setStatusTip(description);
        action->setShortcut(shortcut);
        // Only while the queue has focus: Del must not cancel prompts from a text field.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_cancel = make(QStringLiteral("cancel"), tr("&Cancel"),
                    tr("Remove the selected waiting prompts from the queue"),
                    QKeySequence::Delete, &QueueDock::cancelSelected);
    m_cancel->setObjectName(QStringLiteral("cancelAction"));
    m_interrupt = make(QStringLiteral("interrupt"), tr("&Interrupt"),
                       tr("Stop the prompt running now"),
                       QKeySequence(Qt::CTRL | Qt::Key_Period), &QueueDock::interruptRunning);
    m_interrupt->setObjectName(QStringLiteral("interruptAction"));
    m_clear = make(QStringLiteral("clear"), tr("C&lear Pending"),
                   tr("Remove every waiting prompt from the queue"),
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), &QueueDock::clearPending);
    m_clear->setObjectName(QStringLiteral("clearAction"));
    m_moveToFront = make(QStringLiteral("move-front"), tr("Move to &Front"),
                         tr("Run the selected waiting prompt next"),
                         QKeySequence(Qt::CTRL | Qt::Key_Home),
                         &QueueDock::moveSelectedToFront);
    m_moveToFront->setObjectName(QStringLiteral("moveToFrontAction"));
}

void QueueDock::setConnection(ComfyConnection *connection)
{
    for (const QMetaObject::Connection &link : std::as_const(m_connectionLinks))
        disconnect(link);
    m_connectionLinks.clear();
    m_connection = connection;
    m_watcher->setConnection(connection);
    if (connection) {
        m_connectionLinks = {
            connect(connection, &ComfyConnection::stateChanged, this, &QueueDock::followState),
            connect(connection, &ComfyConnection::failureChanged, this,
                    &QueueDock::followState),
        };
    }
    followState();
}

void QueueDock::setConfirm(Confirm confirm)
{
    m_confirm = std::move(confirm);
}

// An offline server's last queue is history, not the queue: the view empties and says why.
void QueueDock::followState()
{
    const bool connected =
        m_connection && m_connection->state() == ComfyConnection::State::Connected;
    PromptTracker *tracker = connected ? &m_connection->tracker() : nullptr;
    if (tracker != m_shownTracker || !tracker) {
        m_shownTracker = tracker;
        m_model->setTracker(tracker, tracker ? m_connection->clientId() : QString());
    }
    QString text;
    if (!m_connection) {
        text = tr("No ComfyUI server is set up.");
    } else if (connected) {
        text = tr("Nothing queued.\nQueued prompts appear here while they wait and run.");
    } else if (m_connection->state() == ComfyConnection::State::Stopped) {
        text = tr("Not connected to %1.").arg(m_connection->baseUrl().toString());
    } else {
        const QString why = m_connection->lastFailure().message;
        text = why.isEmpty()
                   ? tr("Connecting to %1…").arg(m_connection->baseUrl().toString())
                   : tr("Offline: %1\nReconnecting…").arg(why);
    }
    m_view->setEmptyText(text);
    updateActions();
    updateTicker();
}

void QueueDock::updateTicker()
{
    if (m_model->hasRunning() && !m_ticker.isActive())
        m_ticker.start();
    else if (!m_model->hasRunning())
        m_ticker.stop();
}

void QueueDock::updateActions()
{
    const QStringList selected = selectedPendingIds();
    const bool connected = m_connection && m_model->rowCount() > 0;
    m_cancel->setEnabled(connected && !selected.isEmpty());
    m_interrupt->setEnabled(connected && m_model->hasRunning());
    m_clear->setEnabled(connected && m_model->pendingCount() > 0);
    m_moveToFront->setEnabled(
        connected && selected.size() == 1
        && m_model->index(m_model->rowOf(selected.first())).data(QueueModel::PositionRole)
                   .toInt() > 1);
}

QStringList QueueDock::selectedPendingIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedIndexes();
    for (const QModelIndex &index : rows) {
        if (!index.data(QueueModel::RunningRole).toBool())
            ids.append(index.data(QueueModel::PromptIdRole).toString());
    }
    return ids;
}

bool QueueDock::confirm(const QString &key, const QString &title, const QString &text,
                        const QString &acceptText)
{
    return !m_confirm || m_confirm(key, title, text, acceptText);
}

void QueueDock::reportFailure(ComfyReply *reply, const QString &format)
{
    connect(reply, &ComfyReply::finished, this, [this, reply, format] {
        if (reply->ok())
            return;
        const ComfyError &error = reply->error();
        const QString why = error.message.isEmpty() ? ComfyError::kindName(error.kind)
                                                    : error.message;
        Q_EMIT statusMessage(format.arg(why));
    });
}

void QueueDock::cancelSelected()
{
    const QStringList ids = selectedPendingIds();
    if (!m_connection || ids.isEmpty())
        return;
    if (!confirm(QStringLiteral("cancel"), tr("Cancel Prompts"),
                 tr("Remove %n waiting prompt(s) from the queue?", "", int(ids.size())),
                 tr("Cancel Prompts")))
        return;
    reportFailure(m_connection->cancel(ids), tr("Could not cancel: %1"));
}

void QueueDock::interruptRunning()
{
    if (!m_connection || !m_model->hasRunning())
        return;
    const QString id = m_model->promptIdAt(0);
    if (!confirm(QStringLiteral("interrupt"), tr("Interrupt Prompt"),
                 tr("Stop \"%1\" while it runs? Its work so far is lost.")
                     .arg(m_model->index(0).data().toString()),
                 tr("Interrupt")))
        return;
    reportFailure(m_connection->interrupt(id), tr("Could not interrupt: %1"));
}

void QueueDock::clearPending()
{
    if (!m_connection || m_model->pendingCount() == 0)
        return;
    if (!confirm(QStringLiteral("clear"), tr("Clear Pending"),
                 tr("Remove all %n waiting prompt(s) from the queue, other clients' too?", "",
                    m_model->pendingCount()),
                 tr("Clear Pending")))
        return;
    reportFailure(m_connection->clearPending(), tr("Could not clear the queue: %1"));
}

void QueueDock::moveSelectedToFront()
{
    const QStringList ids = selectedPendingIds();
    if (!m_connection || ids.size() != 1)
        return;
    reportFailure(m_connection->moveToFront(ids.first()), tr("Could not move to front: %1"));
}
