#include "serverregistry.h"

#include "comfyconnection.h"

ServerRegistry::ServerRegistry(QNetworkAccessManager &nam, const ComfyEndpoint &initial,
                               Setup setup, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_setup(std::move(setup))
{
    m_current = make(initial);
}

ServerRegistry::~ServerRegistry()
{
    qDeleteAll(m_connections);
}

ComfyConnection *ServerRegistry::make(const ComfyEndpoint &endpoint)
{
    auto *connection = new ComfyConnection(m_nam, endpoint);
    if (m_setup)
        m_setup(*connection);
    m_connections.append(connection);
    connect(&connection->tracker(), &PromptTracker::statusChanged, this,
            [this, connection] { retireIfIdle(connection); });
    return connection;
}

ComfyConnection &ServerRegistry::switchTo(const ComfyEndpoint &endpoint)
{
    if (m_current->endpoint().isSameServer(endpoint))
        return *m_current;
    ComfyConnection *previous = m_current;
    m_current = nullptr;
    for (ComfyConnection *connection : std::as_const(m_connections)) {
        if (connection->endpoint().isSameServer(endpoint))
            m_current = connection;
    }
    if (!m_current)
        m_current = make(endpoint);
    m_current->start();
    retireIfIdle(previous);

    // Beyond the kept ones, the oldest stopped connections go (their prompts are done).
    int retired = 0;
    for (qsizetype i = m_connections.size() - 1; i >= 0; --i) {
        ComfyConnection *connection = m_connections.at(i);
        if (connection == m_current || connection->state() != ComfyConnection::State::Stopped)
            continue;
        if (++retired > MaxRetired) {
            m_connections.removeAt(i);
            delete connection;
        }
    }
    Q_EMIT currentChanged(m_current);
    return *m_current;
}

void ServerRegistry::retireIfIdle(ComfyConnection *connection)
{
    if (connection == m_current || connection->state() == ComfyConnection::State::Stopped)
        return;
    if (connection->tracker().trackedUnfinished().isEmpty())
        connection->stop();
}

ComfyConnection *ServerRegistry::connectionFor(const QString &promptId) const
{
    if (m_current->tracker().contains(promptId))
        return m_current;
    for (ComfyConnection *connection : m_connections) {
        if (connection->tracker().contains(promptId))
            return connection;
    }
    return nullptr;
}
