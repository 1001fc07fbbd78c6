#pragma once

// Real prompts for the GUI tests that run against the simulator.
#include "comfyconnection.h"
#include "comfyqueue.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QString>

namespace SimPrompts {

constexpr int TimeoutMs = 30000;

inline void setInput(QJsonObject &graph, const QString &node, const QString &input,
                     const QJsonValue &value)
{
    QJsonObject n = graph.value(node).toObject();
    QJsonObject inputs = n.value(QLatin1String("inputs")).toObject();
    inputs.insert(input, value);
    n.insert(QLatin1String("inputs"), inputs);
    graph.insert(node, n);
}

// workflows/sd_txt2img.json (KSampler "3", latent "5", positive prompt "6"): with a step
// delay on the simulator, `steps` makes it run as long as a test needs.
inline QJsonObject txt2img(qint64 seed, int steps, int width = 64, int height = 64,
                           const QString &text = {})
{
    QFile file(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/sd_txt2img.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QJsonObject graph = QJsonDocument::fromJson(file.readAll()).object();
    setInput(graph, QStringLiteral("3"), QStringLiteral("seed"), seed);
    setInput(graph, QStringLiteral("3"), QStringLiteral("steps"), steps);
    setInput(graph, QStringLiteral("5"), QStringLiteral("width"), width);
    setInput(graph, QStringLiteral("5"), QStringLiteral("height"), height);
    if (!text.isEmpty())
        setInput(graph, QStringLiteral("6"), QStringLiteral("text"), text);
    return graph;
}

// One EmptyImage of width×height saved by SaveImage: a finished image of a known size.
inline QJsonObject solidImage(int width, int height, int color, const QString &prefix)
{
    const QJsonObject image{{QStringLiteral("class_type"), QStringLiteral("EmptyImage")},
                            {QStringLiteral("inputs"),
                             QJsonObject{{QStringLiteral("width"), width},
                                         {QStringLiteral("height"), height},
                                         {QStringLiteral("batch_size"), 1},
                                         {QStringLiteral("color"), color}}}};
    const QJsonObject save{{QStringLiteral("class_type"), QStringLiteral("SaveImage")},
                           {QStringLiteral("inputs"),
                            QJsonObject{{QStringLiteral("images"), QJsonArray{"1", 0}},
                                        {QStringLiteral("filename_prefix"), prefix}}}};
    return {{QStringLiteral("1"), image}, {QStringLiteral("2"), save}};
}

// Submits through connection; the prompt id, or empty on failure.
inline QString submit(ComfyConnection &connection, const QJsonObject &graph,
                      const SubmitOptions &options = {})
{
    ComfyReply *reply = connection.submit(graph, options);
    QSignalSpy done(reply, &ComfyReply::finished);
    if (!done.wait(TimeoutMs) || !reply->ok()) {
        qWarning() << "submit failed:" << reply->error().message;
        return {};
    }
    return reply->object().value(QLatin1String("prompt_id")).toString();
}

// What the simulator's GET /queue holds now (running or pending ids), in run order (a raw
// pending list is ComfyUI's heap, not sorted).
inline QStringList serverQueue(ComfyClient &client, bool pending)
{
    ComfyReply *reply = client.queue();
    QSignalSpy done(reply, &ComfyReply::finished);
    if (!done.wait(TimeoutMs) || !reply->ok())
        return {QStringLiteral("<no answer>")};
    const ComfyQueue queue = ComfyQueue::parse(reply->object());
    QStringList ids;
    for (const QueueEntry &entry : pending ? queue.pending : queue.running)
        ids.append(entry.promptId);
    return ids;
}

} // namespace SimPrompts
