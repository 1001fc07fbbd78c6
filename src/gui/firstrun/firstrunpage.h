#pragma once

#include "simulatorlauncher.h"

#include <QPointer>
#include <QWidget>

class ComfyConnection;
class QLabel;
class QPushButton;

// What the main window shows in its centre while ComfyUI cannot be reached and never
// could be this session: what went wrong (the URL tried, the error), what to do about it,
// and three ways on: retry, open the settings, or try the built-in simulator.
//
// It shows and asks; the app acts on the signals (retry: stop() and start() the
// connection; settings: open SettingsDialog on its ComfyUI page; simulator: start a
// SimulatorLauncher and report back through setSimulatorState()).
class FirstRunPage final : public QWidget
{
    Q_OBJECT
public:
    enum class SimulatorState { Idle, Starting, Failed };
    Q_ENUM(SimulatorState)

    explicit FirstRunPage(QWidget *parent = nullptr);
    ~FirstRunPage() override;

    // The connection whose failure to explain (the registry's current one).
    void setConnection(ComfyConnection *connection);
    // reason: shown for Failed (see simulatorFailureText()).
    void setSimulatorState(SimulatorState state, const QString &reason = {});

    // The page is worth showing: the connection has failed and has not been connected
    // since it was set. Once it connects, this stays false for that connection.
    bool isNeeded() const;
    // A sentence for why the simulator could not start.
    static QString simulatorFailureText(const SimulatorLauncher &launcher);

Q_SIGNALS:
    void retryRequested();
    void settingsRequested();
    void simulatorRequested();
    void neededChanged(bool needed);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showConnection();
    void retranslate();
    void updateNeeded();

    QPointer<ComfyConnection> m_connection;
    QLabel *m_iconLabel = nullptr;
    QLabel *m_headlineLabel = nullptr;
    QLabel *m_detailLabel = nullptr;
    QLabel *m_adviceLabel = nullptr;
    QLabel *m_simulatorLabel = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_settingsButton = nullptr;
    QPushButton *m_simulatorButton = nullptr;
    SimulatorState m_simulatorState = SimulatorState::Idle;
    QString m_simulatorReason;
    bool m_everConnected = false;
    bool m_needed = false;
};
