#include "simvalidator.h"

#include "simnodecatalog.h"
#include "simstorage.h"

#include <QFileInfo>
#include <QHash>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {

// ComfyUI reports an input's definition as (type, options): a definition written without
// options (e.g. a combo list alone) still comes back with an empty options dict.
SimJson errorConfig(const SimJson &config)
{
    SimJson full = config.isArray() ? config : SimJson::array();
    if (full.size() < 2)
        full.append(SimJson::object());
    return full;
}

SimJson makeError(const QString &type, const QString &message, const QString &details,
                  const SimJson &extra = SimJson::object())
{
    return SimJson::object({{QStringLiteral("type"), type},
                            {QStringLiteral("message"), message},
                            {QStringLiteral("details"), details},
                            {QStringLiteral("extra_info"), extra}});
}

// The frame of validate_inputs that reads the linked node's class (recorded, 0.3.65).
const QString kMissingNodeFrame = QStringLiteral(
        "  File \"<COMFY_ROOT>/execution.py\", line 788, in validate_inputs\n"
        "    o_class_type = prompt[o_id]['class_type']\n"
        "                   ~~~~~~^^^^^^\n");

// The traceback ComfyUI 0.3.65 printed for an output node linked to a missing node.
SimJson missingNodeTraceback()
{
    return SimJson::array({
        QStringLiteral("  File \"<COMFY_ROOT>/execution.py\", line 1010, in validate_prompt\n"
                       "    m = await validate_inputs(prompt_id, prompt, o, validated)\n"
                       "        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"),
        kMissingNodeFrame});
}

// Same, caught one level up by the node linking to the failing one (not recorded: the
// caller's line number is an estimate).
SimJson innerMissingNodeTraceback()
{
    return SimJson::array({
        QStringLiteral("  File \"<COMFY_ROOT>/execution.py\", line 810, in validate_inputs\n"
                       "    r2 = await validate_inputs(prompt_id, prompt, o_id, validated)\n"
                       "         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"),
        kMissingNodeFrame});
}

bool typesMatch(const QString &received, const SimJson &inputType)
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

QString SimValidator::pyStr(const SimJson &value)
{
    if (value.isString())
        return value.toString();
    return pyRepr(value);
}

QString SimValidator::pyRepr(const SimJson &value)
{
    switch (value.type()) {
    case SimJson::Type::Null:
    case SimJson::Type::Undefined:
        return QStringLiteral("None");
    case SimJson::Type::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case SimJson::Type::Number: {
        // json's spelling is Python's repr, except for the non-finite floats.
        const QByteArray text = value.numberText();
        if (text == "NaN")
            return QStringLiteral("nan");
        if (text == "Infinity" || text == "-Infinity")
            return text.startsWith('-') ? QStringLiteral("-inf") : QStringLiteral("inf");
        return QString::fromLatin1(text);
    }
    case SimJson::Type::String: {
        const QString s = value.toString();
        if (s.contains(QLatin1Char('\'')) && !s.contains(QLatin1Char('"')))
            return QLatin1Char('"') + s + QLatin1Char('"');
        QString escaped = s;
        escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        escaped.replace(QLatin1Char('\''), QStringLiteral("\\'"));
        return QLatin1Char('\'') + escaped + QLatin1Char('\'');
    }
    case SimJson::Type::Array: {
        QStringList parts;
        for (const SimJson &v : value.items())
            parts.append(pyRepr(v));
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case SimJson::Type::Object: {
        QStringList parts;
        for (const SimJson::Member &m : value.members())
            parts.append(pyRepr(m.first) + QStringLiteral(": ") + pyRepr(m.second));
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    }
    return {};
}

SimValidationResult SimValidator::validate(const SimJson &prompt,
                                           const SimJson &partialTargets) const
{
    SimValidationResult result;
    QStringList ids = prompt.keys();
    std::sort(ids.begin(), ids.end(), nodeIdLess);

    QStringList targets;
    const bool partial = partialTargets.isArray();
    for (const SimJson &t : partialTargets.items())
        targets.append(pyStr(t));

    QStringList outputs;
    for (const QString &id : std::as_const(ids)) {
        const SimJson node = prompt.value(id);
        if (!node.contains(u"class_type")) {
            result.error = makeError(
                    QStringLiteral("invalid_prompt"),
                    QStringLiteral("Cannot execute because a node is missing the class_type "
                                   "property."),
                    QStringLiteral("Node ID '#%1'").arg(id));
            return result;
        }
        const QString classType = pyStr(node.value(u"class_type"));
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
    QStringList validatedOrder; // a dict's insertion order
    QList<QPair<QString, SimJson>> failures;
    for (const QString &output : std::as_const(outputs)) {
        SimJson reasons = SimJson::array();
        bool ok = false;
        try {
            ok = validateNode(prompt, output, &validated, &validatedOrder);
            reasons = validated.value(output).errors;
        } catch (const ValidationException &ex) {
            reasons = SimJson::array({makeError(
                    QStringLiteral("exception_during_validation"),
                    QStringLiteral("Exception when validating node"), ex.details,
                    SimJson::object({{QStringLiteral("exception_type"), ex.type},
                                     {QStringLiteral("traceback"), missingNodeTraceback()}}))});
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
            SimJson entry = result.nodeErrors.value(nodeId);
            if (!entry.isObject()) {
                entry = SimJson::object({{QStringLiteral("errors"), v.errors},
                                         {QStringLiteral("dependent_outputs"), SimJson::array()},
                                         {QStringLiteral("class_type"),
                                          prompt.value(nodeId).value(u"class_type")}});
            }
            SimJson deps = entry.value(u"dependent_outputs");
            deps.append(output);
            entry.insert(QStringLiteral("dependent_outputs"), deps);
            result.nodeErrors.insert(nodeId, entry);
        }
    }
    if (result.goodOutputs.isEmpty()) {
        QStringList lines;
        for (const auto &failure : std::as_const(failures)) {
            for (const SimJson &r : failure.second.items()) {
                lines.append(r.value(u"message").toString() + QStringLiteral(": ")
                             + r.value(u"details").toString());
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

bool SimValidator::validateNode(const SimJson &prompt, const QString &nodeId,
                                QHash<QString, Validated> *validated, QStringList *order) const
{
    if (validated->contains(nodeId))
        return validated->value(nodeId).ok;
    const SimJson node = prompt.value(nodeId);
    const QString classType = pyStr(node.value(u"class_type"));
    const SimJson inputs = node.value(u"inputs");
    const SimJson def = m_catalog.definition(classType);
    const SimJson inputDef = def.value(u"input");
    const SimJson inputOrder = def.value(u"input_order");

    SimJson errors = SimJson::array();
    bool valid = true;
    for (const char *section : {"required", "optional"}) {
        const QString sectionName = QString::fromLatin1(section);
        const SimJson defs = inputDef.value(sectionName);
        for (const SimJson &nameValue : inputOrder.value(sectionName).items()) {
            const QString name = nameValue.toString();
            const SimJson config = defs.value(name);
            if (!inputs.contains(name)) {
                if (sectionName == QLatin1String("required")) {
                    errors.append(makeError(QStringLiteral("required_input_missing"),
                                            QStringLiteral("Required input is missing"), name,
                                            SimJson::object({{QStringLiteral("input_name"),
                                                              name}})));
                }
                continue;
            }
            const SimJson value = inputs.value(name);
            if (!value.isArray()) {
                for (const SimJson &e : checkValue(classType, name, config, value).items())
                    errors.append(e);
                continue;
            }
            if (value.size() != 2) {
                errors.append(makeError(
                        QStringLiteral("bad_linked_input"),
                        QStringLiteral("Bad linked input, must be a length-2 list of "
                                       "[node_id, slot_index]"),
                        name,
                        SimJson::object({{QStringLiteral("input_name"), name},
                                         {QStringLiteral("input_config"), errorConfig(config)},
                                         {QStringLiteral("received_value"), value}})));
                continue;
            }
            // prompt[o_id] is read before ComfyUI's try block: a missing node raises out of
            // this node's validation, to be caught by whoever validates this node.
            const QString sourceId = pyStr(value.at(0));
            if (!prompt.contains(sourceId))
                throw ValidationException{QStringLiteral("KeyError"), pyRepr(value.at(0))};
            const QString sourceClass = pyStr(prompt.value(sourceId).value(u"class_type"));
            const QStringList returnTypes = m_catalog.returnTypes(sourceClass);
            const int slot = value.at(1).toInt(-1);
            if (slot < 0 || slot >= returnTypes.size())
                throw ValidationException{QStringLiteral("IndexError"),
                                          QStringLiteral("tuple index out of range")};
            const QString received = returnTypes.at(slot);
            const SimJson wanted = config.at(0);
            if (!typesMatch(received, wanted)) {
                const QString details = QStringLiteral("%1, received_type(%2) mismatch "
                                                       "input_type(%3)")
                                                .arg(name, received, pyStr(wanted));
                errors.append(makeError(
                        QStringLiteral("return_type_mismatch"),
                        QStringLiteral("Return type mismatch between linked nodes"), details,
                        SimJson::object({{QStringLiteral("input_name"), name},
                                         {QStringLiteral("input_config"), errorConfig(config)},
                                         {QStringLiteral("received_type"), received},
                                         {QStringLiteral("linked_node"), value}})));
                continue;
            }
            try {
                if (!validateNode(prompt, sourceId, validated, order))
                    valid = false;
            } catch (const ValidationException &ex) {
                // The linked node raised: ComfyUI files the error under that node, naming
                // this node's input.
                valid = false;
                const SimJson reasons = SimJson::array({makeError(
                        QStringLiteral("exception_during_inner_validation"),
                        QStringLiteral("Exception when validating inner node"), ex.details,
                        SimJson::object({{QStringLiteral("input_name"), name},
                                         {QStringLiteral("input_config"), errorConfig(config)},
                                         {QStringLiteral("exception_message"), ex.details},
                                         {QStringLiteral("exception_type"), ex.type},
                                         {QStringLiteral("traceback"),
                                          innerMissingNodeTraceback()},
                                         {QStringLiteral("linked_node"), value}}))});
                validated->insert(sourceId, Validated{false, reasons});
                if (!order->contains(sourceId))
                    order->append(sourceId);
            }
        }
    }
    if (!errors.isEmpty())
        valid = false;
    validated->insert(nodeId, Validated{valid, errors});
    order->append(nodeId);
    return valid;
}

SimJson SimValidator::checkValue(const QString &classType, const QString &name,
                                 const SimJson &config, const SimJson &value) const
{
    const SimJson type = config.at(0);
    const SimJson options = config.at(1);
    const SimJson baseExtra = SimJson::object({{QStringLiteral("input_name"), name},
                                               {QStringLiteral("input_config"),
                                                errorConfig(config)},
                                               {QStringLiteral("received_value"), value}});
    if (classType == QLatin1String("LoadImage") && name == QLatin1String("image")) {
        // LoadImage has VALIDATE_INPUTS: the combo check is replaced by a file check.
        const QString path = m_storage.annotatedInputPath(pyStr(value));
        if (path.isEmpty() || !QFileInfo(path).isFile()) {
            return SimJson::array({makeError(
                    QStringLiteral("custom_validation_failed"),
                    QStringLiteral("Custom validation failed for node"),
                    QStringLiteral("%1 - Invalid image file: %2").arg(name, pyStr(value)),
                    SimJson::object({{QStringLiteral("input_name"), name}}))});
        }
        return SimJson::array();
    }
    if (type.isArray()) {
        if (type.containsItem(value))
            return SimJson::array();
        const QString listInfo = type.size() > 20
                ? QStringLiteral("(list of length %1)").arg(type.size())
                : pyRepr(type);
        SimJson extra = baseExtra;
        if (type.size() > 20)
            extra.insert(QStringLiteral("input_config"), nullptr);
        return SimJson::array({makeError(
                QStringLiteral("value_not_in_list"), QStringLiteral("Value not in list"),
                QStringLiteral("%1: '%2' not in %3").arg(name, pyStr(value), listInfo), extra)});
    }
    const QString typeName = type.toString();
    const bool isInt = typeName == QLatin1String("INT");
    if (!isInt && typeName != QLatin1String("FLOAT"))
        return SimJson::array();

    // int(val) / float(val), as ComfyUI converts before the range checks.
    SimJson converted;
    QString failure;
    if (value.isNumber()) {
        converted = isInt ? (value.isInteger() ? value : SimJson(qint64(std::trunc(
                                                         value.toDouble()))))
                          : SimJson(value.toDouble());
    } else if (value.isBool()) {
        converted = isInt ? SimJson(value.toBool() ? 1 : 0)
                          : SimJson(value.toBool() ? 1.0 : 0.0);
    } else if (value.isString()) {
        bool ok = false;
        const QString s = value.toString().trimmed();
        if (isInt) {
            const qlonglong n = s.toLongLong(&ok);
            converted = SimJson(qint64(n));
        } else {
            const double d = s.toDouble(&ok);
            converted = SimJson(d);
        }
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
        SimJson extra = baseExtra;
        extra.insert(QStringLiteral("exception_message"), failure);
        return SimJson::array({makeError(
                QStringLiteral("invalid_input_type"),
                QStringLiteral("Failed to convert an input value to a %1 value").arg(typeName),
                QStringLiteral("%1, %2, %3").arg(name, pyStr(value), failure), extra)});
    }
    const double number = converted.toDouble();
    SimJson extra = baseExtra;
    extra.insert(QStringLiteral("received_value"), converted);
    SimJson errors = SimJson::array();
    const SimJson min = options.value(u"min");
    if (min.isNumber() && number < min.toDouble()) {
        errors.append(makeError(QStringLiteral("value_smaller_than_min"),
                                QStringLiteral("Value %1 smaller than min of %2")
                                        .arg(pyRepr(converted), pyRepr(min)),
                                name, extra));
    }
    const SimJson max = options.value(u"max");
    if (max.isNumber() && number > max.toDouble()) {
        errors.append(makeError(QStringLiteral("value_bigger_than_max"),
                                QStringLiteral("Value %1 bigger than max of %2")
                                        .arg(pyRepr(converted), pyRepr(max)),
                                name, extra));
    }
    return errors;
}
