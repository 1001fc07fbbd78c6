// CatalogueWorker: recording prompts and images, the image cache, marks that change rows.
#include "catalogueworker.h"
#include "jsonnumberliteral.h"

#include "catalogueschema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSize>
#include <QSqlError>
#include <QSqlQuery>
#include <QtEndian>

Q_DECLARE_LOGGING_CATEGORY(lcCatalogue)

namespace {

bool isFinalStatus(const QString &status)
{
    static const QStringList finals = {
        QStringLiteral("completed"), QStringLiteral("processing"), QStringLiteral("error"),
        QStringLiteral("interrupted"), QStringLiteral("cancelled"), QStringLiteral("lost"),
        QStringLiteral("not_found")};
    return finals.contains(status);
}

// A final status another source may still correct (ComfyUI had it after all).
bool isRevisable(const QString &status)
{
    return status == QLatin1String("lost") || status == QLatin1String("not_found");
}

// Width and height from a PNG's IHDR chunk; core decodes no pixels.
QSize pngSize(const QByteArray &bytes)
{
    if (bytes.size() < 24 || !bytes.startsWith("\x89PNG\r\n\x1a\n") || bytes.mid(12, 4) != "IHDR")
        return {};
    const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
    return QSize(int(qFromBigEndian<quint32>(data + 16)), int(qFromBigEndian<quint32>(data + 20)));
}

QString safeFileName(const QString &name)
{
    QString safe;
    for (const QChar ch : name)
        safe.append(ch.isLetterOrNumber() || ch == QLatin1Char('.') || ch == QLatin1Char('-')
                            || ch == QLatin1Char('_') ? ch : QLatin1Char('_'));
    return safe.left(100);
}

} // namespace

struct CatalogueWorker::RowState
{
    qint64 rowId = 0;
    QString status;
    QString workflow;
    bool hasGraph = false;
    qint64 queuedMs = 0;
    qint64 sortMs = 0;
};

bool CatalogueWorker::readRow(qint64 serverId, const QString &promptId, RowState *row)
{
    QSqlQuery &query = prepared(QStringLiteral(
        "SELECT id, status, workflow, graph IS NOT NULL, queued_ms, sort_ms FROM prompts"
        " WHERE server_id = ? AND prompt_id = ?"));
    query.addBindValue(serverId);
    query.addBindValue(promptId);
    if (!query.exec() || !query.next()) {
        query.finish();
        return false;
    }
    row->rowId = query.value(0).toLongLong();
    row->status = query.value(1).toString();
    row->workflow = query.value(2).toString();
    row->hasGraph = query.value(3).toBool();
    row->queuedMs = query.value(4).toLongLong();
    row->sortMs = query.value(5).toLongLong();
    query.finish();
    return true;
}

bool CatalogueWorker::record(const PromptRecord &record)
{
    if (record.server.isEmpty() || record.promptId.isEmpty())
        return false;
    const qint64 sid = serverId(record.server);
    if (sid == 0)
        return false;
    RowState row;
    const bool exists = readRow(sid, record.promptId, &row);

    // Which status the row ends with. A final status stays unless the new one is final
    // too (the history says how it really ended) or it was only "lost"; "not_found" of a
    // prompt we knew unfinished means ComfyUI lost it.
    bool takeStatus = false;
    QString status = record.status;
    QString reason = record.reason;
    if (record.hasStatus && status != QLatin1String("unknown")) {
        if (status == QLatin1String("not_found")) {
            if (exists && !isFinalStatus(row.status)) {
                status = QStringLiteral("lost");
                reason = QStringLiteral("left_queue_no_history");
                takeStatus = true;
            }
        } else {
            takeStatus = !exists || !isFinalStatus(row.status) || isRevisable(row.status)
                         || isFinalStatus(status);
        }
    }
    if (!exists && !takeStatus && record.graph.isEmpty() && !record.submittedHere)
        return true;    // nothing worth a row (an id someone asked about and nobody knows)

    const bool newGraph = !record.graph.isEmpty() && !row.hasGraph;
    const bool newWorkflow = !record.workflow.isEmpty() && record.workflow != row.workflow;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 sortMs = row.sortMs;
    if (record.queuedAtMs > 0)
        sortMs = record.queuedAtMs;
    else if (!exists || (row.queuedMs == 0 && sortMs == 0))
        sortMs = record.startedAtMs > 0 ? record.startedAtMs
                 : record.finishedAtMs > 0 ? record.finishedAtMs : now;

    if (!exists) {
        QSqlQuery &insert = prepared(QStringLiteral(
            "INSERT INTO prompts (server_id, prompt_id, status, sort_ms) VALUES (?, ?, ?, ?)"));
        insert.addBindValue(sid);
        insert.addBindValue(record.promptId);
        insert.addBindValue(takeStatus ? status : QStringLiteral("unknown"));
        insert.addBindValue(sortMs);
        if (!insert.exec())
            return check(insert, "adding a prompt");
        row.rowId = insert.lastInsertId().toLongLong();
    }

    QStringList sets = {QStringLiteral("sort_ms = :sort")};
    QVariantMap binds = {{QStringLiteral(":sort"), sortMs}};
    auto set = [&](const char *column, const QVariant &value) {
        const QString name = QLatin1Char(':') + QLatin1String(column);
        sets.append(QLatin1String(column) + QStringLiteral(" = ") + name);
        binds.insert(name, value.typeId() == QMetaType::QString
                               ? CatalogueWorker::sqlText(value.toString()) : value);
    };
    if (newWorkflow)
        set("workflow", record.workflow);
    if (!record.clientId.isEmpty())
        set("client_id", record.clientId);
    if (record.submittedHere)
        set("submitted_here", 1);
    if (!record.requeuedFrom.isEmpty())
        set("requeued_from", record.requeuedFrom);
    if (record.queuedAtMs > 0)
        set("queued_ms", record.queuedAtMs);
    if (newGraph) {
        const PromptSummary summary = PromptSummary::fromGraph(record.graph);
        // Big integers the editor kept exact (marked strings) are stored as their digits, as
        // ComfyUI received them.
        set("graph", QString::fromUtf8(JsonNumberLiteral::toJson(record.graph)));
        set("positive", summary.positive);
        set("negative", summary.negative);
        set("seed", summary.seed);
        set("steps", summary.steps);
        set("cfg", summary.cfg);
        set("sampler", summary.sampler);
        set("scheduler", summary.scheduler);
        set("width", summary.width);
        set("height", summary.height);
        set("checkpoint", summary.checkpoint);
        set("denoise", summary.denoise);
    }
    if (takeStatus) {
        set("status", status);
        set("reason", reason);
        if (record.startedAtMs > 0)
            set("started_ms", record.startedAtMs);
        if (record.finishedAtMs > 0)
            set("finished_ms", record.finishedAtMs);
        if (record.executionTime >= 0)
            set("execution_time", record.executionTime);
        set("error_node", record.errorNode);
        set("error_type", record.errorType);
        set("error_message", record.errorMessage);
    }
    // The columns set vary with what the record knows: a few shapes, each prepared once.
    QSqlQuery &query = prepared(QStringLiteral("UPDATE prompts SET ")
                                + sets.join(QStringLiteral(", "))
                                + QStringLiteral(" WHERE id = :row"));
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        query.bindValue(it.key(), it.value());
    query.bindValue(QStringLiteral(":row"), row.rowId);
    if (!query.exec())
        return check(query, "updating a prompt");

    if (!exists || newGraph || newWorkflow)
        writeFts(row.rowId);
    if (takeStatus && record.hasImages)
        writeImages(row.rowId, record, status == QLatin1String("completed"), record.server);
    noteChanged(record.promptId);
    return true;
}

// Images keep their row (and so their cached file) once known; a new list only adds.
bool CatalogueWorker::writeImages(qint64 rowId, const PromptRecord &record, bool announceNew,
                                  const QString &server)
{
    QSqlQuery &find = prepared(QStringLiteral(
        "SELECT id, filename, subfolder, type FROM images WHERE prompt_row = ? AND idx = ?"));
    QSqlQuery &insert = prepared(QStringLiteral(
        "INSERT INTO images (prompt_row, idx, node_id, filename, subfolder, type)"
        " VALUES (?, ?, ?, ?, ?, ?)"));
    for (int index = 0; index < record.images.size(); ++index) {
        const ImageRef &image = record.images.at(index);
        find.addBindValue(rowId);
        find.addBindValue(index);
        if (!find.exec())
            return check(find, "reading images");
        if (find.next()) {
            const QVariant imageRowId = find.value(0);
            const bool same = find.value(1).toString() == image.filename
                              && find.value(2).toString() == image.subfolder;
            find.finish();
            if (same)
                continue;
            // Another file at this place: the row is rewritten (its cache no longer fits).
            QSqlQuery update(m_db);
            update.prepare(QStringLiteral("UPDATE images SET node_id = ?, filename = ?,"
                                          " subfolder = ?, type = ?, cached_path = NULL,"
                                          " evicted = 0, byte_size = 0 WHERE id = ?"));
            update.addBindValue(sqlText(image.nodeId));
            update.addBindValue(sqlText(image.filename));
            update.addBindValue(sqlText(image.subfolder));
            update.addBindValue(sqlText(image.type));
            update.addBindValue(imageRowId);
            update.exec();
            check(update, "replacing an image");
            continue;
        }
        find.finish();
        insert.addBindValue(rowId);
        insert.addBindValue(index);
        insert.addBindValue(sqlText(image.nodeId));
        insert.addBindValue(sqlText(image.filename));
        insert.addBindValue(sqlText(image.subfolder));
        insert.addBindValue(sqlText(image.type));
        if (!insert.exec())
            return check(insert, "adding an image");
        if (announceNew) {
            CatalogueImage added;
            added.rowId = insert.lastInsertId().toLongLong();
            added.index = index;
            added.nodeId = image.nodeId;
            added.filename = image.filename;
            added.subfolder = image.subfolder;
            added.type = image.type;
            m_newImages[server].append(added);
        }
    }
    QSqlQuery &count = prepared(QStringLiteral(
        "UPDATE prompts SET image_count = (SELECT COUNT(*) FROM images WHERE prompt_row = ?)"
        " WHERE id = ?"));
    count.addBindValue(rowId);
    count.addBindValue(rowId);
    count.exec();
    return check(count, "counting images");
}

bool CatalogueWorker::writeFts(qint64 rowId)
{
    QSqlQuery &query = prepared(QStringLiteral(
        "SELECT positive, negative, workflow, graph, tags, note FROM prompts WHERE id = ?"));
    query.addBindValue(rowId);
    if (!query.exec() || !query.next()) {
        const bool ok = check(query, "reading a prompt for the index");
        query.finish();
        return ok;
    }
    const CatalogueSchema::IndexedText indexed = CatalogueSchema::indexedText(
        query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
        QJsonDocument::fromJson(query.value(3).toByteArray()).object(),
        query.value(4).toString(), query.value(5).toString());
    query.finish();
    QSqlQuery &drop = prepared(QStringLiteral("DELETE FROM prompts_fts WHERE rowid = ?"));
    drop.addBindValue(rowId);
    if (!drop.exec())
        return check(drop, "updating the index");
    QSqlQuery &write = prepared(QStringLiteral(
        "INSERT INTO prompts_fts (rowid, texts, workflow, params, marks) VALUES (?, ?, ?, ?, ?)"));
    write.addBindValue(rowId);
    write.addBindValue(indexed.texts);
    write.addBindValue(indexed.workflow);
    write.addBindValue(indexed.params);
    write.addBindValue(indexed.marks);
    write.exec();
    return check(write, "updating the index");
}

QString CatalogueWorker::cachePathFor(qint64 imageRowId, const QString &filename) const
{
    // 256 folders, so no single folder holds hundreds of thousands of files.
    const QString folder = QStringLiteral("%1").arg(imageRowId % 256, 2, 16, QLatin1Char('0'));
    return m_cacheDir + QLatin1Char('/') + folder + QLatin1Char('/')
           + QString::number(imageRowId) + QLatin1Char('_') + safeFileName(filename);
}

bool CatalogueWorker::storeImage(qint64 imageRowId, const QByteArray &bytes)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT i.filename, i.cached_path, i.byte_size, p.prompt_id"
                                 " FROM images i JOIN prompts p ON p.id = i.prompt_row"
                                 " WHERE i.id = ?"));
    query.addBindValue(imageRowId);
    if (!query.exec() || !query.next())
        return false;   // removed meanwhile
    const QString path = cachePathFor(imageRowId, query.value(0).toString());
    const bool wasCached = !query.value(1).isNull();
    const qint64 oldSize = query.value(2).toLongLong();
    const QString promptId = query.value(3).toString();
    QDir().mkpath(QFileInfo(path).absolutePath());
    // The original bytes, as ComfyUI sent them: its PNG text chunks (the graph) stay in.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        qCWarning(lcCatalogue) << "catalogue: cannot cache" << path << file.errorString();
        return false;
    }
    const QSize size = pngSize(bytes);
    query.prepare(QStringLiteral("UPDATE images SET cached_path = ?, byte_size = ?, width = ?,"
                                 " height = ?, evicted = 0, viewed_ms = ? WHERE id = ?"));
    query.addBindValue(path);
    query.addBindValue(qint64(bytes.size()));
    query.addBindValue(size.width());
    query.addBindValue(size.height());
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(imageRowId);
    if (!query.exec())
        return check(query, "recording a cached image");
    m_cachedBytes += bytes.size() - (wasCached ? oldSize : 0);
    noteChanged(promptId);
    evictOverCap();
    return true;
}

// Least recently viewed originals go first; their rows stay, marked evicted, so a view
// can say the image was here and fetch it again while ComfyUI still has it.
void CatalogueWorker::evictOverCap()
{
    while (m_cachedBytes > m_cacheCap) {
        QSqlQuery oldest(m_db);
        oldest.prepare(QStringLiteral("SELECT i.id, i.cached_path, i.byte_size, p.prompt_id"
                                      " FROM images i JOIN prompts p ON p.id = i.prompt_row"
                                      " WHERE i.cached_path IS NOT NULL"
                                      " ORDER BY i.viewed_ms, i.id LIMIT 64"));
        if (!oldest.exec() || !oldest.next())
            return;
        QSqlQuery evict(m_db);
        evict.prepare(QStringLiteral("UPDATE images SET cached_path = NULL, evicted = 1"
                                     " WHERE id = ?"));
        do {
            QFile::remove(oldest.value(1).toString());
            evict.addBindValue(oldest.value(0));
            if (!evict.exec()) {
                check(evict, "evicting an image");
                return;
            }
            m_cachedBytes -= oldest.value(2).toLongLong();
            noteChanged(oldest.value(3).toString());
        } while (m_cachedBytes > m_cacheCap && oldest.next());
    }
}

bool CatalogueWorker::setThumbnailPath(qint64 imageRowId, const QString &path)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE images SET thumbnail_path = ? WHERE id = ?"));
    query.addBindValue(path);
    query.addBindValue(imageRowId);
    query.exec();
    return check(query, "recording a thumbnail");
}

bool CatalogueWorker::touchImage(qint64 imageRowId)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE images SET viewed_ms = ? WHERE id = ?"));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(imageRowId);
    query.exec();
    return check(query, "marking an image viewed");
}

bool CatalogueWorker::settleRequeue(const QString &lostPromptId, const QString &newPromptId)
{
    QSqlQuery query(m_db);
    if (newPromptId.isEmpty()) {
        query.prepare(QStringLiteral("UPDATE prompts SET requeued_as = NULL"
                                     " WHERE prompt_id = ? AND requeued_as = ''"));
    } else {
        query.prepare(QStringLiteral("UPDATE prompts SET requeued_as = ? WHERE prompt_id = ?"));
        query.addBindValue(newPromptId);
    }
    query.addBindValue(lostPromptId);
    query.exec();
    noteChanged(lostPromptId);
    return check(query, "settling a re-queue");
}
