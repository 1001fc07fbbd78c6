#include "imagememory.h"

#include <QImageReader>

#include <algorithm>
#include <cstdlib>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#endif

namespace ImageMemory {

void *allocate(qsizetype bytes)
{
    if (bytes <= 0)
        return nullptr;
#ifdef Q_OS_LINUX
    if (bytes >= HugePageMinBytes) {
        constexpr qsizetype HugePage = 2 * 1024 * 1024;
        const qsizetype rounded = (bytes + HugePage - 1) / HugePage * HugePage;
        void *data = std::aligned_alloc(HugePage, size_t(rounded));
        // Only advice: without huge pages the buffer is an ordinary one.
        if (data)
            madvise(data, size_t(rounded), MADV_HUGEPAGE);
        return data;
    }
#endif
    return std::malloc(size_t(bytes));
}

QImage blank(const QSize &size, QImage::Format format)
{
    if (size.isEmpty() || format == QImage::Format_Invalid)
        return {};
    const qsizetype depth = QImage::toPixelFormat(format).bitsPerPixel();
    const qsizetype bytesPerLine = (qsizetype(size.width()) * depth + 31) / 32 * 4;
    const qsizetype bytes = bytesPerLine * size.height();
    if (bytes < HugePageMinBytes || format == QImage::Format_Indexed8
        || format == QImage::Format_Mono || format == QImage::Format_MonoLSB) {
        return QImage(size, format);
    }
    void *data = allocate(bytes);
    if (!data)
        return {};
    return QImage(static_cast<uchar *>(data), size.width(), size.height(), bytesPerLine, format,
                  [](void *buffer) { std::free(buffer); }, data);
}

QImage read(QImageReader &reader)
{
    // The handler reuses the image passed in only when its size and format are what it
    // decodes to; otherwise it allocates its own, as read() would.
    QImage image;
    const QSize size = reader.size();
    const QImage::Format format = reader.imageFormat();
    if (size.isValid() && !reader.scaledSize().isValid() && !reader.clipRect().isValid()
        && !reader.scaledClipRect().isValid()) {
        image = blank(size, format);
    }
    if (!reader.read(&image))
        return {};
    return image;
}

void halveRows(const quint32 *top, const quint32 *bottom, quint32 *out, int outWidth)
{
    for (int x = 0; x < outWidth; ++x) {
        const quint32 a = top[2 * x], b = top[2 * x + 1];
        const quint32 c = bottom[2 * x], d = bottom[2 * x + 1];
        // Two channels at a time, each in its own 16-bit lane: the sum of four 8-bit values
        // cannot carry into the next lane. +2 rounds to nearest.
        constexpr quint32 Lanes = 0x00ff00ff;
        const quint32 redBlue = ((a & Lanes) + (b & Lanes) + (c & Lanes) + (d & Lanes)
                                 + 0x00020002) >> 2;
        const quint32 alphaGreen = (((a >> 8) & Lanes) + ((b >> 8) & Lanes)
                                    + ((c >> 8) & Lanes) + ((d >> 8) & Lanes) + 0x00020002)
                                   >> 2;
        out[x] = (redBlue & Lanes) | ((alphaGreen & Lanes) << 8);
    }
}

QImage halved(const QImage &image)
{
    Q_ASSERT(image.format() == QImage::Format_RGB32
             || image.format() == QImage::Format_ARGB32_Premultiplied);
    // Not size() / 2, which rounds an odd side up: its last column or row is dropped.
    QImage out = blank(QSize(image.width() / 2, image.height() / 2), image.format());
    if (out.isNull())
        return out;
    for (int y = 0; y < out.height(); ++y) {
        halveRows(reinterpret_cast<const quint32 *>(image.constScanLine(2 * y)),
                  reinterpret_cast<const quint32 *>(image.constScanLine(2 * y + 1)),
                  reinterpret_cast<quint32 *>(out.scanLine(y)), out.width());
    }
    return out;
}

PageWarmer::PageWarmer(std::vector<Range> ranges)
{
#if defined(Q_OS_LINUX) && defined(MADV_POPULATE_WRITE)
    m_thread = std::thread([this, ranges = std::move(ranges)] {
        constexpr qsizetype Step = 2 * 1024 * 1024;
        constexpr quintptr PageMask = 4096 - 1;
        for (const auto &[start, length] : ranges) {
            // madvise wants page-aligned starts: the page holding start is warmed too.
            auto from = quintptr(start) & ~PageMask;
            const quintptr end = quintptr(start) + quintptr(length);
            while (from < end && !m_stop.load(std::memory_order_relaxed)) {
                const quintptr to = std::min(end, from + Step);
                if (madvise(reinterpret_cast<void *>(from), size_t(to - from),
                            MADV_POPULATE_WRITE) != 0) {
                    return;     // an older kernel: the pages come on first touch instead
                }
                from = to;
            }
        }
    });
#else
    Q_UNUSED(ranges);
#endif
}

PageWarmer::~PageWarmer()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace ImageMemory
