#pragma once

#include "simjson.h"

#include <QString>

// One queue entry: ComfyUI's (number, prompt_id, prompt, extra_data, outputs_to_execute).
struct SimQueueItem
{
    SimJson number;         // int from the counter, or the client's number as a float
    QString promptId;
    SimJson prompt;         // the graph, keys in the order the client sent them
    SimJson extraData;
    SimJson outputs;
    quint64 serial = 0;     // unique per submission (custom prompt ids may repeat)
    QByteArray json;        // toJson() written once: GET /queue does not re-serialise

    void cacheJson() { json = toJson().toJson(); }

    SimJson toJson() const
    {
        return SimJson::array({number, promptId, prompt, extraData, outputs});
    }
    QString clientId() const { return extraData.value(u"client_id").toString(); }
    // heapq compares the tuples: number first, then prompt_id.
    bool operator<(const SimQueueItem &other) const
    {
        const double a = number.toDouble();
        const double b = other.number.toDouble();
        return a < b || (a == b && promptId < other.promptId);
    }
};
