#pragma once

#include <QString>

class QJsonObject;
class QSqlDatabase;

// The catalogue's tables, versioned with PRAGMA user_version. Every version's step is kept
// forever, so a file of any earlier version is brought up to date one step at a time, in
// one transaction per step (a step either happens whole or not at all).
namespace CatalogueSchema {

constexpr int CurrentVersion = 2;

// The file's user_version, -1 if it cannot be read.
int version(QSqlDatabase &db, QString *error);
// Brings the file from its version up to `target` (tests build old files with a lower
// target). False with error set if a step failed; the file stays at the last whole step.
bool migrate(QSqlDatabase &db, int target, QString *error);

// The columns of one prompt's row in the full-text index (prompts_fts, rowid = prompts.id).
struct IndexedText
{
    QString texts;      // positive and negative prompt
    QString workflow;
    QString params;     // every literal input of the graph: seeds, numbers, names
    QString marks;      // tags and note
};
IndexedText indexedText(const QString &positive, const QString &negative,
                        const QString &workflow, const QJsonObject &graph,
                        const QString &tagsJson, const QString &note);

} // namespace CatalogueSchema
