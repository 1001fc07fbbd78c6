#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into a Qt signal, so the event loop ends cleanly (sockets
// closed, settings and catalogue flushed) instead of the process dying mid-write.
// A signal handler may only do async-signal-safe things: it writes one byte to a pipe,
// and a QSocketNotifier on the other end emits requested() in the event loop.
class ShutdownSignals final : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void requested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};
