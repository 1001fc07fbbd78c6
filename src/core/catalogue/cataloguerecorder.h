#pragma once

#include "catalogue.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class ComfyConnection;
class HistoryImporter;
class ImageFetcher;
class ServerRegistry;

// Fills the catalogue from what the server connections learn, so nobody has to remember
// to: every prompt this app submits (with its graph and workflow) when ComfyUI accepts it;
// each state it reaches (from the tracker); other clients' prompts when their history is
// read; and on every (re)connect ComfyUI's whole history, imported in pages off the UI
// thread, skipping what is already recorded as finished. After an import it follows our
// unfinished prompts again: those ComfyUI no longer has become lost (the journal), and
// requeue() queues them again. Between imports, every queue change ComfyUI broadcasts has
// the newest history entries read: another client's prompt that was queued and finished
// between two of our queue reads shows up nowhere else.
class CatalogueRecorder final : public QObject
{
    Q_OBJECT
public:
    CatalogueRecorder(Catalogue &catalogue, ServerRegistry &servers, QObject *parent = nullptr);
    ~CatalogueRecorder() override;

    // The server name the catalogue files a connection's prompts under.
    static QString serverKey(const ComfyConnection &connection);

    struct RequeueResult
    {
        QStringList requeuedFrom;   // lost prompt ids queued again...
        QStringList requeuedAs;     // ...as these new ones (same order)
        QStringList skipped;        // asked for, but not lost (or already re-queued)
        QStringList failedIds;      // ComfyUI refused or could not be reached
        QStringList failures;       // why, same order as failedIds
    };
    // Queues lost prompts again on the current server, as the same workflow and graph
    // (all lost ones when promptIds is empty). Each lost prompt is queued at most once,
    // however often this is called.
    void requeue(const QStringList &promptIds, QObject *context,
                 std::function<void(const RequeueResult &)> done);

    bool isImporting(const ComfyConnection &connection) const;
    void setImportPageSize(int size) { m_pageSize = size; }

Q_SIGNALS:
    // The import that follows a connect ended (ok: every page read).
    void importFinished(const QString &server, bool ok, int imported);

private:
    struct Attached;
    void attach(ComfyConnection *connection);
    void onStatusChanged(ComfyConnection *connection, const QString &promptId);
    void startImport(ComfyConnection *connection);
    void followUnfinished(ComfyConnection *connection);
    void readTail(ComfyConnection *connection, int entries);

    Catalogue &m_catalogue;
    ServerRegistry &m_servers;
    ImageFetcher *m_images;
    QHash<ComfyConnection *, Attached *> m_attached;
    QHash<QString, QString> m_requeuedFrom;   // new prompt id -> the lost one it re-queues
    int m_pageSize = 500;
};
