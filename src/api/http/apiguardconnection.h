#pragma once

#include "httprequestscanner.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ApiGuard;
class QTcpSocket;

// The guard's watch over one accepted socket, a child of that socket (so it dies with it).
// Follows the byte stream with HttpRequestScanner, runs the request deadline and the idle
// keep-alive timer, and closes the connection with a JSON error when a rule is broken.
class ApiGuardConnection final : public QObject
{
    Q_OBJECT

public:
    // handedOver: false for a socket refused at accept, which this object then owns.
    ApiGuardConnection(ApiGuard *guard, QTcpSocket *socket, const QHostAddress &peer,
                       bool handedOver);
    ~ApiGuardConnection() override;

    void markResponded();
    QHostAddress peer() const { return m_peer; }
    // Whether this connection still takes a place under the guard's caps.
    bool holdsSlot() const { return m_handedOver && !m_released; }
    // The peer has closed (FIN or reset) according to the kernel, even if the socket's
    // read notification has not been handled yet. The guard asks this at a cap, because a
    // client's close and its next connect can reach the server in the same event loop pass
    // and the connect may be handled first.
    bool peerHasClosed() const;
    // Gives the cap slot back (once): the peer has gone, the socket object may live on
    // until QHttpServer deletes it.
    void releaseSlot();
    // Called once QHttpServer has connected its own readyRead handler: connects a second
    // handler that runs after QHttpServer's, to learn how many scanned bytes it left
    // unread (6.4 reads one request per readyRead and re-emits readyRead for the rest).
    void attachAfterServer();
    bool isClosing() const { return m_closing; }

    // Answers the error with "Connection: close", drains input for a short while so the
    // client reads the answer instead of a reset, then drops the connection.
    void closeWithError(int status, const QByteArray &message,
                        const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});

private:
    void onReadyRead();
    void afterServerRead();
    void discardInput();
    void updateTimers(bool newRequestStarted);
    void finishClose();
    void shutdownWrite();

    QPointer<ApiGuard> m_guard;
    QTcpSocket *m_socket;
    QHostAddress m_peer;
    bool m_handedOver;
    bool m_released = false;
    HttpRequestScanner m_scanner;
    QTimer m_deadline;
    QTimer m_idle;
    QTimer m_linger;
    qint64 m_inFlight = 0;
    // Bytes at the front of the socket's unread buffer that the scanner has already seen.
    qint64 m_scannedUnread = 0;
    bool m_afterServerAttached = false;
    bool m_closing = false;
    bool m_upgraded = false;
    bool m_writeShutdown = false;
};
