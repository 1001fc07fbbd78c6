#include "inputfield.h"

#include "imageinputwidget.h"
#include "seededit.h"
#include "workflowdocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QIcon>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>

namespace {

// Combo items: the value in UserRole; a value the server lacks also keeps its literal.
constexpr int ValueRole = Qt::UserRole;
constexpr int ForeignLiteralRole = Qt::UserRole + 1;

QComboBox *comboOf(QWidget *editor, InputField::Kind kind)
{
    if (kind == InputField::Kind::Image)
        return static_cast<ImageInputWidget *>(editor)->combo();
    return static_cast<QComboBox *>(editor);
}

bool isIntegerText(const QString &text)
{
    static const QRegularExpression integer(QStringLiteral("^-?(0|[1-9][0-9]*)$"));
    return integer.match(text).hasMatch();
}

} // namespace

InputField::InputField(const QString &nodeId, const QString &inputName, Kind kind,
                       QWidget *editor, QObject *parent)
    : QObject(parent)
    , m_nodeId(nodeId)
    , m_inputName(inputName)
    , m_kind(kind)
    , m_editor(editor)
{
    editor->setObjectName(QStringLiteral("input:%1:%2").arg(nodeId, inputName));
    connectEditor();
}

void InputField::connectEditor()
{
    const auto emitEdited = [this] {
        if (!m_loading)
            Q_EMIT edited(this);
    };
    switch (m_kind) {
    case Kind::Int:
        connect(static_cast<QSpinBox *>(m_editor.data()), &QSpinBox::valueChanged, this,
                emitEdited);
        break;
    case Kind::Float:
        connect(static_cast<QDoubleSpinBox *>(m_editor.data()), &QDoubleSpinBox::valueChanged,
                this, emitEdited);
        break;
    case Kind::Seed:
        connect(static_cast<SeedEdit *>(m_editor.data()), &SeedEdit::textChanged, this,
                emitEdited);
        break;
    case Kind::Boolean:
        connect(static_cast<QCheckBox *>(m_editor.data()), &QCheckBox::toggled, this,
                emitEdited);
        break;
    case Kind::Combo:
    case Kind::Image:
        connect(comboOf(m_editor, m_kind), &QComboBox::currentIndexChanged, this, emitEdited);
        break;
    case Kind::BigInt:
    case Kind::Text:
    case Kind::Raw:
        connect(static_cast<QLineEdit *>(m_editor.data()), &QLineEdit::textChanged, this,
                emitEdited);
        break;
    case Kind::MultilineText:
        connect(static_cast<QPlainTextEdit *>(m_editor.data()), &QPlainTextEdit::textChanged,
                this, emitEdited);
        break;
    case Kind::Link:
        break;
    }
}

QByteArray InputField::literal() const
{
    if (!m_editor)
        return {};
    switch (m_kind) {
    case Kind::Int:
        return QByteArray::number(static_cast<QSpinBox *>(m_editor.data())->value());
    case Kind::Float: {
        const double value = static_cast<QDoubleSpinBox *>(m_editor.data())->value();
        return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
    }
    case Kind::Seed: {
        const QString digits = static_cast<SeedEdit *>(m_editor.data())->text();
        return isIntegerText(digits) ? digits.toLatin1() : QByteArray();
    }
    case Kind::BigInt: {
        const QString text = static_cast<QLineEdit *>(m_editor.data())->text().trimmed();
        return isIntegerText(text) ? text.toLatin1() : QByteArray();
    }
    case Kind::Boolean:
        return static_cast<QCheckBox *>(m_editor.data())->isChecked() ? "true" : "false";
    case Kind::Combo:
    case Kind::Image: {
        const QComboBox *combo = comboOf(m_editor, m_kind);
        if (combo->currentIndex() < 0)
            return {};
        const QByteArray foreign = combo->currentData(ForeignLiteralRole).toByteArray();
        if (!foreign.isEmpty())
            return foreign;
        return WorkflowDocument::stringLiteral(combo->currentData(ValueRole).toString());
    }
    case Kind::Text:
        return WorkflowDocument::stringLiteral(
            static_cast<QLineEdit *>(m_editor.data())->text());
    case Kind::MultilineText:
        return WorkflowDocument::stringLiteral(
            static_cast<QPlainTextEdit *>(m_editor.data())->toPlainText());
    case Kind::Raw:
        return static_cast<QLineEdit *>(m_editor.data())->text().toUtf8();
    case Kind::Link:
        break;
    }
    return {};
}

void InputField::setLiteral(const QByteArray &literal, const QJsonValue &value)
{
    if (!m_editor || literal == this->literal())
        return;
    m_loading = true;
    switch (m_kind) {
    case Kind::Int: {
        // A value outside the server's range is shown as it is, not clamped: ComfyUI will
        // say what is wrong with it (node_errors), and the file keeps it until edited.
        auto *spin = static_cast<QSpinBox *>(m_editor.data());
        const int number = value.toInt();
        spin->setRange(std::min(spin->minimum(), number), std::max(spin->maximum(), number));
        spin->setValue(number);
        break;
    }
    case Kind::Float: {
        auto *spin = static_cast<QDoubleSpinBox *>(m_editor.data());
        const double number = value.toDouble();
        spin->setRange(std::min(spin->minimum(), number), std::max(spin->maximum(), number));
        spin->setValue(number);
        break;
    }
    case Kind::Seed:
        static_cast<SeedEdit *>(m_editor.data())->setText(QString::fromLatin1(literal));
        break;
    case Kind::BigInt:
        static_cast<QLineEdit *>(m_editor.data())->setText(QString::fromLatin1(literal));
        break;
    case Kind::Boolean:
        static_cast<QCheckBox *>(m_editor.data())->setChecked(value.toBool());
        break;
    case Kind::Combo:
    case Kind::Image:
        markForeignChoice(literal, value);
        break;
    case Kind::Text:
        static_cast<QLineEdit *>(m_editor.data())->setText(value.toString());
        break;
    case Kind::MultilineText:
        static_cast<QPlainTextEdit *>(m_editor.data())->setPlainText(value.toString());
        break;
    case Kind::Raw:
        static_cast<QLineEdit *>(m_editor.data())->setText(QString::fromUtf8(literal));
        break;
    case Kind::Link:
        break;
    }
    m_loading = false;
}

void InputField::markForeignChoice(const QByteArray &literal, const QJsonValue &value)
{
    QComboBox *combo = comboOf(m_editor, m_kind);
    // At most one foreign item, always first: drop the previous one.
    if (combo->count() > 0 && !combo->itemData(0, ForeignLiteralRole).toByteArray().isEmpty())
        combo->removeItem(0);
    const int index = value.isString() ? combo->findData(value.toString(), ValueRole) : -1;
    if (index >= 0) {
        combo->setCurrentIndex(index);
        combo->setToolTip({});
        return;
    }
    // Kept and marked, never dropped: the server may simply not have the file yet.
    const QString shown = value.isString() ? value.toString() : QString::fromUtf8(literal);
    combo->insertItem(0, QIcon(QStringLiteral(":/icons/warning.svg")),
                      tr("%1 (not on server)").arg(shown));
    combo->setItemData(0, shown, ValueRole);
    combo->setItemData(0, literal, ForeignLiteralRole);
    combo->setItemData(0, tr("The server does not offer this value"), Qt::ToolTipRole);
    combo->setCurrentIndex(0);
    combo->setToolTip(tr("“%1” is not among the server's choices").arg(shown));
}

void InputField::setRow(QFormLayout *layout, QLabel *label)
{
    m_layout = layout;
    m_label = label;
    if (m_editor)
        m_description = m_editor->accessibleDescription();
}

void InputField::setError(const QString &message)
{
    if (message == m_errorText || !m_editor)
        return;
    m_errorText = message;
    if (message.isEmpty()) {
        if (m_errorLabel && m_layout)
            m_layout->removeRow(m_errorLabel); // deletes the label
        m_errorLabel = nullptr;
        m_editor->setAccessibleDescription(m_description);
        return;
    }
    if (!m_errorLabel && m_layout) {
        m_errorLabel = new QLabel;
        m_errorLabel->setObjectName(QStringLiteral("error:%1:%2").arg(m_nodeId, m_inputName));
        m_errorLabel->setWordWrap(true);
        m_errorLabel->setTextFormat(Qt::PlainText);
        QPalette palette = m_errorLabel->palette();
        palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
        m_errorLabel->setPalette(palette);
        m_errorLabel->setAccessibleName(tr("Error"));
        int row = -1;
        QFormLayout::ItemRole role;
        m_layout->getWidgetPosition(m_editor, &row, &role);
        m_layout->insertRow(row + 1, m_errorLabel);
    }
    if (m_errorLabel) {
        m_errorLabel->setText(message);
        m_errorLabel->setAccessibleDescription(message);
    }
    m_editor->setAccessibleDescription(tr("Error from ComfyUI: %1").arg(message));
}
