#pragma once

#include <QImage>
#include <QPointF>
#include <QWidget>

// One image, zoomable and pannable, painted by hand: at zoom 1 (1:1) each image pixel is one
// device pixel at an integer position, drawn without smoothing, so the screen shows the true
// pixels. Zooming keeps the point under the cursor (or the given anchor) in place. The view
// is described by a zoom and the image point at the widget's centre; viewChanged() reports
// both, and setView() takes them, so two views can follow each other.
//
// Optionally a second image of the same size lies over the first, right of a vertical split
// the user drags (the viewer's slider compare).
class ImageView final : public QWidget
{
    Q_OBJECT
public:
    static constexpr double MinZoom = 1.0 / 64;
    static constexpr double MaxZoom = 64;

    explicit ImageView(QWidget *parent = nullptr);

    // Shows image. A new size (or a view in fit mode) fits it; the same size keeps zoom and
    // position, so stepping through images of one size compares them in place.
    // overview: image shrunk smoothly, drawn instead of it when zoomed out far enough.
    void setImage(const QImage &image, const QImage &overview = {});
    QImage image() const { return m_image; }
    // A message instead of an image ("Loading…", why it cannot be shown).
    void setMessage(const QString &text);
    QString message() const { return m_message; }

    void setOverlay(const QImage &overlay);     // null: none
    QImage overlay() const { return m_overlay; }
    double splitPosition() const { return m_split; }   // 0..1 of the width
    void setSplitPosition(double fraction);

    void fit();             // the whole image in the widget; stays fitted while resized
    void actualSize();      // 1:1 around the widget's centre
    void zoomIn();
    void zoomOut();
    // anchor: a widget position whose image point stays under it.
    void setZoom(double zoom, const QPointF &anchor);
    double zoom() const { return m_zoom; }       // device pixels per image pixel
    bool isFitted() const { return m_fitted; }
    QPointF center() const { return m_center; }  // the image point at the widget's centre
    // Follow another view; emits nothing, so linked views do not echo.
    void setView(double zoom, const QPointF &center);

    QPointF mapToImage(const QPointF &widgetPos) const;
    QPointF mapFromImage(const QPointF &imagePos) const;

    QSize sizeHint() const override { return {640, 480}; }
    QSize minimumSizeHint() const override { return {120, 90}; }

Q_SIGNALS:
    void viewChanged(double zoom, const QPointF &center);
    // A drag with Ctrl held started on the image: the owner starts a QDrag of the file.
    void dragOutRequested();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    enum class Drag { None, Pan, Split, Out };

    double scale() const;           // logical pixels per image pixel
    QPointF widgetCentre() const;
    QPointF imageOrigin() const;    // where image point (0, 0) is painted, device-aligned
    double fitZoom() const;
    void clampCenter();
    void changed();
    bool nearSplit(const QPointF &pos) const;
    void drawLayer(QPainter &painter, const QImage &image, const QRectF &clip,
                   const QImage &overview = {});

    QImage m_image;
    QImage m_overview;
    QImage m_overlay;
    QString m_message;
    QSize m_lastSize;       // of the last image shown, kept across messages
    double m_zoom = 1;
    QPointF m_center;
    bool m_fitted = true;
    double m_split = 0.5;
    Drag m_drag = Drag::None;
    QPointF m_pressPos;
    QPointF m_lastPos;
};
