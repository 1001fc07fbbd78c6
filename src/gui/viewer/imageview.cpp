#include "imageview.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace {

constexpr double ZoomStep = 1.25;
constexpr double SplitGrabDistance = 6;     // logical pixels either side of the split line

// A step from `from` towards `to` that passes 1 stops at 1: 1:1 is worth landing on.
double stopAtOne(double from, double to)
{
    if ((from < 1 && to > 1) || (from > 1 && to < 1))
        return 1;
    return to;
}

} // namespace

ImageView::ImageView(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMouseTracking(true);
    setAccessibleName(tr("Image"));
    setAccessibleDescription(tr("The image, zoomable with the mouse wheel or plus and minus, "
                                "moved by dragging; Ctrl and drag carries the file out."));
}

void ImageView::setImage(const QImage &image, const QImage &overview)
{
    if (!m_image.isNull() && image.cacheKey() == m_image.cacheKey() && m_message.isEmpty())
        return;
    const bool keepView = !m_fitted && image.size() == m_lastSize;
    m_image = image;
    m_overview = overview;
    m_message.clear();
    m_lastSize = image.size();
    if (image.isNull())
        m_overlay = QImage();
    if (keepView) {
        update();
        return;
    }
    fit();
}

void ImageView::setMessage(const QString &text)
{
    m_image = QImage();
    m_overview = QImage();
    m_overlay = QImage();
    m_message = text;
    update();
}

void ImageView::setOverlay(const QImage &overlay)
{
    m_overlay = overlay;
    update();
}

void ImageView::setSplitPosition(double fraction)
{
    m_split = std::clamp(fraction, 0.0, 1.0);
    update();
}

double ImageView::scale() const
{
    return m_zoom / devicePixelRatioF();
}

QPointF ImageView::widgetCentre() const
{
    return QPointF(width() / 2.0, height() / 2.0);
}

QPointF ImageView::imageOrigin() const
{
    const QPointF origin = widgetCentre() - m_center * scale();
    if (m_zoom != 1)
        return origin;
    // At 1:1 rounded to whole device pixels, so every image pixel lands on one screen pixel.
    const double dpr = devicePixelRatioF();
    return QPointF(std::round(origin.x() * dpr) / dpr, std::round(origin.y() * dpr) / dpr);
}

QPointF ImageView::mapToImage(const QPointF &widgetPos) const
{
    return (widgetPos - imageOrigin()) / scale();
}

QPointF ImageView::mapFromImage(const QPointF &imagePos) const
{
    return imageOrigin() + imagePos * scale();
}

double ImageView::fitZoom() const
{
    if (m_lastSize.isEmpty() || width() <= 0 || height() <= 0)
        return 1;
    const double dpr = devicePixelRatioF();
    return std::min(width() * dpr / m_lastSize.width(), height() * dpr / m_lastSize.height());
}

void ImageView::fit()
{
    m_fitted = true;
    m_zoom = std::clamp(fitZoom(), MinZoom, MaxZoom);
    m_center = QPointF(m_lastSize.width() / 2.0, m_lastSize.height() / 2.0);
    changed();
}

void ImageView::actualSize()
{
    setZoom(1, widgetCentre());
}

void ImageView::zoomIn()
{
    setZoom(stopAtOne(m_zoom, m_zoom * ZoomStep), widgetCentre());
}

void ImageView::zoomOut()
{
    setZoom(stopAtOne(m_zoom, m_zoom / ZoomStep), widgetCentre());
}

void ImageView::setZoom(double zoom, const QPointF &anchor)
{
    const QPointF point = mapToImage(anchor);   // what the user sees there now
    m_zoom = std::clamp(zoom, MinZoom, MaxZoom);
    m_fitted = false;
    m_center = point - (anchor - widgetCentre()) / scale();
    clampCenter();
    changed();
}

void ImageView::setView(double zoom, const QPointF &center)
{
    if (qFuzzyCompare(zoom, m_zoom) && center == m_center)
        return;
    m_zoom = std::clamp(zoom, MinZoom, MaxZoom);
    m_center = center;
    m_fitted = false;
    update();
}

void ImageView::clampCenter()
{
    // The centre stays on the image, so some of it is always in view.
    m_center.setX(std::clamp(m_center.x(), 0.0, double(m_lastSize.width())));
    m_center.setY(std::clamp(m_center.y(), 0.0, double(m_lastSize.height())));
}

void ImageView::changed()
{
    update();
    // A view without an image (still loading) has no view worth following.
    if (!m_image.isNull())
        Q_EMIT viewChanged(m_zoom, m_center);
}

void ImageView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_fitted)
        fit();
}

void ImageView::drawLayer(QPainter &painter, const QImage &image, const QRectF &clip,
                          const QImage &overview)
{
    // Only the part of the image in view is drawn: at fit zoom an 8192×8192 image costs
    // what its on-screen size costs.
    const QRectF visible = QRectF(mapToImage(clip.topLeft()), mapToImage(clip.bottomRight()))
                               .intersected(QRectF(QPointF(), image.size()));
    if (visible.isEmpty())
        return;
    const QRect source(QPoint(int(std::floor(visible.left())), int(std::floor(visible.top()))),
                       QPoint(int(std::ceil(visible.right())) - 1,
                              int(std::ceil(visible.bottom())) - 1));
    painter.save();
    painter.setClipRect(clip);
    if (m_zoom == 1) {
        const double dpr = devicePixelRatioF();
        if (dpr == 1) {
            painter.drawImage(mapFromImage(source.topLeft()), image, source);
        } else {
            // One image pixel per device pixel: the visible part, told its pixel ratio.
            QImage part = image.copy(source);
            part.setDevicePixelRatio(dpr);
            painter.drawImage(mapFromImage(source.topLeft()), part);
        }
    } else {
        // Smoothed when shrinking (no moiré); enlarged pixels stay sharp squares.
        painter.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom < 1);
        const QRectF target(mapFromImage(source.topLeft()), source.size() * scale());
        const double overviewScale = overview.isNull() ? 0 : double(overview.width())
                                                                 / image.width();
        if (m_zoom <= overviewScale) {
            // The overview still has a pixel for every screen pixel, and is averaged.
            const QRectF part(QPointF(source.topLeft()) * overviewScale,
                              QSizeF(source.size()) * overviewScale);
            painter.drawImage(target, overview, part);
        } else {
            painter.drawImage(target, image, source);
        }
    }
    painter.restore();
}

void ImageView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0x2a, 0x2a, 0x2e));
    if (m_image.isNull()) {
        painter.setPen(QColor(0xd0, 0xd0, 0xd4));
        painter.drawText(rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap,
                         m_message);
        return;
    }
    if (m_overlay.isNull()) {
        drawLayer(painter, m_image, rect(), m_overview);
        return;
    }
    const double splitX = std::round(width() * m_split);
    drawLayer(painter, m_image, QRectF(0, 0, splitX, height()), m_overview);
    drawLayer(painter, m_overlay, QRectF(splitX, 0, width() - splitX, height()));
    painter.setPen(QPen(QColor(255, 255, 255, 220), 2));
    painter.drawLine(QPointF(splitX, 0), QPointF(splitX, height()));
    // A knob in the middle says the line can be dragged.
    painter.setBrush(QColor(255, 255, 255, 220));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(QPointF(splitX, height() / 2.0), 7, 7);
}

void ImageView::wheelEvent(QWheelEvent *event)
{
    if (m_image.isNull() || event->angleDelta().y() == 0) {
        event->ignore();
        return;
    }
    const double factor = std::pow(ZoomStep, event->angleDelta().y() / 120.0);
    setZoom(stopAtOne(m_zoom, m_zoom * factor), event->position());
    event->accept();
}

bool ImageView::nearSplit(const QPointF &pos) const
{
    return !m_overlay.isNull()
           && std::abs(pos.x() - std::round(width() * m_split)) <= SplitGrabDistance;
}

void ImageView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_image.isNull()) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_pressPos = m_lastPos = event->position();
    if (nearSplit(event->position()))
        m_drag = Drag::Split;
    else if (event->modifiers() & Qt::ControlModifier)
        m_drag = Drag::Out;
    else {
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
    }
    event->accept();
}

void ImageView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = event->position();
    switch (m_drag) {
    case Drag::None:
        setCursor(nearSplit(pos) ? Qt::SplitHCursor : Qt::ArrowCursor);
        break;
    case Drag::Split:
        setSplitPosition(width() > 0 ? pos.x() / width() : 0.5);
        break;
    case Drag::Out:
        if ((pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
            m_drag = Drag::None;
            Q_EMIT dragOutRequested();
        }
        break;
    case Drag::Pan:
        m_center -= (pos - m_lastPos) / scale();
        m_fitted = false;
        clampCenter();
        changed();
        break;
    }
    m_lastPos = pos;
}

void ImageView::mouseReleaseEvent(QMouseEvent *event)
{
    m_drag = Drag::None;
    unsetCursor();
    QWidget::mouseReleaseEvent(event);
}

void ImageView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // Double-click switches between the whole image and its true pixels under the cursor.
    if (m_image.isNull() || event->button() != Qt::LeftButton)
        return;
    if (m_zoom == 1)
        fit();
    else
        setZoom(1, event->position());
}
