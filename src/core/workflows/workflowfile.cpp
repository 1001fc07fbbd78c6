#include "workflowfile.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringList>

#include <algorithm>
#include <utility>

namespace {

const QString ApiClassTypeKey = QStringLiteral("class_type");
const QString ApiInputsKey = QStringLiteral("inputs");
const QString PromptKey = QStringLiteral("prompt");

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("undefined");
}

WorkflowError uiFormatError(const QString &what)
{
    return WorkflowError::make(
        WorkflowError::Kind::UiFormat,
        QStringLiteral("%1 is a ComfyUI UI workflow (it has \"nodes\" and \"links\"), not the "
                       "API format. In ComfyUI use Workflow > Export (API) (\"Save (API "
                       "Format)\" in older versions, after enabling the dev mode options) and "
                       "use that file instead.")
            .arg(what));
}

} // namespace

void WorkflowFile::lineAndColumn(const QByteArray &text, qint64 offset, int *line,
                                 int *column)
{
    offset = std::clamp<qint64>(offset, 0, text.size());
    int l = 1;
    int c = 1;
    for (qint64 i = 0; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(text.at(i));
        if (byte == '\n') {
            ++l;
            c = 1;
        } else if ((byte & 0xC0) != 0x80) {
            // Count characters, not bytes: continuation bytes of UTF-8 do not advance.
            ++c;
        }
    }
    *line = l;
    *column = c;
}

void WorkflowFile::sortNodeIds(QStringList &ids)
{
    std::sort(ids.begin(), ids.end(), [](const QString &a, const QString &b) {
        bool aNumeric = false;
        bool bNumeric = false;
        const qulonglong aValue = a.toULongLong(&aNumeric);
        const qulonglong bValue = b.toULongLong(&bNumeric);
        if (aNumeric && bNumeric && aValue != bValue)
            return aValue < bValue;
        if (aNumeric != bNumeric)
            return aNumeric; // numbers first
        return a < b;
    });
}

bool WorkflowFile::isUiFormat(const QJsonObject &object)
{
    return object.value(QStringLiteral("nodes")).isArray()
           && object.value(QStringLiteral("links")).isArray();
}

WorkflowError WorkflowFile::checkGraph(const QJsonObject &graph, const QString &what)
{
    if (graph.isEmpty()) {
        return WorkflowError::make(WorkflowError::Kind::InvalidGraph,
                                   QStringLiteral("%1 has no nodes").arg(what));
    }
    QStringList badIds;
    QHash<QString, QString> reasons;
    for (auto it = graph.constBegin(); it != graph.constEnd(); ++it) {
        QString reason;
        if (!it.value().isObject()) {
            reason = QStringLiteral("is %1, not an object").arg(jsonTypeName(it.value()));
        } else {
            const QJsonObject node = it.value().toObject();
            const QJsonValue classType = node.value(ApiClassTypeKey);
            if (!classType.isString() || classType.toString().isEmpty())
                reason = QStringLiteral("has no \"class_type\" string");
            else if (!node.value(ApiInputsKey).isObject())
                reason = QStringLiteral("has no \"inputs\" object");
        }
        if (!reason.isEmpty()) {
            badIds.append(it.key());
            reasons.insert(it.key(), reason);
        }
    }
    if (badIds.isEmpty())
        return {};

    sortNodeIds(badIds);
    QStringList details;
    constexpr int MaxListed = 10; // keep the message readable; nodeIds has them all
    for (const QString &id : std::as_const(badIds).mid(0, MaxListed))
        details.append(QStringLiteral("node \"%1\" %2").arg(id, reasons.value(id)));
    if (badIds.size() > MaxListed)
        details.append(QStringLiteral("and %1 more").arg(badIds.size() - MaxListed));
    WorkflowError error = WorkflowError::make(
        WorkflowError::Kind::InvalidGraph,
        QStringLiteral("%1 is not a ComfyUI API-format graph: %2")
            .arg(what, details.join(QStringLiteral("; "))));
    error.nodeIds = badIds;
    return error;
}

WorkflowResult WorkflowFile::fromObject(const QJsonObject &object, const QString &what)
{
    if (isUiFormat(object))
        return WorkflowResult::failure(uiFormatError(what));

    QJsonObject graph = object;
    const QJsonValue prompt = object.value(PromptKey);
    // {"prompt": {...}} is the wrapped form, unless "prompt" is itself a node (a bare graph
    // may use any string as a node id).
    if (!prompt.isUndefined()
        && !(prompt.isObject() && prompt.toObject().contains(ApiClassTypeKey))) {
        if (!prompt.isObject()) {
            return WorkflowResult::failure(WorkflowError::make(
                WorkflowError::Kind::InvalidGraph,
                QStringLiteral("%1: \"prompt\" is %2, not an object")
                    .arg(what, jsonTypeName(prompt))));
        }
        graph = prompt.toObject();
        if (isUiFormat(graph))
            return WorkflowResult::failure(uiFormatError(what));
    }

    WorkflowResult result;
    result.error = checkGraph(graph, what);
    if (result.isOk())
        result.graph = graph;
    return result;
}

WorkflowResult WorkflowFile::parse(const QByteArray &json, const QString &what)
{
    if (json.size() > MaxSize) {
        return WorkflowResult::failure(WorkflowError::make(
            WorkflowError::Kind::TooLarge,
            QStringLiteral("%1 is too large (%2 bytes; the limit is %3 bytes)")
                .arg(what).arg(json.size()).arg(MaxSize)));
    }
    // Editors on Windows like to start UTF-8 files with a byte order mark; JSON forbids it.
    const qsizetype bomSize = json.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    const QByteArray text = bomSize ? json.mid(bomSize) : json;

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        WorkflowError error;
        error.kind = WorkflowError::Kind::InvalidJson;
        error.offset = parseError.offset + bomSize;
        // Lines and columns as an editor shows them: the BOM is not a column.
        lineAndColumn(text, parseError.offset, &error.line, &error.column);
        error.message = QStringLiteral("%1 is not valid JSON: %2 at line %3, column %4 "
                                       "(byte offset %5)")
                            .arg(what, parseError.errorString())
                            .arg(error.line)
                            .arg(error.column)
                            .arg(error.offset);
        return WorkflowResult::failure(error);
    }
    if (!document.isObject()) {
        return WorkflowResult::failure(WorkflowError::make(
            WorkflowError::Kind::NotAnObject,
            QStringLiteral("%1 is a JSON %2, not an object of nodes")
                .arg(what, document.isArray() ? QStringLiteral("array")
                                               : QStringLiteral("value"))));
    }
    return fromObject(document.object(), what);
}
