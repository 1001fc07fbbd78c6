#include "requesttarget.h"

#include <QList>
#include <QString>
#include <QStringDecoder>
#include <cctype>

namespace {

bool hasRawControlOrNonAscii(const QByteArray &text)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return true;
    }
    return false;
}

bool hasBadPercentEscape(const QByteArray &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != '%')
            continue;
        if (i + 2 >= text.size() || !isxdigit(static_cast<unsigned char>(text.at(i + 1)))
            || !isxdigit(static_cast<unsigned char>(text.at(i + 2)))) {
            return true;
        }
    }
    return false;
}

// Characters that must never reach a file name or a log line: controls, and the format
// characters (bidi overrides like U+202E, zero-width joiners) that make a name display
// differently from what it is.
bool hasHiddenCharacter(const QString &text)
{
    for (const QChar c : text) {
        const QChar::Category category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format
            || category == QChar::Other_NotAssigned || c == QChar(0xfffd)) {
            return true;
        }
    }
    return false;
}

} // namespace

bool RequestTarget::isSafe(const QByteArray &target, QByteArray *reason)
{
    auto refuse = [reason](const char *why) {
        if (reason)
            *reason = why;
        return false;
    };

    if (!target.startsWith('/'))
        return refuse("request target must be a path");
    if (hasRawControlOrNonAscii(target))
        return refuse("invalid character in request target");
    if (hasBadPercentEscape(target))
        return refuse("malformed percent-encoding in request target");
    if (target.contains('#'))
        return refuse("fragment in request target");

    const qsizetype question = target.indexOf('?');
    const QByteArray rawPath = question < 0 ? target : target.left(question);
    const QByteArray rawQuery = question < 0 ? QByteArray() : target.mid(question + 1);
    if (rawQuery.contains("%00"))
        return refuse("NUL in query");

    const QByteArray lowerPath = rawPath.toLower();
    // An encoded separator would let one routed segment stand for several path parts.
    if (lowerPath.contains("%2f") || lowerPath.contains("%5c") || rawPath.contains('\\'))
        return refuse("encoded path separator in request target");

    const QList<QByteArray> segments = rawPath.mid(1).split('/');
    for (const QByteArray &rawSegment : segments) {
        const QByteArray bytes = QByteArray::fromPercentEncoding(rawSegment);
        if (bytes.contains('\0'))
            return refuse("NUL in request target");
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString segment = decoder.decode(bytes);
        if (decoder.hasError())
            return refuse("request target is not valid UTF-8");
        if (hasHiddenCharacter(segment))
            return refuse("control or format character in request target");
        if (segment == QLatin1String(".") || segment == QLatin1String(".."))
            return refuse("dot segment in request target");
    }
    return true;
}
