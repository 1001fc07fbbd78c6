#pragma once

#include "comfyendpoint.h"
#include "comfyevent.h"

#include <QAbstractSocket>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QWebSocket;

// The one websocket to ComfyUI: <base>/ws?clientId=<id> (ws/wss from http/https, path
// prefix kept). It parses every frame into a ComfyEvent and, after a drop or a failed
// attempt, reconnects with exponential backoff plus jitter until close() is called.
class ComfySocket final : public QObject
{
    Q_OBJECT
public:
    explicit ComfySocket(QObject *parent = nullptr);
    ~ComfySocket() override;

    // Changing where or as whom it connects reconnects an open socket.
    void setEndpoint(const ComfyEndpoint &endpoint);
    const ComfyEndpoint &endpoint() const { return m_endpoint; }
    void setBaseUrl(const QUrl &httpBaseUrl);   // the same base URL as ComfyClient's
    QUrl baseUrl() const { return m_endpoint.baseUrl; }
    void setClientId(const QString &clientId);
    QString clientId() const { return m_endpoint.clientId; }
    void setBearerToken(const QString &token);
    // Backoff: the first retry waits about minMs, each failure doubles it, capped at maxMs.
    void setReconnectDelays(int minMs, int maxMs);
    int minReconnectDelayMs() const { return m_minDelayMs; }
    int maxReconnectDelayMs() const { return m_maxDelayMs; }
    // Send {"type":"feature_flags","data":{"supports_preview_metadata":true}} first, so
    // previews arrive as type-4 frames that name their prompt. On by default.
    void setAnnounceFeatures(bool announce) { m_announceFeatures = announce; }

    QUrl socketUrl() const { return m_endpoint.socketUrl(); }
    bool isConnected() const { return m_connected; }
    bool isReconnectPending() const { return m_reconnectTimer.isActive(); }
    int failedAttempts() const { return m_failedAttempts; }
    // Why the last attempt or connection failed (UnknownSocketError: none yet).
    QAbstractSocket::SocketError lastError() const { return m_lastError; }

    void open();   // connects now; keeps reconnecting until close()
    void close();  // closes and never reconnects by itself

Q_SIGNALS:
    void connected();
    void disconnected();
    void eventReceived(const ComfyEvent &event);
    // A reconnect attempt is planned in delayMs (after a drop or a failed attempt).
    void reconnectScheduled(int delayMs);

private:
    void connectNow();
    void scheduleReconnect();
    int nextDelayMs();
    void onStateChanged(QAbstractSocket::SocketState state);
    void discardSocket();

    ComfyEndpoint m_endpoint;
    QAbstractSocket::SocketError m_lastError = QAbstractSocket::UnknownSocketError;
    int m_minDelayMs = 500;
    int m_maxDelayMs = 10000;
    int m_failedAttempts = 0;
    bool m_wanted = false;     // open() called and no close() since
    bool m_connected = false;
    bool m_announceFeatures = true;
    QWebSocket *m_socket = nullptr;
    QTimer m_reconnectTimer;
};
