#include "helper_httpprobe.h"

#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>

namespace Conformance {

QJsonValue HttpResult::json() const
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        // A top-level scalar (`null`): QJsonDocument only reads it inside an array.
        const QJsonDocument wrapped = QJsonDocument::fromJson("[" + body + "]", &error);
        if (error.error != QJsonParseError::NoError || wrapped.array().size() != 1)
            return QJsonValue(QJsonValue::Undefined);
        return wrapped.array().at(0);
    }
    if (document.isArray())
        return document.array();
    return document.object();
}

HttpProbe::HttpProbe(const QUrl &baseUrl)
    : m_baseUrl(baseUrl)
{
}

static QNetworkRequest makeRequest(const QUrl &base, const QString &pathAndQuery,
                                   const QList<QPair<QByteArray, QByteArray>> &headers)
{
    // fromEncoded keeps the recorded path and query byte for byte ("../", ";").
    QByteArray url = base.toString(QUrl::RemovePath | QUrl::StripTrailingSlash).toUtf8();
    url += pathAndQuery.toUtf8();
    QNetworkRequest request(QUrl::fromEncoded(url, QUrl::TolerantMode));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    return request;
}

HttpResult HttpProbe::send(const QByteArray &method, const QString &pathAndQuery,
                           const QByteArray &body,
                           const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    const QNetworkRequest request = makeRequest(m_baseUrl, pathAndQuery, headers);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    return wait(reply, timeoutMs);
}

HttpResult HttpProbe::sendJson(const QByteArray &method, const QString &pathAndQuery,
                               const QJsonValue &json,
                               const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QList<QPair<QByteArray, QByteArray>> all = headers;
    all.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    const QByteArray body = json.isArray()
            ? QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact)
            : QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact);
    return send(method, pathAndQuery, body, all);
}

HttpResult HttpProbe::sendMultipart(const QString &pathAndQuery,
                                    const QList<MultipartFile> &files,
                                    const QList<QPair<QByteArray, QByteArray>> &fields)
{
    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    for (const MultipartFile &file : files) {
        QHttpPart part;
        part.setRawHeader("Content-Disposition",
                          "form-data; name=\"" + file.field + "\"; filename=\""
                              + file.fileName.toUtf8() + '"');
        part.setRawHeader("Content-Type", file.contentType);
        part.setBody(file.bytes);
        multipart->append(part);
    }
    for (const auto &field : fields) {
        QHttpPart part;
        part.setRawHeader("Content-Disposition", "form-data; name=\"" + field.first + '"');
        part.setBody(field.second);
        multipart->append(part);
    }
    const QNetworkRequest request = makeRequest(m_baseUrl, pathAndQuery, {});
    QNetworkReply *reply = m_nam.post(request, multipart);
    multipart->setParent(reply);
    return wait(reply, 15000);
}

HttpResult HttpProbe::wait(QNetworkReply *reply, int timeoutMs)
{
    HttpResult result;
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(timeoutMs)) {
        reply->abort();
        reply->deleteLater();
        return result;
    }
    result.finished = true;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.contentType = reply->rawHeader("Content-Type");
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.insert(pair.first.toLower(), pair.second);
    result.body = reply->readAll();
    reply->deleteLater();
    return result;
}

} // namespace Conformance
