#include "imageinputloader.h"

#include "comfyclient.h"
#include "imageinputwidget.h"
#include "inputfield.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QImageReader>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtConcurrent>

namespace {

struct LoadedImage
{
    QByteArray bytes;
    QImage thumbnail;
};

// Off the UI thread: decoded straight to thumbnail size (never the full picture).
QImage decodeThumbnail(QByteArray bytes)
{
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QSize size = reader.size();
    if (size.isValid()) {
        reader.setScaledSize(size.scaled(ImageInputWidget::ThumbnailSize,
                                         ImageInputWidget::ThumbnailSize,
                                         Qt::KeepAspectRatio));
    }
    return reader.read();
}

// Off the UI thread: the file's bytes (to upload) and a small decoded thumbnail.
LoadedImage loadImage(const QString &path)
{
    LoadedImage result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return result;
    result.bytes = file.readAll();
    result.thumbnail = decodeThumbnail(result.bytes);
    return result;
}

} // namespace

ImageInputLoader::ImageInputLoader(QObject *parent)
    : QObject(parent)
{}

void ImageInputLoader::setClient(ComfyClient *client)
{
    m_client = client;
}

ComfyClient *ImageInputLoader::client() const
{
    return m_client;
}

void ImageInputLoader::upload(InputField *field, ImageInputWidget *widget,
                              const QString &path)
{
    if (!m_client)
        return;
    widget->setBusy(true);
    auto *watcher = new QFutureWatcher<LoadedImage>(this);
    const QPointer<ImageInputWidget> guard(widget);
    const QPointer<InputField> fieldGuard(field);
    connect(watcher, &QFutureWatcher<LoadedImage>::finished, this,
            [this, watcher, guard, fieldGuard, path] {
                const LoadedImage loaded = watcher->result();
                watcher->deleteLater();
                if (!guard || !fieldGuard)
                    return;
                if (loaded.bytes.isEmpty() || !m_client) {
                    guard->setBusy(false);
                    fieldGuard->setError(tr("Cannot read %1").arg(path));
                    return;
                }
                guard->setThumbnail(loaded.thumbnail);
                ComfyReply *reply = m_client->uploadImage(loaded.bytes,
                                                          QFileInfo(path).fileName());
                connect(reply, &ComfyReply::finished, this, [reply, guard, fieldGuard] {
                    if (!guard || !fieldGuard)
                        return;
                    guard->setBusy(false);
                    if (!reply->ok()) {
                        fieldGuard->setError(tr("Upload failed: %1")
                                                 .arg(reply->error().message));
                        return;
                    }
                    const QJsonObject answer = reply->object();
                    const QString name = answer.value(QLatin1String("name")).toString();
                    const QString folder = answer.value(QLatin1String("subfolder")).toString();
                    fieldGuard->setError({});
                    guard->selectUploaded(folder.isEmpty() ? name
                                                           : folder + QLatin1Char('/') + name);
                });
            });
    watcher->setFuture(QtConcurrent::run(loadImage, path));
}

void ImageInputLoader::fetchThumbnail(ImageInputWidget *widget, const QString &value,
                                      const std::function<bool()> &stillCurrent)
{
    if (!m_client || value.isEmpty())
        return;
    // ComfyUI names an input file "sub/folder/name.png" (annotations like " [input]" aside).
    QString name = value;
    static const QRegularExpression annotation(
        QStringLiteral(" \\[(input|output|temp)\\]$"));
    name.remove(annotation);
    const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
    const QString folder = slash < 0 ? QString() : name.left(slash);
    ComfyReply *reply = m_client->view(name.mid(slash + 1), folder, QStringLiteral("input"));
    const QPointer<ImageInputWidget> guard(widget);
    connect(reply, &ComfyReply::finished, this, [this, reply, guard, stillCurrent] {
        if (!guard || !reply->ok())
            return;
        auto *watcher = new QFutureWatcher<QImage>(this);
        connect(watcher, &QFutureWatcher<QImage>::finished, this,
                [watcher, guard, stillCurrent] {
                    watcher->deleteLater();
                    // Only if the input still holds that file (the user may have moved on).
                    if (guard && stillCurrent()) {
                        guard->setThumbnail(watcher->result());
                    }
                });
        watcher->setFuture(QtConcurrent::run(decodeThumbnail, reply->data()));
    });
}
