#include "workflowpng.h"

#include <QStringDecoder>

#include <array>

namespace {

constexpr char Signature[] = "\x89PNG\r\n\x1a\n";
constexpr qsizetype SignatureSize = 8;
// Deflate never expands more than ~1032:1; bounding the compressed size bounds the memory
// qUncompress may grab for a hostile chunk (it grows its buffer without limit).
constexpr qsizetype MaxCompressedText = 64 * 1024;

quint32 readBigEndian32(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return (quint32(u[0]) << 24) | (quint32(u[1]) << 16) | (quint32(u[2]) << 8) | u[3];
}

QString decodeText(const QByteArray &bytes, bool utf8)
{
    if (!utf8) {
        // tEXt/zTXt are Latin-1 by the PNG spec, but some tools write UTF-8 there anyway;
        // valid UTF-8 with non-ASCII bytes is far more likely UTF-8 than Latin-1 text.
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = decoder(bytes);
        if (!decoder.hasError())
            return text;
        return QString::fromLatin1(bytes);
    }
    return QString::fromUtf8(bytes);
}

} // namespace

bool WorkflowPng::hasSignature(const QByteArray &data)
{
    return data.startsWith(QByteArray::fromRawData(Signature, SignatureSize));
}

quint32 WorkflowPng::crc32(const QByteArray &typeAndData)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : typeAndData)
        crc = table[(crc ^ static_cast<unsigned char>(byte)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

bool WorkflowPng::inflate(const QByteArray &zlibStream, QByteArray *out)
{
    if (zlibStream.size() > MaxCompressedText)
        return false;
    // qUncompress wants a 4-byte big-endian size hint before the zlib stream; the hint
    // only sizes the first buffer.
    const quint32 hint = quint32(zlibStream.size()) * 4;
    QByteArray framed;
    framed.reserve(zlibStream.size() + 4);
    framed.append(char(hint >> 24)).append(char(hint >> 16)).append(char(hint >> 8))
        .append(char(hint));
    framed.append(zlibStream);
    *out = qUncompress(framed);
    return !out->isEmpty() && out->size() <= MaxTextSize;
}

WorkflowPng::Result WorkflowPng::readTexts(const QByteArray &data)
{
    Result result;
    if (!hasSignature(data)) {
        result.error = QStringLiteral("not a PNG file (no PNG signature)");
        return result;
    }
    qsizetype pos = SignatureSize;
    bool sawEnd = false;
    while (!sawEnd) {
        if (data.size() - pos < 12) {
            result.error = QStringLiteral("the PNG file is truncated (no IEND chunk)");
            return result;
        }
        const quint32 length = readBigEndian32(data.constData() + pos);
        if (length > 0x7FFFFFFFu || qsizetype(length) > data.size() - pos - 12) {
            result.error = QStringLiteral("the PNG file is truncated or corrupt at byte %1")
                               .arg(pos);
            return result;
        }
        const QByteArray type = data.mid(pos + 4, 4);
        const bool isText = type == "tEXt" || type == "iTXt" || type == "zTXt";
        sawEnd = type == "IEND";
        if (isText) {
            const QByteArray typeAndData = data.mid(pos + 4, 4 + qsizetype(length));
            const quint32 storedCrc = readBigEndian32(data.constData() + pos + 8 + length);
            if (crc32(typeAndData) != storedCrc) {
                result.error = QStringLiteral("the PNG %1 chunk at byte %2 is corrupt "
                                              "(CRC mismatch)")
                                   .arg(QString::fromLatin1(type))
                                   .arg(pos);
                return result;
            }
            const QByteArray body = typeAndData.mid(4);
            const qsizetype nul = body.indexOf('\0');
            // Keywords are 1-79 Latin-1 characters; a chunk without one is skipped, as
            // readers are told to do with chunks they cannot use.
            if (nul >= 1 && nul <= 79) {
                const QString keyword = QString::fromLatin1(body.left(nul));
                QString text;
                bool ok = true;
                if (type == "tEXt") {
                    text = decodeText(body.mid(nul + 1), false);
                } else if (type == "zTXt") {
                    QByteArray inflated;
                    ok = body.size() > nul + 1 && body.at(nul + 1) == 0
                         && inflate(body.mid(nul + 2), &inflated);
                    text = decodeText(inflated, false);
                } else { // iTXt: flag, method, language\0, translated keyword\0, text
                    const qsizetype langEnd = body.indexOf('\0', nul + 3);
                    const qsizetype transEnd = langEnd < 0 ? -1 : body.indexOf('\0', langEnd + 1);
                    ok = body.size() > nul + 2 && transEnd >= 0;
                    if (ok) {
                        const bool compressed = body.at(nul + 1) != 0;
                        QByteArray raw = body.mid(transEnd + 1);
                        if (compressed) {
                            QByteArray inflated;
                            ok = body.at(nul + 2) == 0 && inflate(raw, &inflated);
                            raw = inflated;
                        }
                        text = decodeText(raw, true);
                    }
                }
                if (!ok) {
                    result.error = QStringLiteral("the PNG %1 chunk \"%2\" cannot be read "
                                                  "(bad or too large compressed text)")
                                       .arg(QString::fromLatin1(type), keyword);
                    return result;
                }
                if (!result.texts.contains(keyword))
                    result.texts.insert(keyword, text);
            }
        }
        pos += 12 + qsizetype(length);
    }
    return result;
}
