#include "helper_rawhttp.h"

#include <QHostAddress>

namespace Conformance {

bool RawHttpClient::connectTo(quint16 port)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return m_socket.waitForConnected(5000);
}

void RawHttpClient::post(const QString &path, const QByteArray &json)
{
    m_socket.write("POST " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Content-Type: application/json\r\nContent-Length: "
                   + QByteArray::number(json.size()) + "\r\n\r\n" + json);
    m_socket.flush();
}

void RawHttpClient::drain()
{
    m_received += m_socket.readAll();
    // A zero timeout polls the descriptor once: bytes the server already wrote to this
    // connection are in the kernel buffer, so they are read here.
    while (m_socket.waitForReadyRead(0))
        m_received += m_socket.readAll();
}

} // namespace Conformance
