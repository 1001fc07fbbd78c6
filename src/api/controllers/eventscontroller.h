#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

class HttpServerAdapter;
class QWebSocket;
struct ApiContext;
struct ComfyEvent;
struct HttpHeadVerdict;
struct HttpRequestHead;

// GET /api/events: a websocket that pushes what core learns, for LAN tools that want push
// instead of polling task_status. JSON text frames:
//   {"type":"hello","client_id","comfyui_url","comfyui_reachable"}  first, once
//   {"type":"status","prompt_id","data":<the GET /api/task_status/<id> body>} when it
//      changes other than by sampler steps (those are what "progress" carries)
//   {"type":"progress","prompt_id","node","value","max"}   at most every progressInterval
//   {"type":"queue","running":n,"pending":n}                when the counts change
// "?prompt_id=<id>" limits a subscriber to that prompt's status and progress messages.
// A plain GET (no upgrade) answers 400; subscribers beyond the cap are refused with 503.
class EventsController final : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        int maxSubscribers = 64;
        // A subscriber whose unsent bytes exceed this is dropped: never buffer unbounded
        // for a consumer that does not read.
        qint64 maxPendingBytes = 1024 * 1024;
        int progressIntervalMs = 100; // per prompt
    };

    explicit EventsController(ApiContext &context, QObject *parent = nullptr);
    EventsController(ApiContext &context, const Limits &limits, QObject *parent = nullptr);
    ~EventsController() override;

    // False if the websocket endpoint could not be added (already listening, duplicate).
    bool registerRoutes(HttpServerAdapter &server);

    int subscriberCount() const { return int(m_subscribers.size()); }
    // Subscribers dropped for not reading (for tests and diagnostics).
    int droppedSlowConsumers() const { return m_droppedSlow; }

Q_SIGNALS:
    void subscriberCountChanged(int count);

private:
    struct Subscriber
    {
        QWebSocket *socket = nullptr; // a child of the controller
        QString promptFilter;  // empty: everything
        QString origin;        // "http://<Host>" for the api_url of images
        qint64 queued = 0;     // frame bytes handed to the socket
        qint64 written = 0;    // bytes the socket reported written
    };
    struct PendingProgress
    {
        QElapsedTimer lastSent;
        QString node;
        int value = 0;
        int max = 0;
        bool waiting = false;  // a throttled update still to send
    };

    HttpHeadVerdict admit(const HttpRequestHead &head) const;
    void subscribe(std::unique_ptr<QWebSocket> socket);
    void unsubscribe(QWebSocket *socket);
    void onStatusChanged(const QString &promptId);
    void onQueueChanged();
    void onEvent(const ComfyEvent &event);
    void flushProgress();
    void sendProgress(const QString &promptId, const PendingProgress &progress);
    // Sends to every subscriber that wants promptId (empty: unfiltered ones only).
    void broadcast(const QString &promptId, const QByteArray &message);
    bool send(Subscriber &subscriber, const QByteArray &message);
    QByteArray helloMessage() const;
    static QByteArray statusMessage(const QString &promptId, const QJsonObject &body);

    ApiContext &m_context;
    Limits m_limits;
    QHash<QWebSocket *, Subscriber> m_subscribers;
    QHash<QString, PendingProgress> m_progress;
    // Per unfinished prompt: its last status body without step counts (see onStatusChanged).
    QHash<QString, QJsonObject> m_lastStatus;
    QTimer m_progressTimer;
    int m_lastRunning = -1;
    int m_lastPending = -1;
    int m_droppedSlow = 0;
};
