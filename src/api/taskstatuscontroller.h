#pragma once

#include "apiresponder.h"

#include <QHash>
#include <QUrl>
#include <QList>
#include <QObject>
#include <QString>

class HttpServerAdapter;
struct ApiContext;
struct ApiRequest;
struct PromptStatus;

// GET /api/task_status/<prompt_id>. Answers from the tracker's memory (the hot path: one
// hash lookup, no ComfyUI request). Only an id the tracker cannot place while it has a
// queue snapshot is looked up once in ComfyUI's /history/<id>; the answer feeds the
// tracker, so the next request for that id is answered from memory too. Concurrent
// requests for the same unknown id share one lookup.
//
// Also looked up: a prompt the tracker still calls running although the latest queue
// snapshot no longer runs it (at most every 500 ms per id). ComfyConnection reads the
// history only of prompts tracked BEFORE its queue read, so another client's prompt that
// finishes last would otherwise stay "running" until the next queue change.
class TaskStatusController final : public QObject
{
    Q_OBJECT
public:
    explicit TaskStatusController(ApiContext &context, QObject *parent = nullptr);

    void registerRoutes(HttpServerAdapter &server);

private:
    struct Waiting
    {
        ApiResponder responder;
        QString origin;
    };

    void handle(const ApiRequest &request, ApiResponder responder);
    void lookUp(const QString &promptId);
    bool notFoundRecheckDue(const QString &promptId);
    void answer(const Waiting &waiting, const QString &promptId);

    ApiContext &m_context;
    QHash<QString, QList<Waiting>> m_lookups;

    struct CachedAnswer
    {
        QString origin;
        QUrl comfyUrl;
        QByteArray body;
    };
    QHash<QString, CachedAnswer> m_answers; // final prompts only
    QHash<QString, qint64> m_notFoundChecks; // when each not_found id was last asked for
};
