#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QWebSocket>

#include <functional>

namespace Conformance {

// One websocket frame as received, with a short label used to compare message orders.
struct WsFrame
{
    bool binary = false;
    QJsonObject message;        // text frames: the whole JSON message
    QByteArray text;            // text frames: as received (key order, number spelling)
    QByteArray bytes;           // binary frames: the whole frame
    QString label;

    int binaryType() const;     // the 4-byte big-endian event type, -1 for text frames
};

// Label of a text message: its `type`, with the detail that says where in a run it is:
// status(<queue_remaining>), executing(<node>|null), executed(<node>).
QString textLabel(const QJsonObject &message);
// Label of a binary frame: binary(<event type>).
QString binaryLabel(const QByteArray &frame);

// Label of a recorded ws_*.jsonl "recv" line, in the same form.
QString recordedLabel(const QJsonObject &line);

// A QWebSocket that keeps every frame it receives. Waits on signals, with timeouts.
class WsProbe final
{
public:
    WsProbe();
    ~WsProbe();
    WsProbe(const WsProbe &) = delete;
    WsProbe &operator=(const WsProbe &) = delete;

    bool open(const QUrl &url, int timeoutMs = 5000);
    void sendJson(const QJsonObject &message);
    void close(int timeoutMs = 5000);

    // Waits until a frame received at index >= `from` satisfies `match`; returns its
    // index, or -1 after the timeout.
    int waitFor(const std::function<bool(const WsFrame &)> &match, int from = 0,
                int timeoutMs = 15000);
    int waitForLabel(const QString &label, int from = 0, int timeoutMs = 15000);

    const QList<WsFrame> &frames() const { return m_frames; }
    QStringList labels() const;
    bool isConnected() const;
    // Called for every frame as it arrives (before it is stored).
    std::function<void(const WsFrame &)> onFrame;

private:
    QWebSocket m_socket;
    QList<WsFrame> m_frames;
};

} // namespace Conformance
