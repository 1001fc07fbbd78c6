#include "statusbarwidgets.h"

#include "comfyconnection.h"
#include "connectiontext.h"

#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QStatusBar>
#include <QStyle>

namespace {

QLabel *addLabel(QStatusBar *bar, const char *objectName, const QString &name,
                 const QString &description)
{
    auto *label = new QLabel(bar);
    label->setObjectName(QLatin1String(objectName));
    label->setAccessibleName(name);
    label->setAccessibleDescription(description);
    label->setTextFormat(Qt::PlainText);
    // Room between the fields: the status bar draws no separators of its own.
    label->setContentsMargins(6, 0, 6, 0);
    bar->addPermanentWidget(label);
    return label;
}

} // namespace

StatusBarWidgets::StatusBarWidgets(QStatusBar *statusBar)
    : QObject(statusBar)
{
    m_simulatorLabel = addLabel(statusBar, "simulatorLabel", tr("Simulator"),
                                tr("Shown while the built-in simulator stands in for "
                                   "ComfyUI"));
    m_simulatorLabel->setText(tr("Simulator"));
    QFont bold = m_simulatorLabel->font();
    bold.setBold(true);
    m_simulatorLabel->setFont(bold);
    m_simulatorLabel->setToolTip(tr("The built-in simulator stands in for ComfyUI: it runs "
                                    "workflows without a GPU and makes placeholder images."));
    m_simulatorLabel->hide();

    m_connectionIcon = new QLabel(statusBar);
    m_connectionIcon->setObjectName(QStringLiteral("connectionIconLabel"));
    // The text next to it says the same; a screen reader need not hear it twice.
    m_connectionIcon->setAccessibleName(tr("Connection state icon"));
    m_connectionIcon->setAccessibleDescription(tr("Repeats the connection state beside it"));
    statusBar->addPermanentWidget(m_connectionIcon);
    m_connectionLabel = addLabel(statusBar, "connectionStateLabel", tr("Connection state"),
                                 tr("Whether ComfyDesk is connected to ComfyUI, and why "
                                    "not"));
    m_serverLabel = addLabel(statusBar, "serverInfoLabel", tr("Server"),
                             tr("ComfyUI's version, device and free video memory"));
    m_queueLabel = addLabel(statusBar, "queueLengthLabel", tr("Queue length"),
                            tr("Prompts running and waiting on the server, from every "
                               "client"));
    m_apiLabel = addLabel(statusBar, "apiStateLabel", tr("REST API state"),
                          tr("Whether the REST API is on, where, and how many requests it "
                             "answered"));

    m_tick.setSingleShot(true);
    connect(&m_tick, &QTimer::timeout, this, &StatusBarWidgets::tick);

    setApiState(false, {}, 0, 0);
    setConnection(nullptr);
}

StatusBarWidgets::~StatusBarWidgets() = default;

void StatusBarWidgets::setConnection(ComfyConnection *connection)
{
    if (m_connection) {
        disconnect(m_connection, nullptr, this, nullptr);
        disconnect(&m_connection->tracker(), nullptr, this, nullptr);
    }
    m_connection = connection;
    m_counting = false;
    m_tick.stop();
    if (m_connection) {
        connect(m_connection, &ComfyConnection::stateChanged, this, [this] {
            if (m_connection->state() == ComfyConnection::State::Connected
                || m_connection->state() == ComfyConnection::State::Stopped) {
                m_counting = false;
                m_tick.stop();
            }
            showConnection();
            showServer();
            showQueue();
        });
        connect(m_connection, &ComfyConnection::reconnectScheduled, this,
                &StatusBarWidgets::startCountdown);
        connect(m_connection, &ComfyConnection::failureChanged, this,
                &StatusBarWidgets::showConnection);
        connect(m_connection, &ComfyConnection::systemInfoChanged, this,
                &StatusBarWidgets::showServer);
        connect(&m_connection->tracker(), &PromptTracker::queueChanged, this,
                &StatusBarWidgets::showQueue);
    }
    showConnection();
    showServer();
    showQueue();
}

void StatusBarWidgets::setApiState(bool on, const QString &address, quint16 port,
                                   qint64 served)
{
    if (!on) {
        m_apiLabel->setText(tr("API off"));
        m_apiLabel->setToolTip(tr("The REST API is off. Turn it on in Settings to let "
                                  "scripts and plug-ins run workflows."));
        return;
    }
    // An IPv6 address needs brackets before the port, as in a URL.
    const QString host = address.contains(QLatin1Char(':'))
        ? QLatin1Char('[') + address + QLatin1Char(']') : address;
    const QString where = QStringLiteral("%1:%2").arg(host).arg(port);
    const QString count = QLocale().toString(served);
    const QString text = served == 1 ? tr("API on %1 · 1 request served").arg(where)
                                     : tr("API on %1 · %2 requests served").arg(where, count);
    if (m_apiLabel->text() != text)
        m_apiLabel->setText(text);
    m_apiLabel->setToolTip(tr("The REST API answers at http://%1/api").arg(where));
}

void StatusBarWidgets::setSimulatorInUse(bool inUse)
{
    // A word, not just an icon: it must be plain that results are not real ones.
    m_simulatorLabel->setVisible(inUse);
}

QString StatusBarWidgets::connectionText() const
{
    return m_connectionLabel->text();
}

int StatusBarWidgets::secondsLeft() const
{
    // Rounded up: "in 1 s" until the attempt really starts.
    return int((m_reconnectAt.remainingTime() + 999) / 1000);
}

void StatusBarWidgets::startCountdown(int delayMs)
{
    m_reconnectAt.setRemainingTime(delayMs);
    m_counting = true;
    tick();
}

void StatusBarWidgets::tick()
{
    if (m_counting && m_reconnectAt.hasExpired())
        m_counting = false;
    showConnection();
    if (m_counting) {
        // Wake when the shown number changes, not on a fixed beat that drifts against it.
        const qint64 left = m_reconnectAt.remainingTime();
        const qint64 toNextSecond = left % 1000 == 0 ? 1000 : left % 1000;
        m_tick.start(int(toNextSecond) + 1);
    }
}

void StatusBarWidgets::showConnection()
{
    QString text;
    QString tip;
    QString icon = QStringLiteral("offline");
    if (!m_connection) {
        text = tr("Not connected");
    } else {
        const QString url = m_connection->baseUrl().toDisplayString();
        const ComfyError failure = m_connection->lastFailure();
        const QString reason = ConnectionText::reason(failure);
        tip = failure.isError() ? failure.message : QString();
        switch (m_connection->state()) {
        case ComfyConnection::State::Connected:
            text = tr("Connected to %1").arg(url);
            icon = QStringLiteral("connected");
            break;
        case ComfyConnection::State::Stopped:
            text = reason.isEmpty() ? tr("Not connected") : tr("Offline — %1").arg(reason);
            break;
        case ComfyConnection::State::Connecting:
        case ComfyConnection::State::Reconnecting:
            if (m_counting) {
                const QString why = reason.isEmpty() ? tr("connection lost") : reason;
                text = tr("Reconnecting in %1 s — %2").arg(secondsLeft()).arg(why);
                icon = QStringLiteral("reconnecting");
            } else if (!reason.isEmpty()) {
                // An attempt is on its way; until it succeeds the server is offline.
                text = tr("Offline — %1").arg(reason);
            } else {
                text = m_connection->state() == ComfyConnection::State::Connecting
                    ? tr("Connecting to %1…").arg(url) : tr("Reconnecting to %1…").arg(url);
                icon = QStringLiteral("reconnecting");
            }
            break;
        }
        if (tip.isEmpty())
            tip = url;
    }
    if (m_connectionLabel->text() != text)
        m_connectionLabel->setText(text);
    m_connectionLabel->setToolTip(tip);
    setIcon(icon);
}

void StatusBarWidgets::setIcon(const QString &name)
{
    if (m_iconName == name)
        return;
    m_iconName = name;
    const QIcon icon(QStringLiteral(":/icons/%1.svg").arg(name));
    const int size = m_connectionIcon->style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_connectionIcon->setPixmap(icon.isNull() ? QPixmap() : icon.pixmap(size, size));
    m_connectionIcon->setVisible(!icon.isNull());
}

void StatusBarWidgets::showServer()
{
    const bool connected = m_connection
                           && m_connection->state() == ComfyConnection::State::Connected
                           && m_connection->systemInfo().valid;
    m_serverLabel->setVisible(connected);
    if (!connected)
        return;
    const SystemInfo &info = m_connection->systemInfo();
    m_serverLabel->setText(ConnectionText::serverSummary(info));
    QStringList tip;
    for (const SystemInfo::Device &device : info.devices) {
        tip.append(device.vramTotal > 0
                       ? tr("%1: %2 of %3 VRAM free")
                             .arg(device.name, ConnectionText::dataSize(device.vramFree),
                                  ConnectionText::dataSize(device.vramTotal))
                       : device.name);
    }
    if (!info.pytorchVersion.isEmpty())
        tip.append(tr("PyTorch %1").arg(info.pytorchVersion));
    m_serverLabel->setToolTip(tip.join(QLatin1Char('\n')));
}

void StatusBarWidgets::showQueue()
{
    // A queue read before the server went away says nothing about now.
    const bool current = m_connection && m_connection->isQueueCurrent();
    m_queueLabel->setVisible(current);
    if (!current)
        return;
    const ComfyQueue &queue = m_connection->tracker().queue();
    const QString text = queue.isEmpty()
        ? tr("Queue empty")
        : tr("Queue: %1 running, %2 pending")
              .arg(QLocale().toString(queue.running.size()),
                   QLocale().toString(queue.pending.size()));
    if (m_queueLabel->text() != text)
        m_queueLabel->setText(text);
}
