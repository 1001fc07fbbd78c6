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
        Processing,  // ComfyUI has it, finished, but it has no images (e.g. text outputs)
        Completed,   // done, with images
        Error,       // failed; errorNode/exceptionType/exceptionMessage say why
        Interrupted, // stopped by an interrupt
        Cancelled,   // deleted from the queue before it ran
        Lost         // was pending or running when the server restarted: it will never finish
    };

    QString promptId;
    State state = State::Unknown;
    QString message;            // human text, e.g. "Task is waiting in queue"

    int queuePosition = 0;      // Pending
    double priority = 0;        // Pending/Running: ComfyUI's queue number

    QString currentNode;        // Running
    int step = 0;               // Running: progress value of the current node
    int maxSteps = 0;
    qint64 startedAtMs = 0;     // Running/finished: execution_start timestamp

    QList<ImageRef> images;     // Completed (also Processing: empty)
    double executionTime = -1;  // seconds, from execution_start -> success/error timestamps
    QJsonObject outputs;        // history "outputs" as ComfyUI sent it
    QJsonObject nodeErrors;     // from the submit answer, when we know it

    QString errorNode;          // Error
    QString errorNodeType;
    QString exceptionType;
    QString exceptionMessage;

    bool isFinal() const
    {
        return state == State::Completed || state == State::Processing
               || state == State::Error || state == State::Interrupted
               || state == State::Lost || state == State::Cancelled
               || state == State::NotFound;
    }

    static QString stateName(State state); // "pending", "running", ... as the API spells them

    // Lets the tracker emit statusChanged only when something really changed.
    bool operator==(const PromptStatus &other) const = default;
};
