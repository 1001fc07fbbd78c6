#pragma once

#include <QObject>
#include <QTimer>

class AppServices;
class MainWindow;
class QSettings;

// Connects the window to what only the app runs: the REST API switch (the GUI layer knows
// no HTTP server) and its served-requests count in the status bar.
class DesktopWiring final : public QObject
{
    Q_OBJECT
public:
    DesktopWiring(AppServices &services, MainWindow &window, QSettings &settings,
                  QObject *parent = nullptr);

private:
    void applyApiSettings();

    AppServices &m_services;
    MainWindow &m_window;
    QSettings &m_settings;
    QTimer m_servedTimer;
};
