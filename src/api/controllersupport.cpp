#include "controllersupport.h"
#include "statustext.h"

#include "apierror.h"
#include "apirequest.h"
#include "comfyclient.h"
#include "comfyerror.h"
#include "promptstatus.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrl>

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

QJsonObject ControllerSupport::imageJson(const ImageRef &image, const QString &promptId,
                                         int index, const QString &origin,
                                         const ComfyClient &client)
{
    const QString encodedId =
        QString::fromLatin1(QUrl::toPercentEncoding(promptId));
    return QJsonObject{
        {QStringLiteral("url"),
         client.viewUrl(image.filename, image.subfolder, image.type).toString()},
        {QStringLiteral("filename"), image.filename},
        {QStringLiteral("subfolder"), image.subfolder},
        {QStringLiteral("type"), image.type},
        {QStringLiteral("api_url"),
         QStringLiteral("%1/api/image/%2/%3").arg(origin, encodedId).arg(index)},
    };
}

QJsonArray ControllerSupport::imagesJson(const PromptStatus &status, const QString &origin,
                                         const ComfyClient &client)
{
    QJsonArray images;
    for (int i = 0; i < status.images.size(); ++i)
        images.append(imageJson(status.images.at(i), status.promptId, i, origin, client));
    return images;
}

namespace {

QJsonValue timestamp(qint64 ms)
{
    if (ms <= 0)
        return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue seconds(double value)
{
    return value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

} // namespace

QJsonObject ControllerSupport::statusJson(const PromptStatus &status, const QString &origin,
                                          const ComfyClient &client)
{
    using State = PromptStatus::State;
    QJsonObject body{
        {QStringLiteral("status"), PromptStatus::stateName(status.state)},
        {QStringLiteral("message"), StatusText::message(status)},
        {QStringLiteral("prompt_id"), status.promptId},
    };
    switch (status.state) {
    case State::Pending:
        // 0 means "queued, place not read yet"; null says so without faking a position.
        body.insert(QStringLiteral("queue_position"),
                    status.queuePosition > 0 ? QJsonValue(status.queuePosition)
                                             : QJsonValue(QJsonValue::Null));
        break;
    case State::Running:
        body.insert(QStringLiteral("execution_info"),
                    QJsonObject{
                        {QStringLiteral("node"), status.currentNode.isEmpty()
                                                     ? QJsonValue(QJsonValue::Null)
                                                     : QJsonValue(status.currentNode)},
                        {QStringLiteral("step"), status.step},
                        {QStringLiteral("max"), status.maxSteps},
                        {QStringLiteral("started_at"), timestamp(status.startedAtMs)},
                    });
        break;
    case State::Completed:
    case State::CompletedWithoutImages:
        body.insert(QStringLiteral("images"), imagesJson(status, origin, client));
        body.insert(QStringLiteral("execution_time"), seconds(status.executionTime));
        body.insert(QStringLiteral("node_errors"), status.nodeErrors);
        break;
    case State::Error:
    case State::Interrupted:
        body.insert(QStringLiteral("node_id"), status.errorNode.isEmpty()
                                                   ? QJsonValue(QJsonValue::Null)
                                                   : QJsonValue(status.errorNode));
        body.insert(QStringLiteral("node_type"), status.errorNodeType.isEmpty()
                                                     ? QJsonValue(QJsonValue::Null)
                                                     : QJsonValue(status.errorNodeType));
        if (status.state == State::Error) {
            body.insert(QStringLiteral("exception_type"), status.exceptionType);
            body.insert(QStringLiteral("exception_message"), status.exceptionMessage);
        }
        body.insert(QStringLiteral("execution_time"), seconds(status.executionTime));
        body.insert(QStringLiteral("node_errors"), status.nodeErrors);
        break;
    case State::Unknown:
    case State::NotFound:
    case State::Cancelled:
    case State::Lost:
        break;
    }
    return body;
}
