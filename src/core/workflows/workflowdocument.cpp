#include "workflowdocument.h"

#include "jsonnumberliteral.h"
#include "jsonspanparser.h"
#include "workflowfile.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

struct InputInfo
{
    QString name;
    qsizetype keyBegin = 0;
    qsizetype keyEnd = 0;
    qsizetype valueBegin = 0;
    qsizetype valueEnd = 0;
    JsonSpan::Type type = JsonSpan::Type::Null;
};

struct NodeInfo
{
    QString id;
    qsizetype keyBegin = 0;
    QString classType;
    QString title;
    qsizetype inputsBegin = 0; // the '{' of "inputs"
    QList<InputInfo> inputs;
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

class WorkflowDocument::Private : public QSharedData
{
public:
    QByteArray original;
    QByteArray text;
    bool wrapped = false;
    QList<NodeInfo> nodes;
    QHash<QString, qsizetype> index;
    // Integer literals a double would round, anywhere in the text: graph() marks them.
    QList<QPair<qsizetype, qsizetype>> bigIntegers;

    const NodeInfo *node(const QString &id) const
    {
        const auto it = index.constFind(id);
        return it == index.constEnd() ? nullptr : &nodes.at(*it);
    }
    const InputInfo *input(const QString &id, const QString &name) const
    {
        const NodeInfo *info = node(id);
        if (!info)
            return nullptr;
        for (qsizetype i = info->inputs.size() - 1; i >= 0; --i) {
            if (info->inputs.at(i).name == name)
                return &info->inputs.at(i);
        }
        return nullptr;
    }

    bool analyse(const QByteArray &bytes, ParseError *error);
    void collectBigIntegers(const JsonSpan &span);
};

namespace {

void setError(WorkflowDocument::ParseError *error, WorkflowDocument::ParseError::Code code,
              const QByteArray &text, qsizetype offset, const QString &message,
              const QString &nodeId = {})
{
    if (!error)
        return;
    error->code = code;
    error->message = message;
    error->nodeId = nodeId;
    error->offset = offset;
    WorkflowFile::lineAndColumn(text, offset, &error->line, &error->column);
}

bool isUiFormat(const JsonSpan &root)
{
    const JsonSpan *nodes = root.member(u"nodes");
    const JsonSpan *links = root.member(u"links");
    return nodes && links && nodes->type == JsonSpan::Type::Array
           && links->type == JsonSpan::Type::Array;
}

} // namespace

void WorkflowDocument::Private::collectBigIntegers(const JsonSpan &span)
{
    switch (span.type) {
    case JsonSpan::Type::Number: {
        const QByteArrayView literal(text.constData() + span.begin, span.end - span.begin);
        if (!literal.contains('.') && !literal.contains('e') && !literal.contains('E')
            && JsonNumberLiteral::needsMarking(QString::fromLatin1(literal))) {
            bigIntegers.append({span.begin, span.end});
        }
        break;
    }
    case JsonSpan::Type::Object:
        for (const JsonSpan::Member &member : span.members)
            collectBigIntegers(member.value);
        break;
    case JsonSpan::Type::Array:
        for (const JsonSpan &item : span.items)
            collectBigIntegers(item);
        break;
    default:
        break;
    }
}

bool WorkflowDocument::Private::analyse(const QByteArray &bytes, ParseError *error)
{
    using Code = ParseError::Code;
    JsonSpanParser parser;
    JsonSpan root;
    if (!parser.parse(bytes, &root)) {
        setError(error, Code::Syntax, bytes, parser.errorOffset(),
                 JsonSpanParser::errorString(parser.error()));
        if (error)
            error->syntax = parser.error();
        return false;
    }
    if (root.type != JsonSpan::Type::Object) {
        setError(error, Code::NotAnObject, bytes, root.begin, QStringLiteral("not an object"));
        return false;
    }
    const JsonSpan *graph = &root;
    bool isWrapped = false;
    if (const JsonSpan *prompt = root.member(u"prompt");
        prompt && !(prompt->type == JsonSpan::Type::Object && prompt->member(u"class_type"))) {
        if (prompt->type != JsonSpan::Type::Object) {
            setError(error, Code::NotAnObject, bytes, prompt->begin,
                     QStringLiteral("\"prompt\" is not an object"));
            return false;
        }
        graph = prompt;
        isWrapped = true;
    }
    if (isUiFormat(*graph)) {
        setError(error, Code::UiFormat, bytes, graph->begin, QStringLiteral("UI format"));
        return false;
    }

    QList<NodeInfo> found;
    QHash<QString, qsizetype> foundIndex;
    for (const JsonSpan::Member &member : graph->members) {
        const JsonSpan &value = member.value;
        const JsonSpan *classType = value.member(u"class_type");
        const JsonSpan *inputs = value.member(u"inputs");
        if (value.type != JsonSpan::Type::Object || !classType
            || classType->type != JsonSpan::Type::String || classType->string.isEmpty()
            || !inputs || inputs->type != JsonSpan::Type::Object) {
            setError(error, Code::InvalidNode, bytes, member.keyBegin,
                     QStringLiteral("node \"%1\" needs a \"class_type\" string and an "
                                    "\"inputs\" object").arg(member.key),
                     member.key);
            return false;
        }
        NodeInfo info;
        info.id = member.key;
        info.keyBegin = member.keyBegin;
        info.classType = classType->string;
        if (const JsonSpan *meta = value.member(u"_meta")) {
            if (const JsonSpan *title = meta->member(u"title"))
                info.title = title->string; // empty unless a string
        }
        info.inputsBegin = inputs->begin;
        for (const JsonSpan::Member &input : inputs->members) {
            info.inputs.append({input.key, input.keyBegin, input.keyEnd, input.value.begin,
                                input.value.end, input.value.type});
        }
        // A repeated id: the last one counts (as in QJsonObject), in the first one's place.
        const auto existing = foundIndex.constFind(info.id);
        if (existing != foundIndex.constEnd()) {
            found[*existing] = std::move(info);
        } else {
            foundIndex.insert(info.id, found.size());
            found.append(std::move(info));
        }
    }

    text = bytes;
    wrapped = isWrapped;
    nodes = std::move(found);
    index = std::move(foundIndex);
    bigIntegers.clear();
    collectBigIntegers(root);
    return true;
}

WorkflowDocument::WorkflowDocument() : d(new Private) {}
WorkflowDocument::WorkflowDocument(const WorkflowDocument &other) = default;
WorkflowDocument &WorkflowDocument::operator=(const WorkflowDocument &other) = default;
WorkflowDocument::~WorkflowDocument() = default;

WorkflowDocument WorkflowDocument::fromText(const QByteArray &text, ParseError *error)
{
    if (error)
        *error = {};
    WorkflowDocument document;
    if (text.size() > WorkflowFile::MaxSize) {
        setError(error, ParseError::Code::Syntax, {}, 0, QStringLiteral("file too large"));
        return document;
    }
    if (document.d->analyse(text, error))
        document.d->original = text;
    return document;
}

bool WorkflowDocument::isNull() const { return d->text.isNull(); }
bool WorkflowDocument::isWrapped() const { return d->wrapped; }

QStringList WorkflowDocument::nodeIds() const
{
    QStringList ids;
    ids.reserve(d->nodes.size());
    for (const NodeInfo &node : d->nodes)
        ids.append(node.id);
    return ids;
}

bool WorkflowDocument::hasNode(const QString &nodeId) const { return d->node(nodeId); }

QString WorkflowDocument::classType(const QString &nodeId) const
{
    const NodeInfo *node = d->node(nodeId);
    return node ? node->classType : QString();
}

QString WorkflowDocument::title(const QString &nodeId) const
{
    const NodeInfo *node = d->node(nodeId);
    return node ? node->title : QString();
}

QStringList WorkflowDocument::inputNames(const QString &nodeId) const
{
    QStringList names;
    if (const NodeInfo *node = d->node(nodeId)) {
        for (const InputInfo &input : node->inputs) {
            if (!names.contains(input.name))
                names.append(input.name);
        }
    }
    return names;
}

bool WorkflowDocument::hasInput(const QString &nodeId, const QString &inputName) const
{
    return d->input(nodeId, inputName);
}

QByteArray WorkflowDocument::inputLiteral(const QString &nodeId, const QString &inputName) const
{
    const InputInfo *input = d->input(nodeId, inputName);
    if (!input)
        return {};
    return d->text.mid(input->valueBegin, input->valueEnd - input->valueBegin);
}

QJsonValue WorkflowDocument::inputValue(const QString &nodeId, const QString &inputName) const
{
    const InputInfo *input = d->input(nodeId, inputName);
    if (!input)
        return QJsonValue(QJsonValue::Undefined);
    const QByteArray literal = inputLiteral(nodeId, inputName);
    if (input->type == JsonSpan::Type::Number) {
        const QString digits = QString::fromLatin1(literal);
        if (!literal.contains('.') && !literal.contains('e') && !literal.contains('E')
            && JsonNumberLiteral::needsMarking(digits)) {
            return JsonNumberLiteral::mark(digits);
        }
    }
    return QJsonDocument::fromJson('[' + literal + ']').array().at(0);
}

bool WorkflowDocument::setInputLiteral(const QString &nodeId, const QString &inputName,
                                       const QByteArray &literal)
{
    const QByteArray value = literal.trimmed();
    JsonSpanParser parser;
    JsonSpan parsed;
    if (value.isEmpty() || !parser.parse(value, &parsed))
        return false;
    const NodeInfo *node = d->node(nodeId);
    if (!node)
        return false;

    QByteArray text = d->text;
    if (const InputInfo *input = d->input(nodeId, inputName)) {
        if (text.mid(input->valueBegin, input->valueEnd - input->valueBegin) == value)
            return true;
        text.replace(input->valueBegin, input->valueEnd - input->valueBegin, value);
    } else if (node->inputs.isEmpty()) {
        text.insert(node->inputsBegin + 1, stringLiteral(inputName) + ": " + value);
    } else {
        // Written like the last input: the same gap before the key (newline and
        // indentation, or a space) and the same spelling of the colon.
        const InputInfo &last = node->inputs.last();
        qsizetype gapBegin = last.keyBegin;
        while (gapBegin > 0 && isSpace(text.at(gapBegin - 1)))
            --gapBegin;
        const QByteArray gap = text.mid(gapBegin, last.keyBegin - gapBegin);
        const QByteArray colon = text.mid(last.keyEnd, last.valueBegin - last.keyEnd);
        text.insert(last.valueEnd, ',' + gap + stringLiteral(inputName) + colon + value);
    }
    // A value replaced by a value keeps the text valid; analyse() checks it anyway.
    return d->analyse(text, nullptr);
}

QByteArray WorkflowDocument::text() const { return d->text; }
QByteArray WorkflowDocument::originalText() const { return d->original; }

bool WorkflowDocument::setText(const QByteArray &text, ParseError *error)
{
    if (error)
        *error = {};
    if (text == d->text)
        return true;
    // analyse() changes nothing unless the text is usable.
    return d->analyse(text, error);
}

bool WorkflowDocument::isModified() const { return d->text != d->original; }

void WorkflowDocument::revert()
{
    if (isModified())
        d->analyse(d->original, nullptr);
}

void WorkflowDocument::markSaved() { d->original = d->text; }

QJsonObject WorkflowDocument::graph() const
{
    QByteArray json;
    if (d->bigIntegers.isEmpty()) {
        json = d->text;
    } else {
        qsizetype copied = 0;
        for (const auto &[begin, end] : d->bigIntegers) {
            json.append(d->text.constData() + copied, begin - copied);
            const QString marked = JsonNumberLiteral::mark(
                QString::fromLatin1(d->text.constData() + begin, end - begin));
            json.append(stringLiteral(marked));
            copied = end;
        }
        json.append(d->text.constData() + copied, d->text.size() - copied);
    }
    if (json.startsWith("\xEF\xBB\xBF"))
        json.remove(0, 3);
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    return d->wrapped ? root.value(QLatin1String("prompt")).toObject() : root;
}

int WorkflowDocument::lineOf(const QString &nodeId, const QString &inputName) const
{
    qsizetype offset = -1;
    if (const InputInfo *input = d->input(nodeId, inputName))
        offset = input->keyBegin;
    else if (const NodeInfo *node = d->node(nodeId))
        offset = node->keyBegin;
    if (offset < 0)
        return 0;
    return int(QByteArrayView(d->text.constData(), offset).count('\n')) + 1;
}

QByteArray WorkflowDocument::stringLiteral(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}
