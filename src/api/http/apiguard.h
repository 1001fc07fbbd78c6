#pragma once

#include "apiguardconfig.h"
#include "httprequestscanner.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QSet>
#include <QTcpServer>

#include <functional>

class ApiGuardConnection;
class QTcpSocket;

// The API's front door: a QTcpServer that QHttpServer is bound to. QHttpServer 6.4 has no
// limits at all (it buffers any head or body in full, never times out, accepts any number
// of connections), so every byte passes this guard first. Each accepted socket gets an
// ApiGuardConnection whose readyRead handler is connected before QHttpServer's: it scans
// request boundaries and, on a violation, swallows the bytes so QHttpServer never sees
// them, answers the JSON error itself and closes the connection.
class ApiGuard final : public QTcpServer
{
    Q_OBJECT

public:
    explicit ApiGuard(const ApiGuardConfig &config, QObject *parent = nullptr);
    ~ApiGuard() override;

    const ApiGuardConfig &config() const { return m_config; }

    // Asked for an authorised websocket upgrade head on one of config().webSocketPaths
    // (e.g. to refuse a subscriber beyond a cap); a rejecting verdict is answered as JSON.
    using UpgradeCheck = std::function<HttpHeadVerdict(const HttpRequestHead &head)>;
    void setUpgradeCheck(UpgradeCheck check) { m_upgradeCheck = std::move(check); }

    // listen() plus working out which Host header values name this server.
    bool start(const QHostAddress &address, quint16 port);
    // Call right after QAbstractHttpServer::bind(this): lets the guard connect handlers
    // that run after QHttpServer's (see ApiGuardConnection::attachAfterServer()).
    void serverBound();

    int connectionCount() const { return m_connections.size(); }
    int connectionCount(const QHostAddress &address) const;

    // CORS: the origin is in the configured allow-list.
    bool isCorsOriginAllowed(const QByteArray &origin) const;

    // The adapter wrote the final response to a request on this socket: the connection
    // may go idle again. Unknown sockets are ignored.
    void markResponded(QTcpSocket *socket);
    // The guard is closing this socket after an error: nothing else may be written.
    bool isClosing(QTcpSocket *socket) const;

    // Used by ApiGuardConnection.
    HttpHeadVerdict validateHead(const HttpRequestHead &head, const QHostAddress &peer);
    void connectionClosed(ApiGuardConnection *connection, QTcpSocket *socket,
                          const QHostAddress &peer);
    void reportRejection(int status, const QHostAddress &peer);

    static QHostAddress normalized(const QHostAddress &address);

Q_SIGNALS:
    // The guard answered an error itself (limits, auth, host, caps, deadline).
    void rejected(int status, const QHostAddress &peer);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct AuthRecord
    {
        int failures = 0;
        QDateTime lastFailure;
        QDateTime blockedUntil;
    };

    bool isHostAllowed(const QByteArray &hostHeader) const;
    bool isOriginAllowed(const QByteArray &origin, const QByteArray &hostHeader) const;
    bool isPublicPath(const QByteArray &target) const;
    bool tokenMatches(const HttpRequestHead &head) const;
    bool isWebSocketUpgrade(const HttpRequestHead &head) const;
    HttpHeadVerdict checkUpgrade(const HttpRequestHead &head) const;
    HttpHeadVerdict checkAuth(const HttpRequestHead &head, const QHostAddress &peer);
    qint64 bodyLimitFor(const QByteArray &target) const;
    void pruneAuthRecords();
    // Frees the slots of counted connections (from peer, or all) whose peer has closed.
    void releaseClosedConnections(const QHostAddress *peer);

    ApiGuardConfig m_config;
    QByteArray m_tokenDigest;
    QSet<QString> m_allowedHosts;
    QHash<QTcpSocket *, ApiGuardConnection *> m_connections;
    QList<QPointer<QTcpSocket>> m_awaitingServer; // handed over, not yet taken
    QHash<QHostAddress, int> m_perAddress;
    QHash<QHostAddress, AuthRecord> m_auth;
    UpgradeCheck m_upgradeCheck;
};
