#include "viewerfiles.h"

#include "imagememory.h"
#include "pngfastpath.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>

#include <algorithm>
#include <cstdlib>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ViewerFiles", text);
}

bool isPngFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return file.peek(8) == QByteArray::fromRawData("\x89PNG\r\n\x1a\n", 8);
}

QImage drawable(QImage image)
{
    if (image.format() == QImage::Format_RGB32
        || image.format() == QImage::Format_ARGB32_Premultiplied)
        return image;
    return image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied
                                                         : QImage::Format_RGB32);
}

} // namespace

namespace ViewerFiles {

QSize peekSize(const QString &path, QString *problem)
{
    if (path.isEmpty()) {
        *problem = tr("This image is not on this computer: it was never fetched into the "
                      "cache, or the cache no longer holds it.");
        return {};
    }
    if (!QFileInfo::exists(path)) {
        *problem = tr("The file %1 no longer exists (removed from the cache?).")
                       .arg(QFileInfo(path).fileName());
        return {};
    }
    QImageReader reader(path);
    const QSize size = reader.size();
    if (!reader.canRead()) {
        *problem = tr("%1 is not an image this program can read (%2).")
                       .arg(QFileInfo(path).fileName(), reader.errorString());
        return {};
    }
    problem->clear();
    return size;
}

Decoded decodeFile(const QString &path)
{
    Decoded decoded;
    // Qt refuses images over 256 MB by default; an 8192×8192 RGBA image is exactly that.
    constexpr int AllocationLimitMb = 1024;
    QImage half;
    QImage image = PngFastPath::read(path, qsizetype(AllocationLimitMb) * 1024 * 1024, &half);
    if (image.isNull()) {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        reader.setAllocationLimit(AllocationLimitMb);
        image = ImageMemory::read(reader);
        if (image.isNull()) {
            decoded.error = tr("Could not read %1: %2")
                                .arg(QFileInfo(path).fileName(), reader.errorString());
            return decoded;
        }
    }
    decoded.image = drawable(image);
    if (std::max(image.width(), image.height()) > OverviewSide) {
        // Halved in 2×2 means while that stays at or above the overview's size (a 4096 px
        // image is only halved), then smoothly scaled the rest of the way: the same averaging
        // as one smooth scale, at a fraction of its cost.
        QImage shrunk = decoded.image;
        // The first halving, when it is due, came with the decode.
        if (!half.isNull() && std::max(image.width(), image.height()) / 2 >= OverviewSide)
            shrunk = half;
        while (std::max(shrunk.width(), shrunk.height()) / 2 >= OverviewSide
               && std::min(shrunk.width(), shrunk.height()) >= 2) {
            shrunk = ImageMemory::halved(shrunk);
        }
        if (std::max(shrunk.width(), shrunk.height()) > OverviewSide) {
            shrunk = shrunk.scaled(OverviewSide, OverviewSide, Qt::KeepAspectRatio,
                                   Qt::SmoothTransformation);
        }
        decoded.overview = shrunk;
    }
    return decoded;
}

QImage difference(const QImage &a, const QImage &b)
{
    const QSize size = a.size().boundedTo(b.size());
    if (size.isEmpty())
        return {};
    const QImage left = a.convertToFormat(QImage::Format_RGB32);
    const QImage right = b.convertToFormat(QImage::Format_RGB32);
    QImage out(size, QImage::Format_RGB32);
    for (int y = 0; y < size.height(); ++y) {
        const auto *l = reinterpret_cast<const QRgb *>(left.constScanLine(y));
        const auto *r = reinterpret_cast<const QRgb *>(right.constScanLine(y));
        auto *o = reinterpret_cast<QRgb *>(out.scanLine(y));
        for (int x = 0; x < size.width(); ++x) {
            o[x] = qRgb(std::abs(qRed(l[x]) - qRed(r[x])), std::abs(qGreen(l[x]) - qGreen(r[x])),
                        std::abs(qBlue(l[x]) - qBlue(r[x])));
        }
    }
    return out;
}

QByteArray formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return "png";
    if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        return "jpeg";
    if (suffix == QLatin1String("webp"))
        return "webp";
    return {};
}

QString save(const QString &source, const QImage &image, const QString &target,
             const QByteArray &format, int quality)
{
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return tr("Could not write %1: %2").arg(target, out.errorString());

    if (format == "png" && isPngFile(source)) {
        QFile in(source);
        if (!in.open(QIODevice::ReadOnly))
            return tr("Could not read %1: %2").arg(source, in.errorString());
        if (out.write(in.readAll()) < 0 || !out.commit())
            return tr("Could not write %1: %2").arg(target, out.errorString());
        return {};
    }

    QImage pixels = image;
    QImageReader reader(source);
    if (pixels.isNull()) {
        reader.setAllocationLimit(1024);
        pixels = reader.read();
        if (pixels.isNull())
            return tr("Could not read %1: %2").arg(source, reader.errorString());
    }
    if (!QImageWriter::supportedImageFormats().contains(format))
        return tr("This system cannot write %1 images.").arg(QString::fromLatin1(format).toUpper());
    if (format == "jpeg" && pixels.hasAlphaChannel()) {
        // JPEG has no alpha: flatten over white, as a browser would show it.
        QImage flat(pixels.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter(&flat).drawImage(0, 0, pixels);
        pixels = flat;
    }
    QImageWriter writer(&out, format);
    if (format != "png")
        writer.setQuality(quality);
    for (const QString &key : reader.textKeys())
        writer.setText(key, reader.text(key));
    if (!writer.write(pixels)) {
        out.cancelWriting();
        return tr("Could not write %1: %2").arg(target, writer.errorString());
    }
    if (!out.commit())
        return tr("Could not write %1: %2").arg(target, out.errorString());
    return {};
}

} // namespace ViewerFiles
