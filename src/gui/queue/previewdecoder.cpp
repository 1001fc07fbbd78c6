#include "previewdecoder.h"

#include "whenready.h"

#include <QBuffer>
#include <QImageReader>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

PreviewDecoder::PreviewDecoder(QObject *parent)
    : QObject(parent)
{
}

void PreviewDecoder::decode(const QString &promptId, const QByteArray &encoded)
{
    if (!m_busy) {
        start(promptId, encoded);
        return;
    }
    if (m_hasWaiting)
        ++m_dropped;
    m_hasWaiting = true;
    m_waitingId = promptId;
    m_waiting = encoded;
}

void PreviewDecoder::start(const QString &promptId, const QByteArray &encoded)
{
    m_busy = true;
    const QSize bounds = m_bounds;
    const QFuture<QImage> decoding = QtConcurrent::run([encoded, bounds] {
        QByteArray bytes = encoded;
        QBuffer buffer(&bytes);
        QImageReader reader(&buffer);
        const QSize size = reader.size();
        // Scaled while decoding where the format can (JPEG decodes at a fraction).
        if (size.isValid() && (size.width() > bounds.width() || size.height() > bounds.height()))
            reader.setScaledSize(size.scaled(bounds, Qt::KeepAspectRatio));
        return reader.read();
    });
    whenReady(this, decoding, [this, promptId](const QImage &image) {
        m_busy = false;
        if (!image.isNull())
            Q_EMIT decoded(promptId, image);
        if (m_hasWaiting) {
            m_hasWaiting = false;
            start(m_waitingId, std::exchange(m_waiting, {}));
        }
    });
}
