#pragma once

#include <QDockWidget>
#include <QPointer>
#include <QTimer>

#include <functional>

class ComfyConnection;
class ComfyReply;
class EmptyStateListView;
class QAction;
class QueueModel;
class RunProgressWatcher;

// The live queue of the current ComfyUI server: the running prompt with its progress,
// elapsed time and preview, then the pending ones in run order, ours and other clients'.
// Its verbs (cancel, interrupt, clear, move to front) go through the connection; the
// destructive ones ask first, unless the user said not to.
class QueueDock final : public QDockWidget
{
    Q_OBJECT
public:
    // Asked before cancel ("cancel"), interrupt ("interrupt") and clear ("clear"); true to
    // go ahead. The default shows a question with "Don't ask again" (Confirmation::ask).
    using Confirm = std::function<bool(const QString &key, const QString &title,
                                       const QString &text, const QString &acceptText)>;

    explicit QueueDock(QWidget *parent = nullptr);
    ~QueueDock() override;

    // The server to show (the main window switches servers); nullptr: none.
    void setConnection(ComfyConnection *connection);
    ComfyConnection *connection() const;
    void setConfirm(Confirm confirm);

    QueueModel *model() const { return m_model; }
    // For the main window's Queue menu; their shortcuts work while the dock has focus.
    QAction *cancelAction() const { return m_cancel; }
    QAction *interruptAction() const { return m_interrupt; }
    QAction *clearAction() const { return m_clear; }
    QAction *moveToFrontAction() const { return m_moveToFront; }

    void cancelSelected();
    void interruptRunning();
    void clearPending();
    void moveSelectedToFront();

Q_SIGNALS:
    // A verb failed (ComfyUI's or the network's reason), for the status bar.
    void statusMessage(const QString &message);

private:
    QStringList selectedPendingIds() const;
    bool confirm(const QString &key, const QString &title, const QString &text,
                 const QString &acceptText);
    void reportFailure(ComfyReply *reply, const QString &format);
    void followState();
    void updateActions();
    void updateTicker();
    void createActions();

    QPointer<ComfyConnection> m_connection;
    const void *m_shownTracker = nullptr;   // what the model shows (reset only on change)
    QueueModel *m_model = nullptr;
    RunProgressWatcher *m_watcher = nullptr;
    EmptyStateListView *m_view = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_interrupt = nullptr;
    QAction *m_clear = nullptr;
    QAction *m_moveToFront = nullptr;
    QTimer m_ticker;
    Confirm m_confirm;
    QList<QMetaObject::Connection> m_connectionLinks;
};
