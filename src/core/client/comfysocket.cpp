#include "comfysocket.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QWebSocket>

ComfySocket::ComfySocket(QObject *parent)
    : QObject(parent)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        if (m_wanted)
            connectNow();
    });
}

ComfySocket::~ComfySocket()
{
    m_wanted = false;
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
        delete m_socket;
    }
}

void ComfySocket::setEndpoint(const ComfyEndpoint &endpoint)
{
    if (m_endpoint == endpoint)
        return;
    m_endpoint = endpoint;
    // ComfyUI only routes a prompt's progress to the socket of its client_id: a socket
    // under the old id (or to the old server) would go deaf for new prompts.
    if (m_wanted)
        open();
}

void ComfySocket::setBaseUrl(const QUrl &httpBaseUrl)
{
    ComfyEndpoint next = m_endpoint;
    next.setBaseUrl(httpBaseUrl);
    setEndpoint(next);
}

void ComfySocket::setClientId(const QString &clientId)
{
    ComfyEndpoint next = m_endpoint;
    next.clientId = clientId;
    setEndpoint(next);
}

void ComfySocket::setBearerToken(const QString &token)
{
    // Sent on the next handshake; the open socket is already authorised.
    m_endpoint.bearerToken = token;
}

void ComfySocket::setReconnectDelays(int minMs, int maxMs)
{
    m_minDelayMs = qMax(1, minMs);
    m_maxDelayMs = qMax(m_minDelayMs, maxMs);
}

void ComfySocket::open()
{
    m_wanted = true;
    m_reconnectTimer.stop();
    m_failedAttempts = 0;
    connectNow();
}

void ComfySocket::close()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    m_failedAttempts = 0;
    discardSocket();
}

void ComfySocket::discardSocket()
{
    if (m_socket) {
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        disconnect(socket, nullptr, this, nullptr);
        socket->close();
        socket->deleteLater();
    }
    if (m_connected) {
        m_connected = false;
        Q_EMIT disconnected();
    }
}

void ComfySocket::connectNow()
{
    discardSocket();

    // An empty origin: QWebSocket then sends no Origin header, and ComfyUI answers a
    // foreign Origin with 403.
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    QWebSocket *socket = m_socket;
    connect(socket, &QWebSocket::connected, this, [this, socket] {
        if (socket != m_socket)
            return;
        m_connected = true;
        m_failedAttempts = 0;
        if (m_announceFeatures) {
            // Must be the first message: ComfyUI only honours it before anything else.
            const QJsonObject flags{{QStringLiteral("supports_preview_metadata"), true}};
            const QJsonObject message{{QStringLiteral("type"), QStringLiteral("feature_flags")},
                                      {QStringLiteral("data"), flags}};
            socket->sendTextMessage(QString::fromUtf8(
                QJsonDocument(message).toJson(QJsonDocument::Compact)));
        }
        Q_EMIT connected();
    });
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        Q_EMIT eventReceived(ComfyEvent::fromText(message.toUtf8()));
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &frame) {
        Q_EMIT eventReceived(ComfyEvent::fromBinary(frame));
    });
    connect(socket, &QWebSocket::stateChanged, this, &ComfySocket::onStateChanged);
    // Kept for whoever explains a failed connection (QWebSocket::errorOccurred() only
    // exists from Qt 6.5 on).
    const auto errorSignal = qOverload<QAbstractSocket::SocketError>(&QWebSocket::error);
    connect(socket, errorSignal, this,
            [this](QAbstractSocket::SocketError error) { m_lastError = error; });

    const QNetworkRequest request = m_endpoint.request(socketUrl());
    socket->open(request);
}

void ComfySocket::onStateChanged(QAbstractSocket::SocketState state)
{
    if (state != QAbstractSocket::UnconnectedState)
        return;
    if (m_connected) {
        m_connected = false;
        Q_EMIT disconnected();
    }
    if (m_wanted)
        scheduleReconnect();
}

int ComfySocket::nextDelayMs()
{
    // Exponential, capped; then up to a quarter taken off at random so that many
    // clients dropped by one server restart do not all come back in the same instant.
    qint64 base = m_minDelayMs;
    for (int i = 0; i < m_failedAttempts && base < m_maxDelayMs; ++i)
        base *= 2;
    base = qMin<qint64>(base, m_maxDelayMs);
    const qint64 jitter = QRandomGenerator::global()->bounded(int(base / 4) + 1);
    return int(qMax<qint64>(1, base - jitter));
}

void ComfySocket::scheduleReconnect()
{
    if (m_reconnectTimer.isActive())
        return;
    const int delay = nextDelayMs();
    ++m_failedAttempts;
    m_reconnectTimer.start(delay);
    Q_EMIT reconnectScheduled(delay);
}
