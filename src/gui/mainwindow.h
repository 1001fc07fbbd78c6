#pragma once

#include <QMainWindow>

class ComfyConnection;
class QLabel;

namespace Ui { class MainWindow; }

// The main window. Until the full desktop UI lands it states the connection to ComfyUI:
// URL, live websocket state, what the server reports about itself, and its queue size.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ComfyConnection &connection, QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    void applyUrl();
    void testConnection();
    void showState();
    void showQueue();

    Ui::MainWindow *m_ui;
    ComfyConnection &m_connection;
    QLabel *m_statusLabel = nullptr;
};
