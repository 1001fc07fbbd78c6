#pragma once

#include "apiresponder.h"

#include <QHash>
#include <QUrl>
#include <QList>
#include <QObject>
#include <QString>

struct PromptStatus;

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
// Also looked up again: a not_found id, at most once a second (it may be submitted later).
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
    void answer(const Waiting &waiting, const QString &promptId, const PromptStatus &status);

    ApiContext &m_context;
    QHash<QString, QList<Waiting>> m_lookups;

    struct CachedAnswer
    {
        QString origin;
        QUrl comfyUrl;
        QByteArray body;
        bool notFound = false;  // re-checked with ComfyUI now and then: never a fast hit
    };
    QHash<QString, CachedAnswer> m_answers; // final prompts only
    QHash<QString, qint64> m_notFoundChecks; // when each not_found id was last asked for
};
