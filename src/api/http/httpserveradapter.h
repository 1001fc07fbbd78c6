#pragma once

#include "apiguardconfig.h"
#include "apirouter.h"
#include "httprequestscanner.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>

class ApiGuard;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;
class QWebSocket;
struct ApiResponderState;
struct ApiResponseContext;

// The one place that talks to Qt HttpServer. QHttpServer's API changes in 6.8 (listen()
// goes, route() returns a rule, handlers get the responder by reference), so the rest of
// the API layer only sees ApiRouter, ApiRequest, ApiResponse and ApiResponder.
//
// Routing is ours, not QHttpServer's: every request reaches dispatch(), which answers 404,
// 405 (with Allow), 415 and JSON syntax errors in the API's JSON error shape, so none of
// QHttpServer's default plain-text answers can leak out.
class HttpServerAdapter final : public QObject
{
    Q_OBJECT

public:
    explicit HttpServerAdapter(const ApiGuardConfig &config, QObject *parent = nullptr);
    ~HttpServerAdapter() override;

    bool route(const QByteArray &method, const QString &pattern,
               ApiRouter::BodyType bodyType, ApiRouter::Handler handler);
    bool routeDeferred(const QByteArray &method, const QString &pattern,
                       ApiRouter::BodyType bodyType, ApiRouter::DeferredHandler handler);
    const ApiRouter &router() const { return m_router; }

    // A websocket endpoint at an exact path. The guard checks the upgrade head like any
    // request (Host, Origin, token), then asks admission (which may refuse, e.g. 503 at a
    // subscriber cap); QHttpServer does the handshake and the handler gets the open socket.
    // A plain request to the path still goes through the router: register a route too.
    using WebSocketAdmission = std::function<HttpHeadVerdict(const HttpRequestHead &head)>;
    using WebSocketHandler = std::function<void(std::unique_ptr<QWebSocket> socket)>;
    bool routeWebSocket(const QString &path, WebSocketAdmission admission,
                        WebSocketHandler handler);

    // Starts the guard listening and binds QHttpServer behind it. Port 0: any free port.
    bool listen(const QHostAddress &address, quint16 port);
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    QString errorString() const;

    ApiGuard *guard() const { return m_guard; }
    // Responses written so far (any status, sync or deferred): the desktop's status bar
    // shows it as requests served. A plain counter, so the hot path pays one increment.
    quint64 responsesWritten() const { return m_responsesWritten; }

Q_SIGNALS:
    // A response was written (sync or deferred); status is the HTTP status.
    void responded(int status);

private:
    class Backend;
    friend class ApiResponder;
    friend struct ApiResponderState;

    struct WebSocketRoute
    {
        WebSocketAdmission admission;
        WebSocketHandler handler;
    };

    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void takeWebSockets();
    HttpHeadVerdict admitUpgrade(const HttpRequestHead &head) const;
    ApiResponse preflight(const ApiRequest &request, const QList<QByteArray> &allowed,
                          bool corsAllowed) const;
    bool writeResponse(QHttpServerResponder &responder, QTcpSocket *socket,
                       const ApiResponse &response, const ApiResponseContext &context);
    bool writeDeferred(ApiResponderState &state, const ApiResponse &response);

    ApiGuardConfig m_config;
    ApiRouter m_router;
    QHash<QString, WebSocketRoute> m_webSockets;
    std::unique_ptr<Backend> m_backend;
    ApiGuard *m_guard = nullptr; // owned by the backend once bound
    QString m_errorString;
    quint64 m_responsesWritten = 0;
};
