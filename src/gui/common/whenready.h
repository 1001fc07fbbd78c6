#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <utility>

// Calls done(result) on context's thread once future has its result, unless context has
// been destroyed by then (a window closed while its file was still being read).
// Not QFuture::then(context, ...): on Qt 6.4 a continuation whose context is gone asserts
// in debug builds (qfuture_impl.h: Q_ASSERT(context)) instead of being dropped. A watcher
// owned by the context goes with it, and its signal with it.
// A future that ends with no result (a promise finished empty, a cancelled run) gives done a
// default-constructed T rather than reading a result that is not there.
template<typename T, typename Done>
void whenReady(QObject *context, const QFuture<T> &future, Done &&done)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::forward<Done>(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->future().resultCount() > 0 ? watcher->result() : T());
                     });
    watcher->setFuture(future);
}
