#pragma once

#include "promptstatus.h"

#include <QJsonObject>
#include <QList>
#include <QString>

// What one source (a submit, the tracker, a history entry) knows about one prompt, written
// into the catalogue as an upsert keyed by (server, prompt id). Empty fields leave the
// stored value alone, so sources that know different things complete one row between
// them; a finished status is never replaced by an unfinished one (a late queue read must
// not make a completed prompt pending again).
struct PromptRecord
{
    QString server;          // normalised base URL (ComfyEndpoint::baseUrl)
    QString promptId;

    QString workflow;        // empty: unknown (keeps what is stored)
    QJsonObject graph;       // empty: unknown
    QString clientId;
    bool submittedHere = false;   // true marks it ours for the journal; false changes nothing
    QString requeuedFrom;

    // The status part; hasStatus false leaves status, times, error and images alone.
    bool hasStatus = false;
    QString status;          // PromptStatus::stateName()
    QString reason;          // a code ("left_queue_no_history", ...), empty: none
    qint64 queuedAtMs = 0;   // 0: keep
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    double executionTime = -1;
    QString errorNode;
    QString errorType;
    QString errorMessage;
    bool hasImages = false;  // images below are the full list (replaces none already there)
    QList<ImageRef> images;

    // The tracker's picture of a prompt (state, times, error, images).
    static PromptRecord fromStatus(const QString &server, const PromptStatus &status);
    static QString reasonCode(PromptStatus::Reason reason);
};
