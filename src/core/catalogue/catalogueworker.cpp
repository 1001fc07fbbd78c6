#include "catalogueworker.h"

#include "catalogueschema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcCatalogue, "comfydesk.catalogue")

namespace {

// Commit after this long, so a burst of records (an import page, a finished batch) lands
// in one transaction; a read commits at once.
constexpr int FlushDelayMs = 10;
constexpr int FlushEarlyAt = 5000;
// Files up to this size are checked page by page when opened (a bigger one's check would
// take seconds; its damage shows as errors of the statements that touch it).
constexpr qint64 QuickCheckUpTo = 64LL * 1024 * 1024;

Catalogue::Problem problemOf(const QSqlError &error)
{
    const int code = error.nativeErrorCode().toInt() & 0xff;
    switch (code) {
    case 5:  // SQLITE_BUSY
    case 6:  // SQLITE_LOCKED
        return Catalogue::Problem::Locked;
    case 8:  // SQLITE_READONLY
        return Catalogue::Problem::ReadOnly;
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        return Catalogue::Problem::Corrupt;
    case 13: // SQLITE_FULL
        return Catalogue::Problem::DiskFull;
    default:
        return Catalogue::Problem::Other;
    }
}

bool looksLikeSqlite(const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return true;    // unreadable: SQLite will say why
    const QByteArray header = file.read(16);
    return header.isEmpty() || header == QByteArray("SQLite format 3\0", 16);
}

} // namespace

CatalogueWorker::CatalogueWorker(Catalogue *facade)
    : m_facade(facade)
    , m_flushTimer(new QTimer(this))
{
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(FlushDelayMs);
    connect(m_flushTimer, &QTimer::timeout, this, &CatalogueWorker::flush);
}

CatalogueWorker::~CatalogueWorker()
{
    shutdown();
}

void CatalogueWorker::fail(Catalogue::Problem problem, const QString &detail)
{
    qCWarning(lcCatalogue).noquote() << "catalogue not opened:" << detail;
    m_prepared.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_open = false;
    QMetaObject::invokeMethod(m_facade, [facade = m_facade, problem, detail] {
        facade->onOpened(false, problem, detail);
    }, Qt::QueuedConnection);
}

void CatalogueWorker::open(const QString &filePath, const QString &cacheDir)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        fail(Catalogue::Problem::NoDriver, QStringLiteral("Qt's QSQLITE driver is missing"));
        return;
    }
    const QFileInfo file(filePath);
    const QString folder = file.absolutePath();
    if (!QDir().mkpath(folder) || !QFileInfo(folder).isWritable()) {
        fail(Catalogue::Problem::ReadOnly, QStringLiteral("%1: the folder cannot be written")
                                               .arg(QDir::toNativeSeparators(folder)));
        return;
    }
    if (file.exists() && !file.isWritable()) {
        fail(Catalogue::Problem::ReadOnly, QStringLiteral("%1: the file is read-only")
                                               .arg(QDir::toNativeSeparators(filePath)));
        return;
    }
    // Checked before SQLite sees it: a file that is not a database is never touched.
    if (file.exists() && !looksLikeSqlite(filePath)) {
        fail(Catalogue::Problem::Corrupt, QStringLiteral("%1: not an SQLite database")
                                              .arg(QDir::toNativeSeparators(filePath)));
        return;
    }
    m_connectionName = QStringLiteral("comfydesk-catalogue-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(filePath);
    // Another process writing the same file is waited for a while, then reported as locked.
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
    if (!m_db.open()) {
        fail(problemOf(m_db.lastError()), QStringLiteral("%1: %2")
                 .arg(QDir::toNativeSeparators(filePath), m_db.lastError().text()));
        return;
    }
    QString detail;
    Catalogue::Problem problem = Catalogue::Problem::Other;
    if (!configure(&detail, &problem)) {
        fail(problem, QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(filePath), detail));
        return;
    }
    releaseStaleClaims();
    m_cacheDir = cacheDir;
    QDir().mkpath(m_cacheDir);
    QSqlQuery sum(m_db);
    if (sum.exec(QStringLiteral("SELECT COALESCE(SUM(byte_size), 0) FROM images"
                                " WHERE cached_path IS NOT NULL")) && sum.next())
        m_cachedBytes = sum.value(0).toLongLong();
    m_open = true;
    QMetaObject::invokeMethod(m_facade, [facade = m_facade] {
        facade->onOpened(true, Catalogue::Problem::None, {});
    }, Qt::QueuedConnection);
}

bool CatalogueWorker::configure(QString *detail, Catalogue::Problem *problem)
{
    QSqlQuery query(m_db);
    auto run = [&](const QString &sql) {
        if (query.exec(sql))
            return true;
        *problem = problemOf(query.lastError());
        *detail = query.lastError().text();
        return false;
    };
    // The first statements read the header: a damaged or locked file fails here, before
    // anything is written.
    if (!run(QStringLiteral("PRAGMA user_version")) || !query.next())
        return false;
    const int version = query.value(0).toInt();
    if (version > CatalogueSchema::CurrentVersion) {
        *problem = Catalogue::Problem::NewerSchema;
        *detail = QStringLiteral("written by a newer ComfyDesk (schema %1, this one knows %2)")
                      .arg(version).arg(CatalogueSchema::CurrentVersion);
        return false;
    }
    if (!run(QStringLiteral("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)"))) {
        *problem = Catalogue::Problem::NoFts5;
        *detail = QStringLiteral("this SQLite has no FTS5 (full-text search): ")
                  + query.lastError().text();
        return false;
    }
    run(QStringLiteral("DROP TABLE temp.fts5_probe"));
    if (QFileInfo(m_db.databaseName()).size() <= QuickCheckUpTo) {
        if (!run(QStringLiteral("PRAGMA quick_check(1)")) || !query.next())
            return false;
        if (query.value(0).toString() != QLatin1String("ok")) {
            *problem = Catalogue::Problem::Corrupt;
            *detail = QStringLiteral("integrity check failed: ") + query.value(0).toString();
            return false;
        }
    }
    if (!run(QStringLiteral("PRAGMA journal_mode = WAL")) || !run(QStringLiteral(
            "PRAGMA synchronous = NORMAL")) || !run(QStringLiteral("PRAGMA foreign_keys = ON")))
        return false;
    QString error;
    if (!CatalogueSchema::migrate(m_db, CatalogueSchema::CurrentVersion, &error)) {
        *problem = problemOf(m_db.lastError());
        *detail = QStringLiteral("schema update failed: ") + error;
        return false;
    }
    return true;
}

// A claim (requeued_as = '') lives from claimLost() to requeueSettled(), one ComfyUI round
// trip in one run; one still there when the file is opened belongs to an app that died in
// between. Where the new prompt was recorded the re-queue happened and is settled now; the
// others become claimable again: a prompt that can never be re-queued is worse than the
// rare one ComfyUI accepted in the very moment the app died.
void CatalogueWorker::releaseStaleClaims()
{
    QSqlQuery query(m_db);
    query.exec(QStringLiteral(
        "UPDATE prompts SET requeued_as = (SELECT n.prompt_id FROM prompts n"
        " WHERE n.server_id = prompts.server_id AND n.requeued_from = prompts.prompt_id"
        " ORDER BY n.id LIMIT 1) WHERE requeued_as = ''"));
    check(query, "releasing re-queue claims");
}

void CatalogueWorker::shutdown()
{
    flush();
    m_prepared.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_open = false;
}

void CatalogueWorker::queueWrite(std::function<bool()> write)
{
    if (!m_open)
        return;
    m_pending.append(std::move(write));
    if (m_pending.size() >= FlushEarlyAt)
        flush();
    else if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void CatalogueWorker::flush()
{
    m_flushTimer->stop();
    if (m_pending.isEmpty())
        return;
    const QList<std::function<bool()>> writes = std::move(m_pending);
    m_pending.clear();
    if (!m_open)
        return;
    if (!m_db.transaction()) {
        qCWarning(lcCatalogue) << "catalogue: cannot begin a transaction:"
                               << m_db.lastError().text() << "-" << writes.size()
                               << "writes dropped";
        m_changed.clear();
        m_newImages.clear();
        return;
    }
    for (const std::function<bool()> &write : writes)
        write();   // a failing write says why itself; the others still land
    if (!m_db.commit()) {
        qCWarning(lcCatalogue) << "catalogue: commit failed:" << m_db.lastError().text()
                               << "-" << writes.size() << "writes dropped";
        m_db.rollback();
        m_changed.clear();
        m_newImages.clear();
        return;
    }
    announce();
}

void CatalogueWorker::announce()
{
    QStringList changed = std::move(m_changed);
    m_changed.clear();
    changed.removeDuplicates();
    const QHash<QString, QList<CatalogueImage>> images = std::move(m_newImages);
    m_newImages.clear();
    if (changed.isEmpty() && images.isEmpty())
        return;
    QMetaObject::invokeMethod(m_facade, [facade = m_facade, changed, images] {
        if (!changed.isEmpty())
            Q_EMIT facade->changed(changed);
        for (auto it = images.cbegin(); it != images.cend(); ++it)
            Q_EMIT facade->imagesRecorded(it.key(), it.value());
    }, Qt::QueuedConnection);
}

QSqlQuery &CatalogueWorker::prepared(const QString &sql)
{
    const auto [it, added] = m_prepared.try_emplace(sql, m_db);
    if (added)
        it->second.prepare(sql);
    return it->second;
}

bool CatalogueWorker::check(QSqlQuery &query, const char *what)
{
    if (!query.lastError().isValid())
        return true;
    qCWarning(lcCatalogue) << "catalogue:" << what << "failed:" << query.lastError().text();
    return false;
}

qint64 CatalogueWorker::serverId(const QString &url)
{
    const auto known = m_serverIds.constFind(url);
    if (known != m_serverIds.cend())
        return *known;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id FROM servers WHERE url = ?"));
    query.addBindValue(url);
    if (query.exec() && query.next()) {
        const qint64 id = query.value(0).toLongLong();
        m_serverIds.insert(url, id);
        return id;
    }
    query.prepare(QStringLiteral("INSERT INTO servers (url, first_seen_ms) VALUES (?, ?)"));
    query.addBindValue(url);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec()) {
        check(query, "adding a server");
        return 0;
    }
    const qint64 id = query.lastInsertId().toLongLong();
    m_serverIds.insert(url, id);
    return id;
}

QList<qint64> CatalogueWorker::rowIdsOf(const QStringList &promptIds)
{
    QList<qint64> rows;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT id FROM prompts WHERE prompt_id = ?"));
    for (const QString &promptId : promptIds) {
        query.addBindValue(promptId);
        if (!query.exec())
            continue;
        while (query.next())
            rows.append(query.value(0).toLongLong());
    }
    return rows;
}

bool CatalogueWorker::setStarred(const QStringList &promptIds, bool starred)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE prompts SET starred = ? WHERE prompt_id = ?"));
    for (const QString &promptId : promptIds) {
        query.addBindValue(starred ? 1 : 0);
        query.addBindValue(promptId);
        query.exec();
        if (!check(query, "starring"))
            return false;
        noteChanged(promptId);
    }
    return true;
}

// Tags and note are part of the full-text index: the row's index entry is written again.
bool CatalogueWorker::setTags(const QString &promptId, const QStringList &tags)
{
    QStringList clean;
    for (const QString &tag : tags) {
        const QString trimmed = tag.trimmed();
        if (!trimmed.isEmpty() && !clean.contains(trimmed))
            clean.append(trimmed);
    }
    const QString json = QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(clean)).toJson(QJsonDocument::Compact));
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE prompts SET tags = ? WHERE prompt_id = ?"));
    query.addBindValue(json);
    query.addBindValue(promptId);
    query.exec();
    if (!check(query, "tagging"))
        return false;
    for (qint64 rowId : rowIdsOf({promptId}))
        writeFts(rowId);
    noteChanged(promptId);
    return true;
}

bool CatalogueWorker::setNote(const QString &promptId, const QString &note)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE prompts SET note = ? WHERE prompt_id = ?"));
    query.addBindValue(sqlText(note));
    query.addBindValue(promptId);
    query.exec();
    if (!check(query, "writing a note"))
        return false;
    for (qint64 rowId : rowIdsOf({promptId}))
        writeFts(rowId);
    noteChanged(promptId);
    return true;
}
