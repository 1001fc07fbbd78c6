#include "resultimages.h"

#include "imagememory.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>

namespace ResultImages {

static QString tr(const char *text)
{
    return QCoreApplication::translate("ResultImages", text);
}

QString fileNameFor(const QString &promptId, const ImageRef &image)
{
    QString safe;
    const QString base = QFileInfo(image.filename).fileName();
    for (const QChar c : base)
        safe.append(c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('-')
                            ? c : QLatin1Char('_'));
    QString id;
    for (const QChar c : promptId)
        id.append(c.isLetterOrNumber() || c == QLatin1Char('-') ? c : QLatin1Char('_'));
    const QByteArray place = QCryptographicHash::hash(
        (image.type + QLatin1Char('/') + image.subfolder).toUtf8(), QCryptographicHash::Md5);
    return QStringLiteral("%1-%2-%3").arg(id, QString::fromLatin1(place.toHex().left(8)), safe);
}

static Decoded decode(QIODevice &device, const QString &path, const QSize &thumbBox,
                      const QSize &fitBox)
{
    Decoded result;
    result.filePath = path;
    QImageReader reader(&device);
    reader.setAutoTransform(true);
    result.full = ImageMemory::read(reader);
    if (result.full.isNull()) {
        result.error = tr("not an image the app can read (%1)").arg(reader.errorString());
        return result;
    }
    result.size = result.full.size();
    if (fitBox.isValid()) {
        // Scaled as ImagePreview would (smoothly, never enlarged), but here in the pool.
        const QSize fitted = result.size.scaled(fitBox, Qt::KeepAspectRatio);
        if (fitted.width() <= result.size.width() && !fitted.isEmpty())
            result.fitted = result.full.scaled(fitted, Qt::KeepAspectRatio,
                                               Qt::SmoothTransformation);
    }
    if (thumbBox.isValid()) {
        // A smooth scale from full size filters every source pixel: first halve the work
        // with a fast pass to twice the box (the result looks the same at thumbnail size).
        QImage source = result.full;
        if (source.width() > 4 * thumbBox.width() || source.height() > 4 * thumbBox.height())
            source = source.scaled(thumbBox * 2, Qt::KeepAspectRatio, Qt::FastTransformation);
        result.thumbnail = source.scaled(thumbBox, Qt::KeepAspectRatio,
                                         Qt::SmoothTransformation);
    }
    return result;
}

Decoded storeAndDecode(const QByteArray &bytes, const QString &path, const QSize &thumbBox,
                       const QSize &fitBox)
{
    Decoded result;
    QDir().mkpath(QFileInfo(path).absolutePath());
    // A cache copy: no QSaveFile, whose fsync alone costs more than the decode. A file cut
    // short by a crash is overwritten by the next fetch of that prompt.
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        result.error = tr("could not write %1: %2").arg(path, file.errorString());
        return result;
    }
    QByteArray data = bytes;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    return decode(buffer, path, thumbBox, fitBox);
}

Decoded decodeFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Decoded result;
        result.filePath = path;
        result.error = tr("could not read %1: %2").arg(path, file.errorString());
        return result;
    }
    return decode(file, path, {}, {});
}

} // namespace ResultImages
