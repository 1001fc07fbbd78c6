#include "fakecomfy.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QWebSocket>

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    default: return "Status";
    }
}

// The head is complete and asks to switch to a websocket.
bool isUpgrade(const QByteArray &head)
{
    for (const QByteArray &line : head.split('\n')) {
        const QByteArray folded = line.trimmed().toLower();
        if (folded.startsWith("upgrade:") && folded.contains("websocket"))
            return true;
    }
    return false;
}

} // namespace

QByteArray FakeComfy::Hit::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

QByteArray FakeComfy::Hit::header(QByteArrayView name) const
{
    for (const Header &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool FakeComfy::Hit::hasHeader(QByteArrayView name) const
{
    for (const Header &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QJsonObject FakeComfy::Hit::json() const
{
    return QJsonDocument::fromJson(body).object();
}

FakeComfy::FakeComfy()
    : m_ws(QStringLiteral("fake-comfy"), QWebSocketServer::NonSecureMode)
{
    connect(&m_tcp, &QTcpServer::newConnection, this, &FakeComfy::onNewConnection);
    connect(&m_ws, &QWebSocketServer::newConnection, this, &FakeComfy::onWebSocket);
    listen();
}

FakeComfy::~FakeComfy() = default;

bool FakeComfy::listen(quint16 port)
{
    return m_tcp.listen(QHostAddress::LocalHost, port);
}

void FakeComfy::stopListening()
{
    m_tcp.close();
}

bool FakeComfy::isListening() const
{
    return m_tcp.isListening();
}

quint16 FakeComfy::port() const
{
    return m_tcp.serverPort();
}

QUrl FakeComfy::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path));
}

void FakeComfy::answer(const QByteArray &path, const QByteArray &json)
{
    Answer canned;
    canned.body = json;
    answer(path, canned);
}

void FakeComfy::answer(const QByteArray &path, const Answer &answer)
{
    m_answers.insert(path, answer);
}

void FakeComfy::answerOthers(const Answer &answer)
{
    m_others = answer;
}

void FakeComfy::hold(const QByteArray &path)
{
    if (path.isEmpty())
        m_holdAll = true;
    else
        m_held.insert(path);
}

int FakeComfy::heldCount() const
{
    return int(m_waiting.size());
}

void FakeComfy::release()
{
    m_holdAll = false;
    m_held.clear();
    const auto waiting = m_waiting;
    m_waiting.clear();
    for (const auto &w : waiting) {
        if (w.first)
            respond(w.first, w.second);
    }
}

int FakeComfy::count(const QByteArray &prefix) const
{
    int n = 0;
    for (const Hit &h : hits)
        n += h.target.startsWith(prefix) ? 1 : 0;
    return n;
}

void FakeComfy::broadcast(const QByteArray &json)
{
    for (QWebSocket *socket : std::as_const(wsSockets))
        socket->sendTextMessage(QString::fromUtf8(json));
}

void FakeComfy::dropWebSockets()
{
    const auto sockets = wsSockets;
    wsSockets.clear();
    for (QWebSocket *socket : sockets)
        socket->abort();
}

QWebSocket *FakeComfy::lastWebSocket() const
{
    return wsSockets.isEmpty() ? nullptr : wsSockets.last();
}

void FakeComfy::onNewConnection()
{
    while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        // The buffer goes with the socket: a later socket may get the same address.
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeComfy::onReadyRead(QTcpSocket *socket)
{
    // Look before reading: a websocket upgrade must reach QWebSocketServer unread.
    if (!m_buffers.contains(socket)) {
        const QByteArray peeked = socket->peek(socket->bytesAvailable());
        const qsizetype end = peeked.indexOf("\r\n\r\n");
        if (end < 0)
            return; // the rest of the head comes with the next readyRead
        if (isUpgrade(peeked.left(end))) {
            // Every connection goes, deleteLater too: the websocket owns the socket now.
            socket->disconnect();
            m_ws.handleConnection(socket);
            return;
        }
    }
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() < 2)
        return;
    Hit request;
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    qsizetype length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({name, value});
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            length = value.toLongLong();
    }
    if (buffer.size() < headerEnd + 4 + length)
        return;
    request.body = buffer.mid(headerEnd + 4, length);
    m_buffers.remove(socket);
    hits.append(request);
    const QByteArray path = request.path();
    Q_EMIT hit();
    if (m_holdAll || m_held.contains(path))
        m_waiting.append({QPointer<QTcpSocket>(socket), path});
    else
        respond(socket, path);
}

void FakeComfy::respond(QTcpSocket *socket, const QByteArray &path)
{
    Answer canned;
    if (m_answers.contains(path)) {
        canned = m_answers.value(path);
    } else if (m_others) {
        canned = *m_others;
    } else if (!path.startsWith("/history/")) {
        canned.status = 404;
        canned.body = "404: Not Found";
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(canned.status) + ' '
                     + reasonPhrase(canned.status) + "\r\n";
    out += "Content-Type: " + canned.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(canned.body.size()) + "\r\n";
    for (const Header &h : std::as_const(canned.headers))
        out += h.first + ": " + h.second + "\r\n";
    out += "Connection: close\r\n\r\n" + canned.body;
    socket->write(out);
    socket->disconnectFromHost();
}

void FakeComfy::onWebSocket()
{
    while (QWebSocket *socket = m_ws.nextPendingConnection()) {
        socket->setParent(this);
        wsSockets.append(socket);
        wsUrls.append(socket->requestUrl());
        wsAuthorizations.append(socket->request().rawHeader("Authorization"));
        wsOrigins.append(socket->origin());
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this](const QString &message) { wsMessages.append(message); });
        connect(socket, &QWebSocket::disconnected, this,
                [this, socket] { wsSockets.removeOne(socket); });
        Q_EMIT wsAccepted();
    }
}
