#include "apiresponder.h"

#include "apiresponderstate_p.h"
#include "httpserveradapter.h"

ApiResponder::ApiResponder(std::shared_ptr<ApiResponderState> state)
    : m_state(std::move(state))
{}

bool ApiResponder::isWaiting() const
{
    return m_state && !m_state->sent && m_state->adapter && m_state->socket
           && m_state->socket->state() == QAbstractSocket::ConnectedState;
}

bool ApiResponder::isSent() const
{
    return m_state && m_state->sent;
}

bool ApiResponder::send(const ApiResponse &response)
{
    if (!m_state || m_state->sent)
        return false;
    m_state->sent = true;
    if (!m_state->adapter)
        return false;
    return m_state->adapter->writeDeferred(*m_state, response);
}
