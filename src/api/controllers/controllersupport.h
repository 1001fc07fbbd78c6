#pragma once

#include "apiresponse.h"

#include "apiresponder.h"

#include <QJsonObject>
#include <QString>

#include <functional>

class ComfyReply;
class QObject;
struct ApiRequest;
struct ComfyError;

// Shared by several controllers: the translation of a failed ComfyUI request into an API
// error, deferred answers, the caller's origin. The task status body is PromptStatusJson.
class ControllerSupport final
{
public:
    // Unreachable 502, timeout 504, a ComfyUI validation failure (HTTP 400 with an "error"
    // object or node_errors) 400 carrying both, anything else 502. Every message names the
    // ComfyUI URL (ComfyError's messages do).
    static ApiResponse comfyFailure(const ComfyError &error);

    // Answers a deferred request when the ComfyUI reply finishes: onSuccess builds the answer
    // from a good reply, a failed one becomes comfyFailure(). Nothing is written once the
    // caller has hung up. context: the handler's owner (ends the connection).
    static void answerWhenDone(QObject *context, ComfyReply *reply, ApiResponder responder,
                               std::function<ApiResponse(const ComfyReply &)> onSuccess);

    // {"error": message, "status_code": status} for statuses ApiError::Kind has no name for
    // (e.g. 422 for a broken workflow file).
    static ApiResponse errorStatus(int status, const QString &message);

    // "http://<Host header>" of the request: api_url must be reachable by the caller, who
    // reached us under that name.
    static QString requestOrigin(const ApiRequest &request);
};
