#include "pngfastpath.h"

#include "imagememory.h"

#include <QFile>
#include <QtEndian>

#include <libdeflate.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace {

constexpr char Signature[] = "\x89PNG\r\n\x1a\n";

bool isType(const uchar *type, const char *name)
{
    return std::memcmp(type, name, 4) == 0;
}

// Chunks that change what the pixels mean (colour space, transparency key, orientation) or
// that this path does not expect: QImageReader reads such files.
bool declines(const uchar *type)
{
    for (const char *name : {"gAMA", "cHRM", "iCCP", "sRGB", "cICP", "tRNS", "eXIf", "acTL"}) {
        if (isType(type, name))
            return true;
    }
    // An unknown critical chunk (upper-case first letter); PLTE is only a suggested palette
    // in an RGB file.
    return (type[0] & 0x20) == 0 && !isType(type, "PLTE");
}

struct Layout
{
    int width = 0;
    int height = 0;
    int channels = 0;           // 3 (RGB) or 4 (RGBA)
    std::vector<std::pair<const uchar *, quint32>> parts;      // the IDAT chunks' data
    qsizetype compressedSize = 0;
};

// Walks the chunks; false when the file is not a plain 8-bit RGB(A) PNG this path reads.
bool readLayout(const uchar *data, qint64 size, Layout *layout)
{
    if (size < 8 || std::memcmp(data, Signature, 8) != 0)
        return false;
    qint64 pos = 8;
    bool haveHeader = false;
    bool ended = false;
    auto &parts = layout->parts;
    while (pos + 12 <= size) {
        const quint32 length = qFromBigEndian<quint32>(data + pos);
        if (qint64(length) > size - pos - 12)
            return false;       // truncated
        const uchar *type = data + pos + 4;
        const uchar *body = data + pos + 8;
        if (isType(type, "IHDR")) {
            if (haveHeader || length != 13)
                return false;
            const quint32 crc = qFromBigEndian<quint32>(body + 13);
            if (libdeflate_crc32(0, type, 4 + 13) != crc)
                return false;
            const quint32 width = qFromBigEndian<quint32>(body);
            const quint32 height = qFromBigEndian<quint32>(body + 4);
            const int depth = body[8], colourType = body[9];
            if (width == 0 || height == 0 || width > 65535 || height > 65535 || depth != 8
                || (colourType != 2 && colourType != 6) || body[10] != 0 || body[11] != 0
                || body[12] != 0) {
                return false;
            }
            layout->width = int(width);
            layout->height = int(height);
            layout->channels = colourType == 6 ? 4 : 3;
            haveHeader = true;
        } else if (!haveHeader) {
            return false;       // IHDR must come first
        } else if (isType(type, "IDAT")) {
            if (length > 0)
                parts.emplace_back(body, length);
            layout->compressedSize += length;
        } else if (isType(type, "IEND")) {
            ended = true;
            break;
        } else if (declines(type)) {
            return false;
        }
        pos += 12 + qint64(length);
    }
    return ended && !parts.empty();
}

inline uchar paeth(int a, int b, int c)
{
    const int pa = std::abs(b - c);
    const int pb = std::abs(a - c);
    const int pc = std::abs(a + b - 2 * c);
    return uchar(pa <= pb && pa <= pc ? a : (pb <= pc ? b : c));
}

// Undoes the row's filter in place (PNG spec, section 9); prior is the row above, already
// unfiltered (zeros for the first row). False for an unknown filter type.
bool unfilter(int filter, uchar *row, const uchar *prior, qsizetype length, int step)
{
    switch (filter) {
    case 0:
        return true;
    case 1:
        for (qsizetype i = step; i < length; ++i)
            row[i] = uchar(row[i] + row[i - step]);
        return true;
    case 2:
        for (qsizetype i = 0; i < length; ++i)
            row[i] = uchar(row[i] + prior[i]);
        return true;
    case 3:
        for (qsizetype i = 0; i < step; ++i)
            row[i] = uchar(row[i] + (prior[i] >> 1));
        for (qsizetype i = step; i < length; ++i)
            row[i] = uchar(row[i] + ((row[i - step] + prior[i]) >> 1));
        return true;
    case 4:
        for (qsizetype i = 0; i < step; ++i)
            row[i] = uchar(row[i] + prior[i]);
        for (qsizetype i = step; i < length; ++i)
            row[i] = uchar(row[i] + paeth(row[i - step], prior[i], prior[i - step]));
        return true;
    default:
        return false;
    }
}

void expandRgb(const uchar *from, QRgb *to, int width)
{
    for (int x = 0; x < width; ++x, from += 3)
        to[x] = 0xff000000u | (uint(from[0]) << 16) | (uint(from[1]) << 8) | from[2];
}

void expandRgba(const uchar *from, QRgb *to, int width)
{
    for (int x = 0; x < width; ++x, from += 4) {
        const QRgb pixel = qRgba(from[0], from[1], from[2], from[3]);
        to[x] = from[3] == 255 ? pixel : qPremultiply(pixel);
    }
}

} // namespace

namespace PngFastPath {

QImage read(const QString &path, qsizetype maxBytes, QImage *half)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() < 8)
        return {};
    const uchar *data = file.map(0, file.size());
    if (!data)
        return {};
    Layout layout;
    if (!readLayout(data, file.size(), &layout))
        return {};

    const qsizetype width = layout.width;
    const qsizetype height = layout.height;
    const qsizetype outLine = width * 4;
    const qsizetype rawLine = width * layout.channels + 1;     // filter byte + samples
    if (qint64(outLine) * height > maxBytes)      // qint64: no overflow on 32-bit systems
        return {};
    const QImage::Format format = layout.channels == 3 ? QImage::Format_RGB32
                                                       : QImage::Format_ARGB32_Premultiplied;
    // One buffer for the image and its making, because fresh memory is what costs most here
    // (see ImageMemory): the image's rows from the start, the inflated rows at the end, and
    // the joined IDAT data before those (image rows are written over it once it is
    // inflated). The inflated rows start far enough in that writing image row y never
    // reaches inflated row y, which the next row's unfilter still reads:
    // (y + 1) · outLine ≤ offset + y · rawLine for every y.
    const qsizetype compressed = layout.parts.size() == 1 ? 0 : layout.compressedSize;
    const qsizetype offset = std::max(
        compressed, outLine + std::max<qsizetype>(0, (height - 1) * (outLine - rawLine)));
    const qsizetype rawBytes = rawLine * height;
    const qsizetype bytes = std::max(outLine * height, offset + rawBytes);
    auto *buffer = static_cast<uchar *>(ImageMemory::allocate(bytes));
    if (!buffer)
        return {};
    std::unique_ptr<uchar, decltype(&std::free)> owner(buffer, &std::free);
    uchar *raw = buffer + offset;
    QImage halfImage;
    if (half && width >= 2 && height >= 2) {
        halfImage = ImageMemory::blank(QSize(int(width / 2), int(height / 2)), format);
        if (halfImage.isNull())
            return {};
    }
    // Warmed in the order they are first written: inflated rows, the half image, then the
    // image rows the inflated ones do not cover. The joined IDAT data is written at once.
    std::vector<ImageMemory::PageWarmer::Range> fresh{{raw, rawBytes}};
    if (!halfImage.isNull())
        fresh.emplace_back(halfImage.bits(), halfImage.sizeInBytes());
    fresh.emplace_back(buffer + compressed, offset - compressed);
    if (bytes > offset + rawBytes)
        fresh.emplace_back(raw + rawBytes, bytes - offset - rawBytes);
    ImageMemory::PageWarmer warmer(std::move(fresh));

    const uchar *stream = layout.parts.front().first;
    if (compressed > 0) {
        uchar *to = buffer;
        for (const auto &[from, length] : layout.parts) {
            std::memcpy(to, from, length);
            to += length;
        }
        stream = buffer;
    }

    libdeflate_decompressor *inflater = libdeflate_alloc_decompressor();
    if (!inflater)
        return {};
    size_t inflated = 0;
    const libdeflate_result result = libdeflate_zlib_decompress(
        inflater, stream, size_t(layout.compressedSize), raw, size_t(rawBytes), &inflated);
    libdeflate_free_decompressor(inflater);
    if (result != LIBDEFLATE_SUCCESS || qsizetype(inflated) != rawBytes)
        return {};

    const std::vector<uchar> zeros(size_t(rawLine), 0);
    const uchar *prior = zeros.data() + 1;
    const qsizetype samples = rawLine - 1;
    for (qsizetype y = 0; y < height; ++y) {
        uchar *line = raw + y * rawLine;
        uchar *row = line + 1;
        if (!unfilter(line[0], row, prior, samples, layout.channels))
            return {};
        auto *to = reinterpret_cast<QRgb *>(buffer + y * outLine);
        if (layout.channels == 3)
            expandRgb(row, to, int(width));
        else
            expandRgba(row, to, int(width));
        if ((y & 1) && y / 2 < halfImage.height()) {
            ImageMemory::halveRows(reinterpret_cast<const quint32 *>(to) - width,
                                   reinterpret_cast<const quint32 *>(to),
                                   reinterpret_cast<quint32 *>(halfImage.scanLine(int(y / 2))),
                                   halfImage.width());
        }
        prior = row;
    }

    owner.release();
    if (half)
        *half = halfImage;
    return QImage(buffer, int(width), int(height), outLine, format,
                  [](void *memory) { std::free(memory); }, buffer);
}

} // namespace PngFastPath
