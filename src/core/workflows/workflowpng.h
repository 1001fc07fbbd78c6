#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

// Reads the text chunks of a PNG file, where ComfyUI stores the graph it ran ("prompt",
// API format) and the UI workflow ("workflow"). Core must not link Qt Gui, so this is a
// small parser of the chunk structure itself (no pixel decoding).
class WorkflowPng final
{
public:
    struct Result
    {
        QMap<QString, QString> texts; // keyword -> text; the first chunk of a keyword wins
        QString error;                // empty if the file is a readable PNG
    };

    static bool hasSignature(const QByteArray &data);

    // tEXt (Latin-1), iTXt (UTF-8, plain or compressed) and zTXt (compressed Latin-1).
    static Result readTexts(const QByteArray &data);

    // Compressed text larger than this is refused rather than inflated (zip bombs).
    static constexpr qsizetype MaxTextSize = 16 * 1024 * 1024;

    // The PNG (zlib) CRC-32 of a chunk's type and data; public for tests that build PNGs.
    static quint32 crc32(const QByteArray &typeAndData);

private:
    static bool inflate(const QByteArray &zlibStream, QByteArray *out);
};
