#include "historyimporter.h"

#include "comfyclient.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>

#include <memory>

namespace {

// How many rewinds one import may make before it stops looking for shifts (a history
// that keeps shrinking under it must not keep it reading forever).
constexpr int MaxRewinds = 32;

} // namespace

// Why offsets move under an import: ComfyUI appends finished prompts at the end and, at its
// cap (10,000), drops the oldest; a user may delete entries anywhere. Appends leave earlier
// offsets alone, but every removal before our offset moves the unread entries down: the
// next page would start past some of them, and they would be missed although they still
// exist. So each page starts a few entries before where the last one ended (overlap()):
// seeing none of those known entries again means the history moved by at least the
// overlap, and the import steps back until it finds known ground. Entries read twice are
// dropped by id (m_seen), so each prompt is emitted once per import; records are upserts
// anyway. Only an entry removed before it was read is missed, and that one is gone.

HistoryImporter::HistoryImporter(ComfyClient &client, const QString &server, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_server(server)
{}

HistoryImporter::~HistoryImporter()
{
    dropInFlight();
}

void HistoryImporter::setPageSize(int entries)
{
    m_pageSize = qMax(1, entries);
}

int HistoryImporter::overlap() const
{
    // One page of one entry cannot overlap and still move on.
    if (m_runPageSize < 2)
        return 0;
    return qBound(1, m_runPageSize / 10, 50);
}

void HistoryImporter::start(const QSet<QString> &skipIds)
{
    dropInFlight();
    ++m_generation;
    m_running = true;
    m_runPageSize = m_pageSize;
    m_skip = skipIds;
    m_seen.clear();
    m_offset = 0;
    m_imported = 0;
    m_rewinds = 0;
    m_firstPage.clear();
    requestPage();
}

void HistoryImporter::cancel()
{
    dropInFlight();
    ++m_generation;
    m_running = false;
}

void HistoryImporter::dropInFlight()
{
    if (ComfyReply *reply = m_reply.data()) {
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
    }
    // A parse already running ends in its thread; with its watcher gone, its page is
    // dropped there.
    delete m_watcher;
    m_watcher = nullptr;
}

void HistoryImporter::requestPage()
{
    ComfyReply *reply = m_client.historyBytes(m_runPageSize, m_offset);
    m_reply = reply;
    connect(reply, &ComfyReply::finished, this, [this, reply] { onPageRead(reply); });
}

void HistoryImporter::onPageRead(ComfyReply *reply)
{
    if (reply != m_reply)
        return;
    m_reply = nullptr;
    if (!reply->ok()) {
        finish(false, reply->error());
        return;
    }

    // A watcher rather than a QPointer checked in the pool thread: reading a QPointer there
    // races with the importer's deletion here. The watcher is our child; once it is
    // deleted, the parsed page has nowhere to go.
    m_watcher = new QFutureWatcher<HistoryPage>(this);
    QFutureWatcher<HistoryPage> *watcher = m_watcher;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        if (watcher != m_watcher)
            return;
        m_watcher = nullptr;
        watcher->deleteLater();
        if (watcher->future().resultCount() == 0)
            return;   // never happens: the promise always carries a page
        onPageParsed(watcher->result());
    });

    // std::function needs a copyable callable; QPromise is move-only.
    auto promise = std::make_shared<QPromise<HistoryPage>>();
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start(
        [promise, body = reply->data(), server = m_server, skip = m_skip] {
            promise->addResult(HistoryPage::parse(body, server, skip));
            promise->finish();
        });
}

void HistoryImporter::onPageParsed(const HistoryPage &page)
{
    if (!page.error.isEmpty()) {
        ComfyError error;
        error.kind = ComfyError::Kind::InvalidJson;
        error.message = QStringLiteral("ComfyUI answered GET %1 with an unusable history: %2")
                            .arg(m_client.endpoint(QStringLiteral("/history"),
                                                   {{QStringLiteral("max_items"),
                                                     QString::number(m_runPageSize)},
                                                    {QStringLiteral("offset"),
                                                     QString::number(m_offset)}})
                                     .toDisplayString(QUrl::RemoveUserInfo),
                                 page.error);
        finish(false, error);
        return;
    }

    // Records of entries an earlier page of this import had (the overlap) are not new.
    QList<PromptRecord> records;
    records.reserve(page.records.size());
    for (const PromptRecord &record : page.records) {
        if (!m_seen.contains(record.promptId))
            records.append(record);
    }
    int known = 0;
    for (const QString &id : page.promptIds) {
        if (m_seen.contains(id))
            ++known;
        else
            m_seen.insert(id);
    }

    if (!records.isEmpty()) {
        m_imported += int(records.size());
        const QPointer<HistoryImporter> self(this);
        const quint64 generation = m_generation;
        Q_EMIT batchReady(records);
        // A listener may have cancelled, restarted or deleted us.
        if (!self || generation != m_generation)
            return;
    }

    const int requestedAt = m_offset;
    if (requestedAt == 0) {
        m_firstPage = page.promptIds;
    } else if (page.entryCount > 0 && page.promptIds == m_firstPage) {
        // Entries only ever move towards the start, so the first page's entries cannot all
        // be found further on: the server answers the same page whatever the offset, and
        // reading on would never end.
        ComfyError error;
        error.kind = ComfyError::Kind::InvalidJson;
        error.message = QStringLiteral("ComfyUI at %1 ignores the offset of GET /history: its "
                                       "history cannot be read past the first %2 entries")
                            .arg(m_client.baseUrl().toDisplayString(QUrl::RemoveUserInfo))
                            .arg(page.entryCount);
        finish(false, error);
        return;
    }
    if (requestedAt > 0 && overlap() > 0 && known == 0 && m_rewinds < MaxRewinds) {
        // The history moved under us by the overlap or more (see above): entries before
        // this page may not have been read. Step back onto known ground; the pages read
        // again bring nothing new until the import is past where it was.
        ++m_rewinds;
        m_offset = qMax(0, requestedAt - (m_runPageSize - overlap()));
        requestPage();
        return;
    }
    if (page.entryCount < m_runPageSize) {
        finish(true);   // the last page
        return;
    }
    if (page.entryCount > m_runPageSize) {
        // max_items ignored (a proxy, an old or patched server): this was all of it.
        finish(true);
        return;
    }
    m_offset = requestedAt + page.entryCount - overlap();
    requestPage();
}

void HistoryImporter::finish(bool ok, const ComfyError &error)
{
    m_running = false;
    ++m_generation;
    Q_EMIT finished(ok, m_imported, error);
}
