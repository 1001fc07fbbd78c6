#include "historypage.h"

#include "historyentry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

PromptRecord HistoryPage::fromHistoryEntry(const QString &server, const QString &promptId,
                                           const QJsonValue &value)
{
    using State = PromptStatus::State;

    PromptRecord record;
    record.server = server;
    record.promptId = promptId;

    // prompt: [number, id, graph, extra_data, outputs_to_execute]. Each part is taken only
    // when it has the right type: a wrong one is unknown, never a half-read value.
    const QJsonArray prompt = value.toObject().value(QLatin1String("prompt")).toArray();
    const QJsonValue graph = prompt.at(2);
    if (graph.isObject())
        record.graph = graph.toObject();
    const QJsonObject extraData = prompt.at(3).toObject();
    const QJsonValue clientId = extraData.value(QLatin1String("client_id"));
    if (clientId.isString())
        record.clientId = clientId.toString();
    const QJsonValue workflow = extraData.value(QLatin1String("comfydesk")).toObject()
                                    .value(QLatin1String("workflow"));
    if (workflow.isString())
        record.workflow = workflow.toString();
    // ComfyUI 0.8 and later stamp the queueing time (ms); older ones leave it unknown.
    const QJsonValue createTime = extraData.value(QLatin1String("create_time"));
    if (createTime.isDouble() && createTime.toDouble() > 0)
        record.queuedAtMs = qint64(createTime.toDouble());

    const HistoryEntry entry = HistoryEntry::parse(promptId, value);
    record.hasStatus = true;
    switch (entry.outcome) {
    case HistoryEntry::Outcome::Invalid:
        record.status = PromptStatus::stateName(State::Error);
        record.reason = PromptRecord::reasonCode(PromptStatus::Reason::InvalidHistory);
        record.errorMessage = entry.problem;
        // What images it had cannot be told: the stored list (if any) stays.
        return record;
    case HistoryEntry::Outcome::Success:
        record.status = PromptStatus::stateName(entry.images.isEmpty()
                                                    ? State::CompletedWithoutImages
                                                    : State::Completed);
        break;
    case HistoryEntry::Outcome::Error:
        record.status = PromptStatus::stateName(State::Error);
        record.reason = PromptRecord::reasonCode(PromptStatus::Reason::ExecutionFailed);
        record.errorType = entry.exceptionType;
        record.errorMessage = entry.exceptionMessage;
        break;
    case HistoryEntry::Outcome::Interrupted:
        record.status = PromptStatus::stateName(State::Interrupted);
        break;
    }
    record.errorNode = entry.errorNode;
    record.startedAtMs = entry.startedAtMs;
    record.finishedAtMs = entry.endedAtMs;
    record.executionTime = entry.executionTime;
    // History is written once, when the prompt has ended: its images are the whole list.
    record.hasImages = true;
    record.images = entry.images;
    return record;
}

HistoryPage HistoryPage::parse(const QByteArray &body, const QString &server,
                               const QSet<QString> &skipIds)
{
    HistoryPage page;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        page.error = QStringLiteral("The history is not JSON (%1 at offset %2)")
                         .arg(parseError.errorString())
                         .arg(parseError.offset);
        return page;
    }
    if (!document.isObject()) {
        page.error = QStringLiteral("The history is not a JSON object");
        return page;
    }
    const QJsonObject history = document.object();
    page.entryCount = int(history.size());
    page.promptIds.reserve(history.size());
    page.records.reserve(history.size());
    for (auto it = history.constBegin(); it != history.constEnd(); ++it) {
        page.promptIds.append(it.key());
        if (!skipIds.contains(it.key()))
            page.records.append(fromHistoryEntry(server, it.key(), it.value()));
    }
    return page;
}
