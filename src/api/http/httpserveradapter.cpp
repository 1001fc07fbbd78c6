#include "httpserveradapter.h"

#include "apiguard.h"
#include "apiresponder.h"
#include "apiresponderstate_p.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonParseError>
#include <QTcpSocket>
#include <QWebSocket>
#include <QtGlobal>

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpHeaders>
#endif

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    using Method = QHttpServerRequest::Method;
    switch (method) {
    case Method::Get: return QByteArrayLiteral("GET");
    case Method::Put: return QByteArrayLiteral("PUT");
    case Method::Delete: return QByteArrayLiteral("DELETE");
    case Method::Post: return QByteArrayLiteral("POST");
    case Method::Head: return QByteArrayLiteral("HEAD");
    case Method::Options: return QByteArrayLiteral("OPTIONS");
    case Method::Patch: return QByteArrayLiteral("PATCH");
    case Method::Connect: return QByteArrayLiteral("CONNECT");
    case Method::Trace: return QByteArrayLiteral("TRACE");
    default: break;
    }
    return QByteArrayLiteral("UNKNOWN");
}

// QHttpServer 6.4 looks the reason phrase up in a fixed table and throws for a status it
// does not know, so only these ever reach it.
bool isKnownStatus(int status)
{
    static const int known[] = {200, 201, 202, 204, 400, 401, 403, 404, 405, 408, 409, 413,
                                415, 421, 422, 429, 431, 500, 501, 502, 503, 504};
    for (int candidate : known) {
        if (candidate == status)
            return true;
    }
    return false;
}

QByteArray mediaType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

bool isJsonMediaType(const QByteArray &type)
{
    return type == "application/json" || (type.startsWith("application/")
                                           && type.endsWith("+json"));
}

QByteArray joined(const QList<QByteArray> &methods)
{
    QByteArray text;
    for (const QByteArray &method : methods)
        text += (text.isEmpty() ? "" : ", ") + method;
    return text;
}

} // namespace

// QAbstractHttpServer rather than QHttpServer: its two virtuals receive every request,
// so there is no QHttpServer router, no missing-handler default answer and no afterRequest
// hook to keep in step with ours.
class HttpServerAdapter::Backend final : public QAbstractHttpServer
{
public:
    explicit Backend(HttpServerAdapter *adapter)
        : m_adapter(adapter)
    {}

protected:
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    bool handleRequest(const QHttpServerRequest &request,
                       QHttpServerResponder &responder) override
    {
        if (isWebSocketUpgrade(request))
            return true;
        m_adapter->dispatch(request, std::move(responder));
        return true;
    }
    void missingHandler(const QHttpServerRequest &request,
                        QHttpServerResponder &responder) override
    {
        m_adapter->dispatch(request, std::move(responder));
    }
#else
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        if (isWebSocketUpgrade(request))
            return true;
        m_adapter->dispatch(request, makeResponder(request, socket));
        return true;
    }
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        // Not reached while handleRequest() takes everything; answered the same way.
        m_adapter->dispatch(request, makeResponder(request, socket));
    }
#endif

private:
    // QHttpServer asks handleRequest() about a websocket upgrade before handing the socket
    // to its websocket server: true, with nothing written, lets the handshake go on. The
    // guard has already refused upgrades to any other path.
    bool isWebSocketUpgrade(const QHttpServerRequest &request) const
    {
        return request.value("Upgrade").toLower() == "websocket"
               && m_adapter->m_webSockets.contains(request.url().path());
    }

    HttpServerAdapter *m_adapter;
};

ApiResponderState::~ApiResponderState()
{
    if (!sent && adapter && socket) {
        sent = true;
        adapter->writeDeferred(*this, ApiResponse::error(ApiError::Kind::InternalError,
                                                         QStringLiteral("no answer")));
    }
}

HttpServerAdapter::HttpServerAdapter(const ApiGuardConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_backend(std::make_unique<Backend>(this))
{
    // Connected from the start: QHttpServer 6.4 closes any websocket upgrade it parses while
    // nothing listens to this signal. The guard lets only upgrades to routeWebSocket() paths
    // through.
    connect(m_backend.get(), &QAbstractHttpServer::newWebSocketConnection, this,
            &HttpServerAdapter::takeWebSockets);
}

HttpServerAdapter::~HttpServerAdapter()
{
    // The guard (a child of the backend) closes its sockets first; deferred responders
    // still held elsewhere then find their QPointer<QTcpSocket> empty.
    delete m_guard;
    m_guard = nullptr;
    m_backend.reset();
}

bool HttpServerAdapter::route(const QByteArray &method, const QString &pattern,
                              ApiRouter::BodyType bodyType, ApiRouter::Handler handler)
{
    return m_router.add(method, pattern, bodyType, std::move(handler));
}

bool HttpServerAdapter::routeDeferred(const QByteArray &method, const QString &pattern,
                                      ApiRouter::BodyType bodyType,
                                      ApiRouter::DeferredHandler handler)
{
    return m_router.addDeferred(method, pattern, bodyType, std::move(handler));
}

bool HttpServerAdapter::routeWebSocket(const QString &path, WebSocketAdmission admission,
                                       WebSocketHandler handler)
{
    if (m_guard || !path.startsWith(QLatin1Char('/')) || m_webSockets.contains(path)
        || !handler) {
        return false;
    }
    m_webSockets.insert(path, WebSocketRoute{std::move(admission), std::move(handler)});
    return true;
}

HttpHeadVerdict HttpServerAdapter::admitUpgrade(const HttpRequestHead &head) const
{
    QByteArray path = head.target;
    const qsizetype question = path.indexOf('?');
    if (question >= 0)
        path.truncate(question);
    const auto it = m_webSockets.constFind(QString::fromLatin1(path));
    if (it == m_webSockets.cend())
        return HttpHeadVerdict::reject(400, "no upgrade is offered on this path");
    return it->admission ? it->admission(head) : HttpHeadVerdict::accept(0);
}

void HttpServerAdapter::takeWebSockets()
{
    while (m_backend->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_backend->nextPendingWebSocketConnection();
        if (!socket)
            continue;
        const auto it = m_webSockets.constFind(socket->requestUrl().path());
        if (it == m_webSockets.cend()) {
            // The guard refuses these heads; this only guards against a path that reads
            // differently once decoded.
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated);
            continue;
        }
        it->handler(std::move(socket));
    }
}

bool HttpServerAdapter::listen(const QHostAddress &address, quint16 port)
{
    if (m_guard) {
        m_errorString = QStringLiteral("already listening");
        return false;
    }
    m_config.webSocketPaths = m_webSockets.keys();
    auto *guard = new ApiGuard(m_config);
    guard->setUpgradeCheck([this](const HttpRequestHead &head) { return admitUpgrade(head); });
    if (!guard->start(address, port)) {
        m_errorString = guard->errorString();
        delete guard;
        return false;
    }
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    if (!m_backend->bind(guard)) {
        m_errorString = QStringLiteral("QHttpServer refused the listening socket");
        delete guard;
        return false;
    }
#else
    m_backend->bind(guard); // reparents the guard to the backend
#endif
    guard->serverBound();
    m_guard = guard;
    return true;
}

quint16 HttpServerAdapter::serverPort() const
{
    return m_guard ? m_guard->serverPort() : 0;
}

QHostAddress HttpServerAdapter::serverAddress() const
{
    return m_guard ? m_guard->serverAddress() : QHostAddress();
}

QString HttpServerAdapter::errorString() const
{
    return m_errorString;
}

void HttpServerAdapter::dispatch(const QHttpServerRequest &request,
                                 QHttpServerResponder &&responder)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QTcpSocket *socket = nullptr; // 6.8 hides the socket; liveness is not tracked there
#else
    QTcpSocket *socket = responder.socket();
#endif
    // Copy everything now: QHttpServer reuses the request object on keep-alive.
    ApiRequest apiRequest;
    apiRequest.method = methodName(request.method());
    const QUrl url = request.url();
    apiRequest.rawPath = url.path(QUrl::FullyEncoded).toLatin1();
    apiRequest.path = url.path();
    apiRequest.query = request.query();
    apiRequest.headers = request.headers();
    apiRequest.body = request.body();
    apiRequest.peerAddress = ApiGuard::normalized(request.remoteAddress());

    const QByteArray origin = apiRequest.header("Origin");
    const bool corsAllowed = !origin.isEmpty() && m_guard
                             && m_guard->isCorsOriginAllowed(origin);
    ApiResponseContext context;
    context.corsOrigin = corsAllowed ? origin : QByteArray();
    context.closeAfter = apiRequest.header("Connection").toLower().contains("close");
    context.headOnly = apiRequest.method == "HEAD";

    auto answer = [&](const ApiResponse &response) {
        writeResponse(responder, socket, response, context);
    };

    // HEAD is GET without the body, on every GET route.
    const QByteArray routeMethod = context.headOnly ? QByteArray("GET") : apiRequest.method;
    const QStringList segments = ApiRouter::splitPath(apiRequest.rawPath);
    ApiRouter::Match match = m_router.match(routeMethod, segments);
    if (match.allowedMethods.contains("GET"))
        match.allowedMethods.append("HEAD");
    if (apiRequest.method == "OPTIONS" && !match.route) {
        if (match.allowedMethods.isEmpty()) {
            answer(ApiResponse::error(ApiError::Kind::NotFound, QStringLiteral("not found")));
            return;
        }
        answer(preflight(apiRequest, match.allowedMethods, corsAllowed));
        return;
    }
    if (!match.route) {
        if (match.allowedMethods.isEmpty()) {
            answer(ApiResponse::error(ApiError::Kind::NotFound,
                                      QStringLiteral("no such route: %1 %2")
                                          .arg(QString::fromLatin1(apiRequest.method),
                                               apiRequest.path)));
            return;
        }
        ApiResponse response = ApiResponse::error(
            ApiError::Kind::MethodNotAllowed,
            QStringLiteral("method %1 not allowed here")
                .arg(QString::fromLatin1(apiRequest.method)));
        response.addHeader("Allow", joined(match.allowedMethods));
        answer(response);
        return;
    }

    const ApiRouter::Route &route = *match.route;
    apiRequest.args = match.args;
    const QByteArray type = mediaType(apiRequest.header("Content-Type"));
    switch (route.bodyType) {
    case ApiRouter::BodyType::None:
    case ApiRouter::BodyType::Any:
        break;
    case ApiRouter::BodyType::Json:
        if (apiRequest.body.isEmpty())
            break;
        if (!isJsonMediaType(type)) {
            answer(ApiResponse::error(ApiError::Kind::UnsupportedMediaType,
                                      QStringLiteral("Content-Type must be application/json")));
            return;
        } else {
            QJsonParseError error;
            apiRequest.json = QJsonDocument::fromJson(apiRequest.body, &error);
            if (error.error != QJsonParseError::NoError) {
                answer(ApiResponse::error(ApiError::Kind::BadRequest,
                                          QStringLiteral("invalid JSON at offset %1: %2")
                                              .arg(error.offset)
                                              .arg(error.errorString())));
                return;
            }
        }
        break;
    case ApiRouter::BodyType::Multipart:
        if (type != "multipart/form-data") {
            answer(ApiResponse::error(ApiError::Kind::UnsupportedMediaType,
                                      QStringLiteral("Content-Type must be multipart/form-data")));
            return;
        }
        break;
    }

    if (route.handler) {
        answer(route.handler(apiRequest));
        return;
    }
    auto state = std::make_shared<ApiResponderState>();
    state->adapter = this;
    state->socket = socket;
    state->responder = std::make_unique<QHttpServerResponder>(std::move(responder));
    state->context = context;
    route.deferredHandler(apiRequest, ApiResponder(std::move(state)));
}

ApiResponse HttpServerAdapter::preflight(const ApiRequest &request,
                                         const QList<QByteArray> &allowed,
                                         bool corsAllowed) const
{
    QList<QByteArray> methods = allowed;
    methods.append("OPTIONS");
    ApiResponse response = ApiResponse::noContent();
    response.addHeader("Allow", joined(methods));
    if (corsAllowed && request.hasHeader("Access-Control-Request-Method")) {
        response.addHeader("Access-Control-Allow-Methods", joined(methods));
        response.addHeader("Access-Control-Allow-Headers",
                           "Authorization, Content-Type, X-API-Key");
        response.addHeader("Access-Control-Max-Age", "600");
    }
    return response;
}

bool HttpServerAdapter::writeDeferred(ApiResponderState &state, const ApiResponse &response)
{
    if (!state.responder)
        return false;
    return writeResponse(*state.responder, state.socket, response, state.context);
}

bool HttpServerAdapter::writeResponse(QHttpServerResponder &responder, QTcpSocket *socket,
                                      const ApiResponse &response,
                                      const ApiResponseContext &context)
{
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    // The caller is gone (QHttpServer deletes the socket on disconnect) or the guard is
    // closing the connection after an error: writing now would touch a dead socket.
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return false;
    if (m_guard && m_guard->isClosing(socket))
        return false;
#endif
    const int status = isKnownStatus(response.status()) ? response.status() : 500;

    QList<QPair<QByteArray, QByteArray>> headers;
    if (!response.contentType().isEmpty())
        headers.append({"Content-Type", response.contentType()});
    headers.append({"Content-Length", QByteArray::number(response.body().size())});
    headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
    headers.append({QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")});
    if (!context.corsOrigin.isEmpty()) {
        headers.append({"Access-Control-Allow-Origin", context.corsOrigin});
        headers.append({QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin")});
    }
    if (context.closeAfter)
        headers.append({QByteArrayLiteral("Connection"), QByteArrayLiteral("close")});
    headers.append(response.headers());

    const auto code = static_cast<QHttpServerResponder::StatusCode>(status);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QHttpHeaders httpHeaders;
    for (const auto &header : std::as_const(headers)) {
        if (header.first != "Content-Length")
            httpHeaders.append(header.first, header.second);
    }
    responder.write(context.headOnly ? QByteArray() : response.body(), httpHeaders, code);
#else
    responder.writeStatusLine(code);
    for (const auto &header : std::as_const(headers))
        responder.writeHeader(header.first, header.second);
    responder.writeBody(context.headOnly ? QByteArray() : response.body());
#endif
    ++m_responsesWritten;
    Q_EMIT responded(status);

#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    if (m_guard)
        m_guard->markResponded(socket);
    if (context.closeAfter)
        socket->disconnectFromHost();
#endif
    return true;
}
