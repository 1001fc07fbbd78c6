#pragma once

#include "desktopsettings.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

class ComfyClient;
class ComfyReply;
class QLabel;
class QNetworkAccessManager;

namespace Ui { class SettingsDialog; }

// The settings dialog: ComfyUI (URL, token, a connection test), the workflows folder, the
// REST API (on/off, where it listens, port, token, browser origins) and the interface
// (language, background notifications). It edits a DesktopSettings value; the app saves
// and applies what settings() returns after exec() == Accepted.
//
// OK refuses invalid values: each refused field gets a red frame and the reason right
// under it, the focus goes to the first one, and the dialog stays open.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    enum class Page { ComfyUi, Workflows, RestApi, Interface };
    Q_ENUM(Page)

    // nam carries the connection test (the app's, so proxies and TLS settings apply).
    explicit SettingsDialog(QNetworkAccessManager &nam, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    void setSettings(const DesktopSettings &settings);
    DesktopSettings settings() const;
    void showPage(Page page);

    void accept() override;

private:
    using Field = DesktopSettings::Field;

    void testConnection();
    void showTestResult(ComfyReply *reply, const QUrl &url);
    void browseWorkflows();
    void updateApiFields();
    void copyToken();
    void regenerateToken();
    void setTokenShown(bool shown);
    QUrl typedComfyUrl() const;
    QStringList typedOrigins() const;

    // Problems shown on their fields.
    bool showProblems(const QList<DesktopSettings::Problem> &problems);
    void showProblem(Field field, const QString &text);
    void clearProblem(Field field);
    QString problemText(const DesktopSettings::Problem &problem) const;
    QWidget *fieldWidget(Field field) const;
    QLabel *errorLabel(Field field) const;

    Ui::SettingsDialog *m_ui;
    ComfyClient *m_client;
    QPointer<ComfyReply> m_testReply;
    QHash<QWidget *, QString> m_plainDescriptions; // restored when a problem is cleared
};
