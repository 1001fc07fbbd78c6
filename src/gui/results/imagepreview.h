#pragma once

#include <QImage>
#include <QWidget>

// One image fitted in the widget with its aspect kept, or a message in its place
// ("Loading…", why a fetch failed). A resize only rescales the decoded image, it never
// decodes the file again; the caller may hand a copy already fitted (scaled in the thread
// pool), so showing a large image costs the UI thread no scaling at all.
class ImagePreview final : public QWidget
{
    Q_OBJECT
public:
    explicit ImagePreview(QWidget *parent = nullptr);

    // fitted: image scaled to fit fitSize() (smoothly), or null.
    void setImage(const QImage &image, const QImage &fitted = {});
    void setMessage(const QString &text);
    QSize imageSize() const { return m_image.size(); }
    // The box an image is fitted into: the widget's size.
    QSize fitSize() const { return size(); }
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
    QImage m_image;
    QImage m_scaled;        // m_image fitted to the current size
    QString m_message;
    bool m_paintPending = false;
};
