#include "helper_rawhttp.h"

#include <QHostAddress>
#include <QTest>

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

QByteArray RawHttpClient::nextAnswer(int *status, int timeoutMs)
{
    *status = 0;
    QByteArray body;
    const auto complete = [&] {
        drain();
        const qsizetype headerEnd = m_received.indexOf("\r\n\r\n", m_consumed);
        if (headerEnd < 0)
            return false;
        const QByteArray head = m_received.mid(m_consumed, headerEnd - m_consumed).toLower();
        const qsizetype at = head.indexOf("content-length:");
        const qsizetype length = at < 0 ? 0 : head.mid(at + 15).split('\r').first().trimmed()
                                                  .toLongLong();
        if (m_received.size() < headerEnd + 4 + length)
            return false;
        *status = head.mid(9, 3).toInt();
        body = m_received.mid(headerEnd + 4, length);
        m_consumed = headerEnd + 4 + length;
        return true;
    };
    if (!QTest::qWaitFor(complete, timeoutMs))
        *status = 0;
    return body;
}

} // namespace Conformance
