#pragma once

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
    QSize size;
    QString error;      // empty when it worked
};

// A file name under dir for one image of one prompt: the server's file name reduced to
// characters safe on every file system, so "../" in a name cannot leave the folder.
QString fileNameFor(const QString &promptId, int imageIndex, const QString &serverName);

// Writes bytes to path (creating its folder), then decodes them: the full image and a
// thumbnail fitted in thumbBox.
Decoded storeAndDecode(const QByteArray &bytes, const QString &path, const QSize &thumbBox);
// Reads an image written before.
Decoded decodeFile(const QString &path);

} // namespace ResultImages
