#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "comfyconnection.h"
#include "serverregistry.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QCheckBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QLocale>

MainWindow::MainWindow(ServerRegistry &servers, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(new Ui::MainWindow)
    , m_servers(servers)
    , m_connection(&servers.current())
{
    m_ui->setupUi(this);
    m_statusLabel = new QLabel(this);
    m_ui->statusBar->addPermanentWidget(m_statusLabel);
    m_ui->urlEdit->setText(m_connection->baseUrl().toString());
    m_ui->serverLabel->setText(tr("Not tested yet."));

    connect(m_ui->connectButton, &QPushButton::clicked, this, &MainWindow::applyUrl);
    connect(m_ui->urlEdit, &QLineEdit::returnPressed, this, &MainWindow::applyUrl);
    connect(m_ui->testButton, &QPushButton::clicked, this, &MainWindow::testConnection);
    connect(&m_servers, &ServerRegistry::currentChanged, this, &MainWindow::follow);
    follow(m_connection);
    connect(m_ui->apiCheck, &QCheckBox::toggled, this, [this] {
        updateApiFields();
        Q_EMIT apiSettingsChanged(apiSettings());
    });
    m_ui->apiHostEdit->setText(QStringLiteral("127.0.0.1"));
    m_ui->apiPortSpin->setValue(5000);
    m_ui->apiStateLabel->setText(tr("Off. Scripts and plug-ins on this computer or the LAN "
                                    "can run workflows through it when it is on."));
    showState();
    showQueue();
}

void MainWindow::follow(ComfyConnection *connection)
{
    if (m_connection)
        disconnect(m_connection, nullptr, this, nullptr);
    if (m_connection)
        disconnect(&m_connection->tracker(), nullptr, this, nullptr);
    m_connection = connection;
    connect(m_connection, &ComfyConnection::stateChanged, this, [this] {
        showState();
        showQueue();
    });
    connect(&m_connection->tracker(), &PromptTracker::queueChanged, this,
            &MainWindow::showQueue);
    showState();
    showQueue();
}

void MainWindow::setApiSettings(const ApiSettings &settings)
{
    const QSignalBlocker blocker(m_ui->apiCheck);
    m_ui->apiCheck->setChecked(settings.enabled);
    m_ui->apiHostEdit->setText(settings.host);
    m_ui->apiPortSpin->setValue(settings.port);
    m_ui->apiTokenEdit->setText(settings.token);
    updateApiFields();
}

MainWindow::ApiSettings MainWindow::apiSettings() const
{
    return {m_ui->apiCheck->isChecked(), m_ui->apiHostEdit->text().trimmed(),
            quint16(m_ui->apiPortSpin->value()), m_ui->apiTokenEdit->text().trimmed()};
}

void MainWindow::showApiState(bool listening, const QString &text)
{
    if (!listening && m_ui->apiCheck->isChecked()) {
        const QSignalBlocker blocker(m_ui->apiCheck);
        m_ui->apiCheck->setChecked(false);
        updateApiFields();
    }
    m_ui->apiStateLabel->setText(text);
}

void MainWindow::updateApiFields()
{
    // Address, port and token apply when the switch is turned on; while it serves they
    // are fixed, so what the window shows is what callers must use.
    const bool on = m_ui->apiCheck->isChecked();
    m_ui->apiHostEdit->setEnabled(!on);
    m_ui->apiPortSpin->setEnabled(!on);
    m_ui->apiTokenEdit->setReadOnly(on);
}

MainWindow::~MainWindow()
{
    delete m_ui;
}

void MainWindow::applyUrl()
{
    const QUrl url = QUrl::fromUserInput(m_ui->urlEdit->text().trimmed());
    if (!url.isValid() || (url.scheme() != QLatin1String("http")
                           && url.scheme() != QLatin1String("https"))) {
        m_ui->serverLabel->setText(tr("“%1” is not an http:// or https:// address.")
                                       .arg(m_ui->urlEdit->text()));
        return;
    }
    // Another server is another connection: prompts still running on this one finish
    // there, with that server's image URLs.
    ComfyEndpoint endpoint = m_connection->endpoint();
    endpoint.setBaseUrl(url);
    m_servers.switchTo(endpoint);
    testConnection();
}

void MainWindow::testConnection()
{
    m_ui->testButton->setEnabled(false);
    m_ui->serverLabel->setText(tr("Asking %1 …").arg(m_connection->baseUrl().toString()));
    ComfyReply *reply = m_connection->client().systemStats();
    connect(reply, &ComfyReply::finished, this, [this, reply] {
        m_ui->testButton->setEnabled(true);
        if (!reply->ok()) {
            m_ui->serverLabel->setText(reply->error().message);
            return;
        }
        const QJsonObject system = reply->object().value(QLatin1String("system")).toObject();
        const QJsonArray devices = reply->object().value(QLatin1String("devices")).toArray();
        const QString device = devices.isEmpty()
            ? tr("no device")
            : devices.first().toObject().value(QLatin1String("name")).toString();
        m_ui->serverLabel->setText(
            tr("ComfyUI %1 on %2, %3 of RAM free")
                .arg(system.value(QLatin1String("comfyui_version")).toString(tr("(unknown version)")),
                     device,
                     QLocale().formattedDataSize(
                         qint64(system.value(QLatin1String("ram_free")).toDouble()))));
    });
}

void MainWindow::showState()
{
    const QString url = m_connection->baseUrl().toString();
    QString text;
    switch (m_connection->state()) {
    case ComfyConnection::State::Stopped:
        text = tr("Not connected");
        break;
    case ComfyConnection::State::Connecting:
        text = tr("Connecting to %1 …").arg(url);
        break;
    case ComfyConnection::State::Connected:
        text = tr("Connected to %1").arg(url);
        break;
    case ComfyConnection::State::Reconnecting:
        text = tr("Connection to %1 lost, reconnecting …").arg(url);
        break;
    }
    m_ui->stateLabel->setText(text);
    m_statusLabel->setText(text);
}

void MainWindow::showQueue()
{
    const PromptTracker &tracker = m_connection->tracker();
    // A queue read before the server went away says nothing about now.
    if (!m_connection->isQueueCurrent()) {
        m_ui->queueLabel->setText(tr("Unknown until connected"));
        return;
    }
    const QJsonObject queue = tracker.queueSnapshot();
    const int running = queue.value(QLatin1String("queue_running")).toArray().size();
    const int pending = queue.value(QLatin1String("queue_pending")).toArray().size();
    m_ui->queueLabel->setText(tr("%n running", nullptr, running) + QLatin1String(", ")
                              + tr("%n pending", nullptr, pending));
}
