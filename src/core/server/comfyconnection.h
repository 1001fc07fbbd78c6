#pragma once

#include "comfyclient.h"
#include "comfyevent.h"
#include "prompttracker.h"

#include <QObject>

class ComfySocket;
class QNetworkAccessManager;

// Everything ComfyDesk knows about one ComfyUI server: the HTTP client, the one stable
// websocket (/ws?clientId=<our id>) and the prompt tracker they feed. After every
// (re)connect and on every queue-changed broadcast it re-reads /queue and then the
// history of the prompts it tracks, so no result is missed across drops or restarts.
class ComfyConnection final : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Connecting, Connected, Reconnecting };
    Q_ENUM(State)

    // The client id starts as a random uuid: set the installation's id (ClientIdentity)
    // before start(), or progress of prompts submitted earlier goes to another socket.
    explicit ComfyConnection(QNetworkAccessManager &nam, QObject *parent = nullptr);
    ~ComfyConnection() override;

    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const;
    void setClientId(const QString &clientId);
    QString clientId() const;
    // For a ComfyUI behind an auth proxy: sent on HTTP requests and the websocket handshake.
    void setBearerToken(const QString &token);
    // Reconnect backoff: starts at minMs, doubles per failure with jitter, capped at maxMs.
    void setReconnectDelays(int minMs, int maxMs);

    void start();
    void stop();
    State state() const;

    ComfyClient &client();
    PromptTracker &tracker();
    ComfySocket &socket();

    // POST /prompt with our client_id; the prompt is tracked from its answer on.
    ComfyReply *submit(const QJsonObject &prompt, const SubmitOptions &options = {});
    // Re-read /queue, then the history of every tracked unfinished prompt.
    void resync();

Q_SIGNALS:
    void stateChanged(ComfyConnection::State state);
    void eventReceived(const ComfyEvent &event);
    void resynced();

private:
    class Private;
    Private *d;
};
