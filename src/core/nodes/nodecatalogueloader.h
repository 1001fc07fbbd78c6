#pragma once

#include "comfyerror.h"
#include "nodecatalogue.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

#include <functional>

class ComfyClient;
class ComfyReply;
class QThreadPool;
template<typename T>
class QFutureWatcher;

// Fetches /object_info and types it in a pool thread; the result arrives on this object's
// thread through loaded() or failed(). One load at a time: a new load() or cancel()
// drops the one in flight (its result is never emitted), as does destroying the loader.
class NodeCatalogueLoader final : public QObject
{
    Q_OBJECT
public:
    using Parser = std::function<NodeCatalogue(const QByteArray &body)>;

    explicit NodeCatalogueLoader(QObject *parent = nullptr);
    ~NodeCatalogueLoader() override;

    // Where parsing runs; the global pool unless set. The pool must outlive the loads.
    void setThreadPool(QThreadPool *pool);
    // Replaces NodeCatalogueParser::parse (tests observe which thread parses with it).
    // Called in a pool thread: it must be thread-safe.
    void setParser(Parser parser);

    // Fetches the full catalogue with client (which must outlive the request).
    void load(ComfyClient &client);
    // Types body, as if it had been fetched (a catalogue cached on disk, a test).
    void parse(const QByteArray &body);
    void cancel();
    bool isLoading() const;

Q_SIGNALS:
    void loaded(const NodeCatalogue &catalogue);
    // The request failed (unreachable, HTTP error, timeout). A body that is not a usable
    // catalogue is not a failure: it is loaded() with issues() saying why.
    void failed(const ComfyError &error);

private:
    void onReplyFinished(ComfyReply *reply);

    QThreadPool *m_pool = nullptr;
    Parser m_parser;
    QPointer<ComfyReply> m_reply;
    QFutureWatcher<NodeCatalogue> *m_watcher = nullptr;
};
