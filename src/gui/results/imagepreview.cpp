#include "imagepreview.h"

#include <QPainter>

#include <utility>

ImagePreview::ImagePreview(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImagePreview::setImage(const QImage &image)
{
    m_pixmap = QPixmap::fromImage(image);
    m_scaled = QPixmap();
    m_message.clear();
    m_paintPending = !m_pixmap.isNull();
    update();
}

void ImagePreview::setMessage(const QString &text)
{
    m_pixmap = QPixmap();
    m_scaled = QPixmap();
    m_message = text;
    m_paintPending = false;
    update();
}

void ImagePreview::resizeEvent(QResizeEvent *event)
{
    m_scaled = QPixmap();
    QWidget::resizeEvent(event);
}

void ImagePreview::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (m_pixmap.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                         m_message);
        return;
    }
    const QSize fitted = m_pixmap.size().scaled(size(), Qt::KeepAspectRatio);
    if (m_scaled.size() != fitted) {
        // Small images are enlarged without smoothing: their pixels stay visible as pixels.
        const bool enlarge = fitted.width() > m_pixmap.width();
        m_scaled = m_pixmap.scaled(fitted, Qt::KeepAspectRatio,
                                   enlarge ? Qt::FastTransformation : Qt::SmoothTransformation);
    }
    QRect target(QPoint(), m_scaled.size());
    target.moveCenter(rect().center());
    painter.drawPixmap(target, m_scaled);
    if (std::exchange(m_paintPending, false))
        Q_EMIT imagePainted();
}
