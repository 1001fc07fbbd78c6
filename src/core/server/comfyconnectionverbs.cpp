// ComfyConnection, part two: the verbs that change a server's queue. Each keeps the tracker
// right by itself, so the REST API and the queue view only call them.
#include "comfyconnection.h"

#include "comfyconnection_p.h"

#include <algorithm>

void ComfyConnection::Private::afterReply(ComfyReply *reply,
                                          std::function<void(ComfyReply *)> onDone)
{
    verbReplies.removeAll(QPointer<ComfyReply>());
    verbReplies.append(reply);
    // Connected before the caller can connect: the tracker is updated by the time the
    // caller's handler runs.
    QObject::connect(reply, &ComfyReply::finished, q,
                     [this, reply, onDone = std::move(onDone)] {
                         verbReplies.removeAll(reply);
                         onDone(reply);
                     });
}

void ComfyConnection::Private::dropVerbReplies()
{
    for (const QPointer<ComfyReply> &reply : std::as_const(verbReplies)) {
        if (reply)
            QObject::disconnect(reply, nullptr, q, nullptr);
    }
    verbReplies.clear();
    const QList<QPointer<ComfyReply>> chains = std::exchange(chainReplies, {});
    for (const QPointer<ComfyReply> &reply : chains) {
        if (reply) {
            ComfyError cancelled;
            cancelled.kind = ComfyError::Kind::Cancelled;
            cancelled.message = QStringLiteral("The connection to %1 was closed")
                                    .arg(client.baseUrl().toDisplayString());
            reply->finishWithError(cancelled);
        }
    }
}

ComfyReply *ComfyConnection::submit(const QJsonObject &prompt, const SubmitOptions &options)
{
    ComfyReply *reply = d->client.submitPrompt(prompt, options);
    d->afterReply(reply, [this, prompt, options](ComfyReply *done) {
        if (!done->ok())
            return;
        const QJsonObject answer = done->object();
        const QString promptId = answer.value(QLatin1String("prompt_id")).toString();
        if (promptId.isEmpty())
            return;
        // Accepted means queued, even before a /queue read shows it: Pending at once,
        // and Lost rather than NotFound if ComfyUI forgets it (a restart).
        const double number = answer.value(QLatin1String("number")).toDouble();
        d->tracker.markSubmitted(promptId, number,
                                 answer.value(QLatin1String("node_errors")).toObject());
        Q_EMIT promptAccepted(promptId, prompt, options, number);
        d->resync();
    });
    return reply;
}

void ComfyConnection::Private::afterRemoval(ComfyReply *reply, const QStringList &promptIds)
{
    // Marked before the answer: a queue read that sees the prompts gone first must call
    // them cancelled, not lost.
    tracker.markCancelRequested(promptIds, true);
    afterReply(reply, [this, promptIds](ComfyReply *done) {
        if (!done->ok()) {
            tracker.markCancelRequested(promptIds, false);
            return;
        }
        // The tracker ignores this for a prompt already running (ComfyUI's delete does
        // not stop it) and the resync corrects anything else.
        for (const QString &id : promptIds)
            tracker.markCancelled(id);
        resync();
    });
}

ComfyReply *ComfyConnection::cancel(const QStringList &promptIds)
{
    ComfyReply *reply = d->client.deleteFromQueue(promptIds);
    d->afterRemoval(reply, promptIds);
    return reply;
}

ComfyReply *ComfyConnection::clearPending()
{
    // What is pending when the request goes out is what the clear removes (prompts
    // accepted after the last /queue read included).
    const QStringList pending = d->tracker.pendingIds();
    ComfyReply *reply = d->client.clearQueue();
    d->afterRemoval(reply, pending);
    return reply;
}

ComfyReply *ComfyConnection::interrupt(const QString &promptId)
{
    ComfyReply *reply = d->client.interrupt(promptId);
    // The interrupted prompt's own events and history say how it ended.
    d->afterReply(reply, [this](ComfyReply *done) {
        if (done->ok())
            d->resync();
    });
    return reply;
}

ComfyReply *ComfyConnection::lookUp(const QString &promptId)
{
    ComfyReply *reply = d->client.historyFor(promptId);
    d->afterReply(reply, [this, promptId](ComfyReply *done) {
        if (!done->ok())
            return;
        const QJsonObject history = done->object();
        if (history.contains(promptId)) {
            d->tracker.applyHistory(history);
            Q_EMIT historyRead(history);
        } else {
            d->tracker.applyHistoryMissing(promptId);
        }
    });
    return reply;
}

ComfyReply *ComfyConnection::moveToFront(const QString &promptId)
{
    auto *outer = new ComfyReply;
    d->chainReplies.removeAll(QPointer<ComfyReply>());
    d->chainReplies.append(outer);
    // The graph, extra data and owner come from a fresh /queue read: the snapshot may
    // predate the prompt.
    d->afterReply(d->client.queue(), [this, outer, promptId](ComfyReply *queue) {
        if (!queue->ok()) {
            outer->finishLike(*queue);
            return;
        }
        const ComfyQueue parsed = ComfyQueue::parse(queue->object());
        const auto found = std::find_if(parsed.pending.cbegin(), parsed.pending.cend(),
                                        [&promptId](const QueueEntry &entry) {
                                            return entry.promptId == promptId;
                                        });
        if (found == parsed.pending.cend()) {
            ComfyError error;
            error.kind = ComfyError::Kind::NotPending;
            error.message = QStringLiteral("%1 is not pending on %2")
                                .arg(promptId, d->client.baseUrl().toDisplayString());
            outer->finishWithError(error);
            return;
        }
        const QueueEntry entry = *found;
        d->afterReply(d->client.deleteFromQueue({promptId}),
                      [this, outer, entry](ComfyReply *deleted) {
                          if (!deleted->ok()) {
                              outer->finishLike(*deleted);
                              return;
                          }
                          d->moveToFrontDeleted(outer, entry);
                      });
    });
    return outer;
}

void ComfyConnection::Private::moveToFrontDeleted(ComfyReply *outer, const QueueEntry &entry)
{
    // The delete does nothing to a prompt that started meanwhile; resubmitting it then
    // would run it twice. Only a prompt that is neither queued nor in the history (so it
    // never ran) is queued again.
    afterReply(client.queue(), [this, outer, entry](ComfyReply *queue) {
        if (!queue->ok()) {
            outer->finishLike(*queue);
            return;
        }
        if (ComfyQueue::parse(queue->object()).contains(entry.promptId)) {
            ComfyError error;
            error.kind = ComfyError::Kind::NotPending;
            error.message = QStringLiteral("%1 started before it could be moved")
                                .arg(entry.promptId);
            outer->finishWithError(error);
            return;
        }
        afterReply(client.historyFor(entry.promptId), [this, outer, entry](ComfyReply *h) {
            moveToFrontChecked(outer, entry, h);
        });
    });
}

void ComfyConnection::Private::moveToFrontChecked(ComfyReply *outer, const QueueEntry &entry,
                                                  ComfyReply *history)
{
    if (!history->ok()) {
        outer->finishLike(*history);
        return;
    }
    if (!history->object().isEmpty()) {
        tracker.applyHistory(history->object());
        Q_EMIT q->historyRead(history->object());
        ComfyError error;
        error.kind = ComfyError::Kind::NotPending;
        error.message = QStringLiteral("%1 ran before it could be moved").arg(entry.promptId);
        outer->finishWithError(error);
        return;
    }
    SubmitOptions options;
    options.promptId = entry.promptId;
    options.front = true;
    options.clientId = entry.clientId;
    QJsonObject extraData = entry.extraData;
    extraData.remove(QLatin1String("client_id"));   // sent as client_id, as ComfyUI wants
    options.extraData = extraData;
    // Sent again as it was (it is in extraData already); named here for promptAccepted's
    // listeners, who read the name from the options.
    options.workflowName = extraData.value(QLatin1String("comfydesk")).toObject()
                               .value(QLatin1String("workflow")).toString();
    options.partialExecutionTargets = entry.outputsToExecute;
    ComfyReply *submitted = q->submit(entry.prompt, options);
    QObject::connect(submitted, &ComfyReply::finished, outer,
                     [outer, submitted] { outer->finishLike(*submitted); });
}
