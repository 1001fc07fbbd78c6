#include "settingsdialog.h"
#include "ui_settingsdialog.h"

#include "comfyclient.h"
#include "connectiontext.h"
#include "systeminfo.h"

#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QIcon>
#include <QMap>
#include <QPushButton>
#include <QStyle>
#include <QTimer>

namespace {

constexpr int TestTimeoutMs = 10000;

// Readable on light and dark palettes alike.
const char *const StyleSheet =
    "QLabel[role=\"error\"] { color: #d93a3a; }"
    "QLineEdit[invalid=\"true\"], QSpinBox[invalid=\"true\"], "
    "QPlainTextEdit[invalid=\"true\"], QComboBox[invalid=\"true\"] "
    "{ border: 1px solid #d93a3a; border-radius: 2px; padding: 1px; }";

QIcon settingsIcon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

void setInvalid(QWidget *widget, bool invalid)
{
    if (widget->property("invalid").toBool() == invalid)
        return;
    widget->setProperty("invalid", invalid);
    // Style sheets read dynamic properties only when the widget is polished again.
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
    widget->update();
}

} // namespace

SettingsDialog::SettingsDialog(QNetworkAccessManager &nam, QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::SettingsDialog)
    , m_client(new ComfyClient(nam, this))
{
    m_ui->setupUi(this);
    setStyleSheet(QLatin1String(StyleSheet));
    setWindowIcon(settingsIcon("settings"));
    m_client->setTimeoutMs(TestTimeoutMs);

    m_ui->testConnectionButton->setIcon(settingsIcon("test"));
    m_ui->apiTokenShowButton->setIcon(settingsIcon("show"));
    m_ui->apiTokenCopyButton->setIcon(settingsIcon("copy"));
    m_ui->apiTokenRegenerateButton->setIcon(settingsIcon("regenerate"));
    m_ui->sectionTabs->setTabIcon(0, settingsIcon("connected"));
    m_ui->sectionTabs->setTabIcon(2, settingsIcon("api"));

    m_ui->apiBindCombo->addItem(tr("This computer only (127.0.0.1)"),
                                int(DesktopSettings::ApiBind::ThisComputer));
    m_ui->apiBindCombo->addItem(tr("All networks (0.0.0.0)"),
                                int(DesktopSettings::ApiBind::AllNetworks));
    m_ui->apiBindCombo->addItem(tr("One address of this computer"),
                                int(DesktopSettings::ApiBind::OneAddress));

    // Each language under its own name, so whoever cannot read the current one still
    // finds theirs; these names are therefore not translated.
    m_ui->languageCombo->addItem(tr("System default"), QString());
    m_ui->languageCombo->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_ui->languageCombo->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));

    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setAccessibleName(tr("OK"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setAccessibleDescription(
        tr("Checks and keeps the settings"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setAccessibleDescription(
        tr("Closes the dialog without changing anything"));

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_ui->testConnectionButton, &QPushButton::clicked, this,
            &SettingsDialog::testConnection);
    connect(m_ui->browseWorkflowsButton, &QPushButton::clicked, this,
            &SettingsDialog::browseWorkflows);
    connect(m_ui->apiEnabledCheck, &QCheckBox::toggled, this, &SettingsDialog::updateApiFields);
    connect(m_ui->apiBindCombo, &QComboBox::currentIndexChanged, this, [this] {
        // Beyond this computer a token is required: make one now, so the user sees (and
        // can copy) what callers will need instead of finding out from a refusal.
        if (m_ui->apiBindCombo->currentData().toInt()
                != int(DesktopSettings::ApiBind::ThisComputer)
            && m_ui->apiTokenEdit->text().trimmed().isEmpty()) {
            regenerateToken();
        }
        clearProblem(Field::ApiAddress);
        updateApiFields();
    });
    connect(m_ui->apiTokenShowButton, &QToolButton::toggled, this,
            &SettingsDialog::setTokenShown);
    connect(m_ui->apiTokenCopyButton, &QToolButton::clicked, this, &SettingsDialog::copyToken);
    connect(m_ui->apiTokenRegenerateButton, &QToolButton::clicked, this,
            &SettingsDialog::regenerateToken);

    // A refusal goes away as soon as the user changes what was refused.
    connect(m_ui->comfyUrlEdit, &QLineEdit::textEdited, this, [this] {
        clearProblem(Field::ComfyUrl);
    });
    connect(m_ui->comfyTokenEdit, &QLineEdit::textEdited, this, [this] {
        clearProblem(Field::ComfyToken);
    });
    connect(m_ui->workflowsDirEdit, &QLineEdit::textChanged, this, [this] {
        clearProblem(Field::WorkflowsDir);
    });
    connect(m_ui->apiAddressEdit, &QLineEdit::textEdited, this, [this] {
        clearProblem(Field::ApiAddress);
    });
    connect(m_ui->apiPortSpin, &QSpinBox::valueChanged, this, [this] {
        clearProblem(Field::ApiPort);
    });
    connect(m_ui->apiTokenEdit, &QLineEdit::textChanged, this, [this] {
        clearProblem(Field::ApiToken);
    });
    connect(m_ui->apiOriginsEdit, &QPlainTextEdit::textChanged, this, [this] {
        clearProblem(Field::ApiAllowedOrigins);
    });

    setSettings(DesktopSettings());
}

SettingsDialog::~SettingsDialog()
{
    // The client cancels a running test when it goes; that answer must not reach us.
    if (m_testReply)
        disconnect(m_testReply, nullptr, this, nullptr);
    delete m_ui;
}

void SettingsDialog::setSettings(const DesktopSettings &settings)
{
    m_ui->comfyUrlEdit->setText(settings.comfyUrl.toString());
    m_ui->comfyTokenEdit->setText(settings.comfyToken);
    m_ui->workflowsDirEdit->setText(QDir::toNativeSeparators(settings.workflowsDir));
    m_ui->apiEnabledCheck->setChecked(settings.apiEnabled);
    {
        // Choosing the mode here must not invent a token the settings did not have.
        const QSignalBlocker blocker(m_ui->apiBindCombo);
        m_ui->apiBindCombo->setCurrentIndex(
            m_ui->apiBindCombo->findData(int(settings.apiBind)));
    }
    m_ui->apiAddressEdit->setText(settings.apiAddress);
    m_ui->apiPortSpin->setValue(settings.apiPort);
    m_ui->apiTokenEdit->setText(settings.apiToken);
    m_ui->apiOriginsEdit->setPlainText(settings.apiAllowedOrigins.join(QLatin1Char('\n')));
    const int language = m_ui->languageCombo->findData(settings.language);
    m_ui->languageCombo->setCurrentIndex(language < 0 ? 0 : language);
    m_ui->notifyCheck->setChecked(settings.notifyWhenBackground);
    m_ui->testResultLabel->clear();
    for (Field field : {Field::ComfyUrl, Field::ComfyToken, Field::WorkflowsDir,
                        Field::ApiAddress, Field::ApiPort, Field::ApiToken,
                        Field::ApiAllowedOrigins}) {
        clearProblem(field);
    }
    updateApiFields();
}

DesktopSettings SettingsDialog::settings() const
{
    DesktopSettings s;
    s.comfyUrl = typedComfyUrl();
    s.comfyToken = m_ui->comfyTokenEdit->text().trimmed();
    s.workflowsDir = QDir::fromNativeSeparators(m_ui->workflowsDirEdit->text().trimmed());
    s.apiEnabled = m_ui->apiEnabledCheck->isChecked();
    s.apiBind = DesktopSettings::ApiBind(m_ui->apiBindCombo->currentData().toInt());
    s.apiAddress = m_ui->apiAddressEdit->text().trimmed();
    s.apiPort = m_ui->apiPortSpin->value();
    s.apiToken = m_ui->apiTokenEdit->text().trimmed();
    s.apiAllowedOrigins = typedOrigins();
    s.language = m_ui->languageCombo->currentData().toString();
    s.notifyWhenBackground = m_ui->notifyCheck->isChecked();
    return s;
}

void SettingsDialog::showPage(Page page)
{
    m_ui->sectionTabs->setCurrentIndex(int(page));
}

void SettingsDialog::accept()
{
    if (!showProblems(settings().validate()))
        return;
    QDialog::accept();
}

QUrl SettingsDialog::typedComfyUrl() const
{
    const QString text = m_ui->comfyUrlEdit->text().trimmed();
    if (text.isEmpty())
        return {};
    // "localhost:8188" or "gpu-box:8188" is what people type: they mean http.
    if (!text.contains(QLatin1String("://")))
        return QUrl(QStringLiteral("http://") + text, QUrl::StrictMode);
    return QUrl(text, QUrl::StrictMode);
}

QStringList SettingsDialog::typedOrigins() const
{
    QStringList origins;
    const QStringList lines = m_ui->apiOriginsEdit->toPlainText().split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            origins.append(line.trimmed());
    }
    return origins;
}

void SettingsDialog::testConnection()
{
    const QUrl url = typedComfyUrl();
    const QList<DesktopSettings::Problem> problems = DesktopSettings::checkComfyUrl(url);
    if (!problems.isEmpty()) {
        showProblems(problems);
        m_ui->testResultLabel->clear();
        return;
    }
    if (m_testReply) {
        disconnect(m_testReply, nullptr, this, nullptr);
        m_testReply->abort();
    }
    m_client->setBaseUrl(url);
    m_client->setBearerToken(m_ui->comfyTokenEdit->text().trimmed());
    m_ui->testResultLabel->setText(tr("Asking %1…").arg(url.toDisplayString()));
    m_ui->testResultLabel->setToolTip(QString());
    m_ui->testConnectionButton->setEnabled(false);
    ComfyReply *reply = m_client->systemStats();
    m_testReply = reply;
    connect(reply, &ComfyReply::finished, this, [this, reply, url] {
        m_testReply = nullptr;
        m_ui->testConnectionButton->setEnabled(true);
        showTestResult(reply, url);
    });
}

void SettingsDialog::showTestResult(ComfyReply *reply, const QUrl &url)
{
    const QString where = url.toDisplayString();
    const ComfyError &error = reply->error();
    QString text;
    if (reply->ok()) {
        const SystemInfo info = SystemInfo::fromJson(reply->object());
        if (!info.valid) {
            text = tr("Something answers at %1, but it is not ComfyUI.").arg(where);
        } else {
            const QString version = info.comfyuiVersion.isEmpty()
                ? tr("ComfyUI (version unknown)") : tr("ComfyUI %1").arg(info.comfyuiVersion);
            if (info.devices.isEmpty()) {
                text = tr("%1, no device reported.").arg(version);
            } else {
                const SystemInfo::Device &device = info.devices.constFirst();
                const QString name = ConnectionText::deviceName(device);
                text = device.vramFree >= 0 && device.vramTotal > 0
                    ? tr("%1 on %2, %3 free.")
                          .arg(version, name, ConnectionText::dataSize(device.vramFree))
                    : tr("%1 on %2.").arg(version, name);
            }
        }
    } else if (error.kind == ComfyError::Kind::Http
               && (error.httpStatus == 401 || error.httpStatus == 403)) {
        text = tr("%1 refused the request (HTTP status %2): check the token.")
                   .arg(where).arg(error.httpStatus);
    } else if (error.kind == ComfyError::Kind::Timeout) {
        text = tr("No answer from %1 within %2 seconds.").arg(where).arg(TestTimeoutMs / 1000);
    } else if (error.kind == ComfyError::Kind::InvalidJson) {
        text = tr("Something answers at %1, but it is not ComfyUI.").arg(where);
    } else {
        text = tr("Cannot reach ComfyUI at %1: %2.").arg(where, ConnectionText::reason(error));
    }
    m_ui->testResultLabel->setText(text);
    // The technical account (Qt's own error text, the request) for whoever needs more.
    m_ui->testResultLabel->setToolTip(error.message);
}

void SettingsDialog::browseWorkflows()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Workflows Folder"), m_ui->workflowsDirEdit->text());
    if (!dir.isEmpty())
        m_ui->workflowsDirEdit->setText(QDir::toNativeSeparators(dir));
}

void SettingsDialog::updateApiFields()
{
    const bool on = m_ui->apiEnabledCheck->isChecked();
    const auto bind = DesktopSettings::ApiBind(m_ui->apiBindCombo->currentData().toInt());
    // Everything stays editable while the API is off: it is set up before it is switched
    // on. Only the address depends on the mode.
    m_ui->apiAddressEdit->setEnabled(bind == DesktopSettings::ApiBind::OneAddress);
    m_ui->apiAddressLabel->setEnabled(bind == DesktopSettings::ApiBind::OneAddress);
    QString exposure;
    if (bind == DesktopSettings::ApiBind::AllNetworks)
        exposure = tr("Every computer that can reach this one can call the API with the "
                      "token, and run workflows and read images through it.");
    else if (bind == DesktopSettings::ApiBind::OneAddress)
        exposure = tr("Computers that can reach this address can call the API with the "
                      "token.");
    else
        exposure = tr("Only programs on this computer can call the API.");
    if (!on)
        exposure = tr("The API is off. %1").arg(exposure);
    m_ui->apiExposureLabel->setText(exposure);
}

void SettingsDialog::setTokenShown(bool shown)
{
    m_ui->apiTokenEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    m_ui->apiTokenShowButton->setText(shown ? tr("Hide") : tr("Show"));
    m_ui->apiTokenShowButton->setAccessibleName(shown ? tr("Hide token") : tr("Show token"));
}

void SettingsDialog::copyToken()
{
    QGuiApplication::clipboard()->setText(m_ui->apiTokenEdit->text().trimmed());
    m_ui->apiTokenCopyButton->setText(tr("Copied"));
    QTimer::singleShot(2000, m_ui->apiTokenCopyButton, [button = m_ui->apiTokenCopyButton] {
        button->setText(SettingsDialog::tr("Copy"));
    });
}

void SettingsDialog::regenerateToken()
{
    m_ui->apiTokenEdit->setText(DesktopSettings::generateApiToken());
}

bool SettingsDialog::showProblems(const QList<DesktopSettings::Problem> &problems)
{
    if (problems.isEmpty())
        return true;
    QMap<Field, QStringList> texts;
    QList<Field> order;
    for (const DesktopSettings::Problem &problem : problems) {
        if (!texts.contains(problem.field))
            order.append(problem.field);
        texts[problem.field].append(problemText(problem));
    }
    for (Field field : std::as_const(order))
        showProblem(field, texts.value(field).join(QLatin1Char('\n')));
    // The first refused field, on its page, with the focus: where the user fixes it.
    QWidget *first = fieldWidget(order.constFirst());
    for (int i = 0; i < m_ui->sectionTabs->count(); ++i) {
        if (m_ui->sectionTabs->widget(i)->isAncestorOf(first))
            m_ui->sectionTabs->setCurrentIndex(i);
    }
    first->setFocus(Qt::OtherFocusReason);
    return false;
}

QString SettingsDialog::problemText(const DesktopSettings::Problem &problem) const
{
    using Reason = DesktopSettings::Reason;
    switch (problem.reason) {
    case Reason::UrlEmpty:
        return tr("Enter the address of ComfyUI, such as http://localhost:8188.");
    case Reason::UrlInvalid:
        return tr("This is not a valid address. Write it like http://localhost:8188.");
    case Reason::UrlNotHttp:
        return tr("The address must start with http:// or https://.");
    case Reason::UrlNoHost:
        return tr("The address needs a host name or IP address, such as "
                  "http://localhost:8188.");
    case Reason::UrlHasQuery:
        return tr("Leave out anything after “?” or “#”: only the server’s address is "
                  "needed.");
    case Reason::TokenHasSpaces:
        return tr("A token cannot contain spaces or line breaks.");
    case Reason::FolderEmpty:
        return tr("Choose the folder that holds your workflows.");
    case Reason::AddressEmpty:
        return tr("Enter the IP address of this computer to listen on, or choose another "
                  "option above.");
    case Reason::AddressNotIp:
        return tr("“%1” is not an IP address. Enter one such as 192.168.1.20.")
            .arg(problem.value);
    case Reason::PortOutOfRange:
        return tr("Choose a port from 1 to 65535.");
    case Reason::OriginInvalid:
        return tr("“%1” is not an origin. Write scheme://host or scheme://host:port, such "
                  "as http://krita-host:8080, with no path or slash at the end.")
            .arg(problem.value);
    case Reason::LanguageUnknown:
        return tr("This language is not available.");
    }
    return {};
}

QWidget *SettingsDialog::fieldWidget(Field field) const
{
    switch (field) {
    case Field::ComfyUrl: return m_ui->comfyUrlEdit;
    case Field::ComfyToken: return m_ui->comfyTokenEdit;
    case Field::WorkflowsDir: return m_ui->workflowsDirEdit;
    case Field::ApiAddress: return m_ui->apiAddressEdit;
    case Field::ApiPort: return m_ui->apiPortSpin;
    case Field::ApiToken: return m_ui->apiTokenEdit;
    case Field::ApiAllowedOrigins: return m_ui->apiOriginsEdit;
    case Field::Language: return m_ui->languageCombo;
    }
    return m_ui->comfyUrlEdit;
}

QLabel *SettingsDialog::errorLabel(Field field) const
{
    switch (field) {
    case Field::ComfyUrl: return m_ui->comfyUrlErrorLabel;
    case Field::ComfyToken: return m_ui->comfyTokenErrorLabel;
    case Field::WorkflowsDir: return m_ui->workflowsDirErrorLabel;
    case Field::ApiAddress: return m_ui->apiAddressErrorLabel;
    case Field::ApiPort: return m_ui->apiPortErrorLabel;
    case Field::ApiToken: return m_ui->apiTokenErrorLabel;
    case Field::ApiAllowedOrigins: return m_ui->apiOriginsErrorLabel;
    case Field::Language: return m_ui->languageNoteLabel;
    }
    return nullptr;
}

void SettingsDialog::showProblem(Field field, const QString &text)
{
    QWidget *widget = fieldWidget(field);
    QLabel *label = errorLabel(field);
    label->setText(text);
    label->show();
    setInvalid(widget, true);
    // A screen reader announces the description when the focus lands on the field.
    if (!m_plainDescriptions.contains(widget))
        m_plainDescriptions.insert(widget, widget->accessibleDescription());
    widget->setAccessibleDescription(text);
}

void SettingsDialog::clearProblem(Field field)
{
    QWidget *widget = fieldWidget(field);
    if (!widget->property("invalid").toBool())
        return;
    setInvalid(widget, false);
    QLabel *label = errorLabel(field);
    if (field != Field::Language) {
        label->clear();
        label->hide();
    }
    widget->setAccessibleDescription(m_plainDescriptions.take(widget));
}
