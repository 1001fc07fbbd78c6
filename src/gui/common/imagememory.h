#pragma once

#include <QImage>

#include <atomic>
#include <thread>
#include <utility>
#include <vector>

class QImageReader;

// Pixel buffers for large decoded images. A fresh 64 MB buffer (a 4096×4096 image) is
// paid for page by page as it is first written: on the 2-core VM the benchmarks run on that
// costs ~280 ms of CPU for 16,384 4 KB pages, more than the PNG decode itself. Buffers from
// here are asked of the kernel as 2 MB pages (transparent huge pages, madvise mode), which
// brings that down to a few ms; elsewhere they are ordinary QImage buffers.
namespace ImageMemory {

// Buffers at least this large are worth a huge-page mapping (rounded up to 2 MB pages).
constexpr qsizetype HugePageMinBytes = 4 * 1024 * 1024;

// An uninitialised buffer of bytes, from huge pages when it is large enough; free it with
// std::free. Null when there is not the memory for it.
void *allocate(qsizetype bytes);

// An uninitialised image of size and format; null when there is not the memory for it.
QImage blank(const QSize &size, QImage::Format format);

// reader.read(), into a buffer from blank() when the reader tells the size and format
// before decoding (the PNG and JPEG handlers fill an image of the right size and format in
// place). Null on error: reader.errorString() says why.
QImage read(QImageReader &reader);

// image shrunk to half its width and height, each pixel the mean of a 2×2 block: what a
// smooth scale by exactly ½ computes, in one pass and without an intermediate. image must be
// Format_RGB32 or Format_ARGB32_Premultiplied (averaging premultiplied values is exact).
QImage halved(const QImage &image);

// One row of halved(): out[x] is the mean of top[2x], top[2x + 1], bottom[2x], bottom[2x + 1].
void halveRows(const quint32 *top, const quint32 *bottom, quint32 *out, int outWidth);

// Fresh memory is slow on that VM even as huge pages: the host backs each page on first
// touch, ~2 ms per MB, as much as inflating a PNG into it. A PageWarmer has a second thread
// ask the kernel for the pages of the given ranges, in order, while the caller fills them
// (MADV_POPULATE_WRITE keeps what is already written). The destructor stops and joins it.
class PageWarmer
{
public:
    using Range = std::pair<void *, qsizetype>;
    explicit PageWarmer(std::vector<Range> ranges);
    ~PageWarmer();
    PageWarmer(const PageWarmer &) = delete;
    PageWarmer &operator=(const PageWarmer &) = delete;

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace ImageMemory
