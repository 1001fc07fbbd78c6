#include "apiguardconnection.h"

#include "apierror.h"
#include "apiguard.h"

#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif
#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#endif

ApiGuardConnection::ApiGuardConnection(ApiGuard *guard, QTcpSocket *socket,
                                       const QHostAddress &peer, bool handedOver)
    : QObject(socket)
    , m_guard(guard)
    , m_socket(socket)
    , m_peer(peer)
    , m_handedOver(handedOver)
    , m_scanner(guard->config().maxHeaderBytes, guard->config().maxHeaderCount,
                [this](const HttpRequestHead &head) {
                    return m_guard ? m_guard->validateHead(head, m_peer)
                                   : HttpHeadVerdict::reject(503, "shutting down");
                })
{
    const ApiGuardConfig &config = guard->config();
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(config.requestDeadlineMs);
    m_idle.setSingleShot(true);
    m_idle.setInterval(config.idleTimeoutMs);
    m_linger.setSingleShot(true);
    m_linger.setInterval(config.lingerMs);

    // Connected before QHttpServer connects its own handler (it only gets the socket
    // after this constructor): signals run in connection order, so the guard sees and,
    // when needed, swallows every byte first.
    connect(socket, &QIODevice::readyRead, this, &ApiGuardConnection::onReadyRead);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        closeWithError(408, "request not completed within the deadline");
    });
    connect(&m_idle, &QTimer::timeout, this, [this] {
        m_closing = true;
        m_socket->disconnectFromHost();
    });
    connect(&m_linger, &QTimer::timeout, this, &ApiGuardConnection::finishClose);
    connect(socket, &QIODevice::bytesWritten, this, [this] {
        if (m_closing && !m_writeShutdown && m_socket->bytesToWrite() == 0)
            shutdownWrite();
    });
    if (!handedOver) {
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    } else {
        m_idle.start();
        // The slot of the connection caps is freed as soon as the peer is gone, not when
        // QHttpServer gets round to deleting the socket: a client that closes and
        // reconnects at once must not be refused for its own dead connections. Qt reports
        // the end of the read side (and errors) before it gets to "disconnected".
        connect(socket, &QIODevice::readChannelFinished, this,
                &ApiGuardConnection::releaseSlot);
        connect(socket, &QAbstractSocket::errorOccurred, this,
                [this](QAbstractSocket::SocketError error) {
                    if (error == QAbstractSocket::RemoteHostClosedError
                        || m_socket->state() != QAbstractSocket::ConnectedState) {
                        releaseSlot();
                    }
                });
        connect(socket, &QAbstractSocket::disconnected, this,
                &ApiGuardConnection::releaseSlot);
    }
}

ApiGuardConnection::~ApiGuardConnection()
{
    releaseSlot();
}

void ApiGuardConnection::releaseSlot()
{
    if (!holdsSlot())
        return;
    m_released = true;
    if (m_guard)
        m_guard->connectionClosed(this, m_socket, m_peer);
}

bool ApiGuardConnection::peerHasClosed() const
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return true;
    const qintptr descriptor = m_socket->socketDescriptor();
    if (descriptor < 0)
        return true;
#if defined(Q_OS_LINUX)
    // The TCP state says it even when unread bytes precede the FIN.
    tcp_info info = {};
    socklen_t length = sizeof(info);
    if (::getsockopt(int(descriptor), IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
        return false;
    switch (info.tcpi_state) {
    case TCP_CLOSE_WAIT:
    case TCP_LAST_ACK:
    case TCP_CLOSING:
    case TCP_TIME_WAIT:
    case TCP_CLOSE:
        return true;
    default:
        return false;
    }
#elif defined(Q_OS_UNIX)
    // Without TCP_INFO: end of stream right at the front of the kernel's buffer. A FIN
    // behind unread bytes is missed here; the generous cap covers that case.
    char byte = 0;
    return ::recv(int(descriptor), &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
#else
    return false;
#endif
}

void ApiGuardConnection::markResponded()
{
    if (m_inFlight > 0)
        --m_inFlight;
    updateTimers(false);
}

void ApiGuardConnection::onReadyRead()
{
    if (m_closing) {
        discardInput();
        return;
    }
    if (m_upgraded)
        return;

    // Only the bytes the scanner has not seen yet: QHttpServer may have left some of the
    // previous ones unread. Without the after-server handler, assume it read everything.
    const qint64 available = m_socket->bytesAvailable();
    const qint64 seen = m_afterServerAttached ? qMin(m_scannedUnread, available) : 0;
    m_scannedUnread = available;
    if (available <= seen)
        return;
    const QByteArray data = m_socket->peek(available).sliced(seen);
    const qint64 completedBefore = m_scanner.completedRequests();
    const bool wasInRequest = m_scanner.inRequest();
    const HttpRequestScanner::Outcome outcome = m_scanner.feed(data);
    const qint64 completed = m_scanner.completedRequests() - completedBefore;
    m_inFlight += completed;

    switch (outcome) {
    case HttpRequestScanner::Outcome::Rejected: {
        const HttpHeadVerdict verdict = m_scanner.verdict();
        // Swallow now, even if the answer waits: QHttpServer's handler runs right after
        // this one and must find nothing to parse.
        m_closing = true;
        discardInput();
        m_deadline.stop();
        m_idle.stop();
        if (verdict.delayMs > 0) {
            QTimer::singleShot(verdict.delayMs, this, [this, verdict] {
                closeWithError(verdict.status, verdict.message, verdict.extraHeaders);
            });
        } else {
            closeWithError(verdict.status, verdict.message, verdict.extraHeaders);
        }
        return;
    }
    case HttpRequestScanner::Outcome::Upgraded:
        // A websocket lives as long as it likes; QHttpServer drops our readyRead itself.
        m_upgraded = true;
        m_deadline.stop();
        m_idle.stop();
        return;
    case HttpRequestScanner::Outcome::Ok:
        break;
    }
    updateTimers(m_scanner.inRequest() && (!wasInRequest || completed > 0));
}

void ApiGuardConnection::attachAfterServer()
{
    if (m_afterServerAttached)
        return;
    m_afterServerAttached = true;
    connect(m_socket, &QIODevice::readyRead, this, &ApiGuardConnection::afterServerRead);
}

void ApiGuardConnection::afterServerRead()
{
    m_scannedUnread = m_socket->bytesAvailable();
}

void ApiGuardConnection::discardInput()
{
    const qint64 available = m_socket->bytesAvailable();
    if (available > 0)
        m_socket->skip(available);
    m_scannedUnread = 0;
}

void ApiGuardConnection::updateTimers(bool newRequestStarted)
{
    if (m_closing || m_upgraded)
        return;
    if (m_scanner.inRequest()) {
        m_idle.stop();
        if (newRequestStarted || !m_deadline.isActive())
            m_deadline.start();
        return;
    }
    m_deadline.stop();
    if (m_inFlight == 0)
        m_idle.start();
    else
        m_idle.stop();
}

void ApiGuardConnection::closeWithError(int status, const QByteArray &message,
                                        const QList<QPair<QByteArray, QByteArray>> &extra)
{
    if (m_guard)
        m_guard->reportRejection(status, m_peer);
    m_closing = true;
    m_deadline.stop();
    m_idle.stop();
    discardInput();
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        finishClose();
        return;
    }

    const QByteArray body = ApiError::jsonBody(status, QString::fromUtf8(message));
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' '
                          + ApiError::reasonPhrase(status) + "\r\n"
                          + "Content-Type: application/json\r\n"
                          + "Content-Length: " + QByteArray::number(body.size()) + "\r\n"
                          + "Connection: close\r\n";
    for (const auto &header : extra)
        response += header.first + ": " + header.second + "\r\n";
    response += "\r\n" + body;
    m_socket->write(response);
    m_socket->flush();
    m_linger.start();
    if (m_socket->bytesToWrite() == 0)
        shutdownWrite();
}

// Closing a socket with unread input makes the kernel send a reset, and a reset can
// destroy our error answer before the client reads it. So: send FIN after the answer,
// keep reading (and discarding) until the client closes or the linger time ends.
void ApiGuardConnection::shutdownWrite()
{
    m_writeShutdown = true;
#ifdef Q_OS_UNIX
    const qintptr descriptor = m_socket->socketDescriptor();
    if (descriptor >= 0 && ::shutdown(int(descriptor), SHUT_WR) == 0)
        return;
#endif
    m_socket->disconnectFromHost();
}

void ApiGuardConnection::finishClose()
{
    m_linger.stop();
    m_socket->abort();
    if (!m_handedOver)
        m_socket->deleteLater();
}
