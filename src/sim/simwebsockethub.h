#pragma once

#include "simjson.h"

#include <QHash>
#include <QList>
#include <QObject>

class QWebSocket;

// ComfyUI's socket table: sockets keyed by client id (sid). Reproduces its quirks: a new
// socket with an id that is still open replaces the old one in the table, and when the old
// one closes its cleanup removes the id, so the newer socket receives nothing any more.
class SimWebSocketHub final : public QObject
{
    Q_OBJECT
public:
    explicit SimWebSocketHub(QObject *parent = nullptr);
    ~SimWebSocketHub() override;

    void addSocket(QWebSocket *socket);
    // sid empty: broadcast to every socket in the table; unknown sid: dropped.
    void send(const QString &type, const SimJson &data, const QString &sid);
    void sendBinary(const QByteArray &frame, const QString &sid);
    bool supportsPreviewMetadata(const QString &sid) const;
    void closeAll();

Q_SIGNALS:
    // Emitted right after a socket joined the table; the server answers with `status`.
    void clientConnected(const QString &sid);

private:
    void onTextMessage(QWebSocket *socket, const QString &sid, const QString &message);

    QHash<QString, QWebSocket *> m_sockets;
    QList<QWebSocket *> m_all; // includes sockets that lost their table entry
    QHash<QString, SimJson> m_clientFlags;
    QHash<QWebSocket *, bool> m_sawFirstMessage;
};
