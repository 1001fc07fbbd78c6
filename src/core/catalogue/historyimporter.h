#pragma once

#include "comfyerror.h"
#include "historypage.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

class ComfyClient;
class ComfyReply;
template<typename T>
class QFutureWatcher;

// Reads one server's whole ComfyUI history into catalogue records, a page at a time
// (GET /history?max_items=N&offset=M, oldest first), one request in flight. Each page is
// parsed in QThreadPool::globalInstance(): a page of hundreds of entries with whole graphs
// is megabytes of JSON, so the calling (UI) thread only sends requests and hands on batches.
//
// One import at a time: start() again or cancel() drops the one running (nothing more is
// emitted for it), as does destroying the importer. The client must outlive the importer.
class HistoryImporter final : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultPageSize = 500;

    HistoryImporter(ComfyClient &client, const QString &server, QObject *parent = nullptr);
    ~HistoryImporter() override;

    // Entries per request (at least 1); takes effect on the next start().
    void setPageSize(int entries);
    int pageSize() const { return m_pageSize; }

    // Entries whose id is in skipIds (final in the catalogue already) become no record.
    void start(const QSet<QString> &skipIds);
    void cancel();
    bool isRunning() const { return m_running; }
    // Every prompt id the last import read (skipped ones included): the history as it was.
    QSet<QString> seenIds() const { return m_seen; }

Q_SIGNALS:
    // One page's records, each prompt once per import.
    void batchReady(const QList<PromptRecord> &records);
    // The end of an import (not after cancel()); imported counts the records emitted.
    void finished(bool ok, int imported, const ComfyError &error);

private:
    void requestPage();
    void onPageRead(ComfyReply *reply);
    void onPageParsed(const HistoryPage &page);
    void finish(bool ok, const ComfyError &error = {});
    void dropInFlight();
    int overlap() const;

    ComfyClient &m_client;
    QString m_server;
    int m_pageSize = DefaultPageSize;
    int m_runPageSize = DefaultPageSize;   // fixed while an import runs

    bool m_running = false;
    quint64 m_generation = 0;   // changes on start() and cancel(): stale work is ignored
    QSet<QString> m_skip;
    QSet<QString> m_seen;       // every id read in this import, skipped ones included
    int m_offset = 0;           // of the page requested last
    int m_imported = 0;
    int m_rewinds = 0;
    QStringList m_firstPage;    // ids of the page at offset 0 (an ignored offset repeats it)
    QPointer<ComfyReply> m_reply;
    QFutureWatcher<HistoryPage> *m_watcher = nullptr;
};
