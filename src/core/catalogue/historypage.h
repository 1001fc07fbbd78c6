#pragma once

#include "promptrecord.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// One GET /history answer ({"<prompt id>": entry, ...}) turned into catalogue records.
// Pure and thread-safe: a page of hundreds of entries with whole graphs is parsed in a
// pool thread, never on the UI thread.
struct HistoryPage
{
    QList<PromptRecord> records;   // entries not skipped, in prompt id order
    int entryCount = 0;            // every entry of the page, skipped ones included
    QStringList promptIds;         // the ids of those entries (the importer's overlap check)
    QString error;                 // the body is not a JSON object: no records

    // Entries whose id is in skipIds (already final in the catalogue) become no record.
    static HistoryPage parse(const QByteArray &body, const QString &server,
                             const QSet<QString> &skipIds);
    // One entry, also as ComfyConnection::historyRead() hands it on. An unreadable entry is
    // an "error" record with reason "invalid_history" and what is wrong as its message.
    static PromptRecord fromHistoryEntry(const QString &server, const QString &promptId,
                                         const QJsonValue &value);
};
