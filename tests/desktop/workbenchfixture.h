#pragma once

// The desktop as main() builds it (AppServices + MainWindow + DesktopWiring), against a
// simulator, with settings, workflows and catalogue in a temporary folder.
#include "appconfig.h"
#include "appservices.h"
#include "comfyconnection.h"
#include "desktopsettings.h"
#include "desktopwiring.h"
#include "mainwindow.h"
#include "serverregistry.h"
#include "simserver.h"
#include "workflowstore.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QWidget>

#include <memory>

inline void keepScreenshot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("COMFYDESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        window.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

struct Workbench
{
    // keptRoot: settings, workflows and catalogue of an earlier Workbench (an app restart);
    // empty: a fresh temporary folder.
    explicit Workbench(const QUrl &comfyUrl, const QString &keptRoot = {})
    {
        const QString root = keptRoot.isEmpty() ? dir.path() : keptRoot;
        m_root = root;
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, root + "/config");
        QDir().mkpath(root + QStringLiteral("/workflows"));
        const QDir samples(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows"));
        for (const QString &file : samples.entryList({QStringLiteral("*.json")})) {
            if (!QFile::exists(root + QStringLiteral("/workflows/") + file))
                QFile::copy(samples.filePath(file), root + QStringLiteral("/workflows/") + file);
        }
        settings = std::make_unique<QSettings>();
        AppConfig config;
        config.comfyUrl = comfyUrl;
        config.workflowsDir = root + QStringLiteral("/workflows");
        config.catalogueFile = root + QStringLiteral("/catalogue.sqlite");
        config.requestTimeoutMs = 5000;
        services = std::make_unique<AppServices>(config, *settings);
        services->servers().current().setReconnectDelays(50, 1000);
        DesktopSettings desktop;
        desktop.comfyUrl = comfyUrl;
        desktop.workflowsDir = config.workflowsDir;
        desktop.notifyWhenBackground = false;
        window = std::make_unique<MainWindow>(services->servers(), services->workflows(),
                                              desktop);
        wiring = std::make_unique<DesktopWiring>(*services, *window, *settings);
        window->resize(1280, 800);
        window->show();
    }
    ~Workbench()
    {
        wiring.reset();
        window.reset();
        services.reset();
    }

    QString workflowsDir() const { return m_root + QStringLiteral("/workflows"); }
    QString root() const { return m_root; }

    QTemporaryDir dir;
    QString m_root;
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<AppServices> services;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<DesktopWiring> wiring;
};
