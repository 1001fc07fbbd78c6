#pragma once

#include <QImage>
#include <QWidget>

class QComboBox;
class QLabel;
class QToolButton;

// An image input (LoadImage): the server's input files in a combo box, a "Choose file…"
// button whose file the parameter editor uploads, and a thumbnail of the chosen file.
class ImageInputWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit ImageInputWidget(QWidget *parent = nullptr);

    QComboBox *combo() const { return m_combo; }
    void setUploadEnabled(bool enabled, const QString &reason = {});
    // Selects (adding it if needed) an uploaded file's name.
    void selectUploaded(const QString &value);
    void setThumbnail(const QImage &image);
    void setBusy(bool busy);

    static constexpr int ThumbnailSize = 96;

Q_SIGNALS:
    // The user picked a local file to upload.
    void fileChosen(const QString &path);

private:
    QComboBox *m_combo = nullptr;
    QToolButton *m_choose = nullptr;
    QLabel *m_thumbnail = nullptr;
};
