#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

// One image a prompt produced, as ComfyUI names it in history outputs.
struct ImageRef
{
    QString filename;
    QString subfolder;
    QString type;   // "output", "temp" or "input": the real type, never guessed
    QString nodeId;
    bool operator==(const ImageRef &other) const = default;
};

// Where one prompt is now. The states are the REST API's task statuses.
struct PromptStatus
{
    enum class State {
        Unknown,     // its state cannot be told (no queue snapshot yet, server offline)
        NotFound,    // ComfyUI does not know it
        Pending,     // waiting in the queue; queuePosition 1 = runs next
        Running,     // executing now
        CompletedWithoutImages, // finished without error but made no images (text outputs)
        Completed,   // done, with images
        Error,       // failed; errorNode/exceptionType/exceptionMessage say why
        Interrupted, // stopped by an interrupt
        Cancelled,   // deleted from the queue before it ran
        Lost         // was pending or running when the server restarted: it will never finish
    };

    // Why a prompt is in its state where the state alone does not say it. Core writes no
    // sentences: the REST API and the GUI each turn these into their own words.
    enum class Reason {
        None,
        ServerUnreachable,  // Unknown: ComfyUI cannot be reached
        QueueNotRead,       // Unknown: no /queue answer since connecting or an outage
        HistoryNotRead,     // Unknown: not in the queue, and its history is not read yet
        LeftQueueNoHistory, // Lost: left the queue, and ComfyUI has no result for it
        InvalidHistory,     // Error: ComfyUI's history entry is unreadable (reasonDetail)
        ExecutionFailed     // Error: a node raised (errorNode, exceptionType/Message)
    };

    QString promptId;
    State state = State::Unknown;
    Reason reason = Reason::None;
    QString reasonDetail;       // InvalidHistory: what is wrong with the entry

    int queuePosition = 0;      // Pending: 1 = runs next (always known while pending)
    double priority = 0;        // Pending/Running: ComfyUI's queue number

    QString currentNode;        // Running
    int step = 0;               // Running: progress value of the current node
    int maxSteps = 0;
    qint64 startedAtMs = 0;     // Running/finished: execution_start timestamp

    QList<ImageRef> images;     // Completed (CompletedWithoutImages: empty)
    double executionTime = -1;  // seconds, from execution_start -> success/error timestamps
    QJsonObject outputs;        // history "outputs" as ComfyUI sent it
    QJsonObject nodeErrors;     // from the submit answer, when we know it

    QString errorNode;          // Error
    QString errorNodeType;
    QString exceptionType;
    QString exceptionMessage;

    bool isFinal() const
    {
        return state == State::Completed || state == State::CompletedWithoutImages
               || state == State::Error || state == State::Interrupted
               || state == State::Lost || state == State::Cancelled
               || state == State::NotFound;
    }

    // "pending", "running", ... as the API spells them (CompletedWithoutImages is the
    // inherited service's "processing").
    static QString stateName(State state);

    // Lets the tracker emit statusChanged only when something really changed.
    bool operator==(const PromptStatus &other) const = default;
};
