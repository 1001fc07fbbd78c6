#pragma once

#include <QJsonObject>
#include <QString>

// The main parameters of one API-format graph, in words a person searches and reads:
// what the history browser shows in its columns and what full-text search indexes.
// Read from the graph by node class and input name, never by node id (workflows differ):
// the sampler node (KSampler, KSamplerAdvanced, SamplerCustom...) gives seed, steps, cfg,
// sampler, scheduler, denoise and, through its links, the positive and negative prompt
// texts; the latent node gives the size; the checkpoint loader the model.
struct PromptSummary
{
    QString positive;
    QString negative;
    QString seed;        // text: every digit of a 64-bit seed, never through a double
    int steps = 0;       // 0: not found
    double cfg = -1;     // -1: not found
    QString sampler;
    QString scheduler;
    int width = 0;
    int height = 0;
    QString checkpoint;
    double denoise = -1; // -1: not found

    // Never fails: a graph without a sampler gives an empty summary.
    static PromptSummary fromGraph(const QJsonObject &graph);
    // Every literal input value of the graph (numbers as written, strings), one per line:
    // what "a seed or a number finds the prompts that used it" searches.
    static QString parameterText(const QJsonObject &graph);

    QJsonObject toJson() const;   // snake_case keys; absent values left out
    bool operator==(const PromptSummary &other) const = default;
};
