#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ComfyConnection;
class QLabel;
class QStatusBar;

// The main window's permanent status bar fields: whether the simulator is in use, the
// connection state (with a live reconnect countdown and the reason it failed), what the
// server is (version, device, free VRAM), its queue length and the REST API's state.
// It only shows: the app tells it which connection is current and how the API is doing.
class StatusBarWidgets final : public QObject
{
    Q_OBJECT
public:
    // Adds the fields to statusBar (which owns them, and this object).
    explicit StatusBarWidgets(QStatusBar *statusBar);
    ~StatusBarWidgets() override;

    // The server to follow (the registry's current one); nullptr shows "Not connected".
    void setConnection(ComfyConnection *connection);
    // address: the address the API listens on; served: requests answered so far (the app
    // polls ApiSwitch::requestsServed(), about once a second).
    void setApiState(bool on, const QString &address, quint16 port, qint64 served);
    void setSimulatorInUse(bool inUse);

    // The texts, for the window title or an accessibility announcement.
    QString connectionText() const;

private:
    void showConnection();
    void showServer();
    void showQueue();
    void startCountdown(int delayMs);
    void tick();
    int secondsLeft() const;
    void setIcon(const QString &name);

    QPointer<ComfyConnection> m_connection;
    QLabel *m_simulatorLabel = nullptr;
    QLabel *m_connectionIcon = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_serverLabel = nullptr;
    QLabel *m_queueLabel = nullptr;
    QLabel *m_apiLabel = nullptr;
    QTimer m_tick;
    QDeadlineTimer m_reconnectAt{QDeadlineTimer::Forever};
    bool m_counting = false;
    QString m_iconName;
};
