#include "imageinputwidget.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QIcon>
#include <QLabel>
#include <QPixmap>
#include <QToolButton>

ImageInputWidget::ImageInputWidget(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_combo = new QComboBox(this);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(12);
    m_choose = new QToolButton(this);
    m_choose->setObjectName(QStringLiteral("chooseImageButton"));
    m_choose->setText(tr("Choose file…"));
    m_choose->setIcon(QIcon(QStringLiteral(":/icons/upload.svg")));
    m_choose->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_choose->setAccessibleName(tr("Choose image file"));
    m_choose->setAccessibleDescription(tr("Uploads a local image to the server and uses it"));
    m_thumbnail = new QLabel(this);
    m_thumbnail->setObjectName(QStringLiteral("imageThumbnail"));
    m_thumbnail->setFixedSize(ThumbnailSize, ThumbnailSize);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_thumbnail->setAccessibleName(tr("Image preview"));
    m_thumbnail->setAccessibleDescription(tr("A thumbnail of the uploaded image"));
    m_thumbnail->hide(); // until there is something to show
    layout->addWidget(m_combo, 0, 0);
    layout->addWidget(m_choose, 0, 1);
    layout->addWidget(m_thumbnail, 1, 0, 1, 2, Qt::AlignLeft);
    layout->setColumnStretch(0, 1);

    connect(m_choose, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose an image to upload"), {},
            tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif);;All files (*)"));
        if (!path.isEmpty())
            Q_EMIT fileChosen(path);
    });
}

void ImageInputWidget::setUploadEnabled(bool enabled, const QString &reason)
{
    m_choose->setEnabled(enabled);
    m_choose->setToolTip(reason);
}

void ImageInputWidget::selectUploaded(const QString &value)
{
    int index = m_combo->findData(value);
    if (index < 0) {
        m_combo->addItem(value, value);
        index = m_combo->count() - 1;
    }
    m_combo->setCurrentIndex(index);
}

void ImageInputWidget::setThumbnail(const QImage &image)
{
    m_thumbnail->setPixmap(QPixmap::fromImage(image));
    m_thumbnail->setVisible(!image.isNull());
}

void ImageInputWidget::setBusy(bool busy)
{
    m_choose->setEnabled(!busy);
    m_choose->setText(busy ? tr("Uploading…") : tr("Choose file…"));
}
