#include "inputwidgetfactory.h"

#include "imageinputwidget.h"
#include "jsonnumberliteral.h"
#include "nodeinput.h"
#include "seededit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>

#include <cmath>
#include <limits>

namespace {

bool isLink(const QJsonValue &value)
{
    const QJsonArray array = value.toArray();
    return value.isArray() && array.size() == 2 && array.at(0).isString()
           && array.at(1).isDouble();
}

bool isIntegerLiteral(const QByteArray &literal)
{
    return !literal.isEmpty() && !literal.contains('.') && !literal.contains('e')
           && !literal.contains('E') && !literal.startsWith('"');
}

bool isSeedName(const QString &name)
{
    return name == QLatin1String("seed") || name == QLatin1String("noise_seed");
}

bool fitsInt32(const NodeNumber &number)
{
    bool ok = false;
    const qint64 value = number.toInt64(&ok);
    return ok && value >= std::numeric_limits<int>::min()
           && value <= std::numeric_limits<int>::max();
}

bool isPromptName(const QString &name)
{
    return name == QLatin1String("text") || name == QLatin1String("prompt")
           || name.endsWith(QLatin1String("_prompt")) || name.startsWith(QLatin1String("text_"));
}

// Enough decimals to show the step (0.01 -> 2), at least 2 and at most 6.
int decimalsFor(const NodeNumber &step)
{
    const QString text = step.literal();
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    const int decimals = dot < 0 ? 0 : int(text.size() - dot - 1);
    return std::clamp(decimals, 2, 6);
}

} // namespace

bool InputWidgetFactory::isMainInput(const QString &name, InputField::Kind kind)
{
    static const QStringList Names = {
        QStringLiteral("seed"), QStringLiteral("noise_seed"), QStringLiteral("steps"),
        QStringLiteral("cfg"), QStringLiteral("sampler_name"), QStringLiteral("scheduler"),
        QStringLiteral("width"), QStringLiteral("height"), QStringLiteral("batch_size"),
        QStringLiteral("ckpt_name"), QStringLiteral("denoise"), QStringLiteral("image")};
    if (kind == InputField::Kind::Link)
        return false;
    return Names.contains(name) || kind == InputField::Kind::Seed
           || kind == InputField::Kind::Image
           || (kind == InputField::Kind::MultilineText && isPromptName(name));
}

InputField::Kind InputWidgetFactory::kindFor(const QString &name, const NodeInput *spec,
                                             const QByteArray &literal,
                                             const QJsonValue &value)
{
    using Kind = InputField::Kind;
    if (isLink(value))
        return Kind::Link;
    const bool number = value.isDouble() || JsonNumberLiteral::isMarked(value.toString());
    const bool absent = value.isUndefined(); // an optional input the file leaves out
    if (spec) {
        switch (spec->kind) {
        case NodeInput::Kind::Int:
            if (!number && !absent)
                break;
            if (spec->controlAfterGenerate || isSeedName(name))
                return Kind::Seed;
            if ((!spec->minimum.isSet() || fitsInt32(spec->minimum))
                && (!spec->maximum.isSet() || fitsInt32(spec->maximum))
                && (absent || fitsInt32(NodeNumber::fromLiteral(QString::fromLatin1(literal)))))
                return Kind::Int;
            return Kind::BigInt;
        case NodeInput::Kind::Float:
            return number || absent ? Kind::Float : Kind::Raw;
        case NodeInput::Kind::Boolean:
            return value.isBool() || absent ? Kind::Boolean : Kind::Raw;
        case NodeInput::Kind::Combo:
            if (value.isArray() || value.isObject())
                return Kind::Raw;
            return spec->imageUpload ? Kind::Image : Kind::Combo;
        case NodeInput::Kind::String:
            if (!value.isString() && !absent)
                return Kind::Raw;
            return spec->multiline || isPromptName(name) ? Kind::MultilineText : Kind::Text;
        case NodeInput::Kind::Link:
        case NodeInput::Kind::Unknown:
            break;
        }
    }
    // Offline (or a value of another type than the server says): guess from the value.
    if (value.isBool())
        return Kind::Boolean;
    if (number) {
        if (!isIntegerLiteral(literal))
            return Kind::Float;
        if (isSeedName(name))
            return Kind::Seed;
        return fitsInt32(NodeNumber::fromLiteral(QString::fromLatin1(literal))) ? Kind::Int
                                                                                 : Kind::BigInt;
    }
    if (value.isString()) {
        return isPromptName(name) || value.toString().contains(QLatin1Char('\n'))
                   ? Kind::MultilineText
                   : Kind::Text;
    }
    return Kind::Raw;
}

InputField *InputWidgetFactory::create(const QString &nodeId, const QString &name,
                                       const QString &label, const NodeInput *spec,
                                       const QByteArray &literal, const QJsonValue &value,
                                       QWidget *parent)
{
    using Kind = InputField::Kind;
    const Kind kind = kindFor(name, spec, literal, value);
    QWidget *editor = nullptr;
    switch (kind) {
    case Kind::Int: {
        auto *spin = new QSpinBox(parent);
        bool ok = false;
        qint64 bound = spec ? spec->minimum.toInt64(&ok) : 0;
        spin->setMinimum(ok ? int(bound) : std::numeric_limits<int>::min());
        bound = spec ? spec->maximum.toInt64(&ok) : 0;
        spin->setMaximum(ok ? int(bound) : std::numeric_limits<int>::max());
        const qint64 step = spec ? spec->step.toInt64(&ok) : 0;
        spin->setSingleStep(ok && step > 0 && step < std::numeric_limits<int>::max()
                                ? int(step) : 1);
        spin->setKeyboardTracking(false);
        editor = spin;
        break;
    }
    case Kind::Float: {
        auto *spin = new QDoubleSpinBox(parent);
        const bool bounded = spec && spec->minimum.isSet() && spec->maximum.isSet();
        spin->setDecimals(spec && spec->step.isSet() ? decimalsFor(spec->step) : 4);
        spin->setRange(bounded ? spec->minimum.toDouble() : -1e12,
                       bounded ? spec->maximum.toDouble() : 1e12);
        spin->setSingleStep(spec && spec->step.isSet() && spec->step.toDouble() > 0
                                ? spec->step.toDouble() : 0.1);
        spin->setKeyboardTracking(false);
        editor = spin;
        break;
    }
    case Kind::Seed: {
        auto *seed = new SeedEdit(parent);
        if (spec && spec->minimum.isSet() && spec->maximum.isSet())
            seed->setRange(spec->minimum.literal(), spec->maximum.literal());
        // ComfyUI's default "control after generate" is randomize; a file's seed is kept
        // until the user picks otherwise, so nothing changes behind their back.
        seed->setMode(SeedEdit::Mode::Fixed);
        editor = seed;
        break;
    }
    case Kind::BigInt: {
        auto *edit = new QLineEdit(parent);
        edit->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("-?[0-9]{1,20}")), edit));
        editor = edit;
        break;
    }
    case Kind::Boolean:
        editor = new QCheckBox(parent);
        break;
    case Kind::Combo:
    case Kind::Image: {
        QComboBox *combo = nullptr;
        if (kind == Kind::Image) {
            auto *image = new ImageInputWidget(parent);
            combo = image->combo();
            editor = image;
        } else {
            combo = new QComboBox(parent);
            editor = combo;
        }
        if (spec) {
            for (const QString &choice : spec->choices)
                combo->addItem(choice, choice);
        }
        break;
    }
    case Kind::Text:
        editor = new QLineEdit(parent);
        break;
    case Kind::MultilineText: {
        auto *text = new QPlainTextEdit(parent);
        text->setTabChangesFocus(true);
        text->setFixedHeight(text->fontMetrics().lineSpacing() * 4 + 12);
        editor = text;
        break;
    }
    case Kind::Link: {
        const QString from = value.toArray().at(0).toString();
        auto *link = new QLabel(tr("from node %1").arg(from), parent);
        link->setFocusPolicy(Qt::TabFocus); // a screen reader still reaches it
        editor = link;
        break;
    }
    case Kind::Raw: {
        auto *edit = new QLineEdit(parent);
        edit->setToolTip(tr("A JSON value"));
        editor = edit;
        break;
    }
    }
    editor->setAccessibleName(label);
    const QString tooltip = spec ? spec->tooltip : QString();
    editor->setAccessibleDescription(
        tooltip.isEmpty() ? tr("Input %1 of node %2").arg(name, nodeId) : tooltip);
    if (!tooltip.isEmpty() && editor->toolTip().isEmpty())
        editor->setToolTip(tooltip);

    auto *field = new InputField(nodeId, name, kind, editor, editor);
    field->setMain(isMainInput(name, kind));
    QByteArray shown = literal;
    QJsonValue shownValue = value;
    if (literal.isEmpty() && spec && spec->defaultNumber.isSet()) {
        shown = spec->defaultNumber.literal().toLatin1();
        shownValue = spec->defaultNumber.toDouble();
    } else if (literal.isEmpty() && spec && !spec->defaultValue.isUndefined()) {
        shownValue = spec->defaultValue;
        shown = QJsonDocument(QJsonArray{shownValue}).toJson(QJsonDocument::Compact);
        shown = shown.mid(1, shown.size() - 2);
    }
    if (!shown.isEmpty())
        field->setLiteral(shown, shownValue);
    return field;
}
