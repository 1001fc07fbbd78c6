#include "simvalidator.h"

#include "simnodecatalog.h"
#include "simstorage.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {

// ComfyUI reports an input's definition as (type, options): a definition written without
// options (e.g. a combo list alone) still comes back with an empty options dict.
QJsonArray errorConfig(const QJsonArray &config)
{
    QJsonArray full = config;
    if (full.size() < 2)
        full.append(QJsonObject());
    return full;
}


QJsonObject makeError(const QString &type, const QString &message, const QString &details,
                      const QJsonObject &extra = {})
{
    return QJsonObject{{QStringLiteral("type"), type},
                       {QStringLiteral("message"), message},
                       {QStringLiteral("details"), details},
                       {QStringLiteral("extra_info"), extra}};
}

// The traceback ComfyUI 0.3.65 printed for a link to a missing node (recorded).
QJsonArray missingNodeTraceback()
{
    return QJsonArray{
        QStringLiteral("  File \"<COMFY_ROOT>/execution.py\", line 1010, in validate_prompt\n"
                       "    m = await validate_inputs(prompt_id, prompt, o, validated)\n"
                       "        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"),
        QStringLiteral("  File \"<COMFY_ROOT>/execution.py\", line 788, in validate_inputs\n"
                       "    o_class_type = prompt[o_id]['class_type']\n"
                       "                   ~~~~~~^^^^^^\n")};
}

bool typesMatch(const QString &received, const QJsonValue &inputType)
{
    if (!inputType.isString())
        return true; // combo inputs fed by a link: accepted like ComfyUI's COMBO
    const QString wanted = inputType.toString();
    if (received == QLatin1String("*") || wanted == QLatin1String("*") || received == wanted)
        return true;
    const QStringList a = received.split(QLatin1Char(','));
    const QStringList b = wanted.split(QLatin1Char(','));
    return std::any_of(a.begin(), a.end(), [&b](const QString &t) {
        return b.contains(t.trimmed());
    });
}

bool nodeIdLess(const QString &a, const QString &b)
{
    bool okA = false;
    bool okB = false;
    const qlonglong na = a.toLongLong(&okA);
    const qlonglong nb = b.toLongLong(&okB);
    if (okA && okB)
        return na < nb;
    if (okA != okB)
        return okA;
    return a < b;
}

} // namespace

SimValidator::SimValidator(const SimNodeCatalog &catalog, const SimStorage &storage)
    : m_catalog(catalog), m_storage(storage)
{
}

QString SimValidator::pyFloat(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    QString s = QString::number(value, 'g', QLocale::FloatingPointShortest);
    if (!s.contains(QLatin1Char('.')) && !s.contains(QLatin1Char('e')))
        s += QStringLiteral(".0");
    return s;
}

QString SimValidator::pyStr(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    return pyRepr(value);
}

QString SimValidator::pyRepr(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("None");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::abs(d) < 1e15)
            return QString::number(qint64(d));
        return pyFloat(d);
    }
    case QJsonValue::String: {
        const QString s = value.toString();
        if (s.contains(QLatin1Char('\'')) && !s.contains(QLatin1Char('"')))
            return QLatin1Char('"') + s + QLatin1Char('"');
        QString escaped = s;
        escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        escaped.replace(QLatin1Char('\''), QStringLiteral("\\'"));
        return QLatin1Char('\'') + escaped + QLatin1Char('\'');
    }
    case QJsonValue::Array: {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &v : array)
            parts.append(pyRepr(v));
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case QJsonValue::Object: {
        QStringList parts;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            parts.append(pyRepr(it.key()) + QStringLiteral(": ") + pyRepr(it.value()));
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    }
    return {};
}

SimValidationResult SimValidator::validate(const QJsonValue &promptValue,
                                           const QJsonValue &partialTargets) const
{
    SimValidationResult result;
    const QJsonObject prompt = promptValue.toObject();
    QStringList ids = prompt.keys();
    std::sort(ids.begin(), ids.end(), nodeIdLess);

    QStringList targets;
    const bool partial = partialTargets.isArray();
    for (const QJsonValue &t : partialTargets.toArray())
        targets.append(pyStr(t));

    QStringList outputs;
    for (const QString &id : std::as_const(ids)) {
        const QJsonObject node = prompt.value(id).toObject();
        if (!node.contains(QLatin1String("class_type"))) {
            result.error = makeError(
                    QStringLiteral("invalid_prompt"),
                    QStringLiteral("Cannot execute because a node is missing the class_type "
                                   "property."),
                    QStringLiteral("Node ID '#%1'").arg(id));
            return result;
        }
        const QString classType = pyStr(node.value(QLatin1String("class_type")));
        if (!m_catalog.contains(classType)) {
            result.error = makeError(
                    QStringLiteral("invalid_prompt"),
                    QStringLiteral("Cannot execute because node %1 does not exist.")
                            .arg(classType),
                    QStringLiteral("Node ID '#%1'").arg(id));
            return result;
        }
        if (m_catalog.isOutputNode(classType) && (!partial || targets.contains(id)))
            outputs.append(id);
    }
    if (outputs.isEmpty()) {
        result.error = makeError(QStringLiteral("prompt_no_outputs"),
                                 QStringLiteral("Prompt has no outputs"), QString());
        return result;
    }

    QHash<QString, Validated> validated;
    QStringList validatedOrder;
    QList<QPair<QString, QJsonArray>> failures;
    for (const QString &output : std::as_const(outputs)) {
        QJsonArray reasons;
        bool ok = false;
        try {
            ok = validateNode(prompt, output, &validated, &validatedOrder);
            reasons = validated.value(output).errors;
        } catch (const ValidationException &ex) {
            reasons = QJsonArray{makeError(
                    QStringLiteral("exception_during_validation"),
                    QStringLiteral("Exception when validating node"), ex.details,
                    QJsonObject{{QStringLiteral("exception_type"), ex.type},
                                {QStringLiteral("traceback"), missingNodeTraceback()}})};
            validated.insert(output, Validated{false, reasons});
            if (!validatedOrder.contains(output))
                validatedOrder.append(output);
        }
        if (ok) {
            result.goodOutputs.append(output);
            continue;
        }
        failures.append({output, reasons});
        for (const QString &nodeId : std::as_const(validatedOrder)) {
            const Validated v = validated.value(nodeId);
            if (v.ok || v.errors.isEmpty())
                continue;
            QJsonObject entry = result.nodeErrors.value(nodeId).toObject();
            if (entry.isEmpty()) {
                entry.insert(QStringLiteral("errors"), v.errors);
                entry.insert(QStringLiteral("dependent_outputs"), QJsonArray());
                entry.insert(QStringLiteral("class_type"),
                             prompt.value(nodeId).toObject().value(QLatin1String("class_type")));
            }
            QJsonArray deps = entry.value(QLatin1String("dependent_outputs")).toArray();
            deps.append(output);
            entry.insert(QStringLiteral("dependent_outputs"), deps);
            result.nodeErrors.insert(nodeId, entry);
        }
    }
    if (result.goodOutputs.isEmpty()) {
        QStringList lines;
        for (const auto &failure : std::as_const(failures)) {
            for (const QJsonValue &reason : failure.second) {
                const QJsonObject r = reason.toObject();
                lines.append(r.value(QLatin1String("message")).toString() + QStringLiteral(": ")
                             + r.value(QLatin1String("details")).toString());
            }
        }
        result.error = makeError(QStringLiteral("prompt_outputs_failed_validation"),
                                 QStringLiteral("Prompt outputs failed validation"),
                                 lines.join(QLatin1Char('\n')));
        return result;
    }
    result.ok = true;
    return result;
}

bool SimValidator::validateNode(const QJsonObject &prompt, const QString &nodeId,
                                QHash<QString, Validated> *validated, QStringList *order) const
{
    if (validated->contains(nodeId))
        return validated->value(nodeId).ok;
    const QJsonObject node = prompt.value(nodeId).toObject();
    const QString classType = pyStr(node.value(QLatin1String("class_type")));
    const QJsonObject inputs = node.value(QLatin1String("inputs")).toObject();
    const QJsonObject def = m_catalog.definition(classType);
    const QJsonObject inputDef = def.value(QLatin1String("input")).toObject();
    const QJsonObject inputOrder = def.value(QLatin1String("input_order")).toObject();

    QJsonArray errors;
    bool valid = true;
    for (const char *section : {"required", "optional"}) {
        const QString sectionName = QString::fromLatin1(section);
        const QJsonObject defs = inputDef.value(sectionName).toObject();
        const QJsonArray names = inputOrder.value(sectionName).toArray();
        for (const QJsonValue &nameValue : names) {
            const QString name = nameValue.toString();
            const QJsonArray config = defs.value(name).toArray();
            if (!inputs.contains(name)) {
                if (sectionName == QLatin1String("required")) {
                    errors.append(makeError(QStringLiteral("required_input_missing"),
                                            QStringLiteral("Required input is missing"), name,
                                            QJsonObject{{QStringLiteral("input_name"), name}}));
                }
                continue;
            }
            const QJsonValue value = inputs.value(name);
            if (!value.isArray()) {
                const QJsonArray valueErrors = checkValue(classType, name, config, value);
                for (const QJsonValue &e : valueErrors)
                    errors.append(e);
                continue;
            }
            const QJsonArray link = value.toArray();
            if (link.size() != 2) {
                errors.append(makeError(
                        QStringLiteral("bad_linked_input"),
                        QStringLiteral("Bad linked input, must be a length-2 list of "
                                       "[node_id, slot_index]"),
                        name,
                        QJsonObject{{QStringLiteral("input_name"), name},
                                    {QStringLiteral("input_config"), errorConfig(config)},
                                    {QStringLiteral("received_value"), value}}));
                continue;
            }
            const QString sourceId = pyStr(link.at(0));
            if (!prompt.contains(sourceId))
                throw ValidationException{QStringLiteral("KeyError"), pyRepr(link.at(0))};
            const QString sourceClass = pyStr(prompt.value(sourceId).toObject()
                                                      .value(QLatin1String("class_type")));
            const QStringList returnTypes = m_catalog.returnTypes(sourceClass);
            const int slot = link.at(1).toInt(-1);
            if (slot < 0 || slot >= returnTypes.size())
                throw ValidationException{QStringLiteral("IndexError"),
                                          QStringLiteral("tuple index out of range")};
            const QString received = returnTypes.at(slot);
            const QJsonValue wanted = config.at(0);
            if (!typesMatch(received, wanted)) {
                const QString details = QStringLiteral("%1, received_type(%2) mismatch "
                                                       "input_type(%3)")
                                                .arg(name, received, pyStr(wanted));
                errors.append(makeError(
                        QStringLiteral("return_type_mismatch"),
                        QStringLiteral("Return type mismatch between linked nodes"), details,
                        QJsonObject{{QStringLiteral("input_name"), name},
                                    {QStringLiteral("input_config"), errorConfig(config)},
                                    {QStringLiteral("received_type"), received},
                                    {QStringLiteral("linked_node"), value}}));
                continue;
            }
            if (!validateNode(prompt, sourceId, validated, order))
                valid = false;
        }
    }
    if (!errors.isEmpty())
        valid = false;
    validated->insert(nodeId, Validated{valid, errors});
    order->append(nodeId);
    return valid;
}

QJsonArray SimValidator::checkValue(const QString &classType, const QString &name,
                                    const QJsonArray &config, const QJsonValue &value) const
{
    const QJsonValue type = config.at(0);
    const QJsonObject options = config.at(1).toObject();
    const QJsonObject baseExtra{{QStringLiteral("input_name"), name},
                                {QStringLiteral("input_config"), errorConfig(config)},
                                {QStringLiteral("received_value"), value}};
    if (classType == QLatin1String("LoadImage") && name == QLatin1String("image")) {
        // LoadImage has VALIDATE_INPUTS: the combo check is replaced by a file check.
        const QString path = m_storage.annotatedInputPath(pyStr(value));
        if (path.isEmpty() || !QFileInfo(path).isFile()) {
            return {makeError(QStringLiteral("custom_validation_failed"),
                              QStringLiteral("Custom validation failed for node"),
                              QStringLiteral("%1 - Invalid image file: %2")
                                      .arg(name, pyStr(value)),
                              QJsonObject{{QStringLiteral("input_name"), name}})};
        }
        return {};
    }
    if (type.isArray()) {
        const QJsonArray choices = type.toArray();
        if (choices.contains(value))
            return {};
        const QString listInfo = choices.size() > 20
                ? QStringLiteral("(list of length %1)").arg(choices.size())
                : pyRepr(choices);
        QJsonObject extra = baseExtra;
        if (choices.size() > 20)
            extra.insert(QStringLiteral("input_config"), QJsonValue::Null);
        return {makeError(QStringLiteral("value_not_in_list"), QStringLiteral("Value not in list"),
                          QStringLiteral("%1: '%2' not in %3").arg(name, pyStr(value), listInfo),
                          extra)};
    }
    const QString typeName = type.toString();
    const bool isInt = typeName == QLatin1String("INT");
    if (!isInt && typeName != QLatin1String("FLOAT"))
        return {};

    double number = 0;
    QString failure;
    if (value.isDouble()) {
        number = isInt ? std::trunc(value.toDouble()) : value.toDouble();
    } else if (value.isBool()) {
        number = value.toBool() ? 1 : 0;
    } else if (value.isString()) {
        bool ok = false;
        const QString s = value.toString().trimmed();
        number = isInt ? double(s.toLongLong(&ok)) : s.toDouble(&ok);
        if (!ok) {
            failure = isInt ? QStringLiteral("invalid literal for int() with base 10: %1")
                                      .arg(pyRepr(value))
                            : QStringLiteral("could not convert string to float: %1")
                                      .arg(pyRepr(value));
        }
    } else {
        failure = isInt ? QStringLiteral("int() argument must be a string, a bytes-like object "
                                         "or a real number, not 'NoneType'")
                        : QStringLiteral("float() argument must be a string or a real number, "
                                         "not 'NoneType'");
    }
    if (!failure.isEmpty()) {
        QJsonObject extra = baseExtra;
        extra.insert(QStringLiteral("exception_message"), failure);
        return {makeError(QStringLiteral("invalid_input_type"),
                          QStringLiteral("Failed to convert an input value to a %1 value")
                                  .arg(typeName),
                          QStringLiteral("%1, %2, %3").arg(name, pyStr(value), failure), extra)};
    }
    auto fmt = [isInt](double d) {
        return isInt ? QString::number(qint64(d)) : pyFloat(d);
    };
    QJsonObject extra = baseExtra;
    extra.insert(QStringLiteral("received_value"), number);
    QJsonArray errors;
    if (options.contains(QLatin1String("min"))
        && number < options.value(QLatin1String("min")).toDouble()) {
        const double min = options.value(QLatin1String("min")).toDouble();
        errors.append(makeError(QStringLiteral("value_smaller_than_min"),
                                QStringLiteral("Value %1 smaller than min of %2")
                                        .arg(fmt(number), fmt(min)),
                                name, extra));
    }
    if (options.contains(QLatin1String("max"))
        && number > options.value(QLatin1String("max")).toDouble()) {
        const double max = options.value(QLatin1String("max")).toDouble();
        errors.append(makeError(QStringLiteral("value_bigger_than_max"),
                                QStringLiteral("Value %1 bigger than max of %2")
                                        .arg(fmt(number), fmt(max)),
                                name, extra));
    }
    return errors;
}
