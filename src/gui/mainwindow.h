#pragma once

#include <QMainWindow>

class ComfyConnection;
class ServerRegistry;
class QLabel;

namespace Ui { class MainWindow; }

// The main window. Until the full desktop UI lands it states the connection to ComfyUI:
// URL, live websocket state, what the server reports about itself, and its queue size.
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

    explicit MainWindow(ServerRegistry &servers, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setApiSettings(const ApiSettings &settings);
    ApiSettings apiSettings() const;
    // listening: the switch stays on; otherwise it goes back off and text says why.
    void showApiState(bool listening, const QString &text);

Q_SIGNALS:
    void apiSettingsChanged(const MainWindow::ApiSettings &settings);

private:
    void applyUrl();
    void testConnection();
    void showState();
    void showQueue();
    void updateApiFields();

    Ui::MainWindow *m_ui;
    void follow(ComfyConnection *connection);

    ServerRegistry &m_servers;
    ComfyConnection *m_connection = nullptr;
    QLabel *m_statusLabel = nullptr;
};

Q_DECLARE_METATYPE(MainWindow::ApiSettings)
