#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// One prompt in ComfyUI's queue, parsed once from a GET /queue item
// [number, prompt_id, prompt, extra_data, outputs_to_execute].
struct QueueEntry
{
    double number = 0;          // ComfyUI's priority; front-queued prompts have negative ones
    QString promptId;
    int position = 0;           // 0 while running; 1 = runs next
    QString clientId;           // extra_data.client_id: whose prompt it is (may be empty)
    QStringList nodeClasses;    // class_type of every node of its graph, sorted, once each
    QStringList outputsToExecute;
    QJsonObject prompt;         // the graph, kept for verbs that resubmit it (move to front)
    QJsonObject extraData;

    bool operator==(const QueueEntry &other) const = default;
};

// A whole GET /queue answer, typed: the running prompts and the pending ones in the order
// ComfyUI will run them (its heap orders by number, then prompt id). Items that are not
// 5-element arrays with a prompt id (a proxy's garbage) are skipped, never trusted.
struct ComfyQueue
{
    QList<QueueEntry> running;
    QList<QueueEntry> pending;  // position i + 1 at index i

    static ComfyQueue parse(const QJsonObject &queue);

    // The same prompts in the same places (ids and numbers): ComfyUI never changes the
    // graph of a prompt id, so this tells a change as well as operator==, without
    // comparing thousands of graphs.
    bool hasSamePrompts(const ComfyQueue &other) const;

    const QueueEntry *find(const QString &promptId) const;
    bool contains(const QString &promptId) const { return find(promptId) != nullptr; }
    bool isEmpty() const { return running.isEmpty() && pending.isEmpty(); }
    bool operator==(const ComfyQueue &other) const = default;
};

// A GET /queue answer as read: the JSON (the REST API serves it as it is) and the typed
// queue. Made in the thread pool from the body's bytes: a queue of thousands of prompts is
// megabytes of graphs, too much to parse on the UI thread at every broadcast.
struct QueueSnapshot
{
    QJsonObject json;
    ComfyQueue queue;
    QString error;          // set when the body is not a JSON object: what is wrong

    static QueueSnapshot fromBody(const QByteArray &body);
    static QueueSnapshot fromJson(const QJsonObject &json);
};
