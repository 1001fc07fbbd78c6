#include "simhttpserver.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
constexpr qint64 kMaxBodyBytes = 104857600 + 1024 * 1024; // max_upload_size + form overhead

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Request Entity Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    default: return "Unknown";
    }
}

// aiohttp's default (no --enable-cors-header) rejects requests whose Origin host differs
// from the Host header, which blocks cross-site browser pages from driving the queue.
bool isForeignOrigin(const SimHttpRequest &request)
{
    const QByteArray origin = request.header("origin");
    const QByteArray host = request.header("host").toLower();
    if (origin.isEmpty() || host.isEmpty())
        return false;
    const QUrl url(QString::fromUtf8(origin));
    if (!url.isValid() || url.host().isEmpty())
        return true;
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    const QString originNetloc = url.host().toLower() + QLatin1Char(':')
            + QString::number(url.port(defaultPort));
    QString hostNetloc = QString::fromUtf8(host);
    if (!hostNetloc.contains(QLatin1Char(':')) || hostNetloc.endsWith(QLatin1Char(']')))
        hostNetloc += QLatin1Char(':') + QString::number(defaultPort);
    return originNetloc != hostNetloc;
}

} // namespace

// One client connection: parses requests one after another and answers them in order
// (a delayed answer holds back the next request, as HTTP/1.1 without pipelining expects).
class SimHttpServer::Connection final : public QObject
{
public:
    Connection(SimHttpServer *server, QTcpSocket *socket)
        : QObject(server), m_server(server), m_socket(socket)
    {
        connect(socket, &QTcpSocket::readyRead, this, &Connection::process);
        connect(socket, &QTcpSocket::disconnected, this, &Connection::finish);
        server->m_connections.insert(this);
    }
    ~Connection() override { m_server->m_connections.remove(this); }

    void process()
    {
        if (m_busy || !m_socket)
            return;
        // Peek while no request is buffered: a websocket upgrade must reach
        // QWebSocketServer with its handshake still unread in the socket.
        QByteArray data = m_buffer.isEmpty() ? m_socket->peek(m_socket->bytesAvailable())
                                             : m_buffer + m_socket->peek(
                                                       m_socket->bytesAvailable());
        const qsizetype headerEnd = data.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (data.size() > kMaxHeaderBytes)
                failAndClose(431);
            return;
        }
        SimHttpRequest request;
        bool keepAlive = true;
        qint64 contentLength = 0;
        if (!parseHead(data.left(headerEnd), &request, &keepAlive, &contentLength)) {
            failAndClose(400);
            return;
        }
        if (contentLength > kMaxBodyBytes) {
            failAndClose(413);
            return;
        }
        if (m_buffer.isEmpty() && m_server->isWebSocketUpgrade(request)) {
            // Detach first: handing over re-emits readyRead for the unread handshake.
            QTcpSocket *socket = m_socket;
            disconnect(socket, nullptr, this, nullptr);
            m_socket = nullptr;
            deleteLater();
            m_server->m_ws->handleConnection(socket);
            return;
        }
        const qint64 total = headerEnd + 4 + contentLength;
        if (data.size() < total) {
            m_buffer += m_socket->readAll();
            return;
        }
        m_buffer += m_socket->readAll();
        request.body = m_buffer.mid(headerEnd + 4, contentLength);
        m_buffer.remove(0, total);

        const SimHttpResponse response = m_server->dispatch(request);
        const QByteArray bytes = m_server->serialize(response, keepAlive);
        // Whoever waits for this answer to be out (a queued prompt) is released when the
        // last copy of the token goes: after the write, or with a dropped connection.
        std::shared_ptr<void> release = response.releaseAfterWrite;
        if (m_server->m_responseDelayMs > 0) {
            m_busy = true;
            QPointer<Connection> self(this);
            QTimer::singleShot(m_server->m_responseDelayMs, this,
                               [self, bytes, keepAlive, release]() mutable {
                if (self)
                    self->write(bytes, keepAlive);
                release.reset();
            });
        } else {
            write(bytes, keepAlive);
            release.reset();
        }
    }

    void abortSocket()
    {
        if (m_socket) {
            disconnect(m_socket, nullptr, this, nullptr);
            m_socket->abort();
            m_socket->deleteLater();
        }
        m_socket = nullptr;
    }

private:
    static bool parseHead(const QByteArray &head, SimHttpRequest *request, bool *keepAlive,
                          qint64 *contentLength)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
            return false;
        request->method = requestLine.at(0);
        const QByteArray target = requestLine.at(1);
        const qsizetype q = target.indexOf('?');
        request->path = QUrl::fromPercentEncoding(q < 0 ? target : target.left(q));
        if (q >= 0)
            request->query = QUrlQuery(QString::fromUtf8(target.mid(q + 1)));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            request->headers.insert(line.left(colon).trimmed().toLower(),
                                    line.mid(colon + 1).trimmed());
        }
        const QByteArray connection = request->header("connection").toLower();
        *keepAlive = requestLine.at(2) == "HTTP/1.1" ? !connection.contains("close")
                                                      : connection.contains("keep-alive");
        bool ok = true;
        const QByteArray length = request->header("content-length");
        *contentLength = length.isEmpty() ? 0 : length.toLongLong(&ok);
        return ok && *contentLength >= 0;
    }

    void write(const QByteArray &bytes, bool keepAlive)
    {
        m_busy = false;
        if (!m_socket)
            return;
        m_socket->write(bytes);
        // Hand the bytes to the kernel now, not on a later event-loop turn: websocket
        // frames written after this must not overtake the answer.
        m_socket->flush();
        if (!keepAlive) {
            m_socket->disconnectFromHost();
            return;
        }
        if (!m_buffer.isEmpty() || m_socket->bytesAvailable() > 0)
            QTimer::singleShot(0, this, &Connection::process);
    }

    void failAndClose(int status)
    {
        SimHttpResponse response = SimHttpResponse::empty(status);
        m_socket->write(m_server->serialize(response, false));
        m_socket->disconnectFromHost();
        m_busy = true;
    }

    void finish()
    {
        if (m_socket)
            m_socket->deleteLater();
        m_socket = nullptr;
        deleteLater();
    }

    SimHttpServer *m_server;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_buffer;
    bool m_busy = false;
};

SimHttpServer::SimHttpServer(QObject *parent)
    : QObject(parent)
    , m_tcp(new QTcpServer(this))
    , m_ws(new QWebSocketServer(QStringLiteral("ComfyDesk simulator"),
                                QWebSocketServer::NonSecureMode, this))
{
    connect(m_tcp, &QTcpServer::newConnection, this, &SimHttpServer::onNewConnection);
    connect(m_ws, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_ws->nextPendingConnection())
            Q_EMIT webSocketConnected(socket);
    });
}

SimHttpServer::~SimHttpServer() = default;

bool SimHttpServer::listen(const QHostAddress &address, quint16 port)
{
    return m_tcp->listen(address, port);
}

void SimHttpServer::close()
{
    m_tcp->close();
    const QSet<Connection *> connections = m_connections;
    for (Connection *connection : connections)
        connection->abortSocket();
    qDeleteAll(connections);
}

bool SimHttpServer::isListening() const
{
    return m_tcp->isListening();
}

quint16 SimHttpServer::port() const
{
    return m_tcp->serverPort();
}

void SimHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        auto *connection = new Connection(this, socket);
        if (socket->bytesAvailable() > 0)
            QTimer::singleShot(0, connection, &Connection::process);
    }
}

bool SimHttpServer::isWebSocketUpgrade(const SimHttpRequest &request) const
{
    const bool wsPath = request.path == QLatin1String("/ws")
            || request.path == QLatin1String("/api/ws");
    if (!wsPath || !request.header("upgrade").toLower().contains("websocket"))
        return false;
    if (isForeignOrigin(request))
        return false; // answered as a normal request: 403
    return true;
}

SimHttpResponse SimHttpServer::dispatch(const SimHttpRequest &request) const
{
    if (isForeignOrigin(request))
        return SimHttpResponse::empty(403);
    SimHttpResponse response = m_handler ? m_handler(request)
                                         : SimHttpResponse::text(404, "404: Not Found");
    if (m_malformed && response.isJson() && !response.body.isEmpty())
        response.body.truncate(qMax<qsizetype>(1, response.body.size() / 2));
    return response;
}

QByteArray SimHttpServer::serialize(const SimHttpResponse &response, bool keepAlive) const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
            + reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &header : response.extraHeaders)
        out += header.first + ": " + header.second + "\r\n";
    out += "Server: Python/3.11 aiohttp/3.8.4\r\n";
    if (!keepAlive)
        out += "Connection: close\r\n";
    out += "\r\n";
    out += response.body;
    return out;
}
