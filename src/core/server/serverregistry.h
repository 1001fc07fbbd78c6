#pragma once

#include "comfyendpoint.h"

#include <QList>
#include <QObject>

#include <functional>

class ComfyConnection;
class QNetworkAccessManager;

// The ComfyUI servers this process talks to, one ComfyConnection per server (endpoint).
// One is current: new prompts go there. Pointing the app at another URL never re-points
// a connection: it makes (or reuses) the other server's own connection, and the previous
// one keeps running while it still has prompts in flight, so they finish against the
// server that runs them and their images keep that server's URLs. Finished, it stops, and
// its recent statuses stay readable.
class ServerRegistry final : public QObject
{
    Q_OBJECT
public:
    // Applied to every connection the registry makes, before it starts (timeouts, ...).
    using Setup = std::function<void(ComfyConnection &)>;

    ServerRegistry(QNetworkAccessManager &nam, const ComfyEndpoint &initial, Setup setup = {},
                   QObject *parent = nullptr);
    ~ServerRegistry() override;

    ComfyConnection &current() const { return *m_current; }
    // Makes endpoint's server current (started); the same server keeps its connection.
    ComfyConnection &switchTo(const ComfyEndpoint &endpoint);
    // The connection that knows promptId, the current one first; nullptr if none does.
    ComfyConnection *connectionFor(const QString &promptId) const;
    QList<ComfyConnection *> connections() const { return m_connections; }

    // Stopped connections kept for their statuses beyond the current one.
    static constexpr int MaxRetired = 4;

Q_SIGNALS:
    void currentChanged(ComfyConnection *connection);

private:
    ComfyConnection *make(const ComfyEndpoint &endpoint);
    void retireIfIdle(ComfyConnection *connection);

    QNetworkAccessManager &m_nam;
    Setup m_setup;
    QList<ComfyConnection *> m_connections;   // owned; oldest first
    ComfyConnection *m_current = nullptr;
};
