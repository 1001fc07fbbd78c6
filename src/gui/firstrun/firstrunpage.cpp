#include "firstrunpage.h"

#include "comfyconnection.h"
#include "connectiontext.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace {

QLabel *wrappingLabel(QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QPushButton *button(QWidget *parent, const char *objectName, const char *iconName)
{
    auto *b = new QPushButton(parent);
    b->setObjectName(QLatin1String(objectName));
    b->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(iconName))));
    return b;
}

} // namespace

FirstRunPage::FirstRunPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("firstRunPage"));
    auto *column = new QWidget(this);
    // Lines of about 70 characters read best; CJK text is about as wide per line.
    column->setMaximumWidth(fontMetrics().averageCharWidth() * 72);

    m_iconLabel = new QLabel(column);
    m_iconLabel->setObjectName(QStringLiteral("firstRunIconLabel"));
    m_iconLabel->setAlignment(Qt::AlignCenter);
    const QIcon icon(QStringLiteral(":/icons/offline.svg"));
    m_iconLabel->setPixmap(icon.pixmap(96, 96));
    m_iconLabel->setVisible(!icon.isNull());

    m_headlineLabel = wrappingLabel(column, "headlineLabel");
    QFont headline = m_headlineLabel->font();
    headline.setPointSizeF(headline.pointSizeF() * 1.6);
    headline.setBold(true);
    m_headlineLabel->setFont(headline);
    m_detailLabel = wrappingLabel(column, "detailLabel");
    m_adviceLabel = wrappingLabel(column, "adviceLabel");
    m_simulatorLabel = wrappingLabel(column, "simulatorStateLabel");

    m_retryButton = button(column, "retryButton", "reconnecting");
    m_settingsButton = button(column, "openSettingsButton", "settings");
    m_simulatorButton = button(column, "trySimulatorButton", "simulator");
    // The way forward for most people who have no ComfyUI yet.
    m_simulatorButton->setDefault(true);
    connect(m_retryButton, &QPushButton::clicked, this, &FirstRunPage::retryRequested);
    connect(m_settingsButton, &QPushButton::clicked, this, &FirstRunPage::settingsRequested);
    connect(m_simulatorButton, &QPushButton::clicked, this, &FirstRunPage::simulatorRequested);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_retryButton);
    buttons->addWidget(m_settingsButton);
    buttons->addWidget(m_simulatorButton);
    buttons->addStretch();

    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setSpacing(style()->pixelMetric(QStyle::PM_LayoutVerticalSpacing) * 2);
    columnLayout->addWidget(m_iconLabel);
    columnLayout->addWidget(m_headlineLabel);
    columnLayout->addWidget(m_detailLabel);
    columnLayout->addWidget(m_adviceLabel);
    columnLayout->addLayout(buttons);
    columnLayout->addWidget(m_simulatorLabel);

    // Centred by stretches rather than an alignment flag: an aligned item gets its plain
    // size hint, so wrapped text cut off after a language change made it longer.
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 100);
    row->addStretch(1);
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);

    setTabOrder(m_retryButton, m_settingsButton);
    setTabOrder(m_settingsButton, m_simulatorButton);
    setTabOrder(m_simulatorButton, m_detailLabel);

    retranslate();
}

FirstRunPage::~FirstRunPage() = default;

void FirstRunPage::setConnection(ComfyConnection *connection)
{
    if (m_connection)
        disconnect(m_connection, nullptr, this, nullptr);
    m_connection = connection;
    m_everConnected = false;
    if (m_connection) {
        m_everConnected = m_connection->state() == ComfyConnection::State::Connected;
        connect(m_connection, &ComfyConnection::stateChanged, this, [this] {
            if (m_connection->state() == ComfyConnection::State::Connected)
                m_everConnected = true;
            showConnection();
        });
        connect(m_connection, &ComfyConnection::failureChanged, this,
                &FirstRunPage::showConnection);
    }
    showConnection();
}

void FirstRunPage::setSimulatorState(SimulatorState state, const QString &reason)
{
    m_simulatorState = state;
    m_simulatorReason = reason;
    retranslate();
}

bool FirstRunPage::isNeeded() const
{
    return m_needed;
}

QString FirstRunPage::simulatorFailureText(const SimulatorLauncher &launcher)
{
    QString text;
    switch (launcher.failure()) {
    case SimulatorLauncher::Failure::None:
        return {};
    case SimulatorLauncher::Failure::NotFound:
        return tr("The simulator (comfydesk-sim) is not installed next to ComfyDesk. Set "
                  "COMFYDESK_SIM to its path if it is elsewhere.");
    case SimulatorLauncher::Failure::CannotStart:
        return tr("The simulator at %1 could not be run.").arg(launcher.executable());
    case SimulatorLauncher::Failure::Exited:
        text = tr("The simulator stopped at once (exit code %1).").arg(launcher.exitCode());
        break;
    case SimulatorLauncher::Failure::Crashed:
        text = tr("The simulator crashed while starting.");
        break;
    case SimulatorLauncher::Failure::NoUrl:
        return tr("The simulator did not report its address in time.");
    }
    // Its own last words say why (e.g. it could not listen), in English.
    const QString said = launcher.errorOutput().section(QLatin1Char('\n'), -1).trimmed();
    return said.isEmpty() ? text : tr("%1 It said: “%2”").arg(text, said);
}

void FirstRunPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void FirstRunPage::retranslate()
{
    m_headlineLabel->setText(tr("ComfyUI is not reachable"));
    m_adviceLabel->setText(tr("Start ComfyUI on this computer (it listens on port 8188 "
                              "unless told otherwise), or enter the address of the computer "
                              "that runs it in Settings. ComfyDesk connects as soon as "
                              "ComfyUI answers.\n\nNo ComfyUI yet? The built-in simulator "
                              "runs workflows without a GPU and makes placeholder images, "
                              "so you can try everything first."));
    m_retryButton->setText(tr("&Retry"));
    m_retryButton->setAccessibleName(tr("Retry"));
    m_retryButton->setAccessibleDescription(tr("Tries to connect to ComfyUI again now"));
    m_settingsButton->setText(tr("&Settings…"));
    m_settingsButton->setAccessibleName(tr("Settings"));
    m_settingsButton->setAccessibleDescription(
        tr("Opens the settings to change the address of ComfyUI"));
    m_simulatorButton->setText(tr("Try the built-in &simulator"));
    m_simulatorButton->setAccessibleName(tr("Try the built-in simulator"));
    m_simulatorButton->setAccessibleDescription(
        tr("Starts a stand-in for ComfyUI on this computer and connects to it"));
    m_headlineLabel->setAccessibleName(tr("Problem"));
    m_detailLabel->setAccessibleName(tr("What went wrong"));
    m_detailLabel->setAccessibleDescription(tr("The address tried and the error"));
    m_adviceLabel->setAccessibleName(tr("What to do"));
    m_simulatorLabel->setAccessibleName(tr("Simulator state"));
    m_iconLabel->setAccessibleName(tr("Not connected"));

    switch (m_simulatorState) {
    case SimulatorState::Idle:
        m_simulatorLabel->clear();
        m_simulatorLabel->hide();
        m_simulatorButton->setEnabled(true);
        break;
    case SimulatorState::Starting:
        m_simulatorLabel->setText(tr("Starting the simulator…"));
        m_simulatorLabel->show();
        m_simulatorButton->setEnabled(false);
        break;
    case SimulatorState::Failed:
        m_simulatorLabel->setText(m_simulatorReason.isEmpty()
                                      ? tr("The simulator could not start.")
                                      : m_simulatorReason);
        m_simulatorLabel->show();
        m_simulatorButton->setEnabled(true);
        break;
    }
    showConnection();
}

void FirstRunPage::showConnection()
{
    QString text;
    QString tip;
    if (!m_connection) {
        text = tr("No ComfyUI server is set.");
    } else {
        const QString url = m_connection->baseUrl().toDisplayString();
        const ComfyError failure = m_connection->lastFailure();
        if (failure.isError()) {
            text = tr("ComfyDesk tried %1: %2.").arg(url, ConnectionText::reason(failure));
            tip = failure.message;
        } else if (m_connection->state() == ComfyConnection::State::Connected) {
            text = tr("Connected to %1.").arg(url);
        } else {
            text = tr("Trying %1…").arg(url);
        }
    }
    m_detailLabel->setText(text);
    m_detailLabel->setToolTip(tip);
    updateNeeded();
}

void FirstRunPage::updateNeeded()
{
    const bool needed = m_connection && !m_everConnected
                        && m_connection->state() != ComfyConnection::State::Connected
                        && m_connection->lastFailure().isError();
    if (needed == m_needed)
        return;
    m_needed = needed;
    Q_EMIT neededChanged(needed);
}
