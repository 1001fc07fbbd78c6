#pragma once

#include "apiresponder.h"
#include "workflowfolderwatcher.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

class HttpServerAdapter;
struct ApiContext;
struct ApiRequest;
struct PromptStatus;
struct WorkflowError;

// GET /api/workflows, GET /api/workflow/<name>, POST /api/workflow/<name>[?wait=<s>].
//
// The name list is served from memory (the JSON body is kept ready) and rebuilt when the
// folder changes (core's WorkflowFolderWatcher) or the store is pointed at another folder.
//
// ?wait=<seconds> (capped at ApiContext::maxWaitSeconds) holds the answer until the prompt
// is final, then answers with its task status body and:
//   completed, processing   200
//   error                   500  (ComfyUI failed while executing it)
//   interrupted, cancelled  409  (someone else's action stopped it)
//   lost, not_found         502  (ComfyUI forgot it, e.g. it restarted)
// Non-200 bodies also carry "error" (the status message) and "status_code", the API's error
// shape. When the wait ends first: 202 with the submit answer and "status" pending|running.
class WorkflowController final : public QObject
{
    Q_OBJECT
public:
    explicit WorkflowController(ApiContext &context, QObject *parent = nullptr);

    void registerRoutes(HttpServerAdapter &server);

    // HTTP status of a ?wait answer for a final status (see above).
    static int waitStatusCode(const PromptStatus &status);

private:
    struct Waiter
    {
        ApiResponder responder;
        QString promptId;
        QString origin;
        QJsonObject submitAnswer;
        QDeadlineTimer deadline;
    };

    ApiResponse list();
    ApiResponse show(const ApiRequest &request) const;
    void submit(const ApiRequest &request, ApiResponder responder);
    void wait(Waiter waiter);
    void onStatusChanged(const QString &promptId);
    void sweep();
    void answerFinal(Waiter &waiter, const PromptStatus &status) const;
    void refreshNames();
    static ApiResponse workflowFailure(const WorkflowError &error);

    ApiContext &m_context;
    WorkflowFolderWatcher m_folderWatcher;
    QByteArray m_namesBody;
    bool m_namesValid = false;
    QList<Waiter> m_waiters;
    // Ends waits at their deadline and forgets callers that hung up; runs only while
    // someone waits.
    QTimer m_sweepTimer;
};
