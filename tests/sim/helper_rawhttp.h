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
    // Waits for the next whole answer (Content-Length bodies) and returns its body; the
    // status goes to *status (0 when none came within the timeout).
    QByteArray nextAnswer(int *status, int timeoutMs = 15000);

private:
    QTcpSocket m_socket;
    QByteArray m_received;
    qsizetype m_consumed = 0;
};

} // namespace Conformance
