#pragma once

#include "simhttprequest.h"
#include "simhttpresponse.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>

#include <functional>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

// A small HTTP/1.1 server (keep-alive, Content-Length bodies) on one port. A hand-written
// server rather than QHttpServer 6.4 because the simulator must reproduce aiohttp's exact
// answers (text/plain 404 for every unknown path, octet-stream bodiless replies, 405s),
// which QHttpServer 6.4 cannot produce for unmatched routes. `/ws` upgrades are handed,
// unread, to a QWebSocketServer in non-listening mode.
class SimHttpServer final : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<SimHttpResponse(const SimHttpRequest &)>;

    explicit SimHttpServer(QObject *parent = nullptr);
    ~SimHttpServer() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    bool listen(const QHostAddress &address, quint16 port);
    void close();                 // stop listening and drop every connection
    bool isListening() const;
    quint16 port() const;

    void setResponseDelayMs(int ms) { m_responseDelayMs = ms; }
    void setMalformedResponses(bool on) { m_malformed = on; }

Q_SIGNALS:
    void webSocketConnected(QWebSocket *socket);

private:
    class Connection;
    friend class Connection;

    void onNewConnection();
    // True for a `/ws` upgrade that QWebSocketServer should take (origin permitting).
    bool isWebSocketUpgrade(const SimHttpRequest &request) const;
    SimHttpResponse dispatch(const SimHttpRequest &request) const;
    QByteArray serialize(const SimHttpResponse &response, bool keepAlive) const;

    QTcpServer *m_tcp = nullptr;
    QWebSocketServer *m_ws = nullptr;
    Handler m_handler;
    int m_responseDelayMs = 0;
    bool m_malformed = false;
    QSet<Connection *> m_connections;
};
