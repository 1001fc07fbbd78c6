#pragma once

#include "promptsummary.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// One image of a catalogued prompt: where ComfyUI keeps it and where our cache does.
struct CatalogueImage
{
    qint64 rowId = 0;       // images.id
    int index = 0;          // its place among the prompt's images (/api/image/<id>/<index>)
    QString nodeId;
    QString filename;
    QString subfolder;
    QString type;           // output / temp / input
    int width = 0;          // 0: not known yet (known once cached)
    int height = 0;
    qint64 byteSize = 0;
    QString cachedPath;     // the original in our cache; empty when not (or no longer) cached
    bool evicted = false;   // was cached, removed by the size cap
    QString thumbnailPath;  // written by the GUI's thumbnail loader
    qint64 viewedAtMs = 0;  // last time someone looked at it (eviction order)

    bool operator==(const CatalogueImage &other) const = default;
};

// One prompt as the catalogue remembers it.
struct CatalogueEntry
{
    qint64 rowId = 0;       // prompts.id
    QString server;         // the ComfyUI base URL it ran on (normalised)
    QString promptId;
    QString workflow;       // the workflow file's name; empty when not known (other client)
    QJsonObject graph;      // the full submitted API-format graph
    PromptSummary summary;
    QString status;         // PromptStatus::stateName(): pending, running, completed, ...
    QString reason;         // why, where the status alone does not say (a code, not a sentence)
    QString clientId;       // who queued it
    bool submittedHere = false;   // this ComfyDesk submitted it (the journal covers it)
    qint64 queuedAtMs = 0;
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    double executionTime = -1;    // seconds
    QString errorNode;
    QString errorType;
    QString errorMessage;
    QString requeuedAs;     // a lost prompt re-queued: the new prompt's id
    QString requeuedFrom;   // this prompt re-queues that lost one
    bool starred = false;
    QStringList tags;
    QString note;
    QList<CatalogueImage> images;

    bool isFinished() const;
    QJsonObject toJson() const;   // without the graph unless withGraph
    QJsonObject toJson(bool withGraph) const;
};

// A search of the catalogue: full text plus filters, one page of it.
struct CatalogueQuery
{
    enum class Sort { Newest, Oldest, LongestFirst, ShortestFirst };

    QString text;           // words (all must match, prefixes), a seed or any number
    QStringList statuses;   // empty: any
    QString workflow;       // exact name; empty: any
    QString server;         // exact base URL; empty: any
    qint64 sinceMs = 0;     // queued at or after; 0: no bound
    qint64 untilMs = 0;     // queued before; 0: no bound
    int starred = -1;       // -1 any, 0 not starred, 1 starred
    int hasImages = -1;     // -1 any, 0 without images, 1 with
    QStringList promptIds;  // only these prompts (an export of a selection); empty: any
    Sort sort = Sort::Newest;
    int limit = 100;
    int offset = 0;
    bool withGraphs = false;  // graphs are big: only when asked
};

struct CataloguePage
{
    QList<CatalogueEntry> entries;
    bool hasMore = false;   // another page follows
    QString error;          // the query could not run (catalogue closed, bad query)
};
