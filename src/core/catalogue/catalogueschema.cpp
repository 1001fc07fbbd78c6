#include "catalogueschema.h"

#include "ftstext.h"
#include "promptsummary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace {

bool exec(QSqlQuery &query, const QString &sql, QString *error)
{
    if (query.exec(sql))
        return true;
    *error = query.lastError().text() + QStringLiteral(" [") + sql.left(60) + QLatin1Char(']');
    return false;
}

// Version 1: prompts, their images and the user's marks; no search index yet.
bool toVersion1(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    const QStringList statements = {
        QStringLiteral("CREATE TABLE servers ("
                       " id INTEGER PRIMARY KEY,"
                       " url TEXT NOT NULL UNIQUE,"
                       " first_seen_ms INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE prompts ("
                       " id INTEGER PRIMARY KEY,"
                       " server_id INTEGER NOT NULL REFERENCES servers(id),"
                       " prompt_id TEXT NOT NULL,"
                       " workflow TEXT NOT NULL DEFAULT '',"
                       " graph TEXT,"
                       " positive TEXT NOT NULL DEFAULT '',"
                       " negative TEXT NOT NULL DEFAULT '',"
                       " seed TEXT NOT NULL DEFAULT '',"
                       " steps INTEGER NOT NULL DEFAULT 0,"
                       " cfg REAL NOT NULL DEFAULT -1,"
                       " sampler TEXT NOT NULL DEFAULT '',"
                       " scheduler TEXT NOT NULL DEFAULT '',"
                       " width INTEGER NOT NULL DEFAULT 0,"
                       " height INTEGER NOT NULL DEFAULT 0,"
                       " checkpoint TEXT NOT NULL DEFAULT '',"
                       " denoise REAL NOT NULL DEFAULT -1,"
                       " status TEXT NOT NULL,"
                       " reason TEXT NOT NULL DEFAULT '',"
                       " client_id TEXT NOT NULL DEFAULT '',"
                       " submitted_here INTEGER NOT NULL DEFAULT 0,"
                       " queued_ms INTEGER NOT NULL DEFAULT 0,"
                       " started_ms INTEGER NOT NULL DEFAULT 0,"
                       " finished_ms INTEGER NOT NULL DEFAULT 0,"
                       " sort_ms INTEGER NOT NULL,"          // queued, else started, else seen
                       " execution_time REAL NOT NULL DEFAULT -1,"
                       " error_node TEXT NOT NULL DEFAULT '',"
                       " error_type TEXT NOT NULL DEFAULT '',"
                       " error_message TEXT NOT NULL DEFAULT '',"
                       " requeued_as TEXT,"                 // '' while a re-queue is on its way
                       " requeued_from TEXT NOT NULL DEFAULT '',"
                       " starred INTEGER NOT NULL DEFAULT 0,"
                       " tags TEXT NOT NULL DEFAULT '[]',"   // JSON array
                       " note TEXT NOT NULL DEFAULT '',"
                       " image_count INTEGER NOT NULL DEFAULT 0,"
                       " UNIQUE (server_id, prompt_id))"),
        QStringLiteral("CREATE INDEX prompts_by_time ON prompts (sort_ms, id)"),
        QStringLiteral("CREATE INDEX prompts_by_status ON prompts (status, sort_ms)"),
        QStringLiteral("CREATE INDEX prompts_by_workflow ON prompts (workflow, sort_ms)"),
        QStringLiteral("CREATE INDEX prompts_by_prompt_id ON prompts (prompt_id)"),
        QStringLiteral("CREATE TABLE images ("
                       " id INTEGER PRIMARY KEY,"
                       " prompt_row INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,"
                       " idx INTEGER NOT NULL,"
                       " node_id TEXT NOT NULL DEFAULT '',"
                       " filename TEXT NOT NULL,"
                       " subfolder TEXT NOT NULL DEFAULT '',"
                       " type TEXT NOT NULL DEFAULT 'output',"
                       " width INTEGER NOT NULL DEFAULT 0,"
                       " height INTEGER NOT NULL DEFAULT 0,"
                       " byte_size INTEGER NOT NULL DEFAULT 0,"
                       " cached_path TEXT,"
                       " thumbnail_path TEXT,"
                       " UNIQUE (prompt_row, idx))"),
    };
    for (const QString &sql : statements) {
        if (!exec(query, sql, error))
            return false;
    }
    return true;
}

// Version 2: the full-text index (filled from the rows already there) and the image
// cache's bookkeeping (least recently viewed first; what the cap evicted).
bool toVersion2(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    const QStringList statements = {
        QStringLiteral("ALTER TABLE images ADD COLUMN evicted INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE images ADD COLUMN viewed_ms INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("CREATE INDEX images_cached_by_view ON images (viewed_ms, id)"
                       " WHERE cached_path IS NOT NULL"),
        QStringLiteral("CREATE INDEX images_to_fetch ON images (prompt_row)"
                       " WHERE cached_path IS NULL AND evicted = 0"),
        QStringLiteral("CREATE VIRTUAL TABLE prompts_fts USING fts5("
                       " texts, workflow, params, marks,"
                       " tokenize = 'unicode61 remove_diacritics 2')"),
    };
    for (const QString &sql : statements) {
        if (!exec(query, sql, error))
            return false;
    }
    // Rows of version 1 enter the index as the worker would have written them.
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    if (!exec(rows, QStringLiteral("SELECT id, positive, negative, workflow, graph, tags, note"
                                   " FROM prompts"), error))
        return false;
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO prompts_fts (rowid, texts, workflow, params, marks)"
                                  " VALUES (?, ?, ?, ?, ?)"));
    while (rows.next()) {
        const QJsonObject graph = QJsonDocument::fromJson(rows.value(4).toByteArray()).object();
        const auto text = CatalogueSchema::indexedText(rows.value(1).toString(),
                                                       rows.value(2).toString(),
                                                       rows.value(3).toString(), graph,
                                                       rows.value(5).toString(),
                                                       rows.value(6).toString());
        insert.addBindValue(rows.value(0));
        insert.addBindValue(text.texts);
        insert.addBindValue(text.workflow);
        insert.addBindValue(text.params);
        insert.addBindValue(text.marks);
        if (!insert.exec()) {
            *error = insert.lastError().text();
            return false;
        }
    }
    return true;
}

using Step = bool (*)(QSqlDatabase &, QString *);
constexpr Step Steps[] = {&toVersion1, &toVersion2};   // Steps[n] goes from n to n + 1

} // namespace

namespace CatalogueSchema {

IndexedText indexedText(const QString &positive, const QString &negative,
                        const QString &workflow, const QJsonObject &graph,
                        const QString &tagsJson, const QString &note)
{
    QStringList tags;
    for (const QJsonValue &tag : QJsonDocument::fromJson(tagsJson.toUtf8()).array())
        tags.append(tag.toString());
    IndexedText text;
    text.texts = FtsText::indexable(positive + QLatin1Char('\n') + negative);
    text.workflow = FtsText::indexable(workflow);
    text.params = FtsText::indexable(PromptSummary::parameterText(graph));
    text.marks = FtsText::indexable(tags.join(QLatin1Char('\n')) + QLatin1Char('\n') + note);
    return text;
}

int version(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        *error = query.lastError().text();
        return -1;
    }
    return query.value(0).toInt();
}

bool migrate(QSqlDatabase &db, int target, QString *error)
{
    int current = version(db, error);
    if (current < 0)
        return false;
    while (current < target) {
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        QSqlQuery query(db);
        if (!Steps[current](db, error)
            || !exec(query, QStringLiteral("PRAGMA user_version = %1").arg(current + 1),
                     error)) {
            db.rollback();
            return false;
        }
        if (!db.commit()) {
            *error = db.lastError().text();
            db.rollback();
            return false;
        }
        ++current;
    }
    return true;
}

} // namespace CatalogueSchema
