#include "nodecatalogueloader.h"

#include "comfyclient.h"
#include "nodecatalogueparser.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>

#include <memory>

NodeCatalogueLoader::NodeCatalogueLoader(QObject *parent)
    : QObject(parent)
    , m_parser(&NodeCatalogueParser::parse)
{}

NodeCatalogueLoader::~NodeCatalogueLoader()
{
    cancel();
}

void NodeCatalogueLoader::setThreadPool(QThreadPool *pool)
{
    m_pool = pool;
}

void NodeCatalogueLoader::setParser(Parser parser)
{
    m_parser = parser ? std::move(parser) : Parser(&NodeCatalogueParser::parse);
}

bool NodeCatalogueLoader::isLoading() const
{
    return m_reply || m_watcher;
}

void NodeCatalogueLoader::cancel()
{
    if (ComfyReply *reply = m_reply.data()) {
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
    }
    // A parse already running finishes in its thread; with its watcher gone, nobody
    // hears of it.
    delete m_watcher;
    m_watcher = nullptr;
}

void NodeCatalogueLoader::load(ComfyClient &client)
{
    cancel();
    ComfyReply *reply = client.objectInfoBytes();
    m_reply = reply;
    connect(reply, &ComfyReply::finished, this, [this, reply] { onReplyFinished(reply); });
}

void NodeCatalogueLoader::onReplyFinished(ComfyReply *reply)
{
    if (reply != m_reply)
        return;
    m_reply = nullptr;
    if (!reply->ok()) {
        Q_EMIT failed(reply->error());
        return;
    }
    parse(reply->data());
}

void NodeCatalogueLoader::parse(const QByteArray &body)
{
    if (m_reply)
        cancel();
    delete m_watcher;
    m_watcher = new QFutureWatcher<NodeCatalogue>(this);
    QFutureWatcher<NodeCatalogue> *watcher = m_watcher;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        if (watcher != m_watcher)
            return;
        m_watcher = nullptr;
        watcher->deleteLater();
        // A promise is only ever finished with a result; guard anyway rather than crash.
        const NodeCatalogue catalogue =
            watcher->future().resultCount() > 0 ? watcher->result() : NodeCatalogue();
        Q_EMIT loaded(catalogue);
    });

    // std::function needs a copyable callable; QPromise is move-only.
    auto promise = std::make_shared<QPromise<NodeCatalogue>>();
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool *pool = m_pool ? m_pool : QThreadPool::globalInstance();
    pool->start([promise, body, parser = m_parser] {
        promise->addResult(parser(body));
        promise->finish();
    });
}
