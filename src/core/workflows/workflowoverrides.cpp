#include "workflowoverrides.h"

#include "workflowfile.h"

#include <QStringList>

namespace {

const QString NodeInputsKey = QStringLiteral("inputs");
const QString NodeClassTypeKey = QStringLiteral("class_type");
const QString MetaKey = QStringLiteral("_meta");

} // namespace

WorkflowResult WorkflowOverrides::apply(const QJsonObject &graph, const QJsonObject &overrides)
{
    QStringList unknownIds;
    QStringList problems; // "node "3": ..." for every other mistake, in node id order
    QStringList badIds;

    QStringList ids = overrides.keys();
    WorkflowFile::sortNodeIds(ids);

    QJsonObject result = graph; // implicitly shared: the caller's graph stays untouched
    for (const QString &id : std::as_const(ids)) {
        const QJsonValue body = overrides.value(id);
        if (!graph.contains(id)) {
            unknownIds.append(id);
            continue;
        }
        auto fail = [&](const QString &what) {
            problems.append(QStringLiteral("node \"%1\": %2").arg(id, what));
            badIds.append(id);
        };
        if (!body.isObject()) {
            fail(QStringLiteral("the override must be an object of inputs"));
            continue;
        }
        const QJsonValue nodeValue = graph.value(id);
        if (!nodeValue.isObject()) {
            fail(QStringLiteral("the workflow node is not an object"));
            continue;
        }
        QJsonObject inputs = body.toObject();
        if (inputs.contains(NodeInputsKey)) {
            if (inputs.size() != 1) {
                fail(QStringLiteral("mixes an \"inputs\" object with other keys; use either "
                                    "{\"inputs\": {...}} or the inputs directly"));
                continue;
            }
            if (!inputs.value(NodeInputsKey).isObject()) {
                fail(QStringLiteral("\"inputs\" must be an object"));
                continue;
            }
            inputs = inputs.value(NodeInputsKey).toObject();
        }
        if (inputs.contains(NodeClassTypeKey) || inputs.contains(MetaKey)) {
            fail(QStringLiteral("\"class_type\" and \"_meta\" cannot be overridden"));
            continue;
        }
        if (inputs.isEmpty())
            continue;

        QJsonObject node = nodeValue.toObject();
        QJsonObject nodeInputs = node.value(NodeInputsKey).toObject();
        for (auto it = inputs.constBegin(); it != inputs.constEnd(); ++it)
            nodeInputs.insert(it.key(), it.value());
        node.insert(NodeInputsKey, nodeInputs);
        result.insert(id, node);
    }

    if (unknownIds.isEmpty() && problems.isEmpty()) {
        WorkflowResult ok;
        ok.graph = result;
        return ok;
    }

    QStringList parts;
    if (!unknownIds.isEmpty()) {
        // ids are already sorted
        QStringList quoted;
        for (const QString &id : std::as_const(unknownIds))
            quoted.append(QLatin1Char('"') + id + QLatin1Char('"'));
        parts.append(QStringLiteral("the workflow has no node %1")
                         .arg(quoted.join(QStringLiteral(", "))));
    }
    parts.append(problems);
    badIds.append(unknownIds);
    WorkflowFile::sortNodeIds(badIds);

    WorkflowError error = WorkflowError::make(
        WorkflowError::Kind::InvalidOverrides,
        QStringLiteral("Invalid overrides: ") + parts.join(QStringLiteral("; ")));
    error.nodeIds = badIds;
    return WorkflowResult::failure(error);
}
