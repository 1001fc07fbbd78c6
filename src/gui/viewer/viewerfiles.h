#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

// The disk and pixel work of the image viewer. decodeFile(), difference() and save() run in
// the thread pool (QtConcurrent): an 8192×8192 PNG takes seconds to decode or encode.
namespace ViewerFiles {

// Images with a longer side over this get an overview: a smoothly shrunk copy the view
// draws from when zoomed out, so a fitted 8192×8192 image looks averaged, not aliased.
constexpr int OverviewSide = 2048;

struct Decoded
{
    QImage image;       // in a format QPainter draws without converting (RGB32 / ARGB32_Premultiplied)
    QImage overview;    // image shrunk to OverviewSide; null for smaller images
    QString error;      // empty when it worked
};

// Cheap enough for the UI thread: opens the file and reads its header only. Sets *problem
// (a sentence for the user) when there is no file or it is not an image.
QSize peekSize(const QString &path, QString *problem);

Decoded decodeFile(const QString &path);

// Per-pixel |a − b| over the area both images cover.
QImage difference(const QImage &a, const QImage &b);

// The format a file name asks for ("png", "jpeg", "webp"); empty when none of those.
QByteArray formatForPath(const QString &path);

// Writes image to target in format. A PNG source saved as PNG is copied byte for byte, so
// ComfyUI's "prompt" and "workflow" text chunks (and everything else) stay; otherwise the
// source's text chunks are carried over where the format keeps them. quality: 1-100 for
// lossy formats. Returns why it failed, empty on success.
QString save(const QString &source, const QImage &image, const QString &target,
             const QByteArray &format, int quality);

} // namespace ViewerFiles
