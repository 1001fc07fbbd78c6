#include "simimages.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImageWriter>
#include <QtEndian>

#include <array>
#include <cmath>

namespace {

quint64 splitMix(quint64 &state)
{
    quint64 z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

double unit(quint64 &state)
{
    return double(splitMix(state) >> 11) / double(1ULL << 53);
}

quint32 crc32(const QByteArray &data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFU;
    for (const char ch : data)
        crc = table[(crc ^ quint8(ch)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFU;
}

} // namespace

namespace SimImages {

QImage solid(int width, int height, quint32 rgb)
{
    QImage image(width, height, QImage::Format_RGB888);
    image.fill(QColor::fromRgb(rgb & 0xFFFFFF));
    return image;
}

QImage procedural(int width, int height, quint64 seed, const QString &text)
{
    quint64 state = seed ^ qFromBigEndian<quint64>(
            QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).constData());
    struct Blob { double x, y, r, cr, cg, cb; };
    std::array<Blob, 5> blobs{};
    for (Blob &b : blobs)
        b = {unit(state), unit(state), 0.15 + 0.35 * unit(state),
             unit(state), unit(state), unit(state)};
    const double baseR = unit(state) * 0.5;
    const double baseG = unit(state) * 0.5;
    const double baseB = unit(state) * 0.5;
    QImage image(width, height, QImage::Format_RGB888);
    for (int y = 0; y < height; ++y) {
        uchar *line = image.scanLine(y);
        const double fy = (y + 0.5) / height;
        for (int x = 0; x < width; ++x) {
            const double fx = (x + 0.5) / width;
            double r = baseR * (1 - fy);
            double g = baseG * fx;
            double b = baseB;
            for (const Blob &blob : blobs) {
                const double dx = fx - blob.x;
                const double dy = fy - blob.y;
                const double d2 = (dx * dx + dy * dy) / (blob.r * blob.r);
                const double w = d2 < 1 ? (1 - d2) * (1 - d2) : 0;
                r += w * blob.cr;
                g += w * blob.cg;
                b += w * blob.cb;
            }
            line[3 * x] = uchar(qBound(0.0, r, 1.0) * 255);
            line[3 * x + 1] = uchar(qBound(0.0, g, 1.0) * 255);
            line[3 * x + 2] = uchar(qBound(0.0, b, 1.0) * 255);
        }
    }
    return image;
}

QImage noisyBlend(const QImage &target, quint64 seed, double amount)
{
    QImage image = target.convertToFormat(QImage::Format_RGB888);
    quint64 state = seed;
    for (int y = 0; y < image.height(); ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < image.width() * 3; ++x) {
            const double noise = double(splitMix(state) & 0xFF);
            line[x] = uchar(amount * line[x] + (1 - amount) * noise);
        }
    }
    return image;
}

QImage inverted(const QImage &image)
{
    QImage out = image.convertToFormat(QImage::Format_RGB888);
    out.invertPixels();
    return out;
}

QImage boxBlur(const QImage &image, int radius)
{
    QImage src = image.convertToFormat(QImage::Format_RGB888);
    if (radius <= 0 || src.isNull())
        return src;
    const int w = src.width();
    const int h = src.height();
    QImage tmp(w, h, QImage::Format_RGB888);
    // Two running-sum passes (rows, then columns): O(pixels) whatever the radius.
    for (int y = 0; y < h; ++y) {
        const uchar *in = src.constScanLine(y);
        uchar *out = tmp.scanLine(y);
        for (int c = 0; c < 3; ++c) {
            int sum = 0;
            int count = 0;
            for (int x = -radius; x < w + radius; ++x) {
                const int add = x + radius;
                if (add >= 0 && add < w && x - radius <= add) {
                    sum += in[3 * add + c];
                    ++count;
                }
                const int drop = x - radius - 1;
                if (drop >= 0 && drop < w) {
                    sum -= in[3 * drop + c];
                    --count;
                }
                if (x >= 0 && x < w && count > 0)
                    out[3 * x + c] = uchar(sum / count);
            }
        }
    }
    QImage out(w, h, QImage::Format_RGB888);
    for (int x = 0; x < w; ++x) {
        for (int c = 0; c < 3; ++c) {
            int sum = 0;
            int count = 0;
            for (int y = -radius; y < h + radius; ++y) {
                const int add = y + radius;
                if (add >= 0 && add < h) {
                    sum += tmp.constScanLine(add)[3 * x + c];
                    ++count;
                }
                const int drop = y - radius - 1;
                if (drop >= 0 && drop < h) {
                    sum -= tmp.constScanLine(drop)[3 * x + c];
                    --count;
                }
                if (y >= 0 && y < h && count > 0)
                    out.scanLine(y)[3 * x + c] = uchar(sum / count);
            }
        }
    }
    return out;
}

QImage scaled(const QImage &image, int width, int height, const QString &method)
{
    const Qt::TransformationMode mode = method == QLatin1String("nearest-exact")
            ? Qt::FastTransformation : Qt::SmoothTransformation;
    return image.scaled(width, height, Qt::IgnoreAspectRatio, mode)
            .convertToFormat(QImage::Format_RGB888);
}

QByteArray encode(const QImage &image, const char *format, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (quality >= 0)
        writer.setQuality(quality);
    writer.write(image);
    return bytes;
}

QByteArray pngWithText(const QImage &image, const QList<QPair<QByteArray, QByteArray>> &text)
{
    QByteArray png = encode(image, "png");
    // The IHDR chunk is 8 (signature) + 4 + 4 + 13 + 4 bytes long; text goes right after.
    constexpr int afterIhdr = 8 + 4 + 4 + 13 + 4;
    if (png.size() < afterIhdr)
        return png;
    QByteArray chunks;
    for (const auto &entry : text) {
        const QByteArray body = "tEXt" + entry.first + '\0' + entry.second;
        QByteArray length(4, '\0');
        qToBigEndian<quint32>(quint32(body.size() - 4), length.data());
        QByteArray crc(4, '\0');
        qToBigEndian<quint32>(crc32(body), crc.data());
        chunks += length + body + crc;
    }
    png.insert(afterIhdr, chunks);
    return png;
}

} // namespace SimImages
