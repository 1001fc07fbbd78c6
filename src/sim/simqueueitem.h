#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// One queue entry: ComfyUI's (number, prompt_id, prompt, extra_data, outputs_to_execute).
struct SimQueueItem
{
    QJsonValue number;      // int from the counter, or the client's float
    QString promptId;
    QJsonObject prompt;
    QJsonObject extraData;
    QJsonArray outputs;

    QJsonArray toJson() const { return {number, promptId, prompt, extraData, outputs}; }
    QString clientId() const { return extraData.value(QLatin1String("client_id")).toString(); }
    // heapq compares the tuples: number first, then prompt_id.
    bool operator<(const SimQueueItem &other) const
    {
        const double a = number.toDouble();
        const double b = other.number.toDouble();
        return a < b || (a == b && promptId < other.promptId);
    }
};
