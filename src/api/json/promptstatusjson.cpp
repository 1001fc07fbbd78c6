#include "promptstatusjson.h"

#include "comfyclient.h"
#include "promptstatus.h"
#include "statustext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrl>

QString PromptStatusJson::imageApiUrl(const QString &origin, const QString &promptId, int index)
{
    const QString encodedId = QString::fromLatin1(QUrl::toPercentEncoding(promptId));
    return QStringLiteral("%1/api/image/%2/%3").arg(origin, encodedId).arg(index);
}

QJsonObject PromptStatusJson::image(const ImageRef &image, const QString &promptId, int index,
                                    const QString &origin, const ComfyClient &client)
{
    return QJsonObject{
        {QStringLiteral("url"),
         client.viewUrl(image.filename, image.subfolder, image.type).toString()},
        {QStringLiteral("filename"), image.filename},
        {QStringLiteral("subfolder"), image.subfolder},
        {QStringLiteral("type"), image.type},
        {QStringLiteral("api_url"), imageApiUrl(origin, promptId, index)},
    };
}

QJsonArray PromptStatusJson::images(const PromptStatus &status, const QString &origin,
                                    const ComfyClient &client)
{
    QJsonArray images;
    for (int i = 0; i < status.images.size(); ++i)
        images.append(image(status.images.at(i), status.promptId, i, origin, client));
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

QJsonObject PromptStatusJson::status(const PromptStatus &status, const QString &origin,
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
        body.insert(QStringLiteral("images"), images(status, origin, client));
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
