#include "helper_wsprobe.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QtEndian>

namespace Conformance {

int WsFrame::binaryType() const
{
    if (!binary || bytes.size() < 4)
        return -1;
    return int(qFromBigEndian<quint32>(bytes.constData()));
}

QString textLabel(const QJsonObject &message)
{
    const QString type = message.value(QLatin1String("type")).toString();
    const QJsonObject data = message.value(QLatin1String("data")).toObject();
    if (type == QLatin1String("status")) {
        const int remaining = data.value(QLatin1String("status")).toObject()
                .value(QLatin1String("exec_info")).toObject()
                .value(QLatin1String("queue_remaining")).toInt(-1);
        return QStringLiteral("status(%1)").arg(remaining);
    }
    if (type == QLatin1String("executing") || type == QLatin1String("executed")) {
        const QJsonValue node = data.value(QLatin1String("node"));
        return QStringLiteral("%1(%2)").arg(type, node.isString() ? node.toString()
                                                                  : QStringLiteral("null"));
    }
    return type;
}

QString binaryLabel(const QByteArray &frame)
{
    if (frame.size() < 4)
        return QStringLiteral("binary(short)");
    return QStringLiteral("binary(%1)").arg(qFromBigEndian<quint32>(frame.constData()));
}

QString recordedLabel(const QJsonObject &line)
{
    if (line.value(QLatin1String("kind")).toString() == QLatin1String("binary"))
        return QStringLiteral("binary(%1)").arg(line.value(QLatin1String("event_type")).toInt());
    return textLabel(line.value(QLatin1String("data")).toObject());
}

WsProbe::WsProbe()
{
    QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket,
                     [this](const QString &text) {
        WsFrame frame;
        frame.text = text.toUtf8();
        frame.message = QJsonDocument::fromJson(frame.text).object();
        frame.label = textLabel(frame.message);
        if (onFrame)
            onFrame(frame);
        m_frames.append(frame);
    });
    QObject::connect(&m_socket, &QWebSocket::binaryMessageReceived, &m_socket,
                     [this](const QByteArray &bytes) {
        WsFrame frame;
        frame.binary = true;
        frame.bytes = bytes;
        frame.label = binaryLabel(bytes);
        if (onFrame)
            onFrame(frame);
        m_frames.append(frame);
    });
}

WsProbe::~WsProbe()
{
    m_socket.disconnect();
    m_socket.abort();
}

bool WsProbe::open(const QUrl &url, int timeoutMs)
{
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    m_socket.open(url);
    return connected.wait(timeoutMs) || !connected.isEmpty();
}

void WsProbe::sendJson(const QJsonObject &message)
{
    m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    m_socket.flush();
}

void WsProbe::close(int timeoutMs)
{
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        return;
    QSignalSpy disconnected(&m_socket, &QWebSocket::disconnected);
    m_socket.close();
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        disconnected.wait(timeoutMs);
}

int WsProbe::waitFor(const std::function<bool(const WsFrame &)> &match, int from,
                     int timeoutMs)
{
    int found = -1;
    const auto scan = [&] {
        for (qsizetype i = from; i < m_frames.size(); ++i) {
            if (match(m_frames.at(i))) {
                found = int(i);
                return true;
            }
        }
        return false;
    };
    if (!QTest::qWaitFor(scan, timeoutMs))
        return -1;
    return found;
}

int WsProbe::waitForLabel(const QString &label, int from, int timeoutMs)
{
    return waitFor([&label](const WsFrame &frame) { return frame.label == label; }, from,
                   timeoutMs);
}

QStringList WsProbe::labels() const
{
    QStringList out;
    for (const WsFrame &frame : m_frames)
        out << frame.label;
    return out;
}

bool WsProbe::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

} // namespace Conformance
