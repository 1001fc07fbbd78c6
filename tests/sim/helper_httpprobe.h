#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

namespace Conformance {

// One HTTP answer as the conformance tests look at it.
struct HttpResult
{
    bool finished = false;      // false: no answer within the timeout
    int status = 0;
    QByteArray contentType;     // exactly as sent
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;

    QJsonValue json() const;    // undefined when the body is not JSON
};

// One file part of a multipart/form-data request.
struct MultipartFile
{
    QByteArray field;
    QString fileName;
    QByteArray contentType;
    QByteArray bytes;
};

// Synchronous raw HTTP against the simulator (QNetworkAccessManager, never core's client:
// a bug shared by client and simulator would hide itself). Waits on the reply's signal.
class HttpProbe final
{
public:
    explicit HttpProbe(const QUrl &baseUrl);

    // `pathAndQuery` is sent as recorded (already percent-encoded where needed).
    HttpResult send(const QByteArray &method, const QString &pathAndQuery,
                    const QByteArray &body = {},
                    const QList<QPair<QByteArray, QByteArray>> &headers = {},
                    int timeoutMs = 15000);
    HttpResult sendJson(const QByteArray &method, const QString &pathAndQuery,
                        const QJsonValue &json,
                        const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpResult sendMultipart(const QString &pathAndQuery, const QList<MultipartFile> &files,
                             const QList<QPair<QByteArray, QByteArray>> &fields);

private:
    HttpResult wait(class QNetworkReply *reply, int timeoutMs);

    QNetworkAccessManager m_nam;
    QUrl m_baseUrl;
};

} // namespace Conformance
