// CatalogueWorker: searches, reads, claims, removal and export.
#include "catalogueworker.h"

#include "catalogueexport.h"
#include "ftstext.h"
#include "jsonnumberliteral.h"
#include "workflowdocument.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcCatalogue)

namespace {

const QString FinalStatuses = QStringLiteral(
    "('completed', 'processing', 'error', 'interrupted', 'cancelled', 'lost', 'not_found')");
// What an import need not read again: "lost" is left out, since ComfyUI's history can still
// prove a prompt judged lost finished after all (the record takes that correction).
const QString SettledStatuses = QStringLiteral(
    "('completed', 'processing', 'error', 'interrupted', 'cancelled')");

// The columns readEntries() maps, in its order; the graph is last and optional.
const QString EntryColumns = QStringLiteral(
    "p.id, s.url, p.prompt_id, p.workflow, p.positive, p.negative, p.seed, p.steps, p.cfg,"
    " p.sampler, p.scheduler, p.width, p.height, p.checkpoint, p.denoise, p.status, p.reason,"
    " p.client_id, p.submitted_here, p.queued_ms, p.started_ms, p.finished_ms,"
    " p.execution_time, p.error_node, p.error_type, p.error_message, p.requeued_as,"
    " p.requeued_from, p.starred, p.tags, p.note");

QString selectEntries(bool withGraph)
{
    return QStringLiteral("SELECT ") + EntryColumns
           + (withGraph ? QStringLiteral(", p.graph") : QString())
           + QStringLiteral(" FROM prompts p JOIN servers s ON s.id = p.server_id");
}

} // namespace

// Rows matching an FTS expression, counted up to `upTo` (cheap: the count stops there).
int CatalogueWorker::matchCount(const QString &match, int upTo)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM (SELECT rowid FROM prompts_fts"
                                 " WHERE prompts_fts MATCH ? LIMIT ?)"));
    query.addBindValue(match);
    query.addBindValue(upTo);
    if (!query.exec() || !query.next())
        return 0;   // the search itself says what is wrong
    return query.value(0).toInt();
}

QList<CatalogueEntry> CatalogueWorker::readEntries(QSqlQuery &query, bool withGraphs)
{
    QList<CatalogueEntry> entries;
    while (query.next()) {
        CatalogueEntry e;
        int c = 0;
        auto next = [&] { return query.value(c++); };
        e.rowId = next().toLongLong();
        e.server = next().toString();
        e.promptId = next().toString();
        e.workflow = next().toString();
        e.summary.positive = next().toString();
        e.summary.negative = next().toString();
        e.summary.seed = next().toString();
        e.summary.steps = next().toInt();
        e.summary.cfg = next().toDouble();
        e.summary.sampler = next().toString();
        e.summary.scheduler = next().toString();
        e.summary.width = next().toInt();
        e.summary.height = next().toInt();
        e.summary.checkpoint = next().toString();
        e.summary.denoise = next().toDouble();
        e.status = next().toString();
        e.reason = next().toString();
        e.clientId = next().toString();
        e.submittedHere = next().toBool();
        e.queuedAtMs = next().toLongLong();
        e.startedAtMs = next().toLongLong();
        e.finishedAtMs = next().toLongLong();
        e.executionTime = next().toDouble();
        e.errorNode = next().toString();
        e.errorType = next().toString();
        e.errorMessage = next().toString();
        e.requeuedAs = next().toString();
        e.requeuedFrom = next().toString();
        e.starred = next().toBool();
        for (const QJsonValue &tag : QJsonDocument::fromJson(next().toByteArray()).array())
            e.tags.append(tag.toString());
        e.note = next().toString();
        if (withGraphs) {
            // Seeds beyond 2^53 are stored as digits: read back marked (JsonNumberLiteral),
            // so a re-run sends every digit, never a double's rounding.
            const QByteArray graph = next().toByteArray();
            const WorkflowDocument document = WorkflowDocument::fromText(graph);
            e.graph = document.isNull() ? QJsonDocument::fromJson(graph).object()
                                        : document.graph();
        }
        entries.append(e);
    }
    return entries;
}

void CatalogueWorker::attachImages(QList<CatalogueEntry> &entries)
{
    if (entries.isEmpty())
        return;
    QHash<qint64, int> byRow;
    QStringList rowIds;
    for (int i = 0; i < entries.size(); ++i) {
        byRow.insert(entries.at(i).rowId, i);
        rowIds.append(QString::number(entries.at(i).rowId));
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // Row ids are numbers we read ourselves: safe to write into the statement.
    query.exec(QStringLiteral("SELECT prompt_row, id, idx, node_id, filename, subfolder, type,"
                              " width, height, byte_size, cached_path, evicted, thumbnail_path,"
                              " viewed_ms FROM images WHERE prompt_row IN (%1)"
                              " ORDER BY prompt_row, idx").arg(rowIds.join(QLatin1Char(','))));
    check(query, "reading images");
    while (query.next()) {
        CatalogueImage image;
        image.rowId = query.value(1).toLongLong();
        image.index = query.value(2).toInt();
        image.nodeId = query.value(3).toString();
        image.filename = query.value(4).toString();
        image.subfolder = query.value(5).toString();
        image.type = query.value(6).toString();
        image.width = query.value(7).toInt();
        image.height = query.value(8).toInt();
        image.byteSize = query.value(9).toLongLong();
        image.cachedPath = query.value(10).toString();
        image.evicted = query.value(11).toBool();
        image.thumbnailPath = query.value(12).toString();
        image.viewedAtMs = query.value(13).toLongLong();
        entries[byRow.value(query.value(0).toLongLong())].images.append(image);
    }
}

CataloguePage CatalogueWorker::search(const CatalogueQuery &q)
{
    flush();
    CataloguePage page;
    if (!m_open) {
        page.error = QStringLiteral("catalogue not open");
        return page;
    }
    QStringList where;
    QVariantList binds;
    if (!q.text.trimmed().isEmpty()) {
        const QString match = FtsText::matchExpression(q.text);
        if (!match.isEmpty()) {
            // A word in a few rows: SQLite looks those rows up and sorts them. A word in
            // thousands (a common one, a short prefix): looking each one up in the wide
            // prompts table is what costs (180,000 rows: ~350 ms), so "+" keeps the match
            // set from driving the loop and an index in the page's order is walked
            // instead, stopping at the page's end (the same rows, in the same order).
            const bool broad = matchCount(match, BroadMatch) >= BroadMatch;
            where.append(QStringLiteral("%1p.id IN (SELECT rowid FROM prompts_fts"
                                        " WHERE prompts_fts MATCH ?)")
                             .arg(broad ? QStringLiteral("+") : QString()));
            binds.append(match);
        }
    }
    if (!q.statuses.isEmpty()) {
        QStringList marks;
        for (const QString &status : q.statuses) {
            marks.append(QStringLiteral("?"));
            binds.append(status);
        }
        where.append(QStringLiteral("p.status IN (%1)").arg(marks.join(QLatin1Char(','))));
    }
    if (!q.workflow.isEmpty()) {
        where.append(QStringLiteral("p.workflow = ?"));
        binds.append(q.workflow);
    }
    if (!q.server.isEmpty()) {
        where.append(QStringLiteral("p.server_id IN (SELECT id FROM servers WHERE url = ?)"));
        binds.append(q.server);
    }
    if (q.sinceMs > 0) {
        where.append(QStringLiteral("p.sort_ms >= ?"));
        binds.append(q.sinceMs);
    }
    if (q.untilMs > 0) {
        where.append(QStringLiteral("p.sort_ms < ?"));
        binds.append(q.untilMs);
    }
    if (q.starred >= 0) {
        where.append(QStringLiteral("p.starred = ?"));
        binds.append(q.starred);
    }
    if (q.hasImages >= 0)
        where.append(q.hasImages ? QStringLiteral("p.image_count > 0")
                                 : QStringLiteral("p.image_count = 0"));
    if (!q.promptIds.isEmpty()) {
        // One JSON array, not a "?" per id: a selection of 50,000 rows is over SQLite's
        // limit of bound values.
        where.append(QStringLiteral("p.prompt_id IN (SELECT value FROM json_each(?))"));
        binds.append(QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(q.promptIds)).toJson(QJsonDocument::Compact)));
    }
    QString order;
    switch (q.sort) {
    case CatalogueQuery::Sort::Newest:
        order = QStringLiteral("p.sort_ms DESC, p.id DESC");
        break;
    case CatalogueQuery::Sort::Oldest:
        order = QStringLiteral("p.sort_ms ASC, p.id ASC");
        break;
    case CatalogueQuery::Sort::LongestFirst:
        order = QStringLiteral("p.execution_time DESC, p.id DESC");
        break;
    case CatalogueQuery::Sort::ShortestFirst:
        order = QStringLiteral("p.execution_time < 0, p.execution_time ASC, p.id ASC");
        break;
    }
    const int limit = qBound(1, q.limit, 10000);
    // The page's ids first, then their columns: the ids come from the indexes alone
    // (status, workflow, time) where the filters allow, and only the page's rows are read
    // from the wide prompts table; sorting every candidate with all its columns (thousands
    // of rows for two statuses over months) was the cost. No join in the ids' query: every
    // prompt has its server (a NOT NULL foreign key).
    QString ids = QStringLiteral("SELECT p.id FROM prompts p");
    if (!where.isEmpty())
        ids += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    ids += QStringLiteral(" ORDER BY %1 LIMIT %2 OFFSET %3")
               .arg(order).arg(limit + 1).arg(qMax(0, q.offset));
    const QString sql = selectEntries(q.withGraphs)
                        + QStringLiteral(" WHERE p.id IN (%1) ORDER BY %2").arg(ids, order);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &bind : std::as_const(binds))
        query.addBindValue(bind);
    if (!query.exec()) {
        page.error = query.lastError().text();
        return page;
    }
    page.entries = readEntries(query, q.withGraphs);
    if (page.entries.size() > limit) {
        page.entries.removeLast();
        page.hasMore = true;
    }
    attachImages(page.entries);
    return page;
}

std::optional<CatalogueEntry> CatalogueWorker::entry(const QString &promptId)
{
    flush();
    if (!m_open)
        return std::nullopt;
    QSqlQuery query(m_db);
    query.prepare(selectEntries(true)
                  + QStringLiteral(" WHERE p.prompt_id = ? ORDER BY p.sort_ms DESC LIMIT 1"));
    query.addBindValue(promptId);
    if (!query.exec())
        return std::nullopt;
    QList<CatalogueEntry> entries = readEntries(query, true);
    if (entries.isEmpty())
        return std::nullopt;
    attachImages(entries);
    return entries.first();
}

QSet<QString> CatalogueWorker::finishedIds(const QString &server)
{
    flush();
    QSet<QString> ids;
    if (!m_open)
        return ids;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT p.prompt_id FROM prompts p JOIN servers s"
                                 " ON s.id = p.server_id WHERE s.url = ? AND p.status IN ")
                  + SettledStatuses);
    query.addBindValue(server);
    query.exec();
    while (query.next())
        ids.insert(query.value(0).toString());
    return ids;
}

QList<CatalogueEntry> CatalogueWorker::unfinishedSubmitted(const QString &server)
{
    flush();
    if (!m_open)
        return {};
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(selectEntries(false) + QStringLiteral(
                      " WHERE s.url = ? AND p.submitted_here = 1 AND p.status NOT IN ")
                  + FinalStatuses + QStringLiteral(" ORDER BY p.sort_ms"));
    query.addBindValue(server);
    query.exec();
    return readEntries(query, false);
}

QList<CatalogueImage> CatalogueWorker::imagesToFetch(const QString &server, int limit)
{
    flush();
    QList<CatalogueImage> images;
    if (!m_open)
        return images;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT i.id, i.idx, i.node_id, i.filename, i.subfolder, i.type FROM images i"
        " JOIN prompts p ON p.id = i.prompt_row JOIN servers s ON s.id = p.server_id"
        " WHERE s.url = ? AND i.cached_path IS NULL AND i.evicted = 0"
        " AND p.status = 'completed' ORDER BY p.sort_ms DESC LIMIT ?"));
    query.addBindValue(server);
    query.addBindValue(limit);
    query.exec();
    while (query.next()) {
        CatalogueImage image;
        image.rowId = query.value(0).toLongLong();
        image.index = query.value(1).toInt();
        image.nodeId = query.value(2).toString();
        image.filename = query.value(3).toString();
        image.subfolder = query.value(4).toString();
        image.type = query.value(5).toString();
        images.append(image);
    }
    return images;
}

// Read and marked in one transaction: two claims never hand out the same prompt.
QList<CatalogueEntry> CatalogueWorker::claimLost(const QStringList &promptIds)
{
    flush();
    if (!m_open || !m_db.transaction())
        return {};
    QString sql = selectEntries(true) + QStringLiteral(
        " WHERE p.status = 'lost' AND p.requeued_as IS NULL AND p.graph IS NOT NULL");
    QVariantList binds;
    if (!promptIds.isEmpty()) {
        QStringList marks;
        for (const QString &id : promptIds) {
            marks.append(QStringLiteral("?"));
            binds.append(id);
        }
        sql += QStringLiteral(" AND p.prompt_id IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    sql += QStringLiteral(" ORDER BY p.sort_ms");
    QSqlQuery query(m_db);
    query.prepare(sql);
    for (const QVariant &bind : std::as_const(binds))
        query.addBindValue(bind);
    query.exec();
    QList<CatalogueEntry> claimed = readEntries(query, true);
    QSqlQuery mark(m_db);
    mark.prepare(QStringLiteral("UPDATE prompts SET requeued_as = '' WHERE id = ?"));
    for (const CatalogueEntry &entry : std::as_const(claimed)) {
        mark.addBindValue(entry.rowId);
        mark.exec();
        noteChanged(entry.promptId);
    }
    if (!m_db.commit()) {
        m_db.rollback();
        m_changed.clear();
        return {};
    }
    announce();
    return claimed;
}

int CatalogueWorker::remove(const QStringList &promptIds)
{
    flush();
    const QList<qint64> rows = rowIdsOf(promptIds);
    if (!m_open || rows.isEmpty() || !m_db.transaction())
        return 0;
    QStringList files;
    qint64 freed = 0;
    QSqlQuery images(m_db);
    images.prepare(QStringLiteral("SELECT cached_path, thumbnail_path, byte_size FROM images"
                                  " WHERE prompt_row = ?"));
    QSqlQuery drop(m_db);
    for (qint64 row : rows) {
        images.addBindValue(row);
        images.exec();
        while (images.next()) {
            if (!images.value(0).isNull()) {
                files.append(images.value(0).toString());
                freed += images.value(2).toLongLong();
            }
            if (!images.value(1).toString().isEmpty())
                files.append(images.value(1).toString());
        }
        for (const char *sql : {"DELETE FROM images WHERE prompt_row = ?",
                                "DELETE FROM prompts_fts WHERE rowid = ?",
                                "DELETE FROM prompts WHERE id = ?"}) {
            drop.prepare(QLatin1String(sql));
            drop.addBindValue(row);
            if (!drop.exec()) {
                check(drop, "removing a prompt");
                m_db.rollback();
                return 0;
            }
        }
    }
    if (!m_db.commit()) {
        m_db.rollback();
        return 0;
    }
    // Files go only once their rows are gone for good.
    for (const QString &file : std::as_const(files))
        QFile::remove(file);
    m_cachedBytes -= freed;
    m_changed.append(promptIds);
    announce();
    return int(rows.size());
}

QString CatalogueWorker::exportTo(const CatalogueQuery &query, Catalogue::ExportFormat format,
                                  const QString &filePath, const QString &imagesDir)
{
    flush();
    if (!m_open)
        return QStringLiteral("catalogue not open");
    if (!imagesDir.isEmpty() && !QDir().mkpath(imagesDir))
        return QStringLiteral("cannot create %1").arg(QDir::toNativeSeparators(imagesDir));
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(filePath),
                                            file.errorString());
    CatalogueQuery page = query;
    page.limit = 1000;
    page.offset = 0;
    page.withGraphs = format == Catalogue::ExportFormat::Json || !imagesDir.isEmpty();
    QList<CatalogueEntry> all;
    if (format == Catalogue::ExportFormat::Csv)
        file.write(CatalogueExport::csvHeader());
    for (;;) {
        const CataloguePage result = search(page);
        if (!result.error.isEmpty())
            return result.error;
        for (const CatalogueEntry &entry : result.entries) {
            if (format == Catalogue::ExportFormat::Csv)
                file.write(CatalogueExport::csvRow(entry));
            else
                all.append(entry);
            for (const CatalogueImage &image : entry.images) {
                if (imagesDir.isEmpty() || image.cachedPath.isEmpty())
                    continue;
                const QString target = imagesDir + QLatin1Char('/')
                                       + CatalogueExport::exportedImageName(entry, image);
                QFile::remove(target);
                if (!QFile::copy(image.cachedPath, target))
                    continue;   // evicted meanwhile: the sidecar would describe nothing
                QSaveFile sidecar(target + QStringLiteral(".json"));
                if (sidecar.open(QIODevice::WriteOnly)) {
                    sidecar.write(JsonNumberLiteral::unmark(
                        QJsonDocument(CatalogueExport::sidecar(entry, image))
                            .toJson(QJsonDocument::Indented)));
                    sidecar.commit();
                }
            }
        }
        if (!result.hasMore)
            break;
        page.offset += page.limit;
    }
    if (format == Catalogue::ExportFormat::Json)
        file.write(CatalogueExport::toJson(all));
    if (!file.commit())
        return QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(filePath),
                                            file.errorString());
    return {};
}
