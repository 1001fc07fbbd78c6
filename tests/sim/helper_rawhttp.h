#pragma once

#include <QByteArray>
#include <QString>
#include <QTcpSocket>

namespace Conformance {

// HTTP/1.1 over a plain QTcpSocket, for tests that must know when answer bytes reached
// this process (QNetworkAccessManager reads in another thread and reports later).
class RawHttpClient final
{
public:
    bool connectTo(quint16 port);
    // Sends one request (keep-alive); the answer accumulates in received().
    void post(const QString &path, const QByteArray &json);
    // Reads whatever the kernel holds for this socket right now, without waiting.
    void drain();
    const QByteArray &received() const { return m_received; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

} // namespace Conformance
