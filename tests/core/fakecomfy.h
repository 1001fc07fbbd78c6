#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTcpServer>
#include <QUrl>
#include <QWebSocketServer>

#include <optional>

class QTcpSocket;
class QWebSocket;

// A stand-in for ComfyUI on one loopback port, shared by the core tests so that they all
// see the same wire. HTTP: answers from a table per path, every request recorded as it
// arrived, chosen paths held until release() so a test controls what is in flight, one
// request per connection. Websocket: any upgrade request, on any path, is handed to a
// websocket endpoint on the same port (as ComfyUI serves /ws), which records handshakes and
// messages and can broadcast or drop.
class FakeComfy final : public QObject
{
    Q_OBJECT
public:
    using Header = QPair<QByteArray, QByteArray>;

    struct Hit
    {
        QByteArray method;
        QByteArray target; // as sent: the path and the still encoded query
        QList<Header> headers;
        QByteArray body;

        QByteArray path() const;
        // Case-insensitive; the first value, empty if absent.
        QByteArray header(QByteArrayView name) const;
        bool hasHeader(QByteArrayView name) const;
        QJsonObject json() const;
    };

    struct Answer
    {
        int status = 200;
        QByteArray contentType = "application/json; charset=utf-8";
        QByteArray body = "{}";
        QList<Header> headers;
    };

    // Listens on a free loopback port at once.
    FakeComfy();
    ~FakeComfy() override;

    bool listen(quint16 port = 0);
    // New connections are refused from now on; open ones stay.
    void stopListening();
    bool isListening() const;
    quint16 port() const;
    QUrl url(const QString &path = {}) const;

    // 200 with this JSON text for every request to path (the target without its query).
    void answer(const QByteArray &path, const QByteArray &json);
    void answer(const QByteArray &path, const Answer &answer);
    // For paths without an answer of their own. Unset, the fake answers as ComfyUI does:
    // 404 "404: Not Found", but {} for /history/<id> (unknown and unfinished look alike).
    void answerOthers(const Answer &answer);
    // Answers to path (every path if empty) wait, connection open, until release().
    void hold(const QByteArray &path = {});
    int heldCount() const;
    // Stops holding and writes the waiting answers, to those still connected.
    void release();
    // Requests whose target starts with prefix.
    int count(const QByteArray &prefix) const;

    void broadcast(const QByteArray &json);
    // Aborts every websocket (no close frame), as a server that vanished.
    void dropWebSockets();
    QWebSocket *lastWebSocket() const;

    QList<Hit> hits;
    QList<QWebSocket *> wsSockets; // open ones
    QList<QUrl> wsUrls;            // of every handshake, in order
    QList<QByteArray> wsAuthorizations;
    QStringList wsOrigins;
    QStringList wsMessages;        // text received from any client

Q_SIGNALS:
    void hit();
    void wsAccepted();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const QByteArray &path);
    void onWebSocket();

    QTcpServer m_tcp;
    QWebSocketServer m_ws;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QByteArray, Answer> m_answers;
    std::optional<Answer> m_others;
    QSet<QByteArray> m_held;
    bool m_holdAll = false;
    QList<QPair<QPointer<QTcpSocket>, QByteArray>> m_waiting;
};
