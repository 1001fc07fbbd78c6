#pragma once

#include "comfyclient.h"
#include "comfyendpoint.h"
#include "comfyevent.h"
#include "nodecatalogue.h"
#include "prompttracker.h"
#include "systeminfo.h"

#include <QObject>

class ComfySocket;
class QNetworkAccessManager;

// Everything ComfyDesk knows about one ComfyUI server (one endpoint): the HTTP client, the
// one websocket (/ws?clientId=<our id>) and the prompt tracker they feed, and the verbs
// that change the server's queue. After every (re)connect and on every queue-changed
// broadcast it re-reads /queue and then the history of the prompts it tracks, so no result
// is missed across drops or restarts. It never trusts a silent socket: while prompts are
// pending or running, a /queue read confirms the picture after a few quiet seconds, and a
// socket found deaf (ComfyUI gave its client id's routing to another socket) is replaced.
//
// Where and as whom it connects is fixed once started: another server is another
// connection (ServerRegistry), so prompts of one never get judged against another.
class ComfyConnection final : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Connecting, Connected, Reconnecting };
    Q_ENUM(State)

    // The client id starts as a random uuid: set the process's claimed id (ClientIdentity)
    // before start(), or progress of prompts submitted earlier goes to another socket.
    explicit ComfyConnection(QNetworkAccessManager &nam, QObject *parent = nullptr);
    ComfyConnection(QNetworkAccessManager &nam, const ComfyEndpoint &endpoint,
                    QObject *parent = nullptr);
    ~ComfyConnection() override;

    // Before start() only; a started connection ignores them (a new server is a new
    // connection).
    void setEndpoint(const ComfyEndpoint &endpoint);
    void setBaseUrl(const QUrl &url);
    void setClientId(const QString &clientId);
    // For a ComfyUI behind an auth proxy: sent on HTTP requests and the websocket handshake.
    void setBearerToken(const QString &token);
    const ComfyEndpoint &endpoint() const;
    QUrl baseUrl() const;
    QString clientId() const;
    // Reconnect backoff: starts at minMs, doubles per failure with jitter, capped at maxMs.
    void setReconnectDelays(int minMs, int maxMs);
    // How long the socket may be silent, while prompts are active, before a /queue read
    // checks that it still hears what happens (0: never).
    void setSilenceCheckMs(int ms);

    void start();
    void stop();
    State state() const;
    // The tracker's picture is current and the socket is up: answers from memory are
    // as good as asking ComfyUI.
    bool isQueueCurrent() const;

    ComfyClient &client();
    PromptTracker &tracker();
    const PromptTracker &tracker() const;
    ComfySocket &socket();

    // What the server is (version, devices) and which nodes it has, read on every connect
    // (the catalogue is typed off the UI thread). Empty until read.
    const SystemInfo &systemInfo() const;
    const NodeCatalogue &nodeCatalogue() const;

    // Why the last request to ComfyUI failed (kind None while it answers).
    ComfyError lastFailure() const;
    // Sockets replaced because they had gone deaf.
    int deafSocketsReplaced() const;

    // The verbs. Each updates the tracker itself before the reply's finished() reaches
    // the caller (its handler is connected first); a failed reply changes nothing.
    // POST /prompt with our client_id; the prompt is tracked from its answer on.
    ComfyReply *submit(const QJsonObject &prompt, const SubmitOptions &options = {});
    // Removes pending prompts (running ones go on: ComfyUI's delete does not stop them).
    ComfyReply *cancel(const QStringList &promptIds);
    // Removes every pending prompt.
    ComfyReply *clearPending();
    // Stops the running prompt; with an id, only if that one is running.
    ComfyReply *interrupt(const QString &promptId = {});
    // Puts a pending prompt before all others: deleted and queued again at the front with
    // the same id, graph, extra data, outputs and owner. Fails with NotPending if it is
    // not pending, or started meanwhile (then it is not queued twice).
    ComfyReply *moveToFront(const QString &promptId);
    // Reads one prompt's history into the tracker (e.g. an id nobody tracked yet).
    ComfyReply *lookUp(const QString &promptId);
    // Re-read /queue, then the history of every tracked unfinished prompt.
    void resync();

Q_SIGNALS:
    void stateChanged(ComfyConnection::State state);
    void eventReceived(const ComfyEvent &event);
    void resynced();
    // A reconnect attempt is planned in delayMs (for a countdown).
    void reconnectScheduled(int delayMs);
    // ComfyUI stopped answering (why) or answers again (kind None).
    void failureChanged(const ComfyError &why);
    void socketReplaced();
    void systemInfoChanged();
    void nodeCatalogueChanged();
    // POST /prompt was answered 200 (submit(), or moveToFront()'s new submit): emitted once
    // the tracker knows the prompt, before the reply's finished() reaches the caller.
    // options are the caller's, as given; number is ComfyUI's queue number.
    void promptAccepted(const QString &promptId, const QJsonObject &graph,
                        const SubmitOptions &options, double number);
    // A /history/<id> answer with entries was applied to the tracker ({"<id>": entry}),
    // any client's prompt: a catalogue takes graphs from it without asking again.
    void historyRead(const QJsonObject &history);

private:
    class Private;
    Private *d;
};
