#pragma once

#include "comfyendpoint.h"
#include "comfyerror.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QTimer;

// The answer to one request. Emits finished() exactly once, then deletes itself later
// (connect to finished() right after the call; QSignalSpy works too). Replies are not
// children of the client: when the client is destroyed first, every pending reply still
// finishes, with a Cancelled error.
class ComfyReply final : public QObject
{
    Q_OBJECT
public:
    explicit ComfyReply(QObject *parent = nullptr) : QObject(parent) {}

    bool ok() const { return !m_error.isError(); }
    const ComfyError &error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; }
    const QByteArray &data() const { return m_data; }     // raw body (e.g. /view bytes)
    QJsonDocument json() const { return m_json; }          // parsed body when JSON
    QJsonObject object() const { return m_json.object(); }
    QByteArray header(const QByteArray &name) const;       // a response header

    // Ends the request now with a Cancelled error (no-op once finished).
    void abort();
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void finished();

private:
    friend class ComfyClient;
    friend class ComfyConnection;   // its verbs chain requests behind one reply
    // Ends this reply with another one's outcome (error, status, body), or with error.
    void finishLike(const ComfyReply &other);
    void finishWithError(const ComfyError &error);

    enum class Ending { None, TimedOut, Aborted };

    void start(QNetworkReply *networkReply, const QByteArray &verb, const QUrl &url,
               bool expectJson, int timeoutMs);
    void keepBodyUnparsed() { m_parseBody = false; }
    void onNetworkFinished();
    void finish();
    QString describeRequest() const;

    ComfyError m_error;
    bool m_finished = false;
    Ending m_ending = Ending::None;
    QTimer *m_timer = nullptr;
    QByteArray m_verb;
    QUrl m_url;
    bool m_expectJson = true;
    bool m_parseBody = true;
    int m_timeoutMs = 0;
    int m_httpStatus = 0;
    QByteArray m_data;
    QJsonDocument m_json;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QPointer<QNetworkReply> m_reply;
};

// Options of POST /prompt beyond the graph itself.
struct SubmitOptions
{
    QString promptId;        // empty: ComfyUI makes a uuid4
    QString clientId;        // empty: ours (a prompt moved to the front keeps its owner's)
    bool front = false;      // queue before everything pending
    QJsonObject extraData;   // merged into "extra_data" (e.g. extra_pnginfo)
    // The workflow file's name, sent as extra_data.comfydesk.workflow: ComfyUI keeps
    // extra_data in its history, so the name survives a restart of this app.
    QString workflowName;
    QStringList partialExecutionTargets;
};

// HTTP client of one ComfyUI server. Every request has a timeout and ends in a
// ComfyReply with either a usable answer or a typed error. It never sends an Origin
// header (ComfyUI refuses a foreign origin with 403).
class ComfyClient final : public QObject
{
    Q_OBJECT
public:
    explicit ComfyClient(QNetworkAccessManager &nam, QObject *parent = nullptr);
    // Pending replies finish with a Cancelled error.
    ~ComfyClient() override;

    void setEndpoint(const ComfyEndpoint &endpoint) { m_endpoint = endpoint; }
    const ComfyEndpoint &comfyEndpoint() const { return m_endpoint; }
    // http or https, may carry a path prefix ("https://host/comfy").
    void setBaseUrl(const QUrl &url) { m_endpoint.setBaseUrl(url); }
    QUrl baseUrl() const { return m_endpoint.baseUrl; }
    // For a ComfyUI behind an auth proxy.
    void setBearerToken(const QString &token) { m_endpoint.bearerToken = token; }
    void setTimeoutMs(int ms);
    int timeoutMs() const { return m_timeoutMs; }
    // Sent with every prompt.
    void setClientId(const QString &id) { m_endpoint.clientId = id; }
    QString clientId() const { return m_endpoint.clientId; }

    QUrl endpoint(const QString &path, const QList<QPair<QString, QString>> &query = {}) const;
    QUrl viewUrl(const QString &filename, const QString &subfolder, const QString &type) const;

    ComfyReply *systemStats();
    ComfyReply *objectInfo(const QString &nodeClass = {});
    // Same request, but the body is left unparsed (data() only, json() stays empty): the
    // full /object_info is over a megabyte, too much to parse on the UI thread.
    ComfyReply *objectInfoBytes(const QString &nodeClass = {});
    // Strings marked by JsonNumberLiteral in the prompt go out as bare number literals.
    ComfyReply *submitPrompt(const QJsonObject &prompt, const SubmitOptions &options = {});
    ComfyReply *queue();
    // Same request, body left unparsed: a long queue holds every waiting graph, megabytes
    // that ComfyConnection parses off the UI thread (QueueSnapshot).
    ComfyReply *queueBytes();
    ComfyReply *deleteFromQueue(const QStringList &promptIds);
    ComfyReply *clearQueue();
    ComfyReply *interrupt(const QString &promptId = {});
    ComfyReply *history(int maxItems = -1, int offset = -1);
    // Same request, body left unparsed: a page of history holds whole graphs, megabytes
    // that are parsed off the UI thread (HistoryImporter).
    ComfyReply *historyBytes(int maxItems = -1, int offset = -1);
    ComfyReply *historyFor(const QString &promptId);
    ComfyReply *deleteHistory(const QStringList &promptIds);
    ComfyReply *clearHistory();
    ComfyReply *view(const QString &filename, const QString &subfolder, const QString &type,
                     const QString &preview = {});
    ComfyReply *uploadImage(const QByteArray &bytes, const QString &filename,
                            const QString &subfolder = {}, const QString &type = {},
                            bool overwrite = false);
    ComfyReply *freeMemory(bool unloadModels, bool freeMemory);

private:
    // expectJson: the route answers JSON, so a 2xx body that does not parse is
    // InvalidJson. Routes that answer an empty 200 pass false (a body is still parsed).
    ComfyReply *send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                     const QByteArray &contentType, bool expectJson);
    ComfyReply *postJson(const QString &path, const QJsonObject &body, bool expectJson);
    ComfyReply *watch(QNetworkReply *networkReply, const QByteArray &verb, const QUrl &url,
                      bool expectJson);

    QNetworkAccessManager &m_nam;
    ComfyEndpoint m_endpoint;
    int m_timeoutMs = 30000;
    QList<QPointer<ComfyReply>> m_pending;
};
