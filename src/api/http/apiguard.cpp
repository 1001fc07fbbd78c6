#include "apiguard.h"

#include "apiguardconnection.h"
#include "requesttarget.h"

#include <QCryptographicHash>
#include <QHostInfo>
#include <QNetworkInterface>
#include <QTcpSocket>
#include <QUrlQuery>

namespace {

QByteArray digestOf(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

// Both sides are fixed-size digests, so the time taken says nothing about the token.
bool sameDigest(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

QString hostKey(const QHostAddress &address)
{
    const QString text = address.toString().toLower();
    return address.protocol() == QAbstractSocket::IPv6Protocol
               ? QLatin1Char('[') + text + QLatin1Char(']')
               : text;
}

// "Host: example.org:5000" -> "example.org"; "[::1]:5000" -> "[::1]".
QString hostWithoutPort(const QByteArray &hostHeader)
{
    QString host = QString::fromLatin1(hostHeader).trimmed().toLower();
    if (host.startsWith(QLatin1Char('['))) {
        const qsizetype close = host.indexOf(QLatin1Char(']'));
        return close < 0 ? QString() : host.left(close + 1);
    }
    const qsizetype colon = host.indexOf(QLatin1Char(':'));
    if (colon >= 0)
        host.truncate(colon);
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    return host;
}

QByteArray pathOf(const QByteArray &target)
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.left(question);
}

// The decoded value of the first "token" query parameter, empty without one.
QByteArray queryToken(const QByteArray &target)
{
    const qsizetype question = target.indexOf('?');
    if (question < 0)
        return {};
    const QUrlQuery query(QString::fromLatin1(target.mid(question + 1)));
    return query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded).toUtf8();
}

} // namespace

ApiGuard::ApiGuard(const ApiGuardConfig &config, QObject *parent)
    : QTcpServer(parent)
    , m_config(config)
{
    if (!m_config.token.isEmpty())
        m_tokenDigest = digestOf(m_config.token);
    // QHttpServer takes every pending socket at once; the guard's own caps apply instead.
    setMaxPendingConnections(m_config.maxConnections + 64);
    // A burst of clients beyond the kernel's accept queue would wait for SYN-ACK
    // retransmits (1 s, 3 s, ...); let the whole allowed number queue at once.
    setListenBacklogSize(qMax(50, m_config.maxConnections));
}

ApiGuard::~ApiGuard()
{
    // Close the sockets while the bookkeeping they report back to still exists.
    const QList<QTcpSocket *> sockets = m_connections.keys();
    for (QTcpSocket *socket : sockets)
        delete socket;
    m_connections.clear();
}

bool ApiGuard::start(const QHostAddress &address, quint16 port)
{
    if (!listen(address, port))
        return false;

    m_allowedHosts.clear();
    const QHostAddress bound = serverAddress();
    const bool any = bound == QHostAddress::Any || bound == QHostAddress::AnyIPv4
                     || bound == QHostAddress::AnyIPv6;
    if (any || bound.isLoopback()) {
        m_allowedHosts << QStringLiteral("localhost") << QStringLiteral("127.0.0.1")
                       << QStringLiteral("[::1]");
    }
    if (any) {
        // LAN callers often use the machine's name rather than an address.
        const QString name = QHostInfo::localHostName().toLower();
        if (!name.isEmpty())
            m_allowedHosts << name << name + QStringLiteral(".local");
        const QList<QHostAddress> local = QNetworkInterface::allAddresses();
        for (const QHostAddress &address : local) {
            QHostAddress plain = address;
            plain.setScopeId(QString());
            m_allowedHosts << hostKey(normalized(plain));
        }
    } else {
        m_allowedHosts << hostKey(normalized(bound));
    }
    for (const QString &host : std::as_const(m_config.allowedHosts))
        m_allowedHosts << host.trimmed().toLower();
    return true;
}

int ApiGuard::connectionCount(const QHostAddress &address) const
{
    return m_perAddress.value(normalized(address));
}

bool ApiGuard::isCorsOriginAllowed(const QByteArray &origin) const
{
    const QString text = QString::fromLatin1(origin).trimmed();
    for (const QString &allowed : m_config.corsAllowedOrigins) {
        if (text.compare(allowed, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void ApiGuard::markResponded(QTcpSocket *socket)
{
    if (ApiGuardConnection *connection = m_connections.value(socket))
        connection->markResponded();
}

bool ApiGuard::isClosing(QTcpSocket *socket) const
{
    const ApiGuardConnection *connection = m_connections.value(socket);
    return connection && connection->isClosing();
}

QHostAddress ApiGuard::normalized(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

void ApiGuard::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    const QHostAddress peer = normalized(socket->peerAddress());
    if (m_connections.size() >= m_config.maxConnections)
        releaseClosedConnections(nullptr);
    else if (m_perAddress.value(peer) >= m_config.maxConnectionsPerAddress)
        releaseClosedConnections(&peer);
    const int fromPeer = m_perAddress.value(peer);
    if (m_connections.size() >= m_config.maxConnections
        || fromPeer >= m_config.maxConnectionsPerAddress) {
        // Never handed to QHttpServer: answered and closed here, the others keep going.
        auto *refused = new ApiGuardConnection(this, socket, peer, false);
        refused->closeWithError(503, m_connections.size() >= m_config.maxConnections
                                         ? "too many connections"
                                         : "too many connections from this address");
        return;
    }
    m_perAddress.insert(peer, fromPeer + 1);
    m_connections.insert(socket, new ApiGuardConnection(this, socket, peer, true));
    addPendingConnection(socket);
    // Qt 6.8 takes the socket inside addPendingConnection(); 6.4 takes it on the
    // newConnection() QTcpServer emits after this returns (see serverBound()).
    if (!hasPendingConnections())
        m_connections.value(socket)->attachAfterServer();
    else
        m_awaitingServer.append(socket);
}

void ApiGuard::serverBound()
{
    // Connected after QHttpServer's own newConnection handler, so by the time this runs
    // QHttpServer has taken the sockets and connected its readyRead handlers.
    connect(this, &QTcpServer::newConnection, this, [this] {
        const QList<QPointer<QTcpSocket>> awaiting = std::exchange(m_awaitingServer, {});
        for (const QPointer<QTcpSocket> &socket : awaiting) {
            if (ApiGuardConnection *connection = socket ? m_connections.value(socket) : nullptr)
                connection->attachAfterServer();
        }
    });
}

void ApiGuard::connectionClosed(ApiGuardConnection *connection, QTcpSocket *socket,
                                const QHostAddress &peer)
{
    if (m_connections.value(socket) != connection)
        return;
    m_connections.remove(socket);
    const int remaining = m_perAddress.value(peer) - 1;
    if (remaining > 0)
        m_perAddress.insert(peer, remaining);
    else
        m_perAddress.remove(peer);
}

// At a cap, before refusing anyone: a client's close and its next connect can arrive in
// the same event loop pass, and the connect may be handled before the close is. Asking
// the kernel about the counted connections settles the race in the client's favour; a
// flood of connections that are really open is still refused.
void ApiGuard::releaseClosedConnections(const QHostAddress *peer)
{
    const QList<ApiGuardConnection *> connections = m_connections.values();
    for (ApiGuardConnection *connection : connections) {
        if ((!peer || connection->peer() == *peer) && connection->peerHasClosed())
            connection->releaseSlot();
    }
}

void ApiGuard::reportRejection(int status, const QHostAddress &peer)
{
    Q_EMIT rejected(status, peer);
}

HttpHeadVerdict ApiGuard::validateHead(const HttpRequestHead &head, const QHostAddress &peer)
{
    QByteArray reason;
    if (!RequestTarget::isSafe(head.target, &reason))
        return HttpHeadVerdict::reject(400, reason);

    if (head.headerCount("Host") != 1)
        return HttpHeadVerdict::reject(400, "exactly one Host header is required");
    const QByteArray host = head.header("Host");
    if (!isHostAllowed(host))
        return HttpHeadVerdict::reject(421, "Host header does not name this server");

    if (head.headerCount("Origin") > 0) {
        if (head.headerCount("Origin") != 1 || !isOriginAllowed(head.header("Origin"), host))
            return HttpHeadVerdict::reject(403, "Origin not allowed");
    }

    if (!m_config.token.isEmpty()) {
        // Browsers never send credentials on a CORS preflight; the real request will.
        const bool preflight = head.method == "OPTIONS" && head.headerCount("Origin") == 1
                               && head.headerCount("Access-Control-Request-Method") > 0;
        if (!preflight && !isPublicPath(head.target)) {
            const HttpHeadVerdict verdict = checkAuth(head, peer);
            if (verdict.status != 0)
                return verdict;
        }
    }
    if (head.upgrade) {
        const HttpHeadVerdict verdict = checkUpgrade(head);
        if (verdict.status != 0)
            return verdict;
    }
    return HttpHeadVerdict::accept(bodyLimitFor(head.target));
}

bool ApiGuard::isHostAllowed(const QByteArray &hostHeader) const
{
    const QString host = hostWithoutPort(hostHeader);
    return !host.isEmpty() && m_allowedHosts.contains(host);
}

bool ApiGuard::isOriginAllowed(const QByteArray &origin, const QByteArray &hostHeader) const
{
    if (isCorsOriginAllowed(origin))
        return true;
    // Same origin: a page served under this very Host. The Host itself was checked.
    const QByteArray own = "http://" + hostHeader.trimmed().toLower();
    return origin.trimmed().toLower() == own;
}

bool ApiGuard::isPublicPath(const QByteArray &target) const
{
    const QString path = QString::fromLatin1(pathOf(target));
    return m_config.publicPaths.contains(path);
}

bool ApiGuard::tokenMatches(const HttpRequestHead &head) const
{
    QByteArray presented;
    const QByteArray authorization = head.header("Authorization");
    if (authorization.size() > 7 && authorization.left(7).toLower() == "bearer ")
        presented = authorization.mid(7).trimmed();
    else if (head.headerCount("X-API-Key") > 0)
        presented = head.header("X-API-Key");
    else if (isWebSocketUpgrade(head))
        presented = queryToken(head.target);
    if (presented.isEmpty())
        return false;
    return sameDigest(digestOf(presented), m_tokenDigest);
}

bool ApiGuard::isWebSocketUpgrade(const HttpRequestHead &head) const
{
    return head.upgrade && head.header("Upgrade").trimmed().toLower() == "websocket"
           && m_config.webSocketPaths.contains(QString::fromLatin1(pathOf(head.target)));
}

// QHttpServer hands every websocket upgrade it parses to its websocket server, whatever
// the path, and closes other upgrades without a word: only the configured paths get there.
HttpHeadVerdict ApiGuard::checkUpgrade(const HttpRequestHead &head) const
{
    if (!isWebSocketUpgrade(head) || head.method != "GET")
        return HttpHeadVerdict::reject(400, "no upgrade is offered on this path");
    if (m_upgradeCheck)
        return m_upgradeCheck(head);
    return HttpHeadVerdict::accept(0);
}

HttpHeadVerdict ApiGuard::checkAuth(const HttpRequestHead &head, const QHostAddress &peer)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto it = m_auth.find(peer);
    if (it != m_auth.end() && it->blockedUntil.isValid() && it->blockedUntil > now) {
        HttpHeadVerdict verdict = HttpHeadVerdict::reject(
            429, "too many failed authentication attempts; try again later");
        const qint64 seconds = qMax<qint64>(1, now.secsTo(it->blockedUntil));
        verdict.extraHeaders.append({"Retry-After", QByteArray::number(seconds)});
        return verdict;
    }
    if (tokenMatches(head)) {
        if (it != m_auth.end())
            m_auth.erase(it);
        return HttpHeadVerdict::accept(0);
    }

    if (it == m_auth.end()) {
        pruneAuthRecords();
        it = m_auth.insert(peer, AuthRecord());
    } else if (it->lastFailure.secsTo(now) > m_config.authBlockSeconds) {
        *it = AuthRecord(); // old failures are forgiven
    }
    ++it->failures;
    it->lastFailure = now;

    if (it->failures >= m_config.authBlockAfter) {
        it->blockedUntil = now.addSecs(m_config.authBlockSeconds);
        HttpHeadVerdict verdict = HttpHeadVerdict::reject(
            429, "too many failed authentication attempts; try again later");
        verdict.extraHeaders.append({"Retry-After",
                                     QByteArray::number(m_config.authBlockSeconds)});
        return verdict;
    }
    HttpHeadVerdict verdict = HttpHeadVerdict::reject(
        401, "authentication required: send Authorization: Bearer <token> or X-API-Key");
    verdict.extraHeaders.append(
        {QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
    const int over = it->failures - m_config.authSlowdownAfter;
    if (over > 0)
        verdict.delayMs = qMin(m_config.authMaxDelayMs, over * m_config.authSlowdownStepMs);
    return verdict;
}

qint64 ApiGuard::bodyLimitFor(const QByteArray &target) const
{
    const QString path = QString::fromLatin1(pathOf(target));
    for (const QString &prefix : m_config.uploadPathPrefixes) {
        if (path.startsWith(prefix))
            return m_config.maxUploadBodyBytes;
    }
    return m_config.maxJsonBodyBytes;
}

void ApiGuard::pruneAuthRecords()
{
    if (m_auth.size() < 4096)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto it = m_auth.begin(); it != m_auth.end();) {
        const bool blocked = it->blockedUntil.isValid() && it->blockedUntil > now;
        if (!blocked && it->lastFailure.secsTo(now) > m_config.authBlockSeconds)
            it = m_auth.erase(it);
        else
            ++it;
    }
}
