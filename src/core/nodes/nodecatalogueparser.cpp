#include "nodecatalogueparser.h"

#include "objectinfoscanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

namespace {

using Issue = NodeCatalogueIssue;
using Kind = NodeInput::Kind;
using Section = NodeInput::Section;

// A marked big integer (see ObjectInfoScanner) as the double everybody else expects;
// containers are rebuilt only when something inside changed.
QJsonValue restoreNumbers(const QJsonValue &value, bool *changed)
{
    if (value.isString()) {
        const NodeNumber number = NodeNumber::fromJson(value);
        if (!number.isSet())
            return value;
        *changed = true;
        return number.toDouble();
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        bool any = false;
        for (qsizetype i = 0; i < array.size(); ++i) {
            bool itemChanged = false;
            const QJsonValue item = restoreNumbers(array.at(i), &itemChanged);
            if (itemChanged) {
                array.replace(i, item);
                any = true;
            }
        }
        *changed = *changed || any;
        return any ? QJsonValue(array) : value;
    }
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        bool any = false;
        for (auto it = object.begin(); it != object.end(); ++it) {
            bool itemChanged = false;
            const QJsonValue item = restoreNumbers(it.value(), &itemChanged);
            if (itemChanged) {
                it.value() = item;
                any = true;
            }
        }
        *changed = *changed || any;
        return any ? QJsonValue(object) : value;
    }
    return value;
}

QJsonValue restoreNumbers(const QJsonValue &value)
{
    bool changed = false;
    return restoreNumbers(value, &changed);
}

QString choiceText(const QJsonValue &value)
{
    if (value.isString()) {
        const NodeNumber number = NodeNumber::fromJson(value);
        return number.isSet() ? number.literal() : value.toString();
    }
    if (value.isDouble())
        return NodeNumber(value.toDouble()).literal();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {}; // null, arrays and objects are no choice a form can offer
}

QStringList choicesOf(const QJsonArray &array)
{
    QStringList choices;
    choices.reserve(array.size());
    for (const QJsonValue &value : array) {
        const QString text = choiceText(value);
        if (!text.isEmpty() || value.isString())
            choices.append(text);
    }
    return choices;
}

Kind kindOfType(const QString &type)
{
    if (type == QLatin1String("INT"))
        return Kind::Int;
    if (type == QLatin1String("FLOAT"))
        return Kind::Float;
    if (type == QLatin1String("STRING"))
        return Kind::String;
    if (type == QLatin1String("BOOLEAN"))
        return Kind::Boolean;
    if (type == QLatin1String("COMBO"))
        return Kind::Combo;
    return type.isEmpty() ? Kind::Unknown : Kind::Link;
}

void applyOptions(NodeInput &input, const QJsonObject &options)
{
    input.options = restoreNumbers(options).toObject();
    input.tooltip = options.value(QLatin1String("tooltip")).toString();
    input.displayName = options.value(QLatin1String("display_name")).toString();
    const QJsonValue defaultValue = options.value(QLatin1String("default"));
    input.defaultNumber = NodeNumber::fromJson(defaultValue);
    input.defaultValue = restoreNumbers(defaultValue);
    input.minimum = NodeNumber::fromJson(options.value(QLatin1String("min")));
    input.maximum = NodeNumber::fromJson(options.value(QLatin1String("max")));
    input.step = NodeNumber::fromJson(options.value(QLatin1String("step")));
    input.round = NodeNumber::fromJson(options.value(QLatin1String("round")));
    input.multiline = options.value(QLatin1String("multiline")).toBool();
    input.imageUpload = options.value(QLatin1String("image_upload")).toBool();
    input.forceInput = options.value(QLatin1String("forceInput")).toBool();
    // A bool in the classic node API; newer schema versions may name the mode instead.
    const QJsonValue control = options.value(QLatin1String("control_after_generate"));
    input.controlAfterGenerate =
        control.toBool() || (control.isString() && !control.toString().isEmpty());
    if (input.kind == Kind::Combo && input.choices.isEmpty())
        input.choices = choicesOf(options.value(QLatin1String("options")).toArray());
}

// spec: [type, {options}] where type is a name or (older combos) the list of choices;
// hidden inputs may be a bare type name.
NodeInput parseInput(const QString &nodeClass, const QString &name, Section section,
                     const QJsonValue &spec, NodeCatalogue &catalogue)
{
    NodeInput input;
    input.name = name;
    input.section = section;
    QJsonValue typeValue;
    QJsonObject options;
    if (spec.isArray()) {
        const QJsonArray array = spec.toArray();
        typeValue = array.at(0); // Undefined when empty
        options = array.at(1).toObject();
    } else if (spec.isString()) {
        typeValue = spec;
    }

    if (typeValue.isArray()) {
        input.kind = Kind::Combo;
        input.type = QStringLiteral("COMBO");
        input.choices = choicesOf(typeValue.toArray());
    } else if (typeValue.isString()) {
        input.type = typeValue.toString();
        input.kind = kindOfType(input.type);
    }
    if (input.kind == Kind::Unknown)
        catalogue.addIssue({Issue::Code::InputNotUnderstood, nodeClass, name});
    applyOptions(input, options);
    return input;
}

// ComfyUI's input_order first, then names in the order they were written (the scan of the
// raw body), then anything left in key order: every input appears exactly once.
QStringList orderedNames(const QJsonObject &section, const QJsonValue &declared,
                         const QStringList &written)
{
    QStringList names;
    QSet<QString> seen;
    auto take = [&](const QString &name) {
        if (section.contains(name) && !seen.contains(name)) {
            seen.insert(name);
            names.append(name);
        }
    };
    for (const QJsonValue &value : declared.toArray())
        take(value.toString());
    for (const QString &name : written)
        take(name);
    for (auto it = section.constBegin(); it != section.constEnd(); ++it)
        take(it.key());
    return names;
}

void parseInputs(NodeClass &node, const QJsonObject &info,
                 const QHash<QString, QStringList> &writtenOrder, NodeCatalogue &catalogue)
{
    const QJsonValue inputValue = info.value(QLatin1String("input"));
    if (!inputValue.isObject()) {
        catalogue.addIssue({Issue::Code::InputsNotAnObject, node.name,
                            QStringLiteral("input")});
        return;
    }
    const QJsonObject input = inputValue.toObject();
    const QJsonObject declaredOrder = info.value(QLatin1String("input_order")).toObject();
    for (const Section section : {Section::Required, Section::Optional, Section::Hidden}) {
        const QString sectionName = NodeInput::sectionName(section);
        const QJsonValue sectionValue = input.value(sectionName);
        if (sectionValue.isUndefined() || sectionValue.isNull())
            continue;
        if (!sectionValue.isObject()) {
            catalogue.addIssue({Issue::Code::InputsNotAnObject, node.name, sectionName});
            continue;
        }
        const QJsonObject specs = sectionValue.toObject();
        const QStringList names = orderedNames(specs, declaredOrder.value(sectionName),
                                               writtenOrder.value(sectionName));
        for (const QString &name : names) {
            node.inputs.append(
                parseInput(node.name, name, section, specs.value(name), catalogue));
        }
    }
}

void parseOutputs(NodeClass &node, const QJsonObject &info, NodeCatalogue &catalogue)
{
    const QJsonValue typesValue = info.value(QLatin1String("output"));
    const QJsonValue namesValue = info.value(QLatin1String("output_name"));
    const QJsonValue listsValue = info.value(QLatin1String("output_is_list"));
    const QJsonArray types = typesValue.toArray();
    const QJsonArray names = namesValue.toArray();
    const QJsonArray lists = listsValue.toArray();
    const QJsonArray tooltips = info.value(QLatin1String("output_tooltips")).toArray();

    bool valid = typesValue.isArray();
    valid = valid && (namesValue.isUndefined() || names.size() == types.size());
    valid = valid && (listsValue.isUndefined() || lists.size() == types.size());
    for (qsizetype i = 0; i < types.size(); ++i) {
        NodeOutput output;
        const QJsonValue type = types.at(i);
        if (type.isString()) {
            output.type = type.toString();
        } else if (type.isArray()) {
            output.type = QStringLiteral("COMBO"); // an output carrying a list of choices
        } else {
            valid = false;
            continue;
        }
        output.name = names.at(i).toString();
        if (output.name.isEmpty())
            output.name = output.type;
        output.isList = lists.at(i).toBool();
        output.tooltip = tooltips.at(i).toString();
        node.outputs.append(output);
    }
    if (!valid)
        catalogue.addIssue({Issue::Code::OutputsInvalid, node.name, {}});
}

NodeClass parseNode(const QString &className, const QJsonObject &info,
                    const QHash<QString, QStringList> &writtenOrder, NodeCatalogue &catalogue)
{
    NodeClass node;
    node.name = className;
    node.displayName = info.value(QLatin1String("display_name")).toString();
    if (node.displayName.isEmpty())
        node.displayName = className;
    node.category = info.value(QLatin1String("category")).toString();
    node.description = info.value(QLatin1String("description")).toString();
    node.pythonModule = info.value(QLatin1String("python_module")).toString();
    node.outputNode = info.value(QLatin1String("output_node")).toBool();
    node.deprecated = info.value(QLatin1String("deprecated")).toBool();
    node.experimental = info.value(QLatin1String("experimental")).toBool();
    node.apiNode = info.value(QLatin1String("api_node")).toBool();
    parseInputs(node, info, writtenOrder, catalogue);
    parseOutputs(node, info, catalogue);
    return node;
}

} // namespace

NodeCatalogue NodeCatalogueParser::parse(const QByteArray &body)
{
    NodeCatalogue catalogue;
    const ObjectInfoScanner::Result scan = ObjectInfoScanner::scan(body);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(scan.json, &error);
    if (error.error != QJsonParseError::NoError) {
        // The rewritten body is longer than the raw one: report where the raw one breaks.
        if (scan.json.size() != body.size())
            QJsonDocument::fromJson(body, &error);
        Issue issue{Issue::Code::NotJson, {}, {}};
        issue.offset = error.offset;
        catalogue.addIssue(issue);
        return catalogue;
    }
    if (!document.isObject()) {
        catalogue.addIssue({Issue::Code::NotAnObject, {}, {}});
        return catalogue;
    }
    const QJsonObject classes = document.object();
    for (auto it = classes.constBegin(); it != classes.constEnd(); ++it) {
        if (!it.value().isObject()) {
            catalogue.addIssue({Issue::Code::NodeNotAnObject, it.key(), {}});
            continue;
        }
        catalogue.addNode(parseNode(it.key(), it.value().toObject(),
                                    scan.inputOrder.value(it.key()), catalogue));
    }
    return catalogue;
}
