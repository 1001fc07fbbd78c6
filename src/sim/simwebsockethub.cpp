#include "simwebsockethub.h"

#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>

SimWebSocketHub::SimWebSocketHub(QObject *parent)
    : QObject(parent)
{
}

SimWebSocketHub::~SimWebSocketHub()
{
    closeAll();
}

void SimWebSocketHub::addSocket(QWebSocket *socket)
{
    socket->setParent(this);
    QString sid = QUrlQuery(socket->requestUrl()).queryItemValue(QStringLiteral("clientId"),
                                                                 QUrl::FullyDecoded);
    if (sid.isEmpty())
        sid = QUuid::createUuid().toString(QUuid::Id128);
    m_sockets.insert(sid, socket);
    m_all.append(socket);
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket, sid](const QString &message) {
                onTextMessage(socket, sid, message);
            });
    connect(socket, &QWebSocket::disconnected, this, [this, socket, sid] {
        // Like ComfyUI: remove by id, even when the id now belongs to a newer socket.
        m_sockets.remove(sid);
        m_clientFlags.remove(sid);
        m_all.removeAll(socket);
        m_sawFirstMessage.remove(socket);
        socket->deleteLater();
    });
    Q_EMIT clientConnected(sid);
}

void SimWebSocketHub::onTextMessage(QWebSocket *socket, const QString &sid,
                                    const QString &message)
{
    const bool first = !m_sawFirstMessage.value(socket, false);
    m_sawFirstMessage.insert(socket, true);
    if (!first)
        return;
    const SimJson msg = SimJson::parse(message.toUtf8());
    if (msg.value(u"type").toString() != QLatin1String("feature_flags"))
        return;
    m_clientFlags.insert(sid, msg.value(u"data"));
    send(QStringLiteral("feature_flags"),
         SimJson::object({{QStringLiteral("supports_preview_metadata"), true},
                          {QStringLiteral("max_upload_size"), 104857600}}),
         sid);
}

void SimWebSocketHub::send(const QString &type, const SimJson &data, const QString &sid)
{
    // aiohttp's send_json: json.dumps of {"type", "data"}, in that order.
    const QString text = QString::fromLatin1(
            SimJson::object({{QStringLiteral("type"), type}, {QStringLiteral("data"), data}})
                    .toJson());
    if (sid.isEmpty()) {
        for (QWebSocket *socket : std::as_const(m_sockets))
            socket->sendTextMessage(text);
    } else if (QWebSocket *socket = m_sockets.value(sid)) {
        socket->sendTextMessage(text);
    }
}

void SimWebSocketHub::sendBinary(const QByteArray &frame, const QString &sid)
{
    if (sid.isEmpty()) {
        for (QWebSocket *socket : std::as_const(m_sockets))
            socket->sendBinaryMessage(frame);
    } else if (QWebSocket *socket = m_sockets.value(sid)) {
        socket->sendBinaryMessage(frame);
    }
}

bool SimWebSocketHub::supportsPreviewMetadata(const QString &sid) const
{
    return m_clientFlags.value(sid).value(u"supports_preview_metadata").toBool();
}

void SimWebSocketHub::closeAll()
{
    const QList<QWebSocket *> sockets = m_all;
    m_sockets.clear();
    m_clientFlags.clear();
    m_all.clear();
    m_sawFirstMessage.clear();
    for (QWebSocket *socket : sockets) {
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
    }
}
