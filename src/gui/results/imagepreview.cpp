#include "imagepreview.h"

#include <QPainter>

#include <utility>

ImagePreview::ImagePreview(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImagePreview::setImage(const QImage &image, const QImage &fitted)
{
    m_image = image;
    m_scaled = fitted;      // used by paintEvent() only if it has the size it needs
    m_message.clear();
    m_paintPending = !m_image.isNull();
    // Painted now rather than at the next scheduled update (up to a frame later): the
    // image the user waits for is the one thing worth a synchronous paint.
    if (isVisible() && !m_scaled.isNull())
        repaint();
    else
        update();
}

void ImagePreview::setMessage(const QString &text)
{
    m_image = QImage();
    m_scaled = QImage();
    m_message = text;
    m_paintPending = false;
    update();
}

void ImagePreview::resizeEvent(QResizeEvent *event)
{
    m_scaled = QImage();
    QWidget::resizeEvent(event);
}

void ImagePreview::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (m_image.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                         m_message);
        return;
    }
    const QSize fitted = m_image.size().scaled(fitSize(), Qt::KeepAspectRatio);
    if (m_scaled.size() != fitted) {
        // Small images are enlarged without smoothing: their pixels stay visible as pixels.
        const bool enlarge = fitted.width() > m_image.width();
        m_scaled = m_image.scaled(fitted, Qt::KeepAspectRatio,
                                  enlarge ? Qt::FastTransformation : Qt::SmoothTransformation);
    }
    QRect target(QPoint(), m_scaled.size());
    target.moveCenter(rect().center());
    painter.drawImage(target, m_scaled);
    if (std::exchange(m_paintPending, false))
        Q_EMIT imagePainted();
}
