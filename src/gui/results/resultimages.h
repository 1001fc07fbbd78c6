#pragma once

#include "promptstatus.h"

#include <QImage>
#include <QString>

// The disk and pixel work of the results panel. Every function here runs in the thread
// pool (QtConcurrent), never on the UI thread: a 1024×1024 PNG takes tens of ms to decode.
namespace ResultImages {

struct Decoded
{
    QString filePath;
    QImage full;
    QImage thumbnail;
    QImage fitted;      // full scaled to fit the preview's box (null: not asked, or larger)
    QSize size;
    QString error;      // empty when it worked
};

// A file name under dir for one image of one prompt: the server's file name reduced to
// characters safe on every file system, so "../" in a name cannot leave the folder, with a
// short hash of its type and subfolder (the same name may be in two of them). Known from
// the image alone, so the decode can start when ComfyUI's `executed` names it.
QString fileNameFor(const QString &promptId, const ImageRef &image);

// Writes bytes to path (creating its folder), then decodes them: the full image, a
// thumbnail fitted in thumbBox and, if fitBox is valid, a copy fitted in it for the preview.
Decoded storeAndDecode(const QByteArray &bytes, const QString &path, const QSize &thumbBox,
                       const QSize &fitBox = {});
// Reads an image written before.
Decoded decodeFile(const QString &path);

} // namespace ResultImages
