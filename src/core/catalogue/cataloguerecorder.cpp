#include "cataloguerecorder.h"

#include "comfyconnection.h"
#include "historyimporter.h"
#include "historypage.h"
#include "imagefetcher.h"
#include "serverregistry.h"

#include <QDateTime>
#include <QPointer>
#include <QUuid>

#include <memory>
#include <utility>

namespace {

// The newest history entries read after a queue change; more if none of them was known
// (more prompts finished since the last read), and a whole import beyond the second size.
// Small: each entry carries its whole graph and these pages are parsed on this thread;
// between two queue changes usually one prompt finishes.
constexpr int TailEntries = 4;
constexpr int WideTailEntries = 32;

} // namespace

// What the recorder keeps per connection.
struct CatalogueRecorder::Attached
{
    QString server;
    QHash<QString, PromptStatus::State> recordedState;   // the last state written per prompt
    QPointer<HistoryImporter> importer;
    QList<QMetaObject::Connection> connections;
    // The history's ids as last read (the whole import, then the newest page): a newer
    // page sharing none of them means entries in between were not read yet.
    QSet<QString> historyIds;
    bool imported = false;           // an import since the last connect has ended well
    QPointer<ComfyReply> tailReply;  // one tail read at a time...
    bool tailAgain = false;          // ...and one more when asked for during it
};

CatalogueRecorder::CatalogueRecorder(Catalogue &catalogue, ServerRegistry &servers,
                                     QObject *parent)
    : QObject(parent)
    , m_catalogue(catalogue)
    , m_servers(servers)
    , m_images(new ImageFetcher(catalogue, servers, this))
{
    for (ComfyConnection *connection : servers.connections())
        attach(connection);
    connect(&servers, &ServerRegistry::currentChanged, this, &CatalogueRecorder::attach);
    connect(&catalogue, &Catalogue::imagesRecorded, m_images, &ImageFetcher::enqueue);
    // The catalogue may open after the connections: an import waits for it.
    connect(&catalogue, &Catalogue::opened, this, [this](bool ok) {
        if (!ok)
            return;
        for (auto it = m_attached.cbegin(); it != m_attached.cend(); ++it) {
            if (it.key()->state() == ComfyConnection::State::Connected)
                startImport(it.key());
        }
    });
}

CatalogueRecorder::~CatalogueRecorder()
{
    for (auto it = m_attached.cbegin(); it != m_attached.cend(); ++it) {
        for (const QMetaObject::Connection &c : std::as_const(it.value()->connections))
            disconnect(c);
        delete it.value()->importer.data();
        delete it.value();
    }
}

QString CatalogueRecorder::serverKey(const ComfyConnection &connection)
{
    return connection.endpoint().baseUrl.toString(QUrl::RemoveUserInfo);
}

bool CatalogueRecorder::isImporting(const ComfyConnection &connection) const
{
    Attached *attached = m_attached.value(const_cast<ComfyConnection *>(&connection));
    return attached && attached->importer;
}

void CatalogueRecorder::attach(ComfyConnection *connection)
{
    if (!connection || m_attached.contains(connection))
        return;
    auto *attached = new Attached;
    attached->server = serverKey(*connection);
    m_attached.insert(connection, attached);
    PromptTracker &tracker = connection->tracker();
    attached->connections = {
        connect(connection, &ComfyConnection::promptAccepted, this,
                [this, connection, attached](const QString &promptId, const QJsonObject &graph,
                                             const SubmitOptions &options, double) {
            PromptRecord record;
            record.server = attached->server;
            record.promptId = promptId;
            record.workflow = options.workflowName;
            record.graph = graph;
            record.clientId = options.clientId.isEmpty() ? connection->clientId()
                                                         : options.clientId;
            // Moving another client's prompt to the front submits it under its owner's id:
            // it stays theirs, not part of our journal.
            record.submittedHere = record.clientId == connection->clientId();
            record.requeuedFrom = m_requeuedFrom.take(promptId);
            record.hasStatus = true;
            record.status = PromptStatus::stateName(PromptStatus::State::Pending);
            record.queuedAtMs = QDateTime::currentMSecsSinceEpoch();
            m_catalogue.record(record);
        }),
        connect(&tracker, &PromptTracker::statusChanged, this,
                [this, connection](const QString &promptId) {
            onStatusChanged(connection, promptId);
        }),
        connect(&tracker, &PromptTracker::promptRemoved, this,
                [attached](const QString &promptId) {
            attached->recordedState.remove(promptId);
        }),
        // Other clients' prompts: their graph and outputs come with the history read.
        connect(connection, &ComfyConnection::historyRead, this,
                [this, attached](const QJsonObject &history) {
            QList<PromptRecord> records;
            for (auto it = history.constBegin(); it != history.constEnd(); ++it)
                records.append(HistoryPage::fromHistoryEntry(attached->server, it.key(),
                                                             it.value()));
            m_catalogue.record(records);
        }),
        connect(connection, &ComfyConnection::stateChanged, this,
                [this, connection, attached](ComfyConnection::State state) {
            if (state == ComfyConnection::State::Connected)
                startImport(connection);
            else
                attached->imported = false;
        }),
        // ComfyUI broadcasts "status" whenever its queue changes, a prompt finishing included.
        connect(connection, &ComfyConnection::eventReceived, this,
                [this, connection, attached](const ComfyEvent &event) {
            if (event.type == ComfyEvent::Type::Status && attached->imported)
                readTail(connection, TailEntries);
        }),
        connect(connection, &QObject::destroyed, this, [this, connection] {
            delete m_attached.take(connection);
        }),
    };
    if (connection->state() == ComfyConnection::State::Connected)
        startImport(connection);
}

void CatalogueRecorder::onStatusChanged(ComfyConnection *connection, const QString &promptId)
{
    Attached *attached = m_attached.value(connection);
    if (!attached)
        return;
    const PromptStatus status = connection->tracker().status(promptId);
    // Only a new state is worth a write: positions and progress change far more often.
    if (status.state == PromptStatus::State::Unknown)
        return;
    const auto known = attached->recordedState.constFind(promptId);
    if (known != attached->recordedState.cend() && *known == status.state)
        return;
    attached->recordedState.insert(promptId, status.state);
    m_catalogue.record(PromptRecord::fromStatus(attached->server, status));
}

void CatalogueRecorder::startImport(ComfyConnection *connection)
{
    Attached *attached = m_attached.value(connection);
    if (!attached || !m_catalogue.isOpen())
        return;
    delete attached->importer.data();   // a reconnect restarts a running import
    attached->imported = false;
    if (ComfyReply *tail = attached->tailReply.data()) {
        attached->tailReply = nullptr;
        disconnect(tail, nullptr, this, nullptr);
        tail->abort();
    }
    attached->tailAgain = false;
    auto *importer = new HistoryImporter(connection->client(), attached->server, this);
    importer->setPageSize(m_pageSize);
    attached->importer = importer;
    connect(importer, &HistoryImporter::batchReady, this,
            [this](const QList<PromptRecord> &records) { m_catalogue.record(records); });
    connect(importer, &HistoryImporter::finished, this,
            [this, connection, importer, server = attached->server](
                bool ok, int imported, const ComfyError &) {
        importer->deleteLater();
        Attached *attached = m_attached.value(connection);
        if (ok && attached) {
            attached->historyIds = importer->seenIds();
            attached->imported = true;
        }
        Q_EMIT importFinished(server, ok, imported);
        if (ok && m_attached.contains(connection)) {
            followUnfinished(connection);
            m_images->catchUp(server);
            // What finished after the import read its last page.
            readTail(connection, TailEntries);
        }
    });
    m_catalogue.finishedIds(attached->server, importer,
                            [importer](const QSet<QString> &finished) {
        importer->start(finished);
    });
}

// Our prompts the catalogue has as unfinished, after ComfyUI's history is imported: the
// tracker follows each again; one in neither queue nor history reads not_found, which the
// catalogue records as lost (it knew the prompt unfinished).
void CatalogueRecorder::followUnfinished(ComfyConnection *connection)
{
    Attached *attached = m_attached.value(connection);
    if (!attached)
        return;
    m_catalogue.unfinishedSubmitted(attached->server, this,
                                    [this, connection](const QList<CatalogueEntry> &entries) {
        if (!m_attached.contains(connection) || entries.isEmpty())
            return;
        PromptTracker &tracker = connection->tracker();
        bool added = false;
        for (const CatalogueEntry &entry : entries) {
            if (!tracker.contains(entry.promptId)) {
                tracker.track(entry.promptId);
                added = true;
            }
        }
        if (added)
            connection->resync();
    });
}

// Reads the newest entries of the history and records those not read before. A page that
// shares no id with the last read may have missed entries older than it: a wider one is
// read, and beyond that a whole import (parsed off this thread) catches up.
void CatalogueRecorder::readTail(ComfyConnection *connection, int entries)
{
    Attached *attached = m_attached.value(connection);
    if (!attached || !attached->imported)
        return;
    if (attached->tailReply) {
        attached->tailAgain = true;
        return;
    }
    ComfyReply *reply = connection->client().history(entries);
    attached->tailReply = reply;
    connect(reply, &ComfyReply::finished, this, [this, connection, reply, entries] {
        Attached *attached = m_attached.value(connection);
        if (!attached || attached->tailReply != reply)
            return;
        attached->tailReply = nullptr;
        if (!reply->ok())
            return;   // ComfyUI is gone: the import after the reconnect reads everything
        const QJsonObject page = reply->object();
        QList<PromptRecord> records;
        bool overlaps = false;
        for (auto it = page.constBegin(); it != page.constEnd(); ++it) {
            if (attached->historyIds.contains(it.key()))
                overlaps = true;
            else
                records.append(HistoryPage::fromHistoryEntry(attached->server, it.key(),
                                                             it.value()));
        }
        m_catalogue.record(records);
        if (!overlaps && page.size() >= entries) {
            if (entries < WideTailEntries)
                readTail(connection, WideTailEntries);
            else
                startImport(connection);
            return;
        }
        // The newest ids are what the next page must meet again.
        attached->historyIds.clear();
        for (auto it = page.constBegin(); it != page.constEnd(); ++it)
            attached->historyIds.insert(it.key());
        if (std::exchange(attached->tailAgain, false))
            readTail(connection, TailEntries);
    });
}

void CatalogueRecorder::requeue(const QStringList &promptIds, QObject *context,
                                std::function<void(const RequeueResult &)> done)
{
    QPointer<QObject> guard(context);
    m_catalogue.claimLost(promptIds, this,
                          [this, promptIds, guard, done](const QList<CatalogueEntry> &claimed) {
        auto result = std::make_shared<RequeueResult>();
        QSet<QString> claimedIds;
        for (const CatalogueEntry &entry : claimed)
            claimedIds.insert(entry.promptId);
        for (const QString &id : promptIds) {
            if (!claimedIds.contains(id) && !result->skipped.contains(id))
                result->skipped.append(id);
        }
        auto left = std::make_shared<int>(int(claimed.size()));
        auto finish = [guard, done, result] {
            if (guard)
                done(*result);
        };
        if (claimed.isEmpty()) {
            finish();
            return;
        }
        ComfyConnection &connection = m_servers.current();
        for (const CatalogueEntry &entry : claimed) {
            SubmitOptions options;
            // Our own id, known before ComfyUI answers: the new record links to the lost one.
            options.promptId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            options.workflowName = entry.workflow;
            m_requeuedFrom.insert(options.promptId, entry.promptId);
            ComfyReply *reply = connection.submit(entry.graph, options);
            connect(reply, &ComfyReply::finished, this,
                    [this, reply, entry, newId = options.promptId, result, left, finish] {
                if (reply->ok()) {
                    m_catalogue.requeueSettled(entry.promptId, newId);
                    result->requeuedFrom.append(entry.promptId);
                    result->requeuedAs.append(newId);
                } else {
                    m_requeuedFrom.remove(newId);
                    m_catalogue.requeueSettled(entry.promptId, {});
                    result->failedIds.append(entry.promptId);
                    result->failures.append(reply->error().message);
                }
                if (--*left == 0)
                    finish();
            });
        }
    });
}
