#include "controllersupport.h"

#include "apierror.h"
#include "apirequest.h"
#include "comfyclient.h"
#include "comfyerror.h"

ApiResponse ControllerSupport::comfyFailure(const ComfyError &error)
{
    switch (error.kind) {
    case ComfyError::Kind::Timeout:
        return ApiResponse::error(ApiError::Kind::GatewayTimeout, error.message);
    case ComfyError::Kind::Http:
        if (error.httpStatus == 400
            && (!error.errorObject.isEmpty() || !error.nodeErrors.isEmpty())) {
            // ComfyUI refused the prompt: the caller's input is wrong, not the gateway.
            QString message = error.errorObject.value(QLatin1String("message")).toString();
            if (message.isEmpty())
                message = error.message;
            ApiError apiError(ApiError::Kind::BadRequest,
                              QStringLiteral("ComfyUI rejected the prompt: ") + message);
            apiError.withDetail(QStringLiteral("comfy_error"), error.errorObject);
            apiError.withDetail(QStringLiteral("node_errors"), error.nodeErrors);
            return ApiResponse::error(apiError);
        }
        break;
    case ComfyError::Kind::NotPending:
        return errorStatus(409, error.message);
    case ComfyError::Kind::None:
    case ComfyError::Kind::Unreachable:
    case ComfyError::Kind::InvalidJson:
    case ComfyError::Kind::Cancelled:
        break;
    }
    return ApiResponse::error(ApiError::Kind::BadGateway, error.message);
}

void ControllerSupport::answerWhenDone(QObject *context, ComfyReply *reply,
                                       ApiResponder responder,
                                       std::function<ApiResponse(const ComfyReply &)> onSuccess)
{
    QObject::connect(reply, &ComfyReply::finished, context,
                     [reply, responder, onSuccess = std::move(onSuccess)]() mutable {
                         // onSuccess runs even when the caller has hung up: its side
                         // effects (tracker updates) must not depend on the caller.
                         if (reply->ok()) {
                             const ApiResponse response = onSuccess(*reply);
                             responder.send(response);
                         } else if (responder.isWaiting()) {
                             responder.send(comfyFailure(reply->error()));
                         }
                     });
}

ApiResponse ControllerSupport::errorStatus(int status, const QString &message)
{
    return ApiResponse::bytes(ApiError::jsonBody(status, message),
                              QByteArrayLiteral("application/json"), status);
}

QString ControllerSupport::requestOrigin(const ApiRequest &request)
{
    QString host = QString::fromLatin1(request.header("Host"));
    if (host.isEmpty()) // HTTP/1.0 without Host: the address the caller connected to
        host = QStringLiteral("127.0.0.1");
    return QStringLiteral("http://") + host;
}
