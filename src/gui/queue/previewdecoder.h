#pragma once

#include <QImage>
#include <QObject>
#include <QSize>

// Decodes live previews in the thread pool, one at a time: ComfyUI sends one per sampler
// step (10 Hz and more), and a decode queue would lag further behind the run with every
// step. While one decode runs, only the newest waiting preview is kept; older ones are
// dropped unseen.
class PreviewDecoder final : public QObject
{
    Q_OBJECT
public:
    explicit PreviewDecoder(QObject *parent = nullptr);

    // Previews are scaled to fit this box while decoding (the queue shows thumbnails).
    void setBoundingSize(const QSize &size) { m_bounds = size; }
    void decode(const QString &promptId, const QByteArray &encoded);
    int dropped() const { return m_dropped; }
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void decoded(const QString &promptId, const QImage &image);

private:
    void start(const QString &promptId, const QByteArray &encoded);

    QSize m_bounds{96, 96};
    bool m_busy = false;
    bool m_hasWaiting = false;
    QString m_waitingId;
    QByteArray m_waiting;
    int m_dropped = 0;
};
