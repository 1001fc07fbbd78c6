#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// One message received on ComfyUI's /ws socket, parsed into a typed value.
// Text messages carry JSON {"type", "data"}; binary frames carry previews or text
// (see tests/data/transcripts/README.md for the recorded shapes).
struct ComfyEvent
{
    enum class Type {
        Unknown,
        Status,               // queue size changed (broadcast); also the first message
        ExecutionStart,
        ExecutionCached,
        Executing,            // a node starts; node empty + nodeIsNull: the prompt ended
        Progress,             // step value/max of the running node
        ProgressState,        // every non-pending node's state
        Executed,             // an output node produced output
        ExecutionSuccess,
        ExecutionError,
        ExecutionInterrupted,
        FeatureFlags,
        PreviewImage,         // binary type 1 or 4
        Text                  // binary type 3
    };

    Type type = Type::Unknown;
    QString typeName;        // the raw "type" string of a text message
    QString promptId;        // empty when the message has none
    QString node;            // node id for executing/executed/progress/error
    bool nodeIsNull = false; // executing {"node": null}
    int queueRemaining = -1; // status
    QString sid;             // status: the client id the server knows us by
    int value = 0;           // progress
    int max = 0;             // progress
    qint64 timestamp = 0;    // execution_start/success/error/interrupted, epoch ms
    QStringList cachedNodes; // execution_cached
    QJsonObject output;      // executed
    QJsonObject data;        // the whole "data" object of a text message

    // Binary frames
    QByteArray image;        // encoded image bytes of a preview
    QString imageFormat;     // "jpeg" or "png"
    QString text;            // type 3 text
    QJsonObject metadata;    // type 4 metadata (node_id, prompt_id, ...)

    static ComfyEvent fromText(const QByteArray &message);
    static ComfyEvent fromBinary(const QByteArray &frame);
};
