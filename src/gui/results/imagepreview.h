#pragma once

#include <QPixmap>
#include <QWidget>

// One image fitted in the widget with its aspect kept, or a message in its place
// ("Loading…", why a fetch failed). The image is converted to a pixmap once; a resize
// only rescales that pixmap, it never decodes the file again.
class ImagePreview final : public QWidget
{
    Q_OBJECT
public:
    explicit ImagePreview(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    void setMessage(const QString &text);
    QSize imageSize() const { return m_pixmap.size(); }
    QString message() const { return m_message; }

    QSize sizeHint() const override { return {320, 320}; }
    QSize minimumSizeHint() const override { return {64, 64}; }

Q_SIGNALS:
    // The first paint of an image set by setImage() (for timing how soon it shows).
    void imagePainted();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QPixmap m_pixmap;
    QPixmap m_scaled;       // m_pixmap fitted to the current size
    QString m_message;
    bool m_paintPending = false;
};
