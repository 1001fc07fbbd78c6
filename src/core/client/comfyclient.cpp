#include "comfyclient.h"

#include "jsonnumberliteral.h"

#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace {

// Everything but RFC 3986 unreserved characters is escaped: aiohttp decodes '+' in a
// query as a space, and '&', '=', '#', ';' would split or cut the value.
QByteArray encodeComponent(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

QByteArray contentTypeForFile(const QString &filename)
{
    const QString lower = filename.toLower();
    if (lower.endsWith(QLatin1String(".png")))
        return QByteArrayLiteral("image/png");
    if (lower.endsWith(QLatin1String(".jpg")) || lower.endsWith(QLatin1String(".jpeg")))
        return QByteArrayLiteral("image/jpeg");
    if (lower.endsWith(QLatin1String(".webp")))
        return QByteArrayLiteral("image/webp");
    if (lower.endsWith(QLatin1String(".gif")))
        return QByteArrayLiteral("image/gif");
    return QByteArrayLiteral("application/octet-stream");
}

// Quotes a multipart parameter value; a quote or line break in a file name would
// otherwise end the header early.
QByteArray quotedParameter(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\");
    out.replace('"', "\\\"");
    out.replace('\r', ' ');
    out.replace('\n', ' ');
    return '"' + out + '"';
}

QHttpPart formField(const QByteArray &name, const QString &value)
{
    QHttpPart part;
    part.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QByteArray("form-data; name=\"" + name + "\""));
    part.setBody(value.toUtf8());
    return part;
}

const QByteArray JsonContentType = QByteArrayLiteral("application/json");

// ComfyUI's /queue and /history take the same two edits.
QJsonObject deleteRequest(const QStringList &promptIds)
{
    return {{QLatin1String("delete"), QJsonArray::fromStringList(promptIds)}};
}

QJsonObject clearRequest()
{
    return {{QLatin1String("clear"), true}};
}

} // namespace

// ---------------------------------------------------------------------------------------
// ComfyReply

QByteArray ComfyReply::header(const QByteArray &name) const
{
    for (const auto &pair : m_headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

void ComfyReply::abort()
{
    if (m_finished)
        return;
    m_ending = Ending::Aborted;
    if (m_reply)
        m_reply->abort(); // finishes synchronously through onNetworkFinished()
    if (!m_finished) {
        m_error.kind = ComfyError::Kind::Cancelled;
        m_error.message = QStringLiteral("Request cancelled: %1").arg(describeRequest());
        finish();
    }
}

QString ComfyReply::describeRequest() const
{
    return QString::fromLatin1(m_verb) + QLatin1Char(' ')
           + m_url.toDisplayString(QUrl::RemoveUserInfo);
}

void ComfyReply::start(QNetworkReply *networkReply, const QByteArray &verb, const QUrl &url,
                       bool expectJson, int timeoutMs)
{
    m_reply = networkReply;
    m_verb = verb;
    m_url = url;
    m_expectJson = expectJson;
    m_timeoutMs = timeoutMs;

    // A QTimer rather than setTransferTimeout(): the deadline covers the whole answer
    // (a server that trickles bytes still times out) and we can tell Timeout apart from
    // an abort, which both end as OperationCanceledError.
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_finished)
            return;
        m_ending = Ending::TimedOut;
        if (m_reply)
            m_reply->abort();
        if (!m_finished)
            onNetworkFinished();
    });
    m_timer->start(qMax(1, timeoutMs));

    connect(networkReply, &QNetworkReply::finished, this, &ComfyReply::onNetworkFinished);
    // The QNetworkAccessManager may die first and take its replies along.
    connect(networkReply, &QObject::destroyed, this, [this] {
        if (m_finished)
            return;
        m_error.kind = ComfyError::Kind::Cancelled;
        m_error.message = QStringLiteral("Request cancelled: %1").arg(describeRequest());
        finish();
    });
}

void ComfyReply::onNetworkFinished()
{
    if (m_finished)
        return;

    QNetworkReply *networkReply = m_reply;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText;
    if (networkReply) {
        m_httpStatus =
            networkReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (networkReply->isOpen()) // an aborted reply is closed already
            m_data = networkReply->readAll();
        m_headers = networkReply->rawHeaderPairs();
        networkError = networkReply->error();
        networkErrorText = networkReply->errorString();
    }
    m_error.httpStatus = m_httpStatus;

    if (m_ending == Ending::TimedOut) {
        m_error.kind = ComfyError::Kind::Timeout;
        m_error.message = QStringLiteral("No answer from ComfyUI within %1 ms: %2")
                              .arg(m_timeoutMs)
                              .arg(describeRequest());
        finish();
        return;
    }
    if (m_ending == Ending::Aborted) {
        m_error.kind = ComfyError::Kind::Cancelled;
        m_error.message = QStringLiteral("Request cancelled: %1").arg(describeRequest());
        finish();
        return;
    }

    if (m_httpStatus != 0 && (m_httpStatus < 200 || m_httpStatus >= 300)) {
        m_error.kind = ComfyError::Kind::Http;
        m_error.body = m_data;
        QString detail;
        const QJsonDocument doc = QJsonDocument::fromJson(m_data);
        if (doc.isObject()) {
            m_json = doc;
            const QJsonObject body = doc.object();
            const QJsonValue error = body.value(QLatin1String("error"));
            if (error.isObject()) {
                m_error.errorObject = error.toObject();
                detail = m_error.errorObject.value(QLatin1String("message")).toString();
            } else if (error.isString()) {
                detail = error.toString();
            }
            m_error.nodeErrors = body.value(QLatin1String("node_errors")).toObject();
        } else if (!m_data.isEmpty() && m_data.size() < 512) {
            detail = QString::fromUtf8(m_data).simplified();
        }
        m_error.message = QStringLiteral("ComfyUI answered HTTP %1 to %2")
                              .arg(m_httpStatus)
                              .arg(describeRequest());
        if (!detail.isEmpty())
            m_error.message += QStringLiteral(": ") + detail;
        finish();
        return;
    }

    if (networkError != QNetworkReply::NoError) {
        if (networkError == QNetworkReply::OperationCanceledError) {
            m_error.kind = ComfyError::Kind::Cancelled;
            m_error.message =
                QStringLiteral("Request cancelled: %1").arg(describeRequest());
        } else {
            m_error.kind = ComfyError::Kind::Unreachable;
            m_error.networkError = int(networkError);
            m_error.message = QStringLiteral("Cannot reach ComfyUI at %1 (%2)")
                                  .arg(m_url.toDisplayString(QUrl::RemoveUserInfo),
                                       networkErrorText);
        }
        finish();
        return;
    }

    if (!m_parseBody) {
        // The caller parses (and judges) the body itself, off the UI thread.
        finish();
        return;
    }
    if (!m_data.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(m_data, &parseError);
        if (parseError.error == QJsonParseError::NoError)
            m_json = doc;
        else if (m_expectJson) {
            m_error.kind = ComfyError::Kind::InvalidJson;
            m_error.body = m_data;
            m_error.message = QStringLiteral("ComfyUI answered %1 with a body that is not "
                                             "JSON (%2 at offset %3)")
                                  .arg(describeRequest(), parseError.errorString())
                                  .arg(parseError.offset);
        }
    } else if (m_expectJson) {
        m_error.kind = ComfyError::Kind::InvalidJson;
        m_error.message = QStringLiteral("ComfyUI answered %1 with an empty body where JSON "
                                         "was expected")
                              .arg(describeRequest());
    }
    finish();
}

void ComfyReply::finish()
{
    m_finished = true;
    if (m_timer)
        m_timer->stop();
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    Q_EMIT finished();
    deleteLater();
}

void ComfyReply::finishLike(const ComfyReply &other)
{
    if (m_finished)
        return;
    m_error = other.m_error;
    m_httpStatus = other.m_httpStatus;
    m_data = other.m_data;
    m_json = other.m_json;
    m_headers = other.m_headers;
    finish();
}

void ComfyReply::finishWithError(const ComfyError &error)
{
    if (m_finished)
        return;
    m_error = error;
    finish();
}

// ---------------------------------------------------------------------------------------
// ComfyClient

ComfyClient::ComfyClient(QNetworkAccessManager &nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{}

ComfyClient::~ComfyClient()
{
    const QList<QPointer<ComfyReply>> pending = m_pending;
    for (const QPointer<ComfyReply> &reply : pending) {
        if (reply)
            reply->abort();
    }
}

void ComfyClient::setTimeoutMs(int ms)
{
    m_timeoutMs = qMax(1, ms);
}

// path is already percent-encoded where a segment needs it (see historyFor()).
QUrl ComfyClient::endpoint(const QString &path, const QList<QPair<QString, QString>> &query) const
{
    return m_endpoint.httpUrl(path, query);
}

QUrl ComfyClient::viewUrl(const QString &filename, const QString &subfolder,
                          const QString &type) const
{
    return endpoint(QStringLiteral("/view"), {{QStringLiteral("filename"), filename},
                                              {QStringLiteral("subfolder"), subfolder},
                                              {QStringLiteral("type"), type}});
}

ComfyReply *ComfyClient::watch(QNetworkReply *networkReply, const QByteArray &verb,
                               const QUrl &url, bool expectJson)
{
    m_pending.removeAll(QPointer<ComfyReply>());
    auto *reply = new ComfyReply;
    m_pending.append(reply);
    reply->start(networkReply, verb, url, expectJson, m_timeoutMs);
    return reply;
}

ComfyReply *ComfyClient::send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                              const QByteArray &contentType, bool expectJson)
{
    QNetworkRequest request = m_endpoint.request(url);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *networkReply = nullptr;
    if (verb == "GET")
        networkReply = m_nam.get(request);
    else if (verb == "POST")
        networkReply = m_nam.post(request, body);
    else
        networkReply = m_nam.sendCustomRequest(request, verb, body);
    return watch(networkReply, verb, url, expectJson);
}

ComfyReply *ComfyClient::postJson(const QString &path, const QJsonObject &body,
                                  bool expectJson)
{
    return send("POST", endpoint(path), QJsonDocument(body).toJson(QJsonDocument::Compact),
                JsonContentType, expectJson);
}

ComfyReply *ComfyClient::systemStats()
{
    return send("GET", endpoint(QStringLiteral("/system_stats")), {}, {}, true);
}

ComfyReply *ComfyClient::objectInfo(const QString &nodeClass)
{
    QString path = QStringLiteral("/object_info");
    if (!nodeClass.isEmpty())
        path += QLatin1Char('/') + QString::fromLatin1(encodeComponent(nodeClass));
    return send("GET", endpoint(path), {}, {}, true);
}

ComfyReply *ComfyClient::objectInfoBytes(const QString &nodeClass)
{
    ComfyReply *reply = objectInfo(nodeClass);
    reply->keepBodyUnparsed(); // before any answer: finishing needs the event loop
    return reply;
}

ComfyReply *ComfyClient::submitPrompt(const QJsonObject &prompt, const SubmitOptions &options)
{
    QJsonObject body;
    body.insert(QLatin1String("prompt"), prompt);
    const QString clientId = options.clientId.isEmpty() ? m_endpoint.clientId
                                                        : options.clientId;
    if (!clientId.isEmpty())
        body.insert(QLatin1String("client_id"), clientId);
    if (!options.promptId.isEmpty())
        body.insert(QLatin1String("prompt_id"), options.promptId);
    if (options.front)
        body.insert(QLatin1String("front"), true);
    QJsonObject extraData = options.extraData;
    if (!options.workflowName.isEmpty()) {
        // Merged into a "comfydesk" object the caller may have given, not replacing it.
        QJsonObject ours = extraData.value(QLatin1String("comfydesk")).toObject();
        ours.insert(QLatin1String("workflow"), options.workflowName);
        extraData.insert(QLatin1String("comfydesk"), ours);
    }
    if (!extraData.isEmpty())
        body.insert(QLatin1String("extra_data"), extraData);
    if (!options.partialExecutionTargets.isEmpty()) {
        body.insert(QLatin1String("partial_execution_targets"),
                    QJsonArray::fromStringList(options.partialExecutionTargets));
    }
    // Not postJson(): seeds beyond 2^53 travel as marked strings and must go out as their
    // exact digits (ComfyUI refuses 1.8446744073709552e+19 for an INT input).
    return send("POST", endpoint(QStringLiteral("/prompt")), JsonNumberLiteral::toJson(body),
                JsonContentType, true);
}

ComfyReply *ComfyClient::queue()
{
    return send("GET", endpoint(QStringLiteral("/queue")), {}, {}, true);
}

ComfyReply *ComfyClient::queueBytes()
{
    ComfyReply *reply = queue();
    reply->keepBodyUnparsed(); // before any answer: finishing needs the event loop
    return reply;
}

ComfyReply *ComfyClient::deleteFromQueue(const QStringList &promptIds)
{
    return postJson(QStringLiteral("/queue"), deleteRequest(promptIds), false);
}

ComfyReply *ComfyClient::clearQueue()
{
    return postJson(QStringLiteral("/queue"), clearRequest(), false);
}

ComfyReply *ComfyClient::interrupt(const QString &promptId)
{
    if (promptId.isEmpty()) {
        // As recorded (interrupt_global_no_body.json): no body interrupts whatever runs.
        return send("POST", endpoint(QStringLiteral("/interrupt")), {}, JsonContentType,
                    false);
    }
    QJsonObject body;
    body.insert(QLatin1String("prompt_id"), promptId);
    return postJson(QStringLiteral("/interrupt"), body, false);
}

ComfyReply *ComfyClient::history(int maxItems, int offset)
{
    QList<QPair<QString, QString>> query;
    if (maxItems >= 0)
        query.append({QStringLiteral("max_items"), QString::number(maxItems)});
    if (offset >= 0)
        query.append({QStringLiteral("offset"), QString::number(offset)});
    return send("GET", endpoint(QStringLiteral("/history"), query), {}, {}, true);
}

ComfyReply *ComfyClient::historyBytes(int maxItems, int offset)
{
    ComfyReply *reply = history(maxItems, offset);
    reply->keepBodyUnparsed(); // before any answer: finishing needs the event loop
    return reply;
}

ComfyReply *ComfyClient::historyFor(const QString &promptId)
{
    // Prompt ids are any string the submitter chose: keep a '/' or '?' inside the segment.
    const QString path =
        QStringLiteral("/history/") + QString::fromLatin1(encodeComponent(promptId));
    return send("GET", endpoint(path), {}, {}, true);
}

ComfyReply *ComfyClient::deleteHistory(const QStringList &promptIds)
{
    return postJson(QStringLiteral("/history"), deleteRequest(promptIds), false);
}

ComfyReply *ComfyClient::clearHistory()
{
    return postJson(QStringLiteral("/history"), clearRequest(), false);
}

ComfyReply *ComfyClient::view(const QString &filename, const QString &subfolder,
                              const QString &type, const QString &preview)
{
    QList<QPair<QString, QString>> query = {{QStringLiteral("filename"), filename},
                                            {QStringLiteral("subfolder"), subfolder},
                                            {QStringLiteral("type"), type}};
    if (!preview.isEmpty())
        query.append({QStringLiteral("preview"), preview});
    return send("GET", endpoint(QStringLiteral("/view"), query), {}, {}, false);
}

ComfyReply *ComfyClient::uploadImage(const QByteArray &bytes, const QString &filename,
                                     const QString &subfolder, const QString &type,
                                     bool overwrite)
{
    auto *multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType);

    QHttpPart image;
    image.setHeader(QNetworkRequest::ContentDispositionHeader,
                    QByteArray("form-data; name=\"image\"; filename="
                               + quotedParameter(filename)));
    image.setHeader(QNetworkRequest::ContentTypeHeader, contentTypeForFile(filename));
    image.setBody(bytes);
    multiPart->append(image);

    // ComfyUI reads overwrite as the strings "true"/"1"; anything else keeps both files.
    multiPart->append(formField("overwrite", overwrite ? QStringLiteral("true")
                                                       : QStringLiteral("false")));
    if (!subfolder.isEmpty())
        multiPart->append(formField("subfolder", subfolder));
    if (!type.isEmpty())
        multiPart->append(formField("type", type));

    const QUrl url = endpoint(QStringLiteral("/upload/image"));
    QNetworkReply *networkReply = m_nam.post(m_endpoint.request(url), multiPart);
    multiPart->setParent(networkReply);
    return watch(networkReply, "POST", url, true);
}

ComfyReply *ComfyClient::freeMemory(bool unloadModels, bool freeMemory)
{
    QJsonObject body;
    body.insert(QLatin1String("unload_models"), unloadModels);
    body.insert(QLatin1String("free_memory"), freeMemory);
    return postJson(QStringLiteral("/free"), body, false);
}
