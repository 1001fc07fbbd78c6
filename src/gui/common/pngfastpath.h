#pragma once

#include <QImage>
#include <QString>

// A decoder for the PNGs ComfyUI writes (SaveImage: 8-bit RGB, sometimes RGBA, not
// interlaced, no colour-management chunks), about three times faster than QImageReader on
// them: a 4096×4096 image in ~140 ms instead of ~480 ms on the 2-core VM.
//
// Where the time goes with QImageReader: libpng inflates with zlib row by row, then its
// transforms expand every row to 32 bits, and the 64 MB image is first touched page by page.
// Here libdeflate inflates the whole stream at once (twice zlib's speed), the rows are
// unfiltered and expanded in one pass while in cache, and the inflated data is placed at the
// end of the image's own (huge-page) buffer, so no second 50 MB buffer is ever touched.
//
// Anything else (other depths and colour types, interlacing, gamma or ICC profiles,
// transparency keys, EXIF orientation, damaged files) is declined: the caller then reads the
// file with QImageReader, which handles it and words any error.
namespace PngFastPath {

// The decoded image, Format_RGB32 for RGB and Format_ARGB32_Premultiplied for RGBA (what
// QPainter draws fastest); null when the file is not one this path takes or not intact.
// maxBytes bounds the decoded image, as QImageReader::setAllocationLimit does. With half,
// the image halved in 2×2 means (ImageMemory::halved) is made on the way, from rows still in
// cache; it stays null for images under 2×2 pixels.
QImage read(const QString &path, qsizetype maxBytes = qsizetype(1024) * 1024 * 1024,
            QImage *half = nullptr);

} // namespace PngFastPath
