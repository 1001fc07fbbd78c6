#include "workflowname.h"

#include <QStringList>

namespace {

QString codePointName(char32_t ch)
{
    return QStringLiteral("U+")
           + QString::number(uint(ch), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

bool isBidiControl(char32_t ch)
{
    // Embedding/override (LRE..RLO), isolates (LRI..PDI), marks (LRM, RLM, ALM): they make
    // a name display differently from what it is ("evil\u202Egnp.json").
    return (ch >= 0x202A && ch <= 0x202E) || (ch >= 0x2066 && ch <= 0x2069)
           || ch == 0x200E || ch == 0x200F || ch == 0x061C;
}

bool isInvisibleOrSeparator(char32_t ch)
{
    // Zero-width space, line/paragraph separators, BOM and non-characters hide in names.
    // U+200D (zero-width joiner) is NOT here: emoji sequences such as families need it.
    return ch == 0x200B || ch == 0x2028 || ch == 0x2029 || ch == 0xFEFF
           || ch == 0xFFFE || ch == 0xFFFF;
}

} // namespace

QString WorkflowName::checkCharacter(char32_t ch)
{
    if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch <= 0x9F))
        return QStringLiteral("contains the control character %1").arg(codePointName(ch));
    if (isBidiControl(ch)) {
        return QStringLiteral("contains the bidirectional text control %1")
            .arg(codePointName(ch));
    }
    if (isInvisibleOrSeparator(ch))
        return QStringLiteral("contains the invisible character %1").arg(codePointName(ch));
    if (ch == U'/' || ch == U'\\')
        return QStringLiteral("contains a path separator ('/' or '\\')");
    switch (ch) {
    case U'<': case U'>': case U':': case U'"': case U'|': case U'?': case U'*':
        // Not dangerous here, but such a file cannot be copied to Windows (':' would
        // even name an NTFS alternate data stream there).
        return QStringLiteral("contains '%1', which is not allowed in file names on Windows")
            .arg(QString::fromUcs4(&ch, 1));
    default:
        return {};
    }
}

bool WorkflowName::isReservedDeviceName(const QString &name)
{
    // Windows treats "CON", "con.json", "Com1 .txt" ... as devices, whatever the extension.
    QString stem = name.section(QLatin1Char('.'), 0, 0);
    while (stem.endsWith(QLatin1Char(' ')))
        stem.chop(1);
    stem = stem.toUpper();
    static const QStringList fixed = {QStringLiteral("CON"), QStringLiteral("PRN"),
                                      QStringLiteral("AUX"), QStringLiteral("NUL"),
                                      QStringLiteral("CONIN$"), QStringLiteral("CONOUT$")};
    if (fixed.contains(stem))
        return true;
    if (stem.size() == 4 && (stem.startsWith(QLatin1String("COM"))
                             || stem.startsWith(QLatin1String("LPT")))) {
        const QChar last = stem.at(3);
        return (last >= QLatin1Char('0') && last <= QLatin1Char('9'))
               || last == QChar(0x00B9) || last == QChar(0x00B2) || last == QChar(0x00B3);
    }
    return false;
}

QString WorkflowName::validate(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("The workflow name is empty");

    int codePoints = 0;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t unit = name.at(i).unicode();
        char32_t ch = unit;
        if (QChar::isHighSurrogate(unit)) {
            if (i + 1 >= name.size() || !QChar::isLowSurrogate(name.at(i + 1).unicode()))
                return QStringLiteral("The workflow name is not valid Unicode");
            ch = QChar::surrogateToUcs4(unit, name.at(i + 1).unicode());
            ++i;
        } else if (QChar::isLowSurrogate(unit)) {
            return QStringLiteral("The workflow name is not valid Unicode");
        }
        ++codePoints;
        const QString reason = checkCharacter(ch);
        if (!reason.isEmpty())
            return QStringLiteral("The workflow name ") + reason;
    }
    if (codePoints > MaxLength) {
        return QStringLiteral("The workflow name is longer than %1 characters (%2)")
            .arg(MaxLength).arg(codePoints);
    }
    const qsizetype bytes = name.toUtf8().size();
    if (bytes > MaxUtf8Bytes) {
        return QStringLiteral("The workflow name is too long for a file name (%1 bytes in "
                              "UTF-8; the limit is %2)")
            .arg(bytes).arg(MaxUtf8Bytes);
    }
    // ".." is refused as a substring, not only as a whole component: "a..b" is harmless
    // on its own, but one rule is easier to trust than a parser of components.
    if (name.contains(QLatin1String("..")))
        return QStringLiteral("The workflow name contains '..'");
    if (name.startsWith(QLatin1Char('.')))
        return QStringLiteral("The workflow name starts with a dot");
    if (name.endsWith(QLatin1Char('.')) || name.endsWith(QLatin1Char(' ')))
        return QStringLiteral("The workflow name ends with a dot or a space");
    if (isReservedDeviceName(name))
        return QStringLiteral("The workflow name '%1' is a reserved device name on Windows")
            .arg(name);
    return {};
}

QString WorkflowName::sanitized(const QString &candidate)
{
    QString result;
    int codePoints = 0;
    for (qsizetype i = 0; i < candidate.size() && codePoints < MaxLength; ++i) {
        const char16_t unit = candidate.at(i).unicode();
        if (QChar::isHighSurrogate(unit) && i + 1 < candidate.size()
            && QChar::isLowSurrogate(candidate.at(i + 1).unicode())) {
            const char32_t ch = QChar::surrogateToUcs4(unit, candidate.at(i + 1).unicode());
            if (checkCharacter(ch).isEmpty())
                result += candidate.mid(i, 2);
            else
                result += QLatin1Char('_');
            ++i;
        } else if (QChar::isSurrogate(unit) || !checkCharacter(unit).isEmpty()) {
            result += QLatin1Char('_');
        } else {
            result += QChar(unit);
        }
        ++codePoints;
    }
    while (result.toUtf8().size() > MaxUtf8Bytes)
        result.chop(QChar::isLowSurrogate(result.back().unicode()) ? 2 : 1);
    while (result.contains(QLatin1String("..")))
        result.replace(QLatin1String(".."), QLatin1String("."));
    while (result.startsWith(QLatin1Char('.')))
        result.remove(0, 1);
    while (result.endsWith(QLatin1Char('.')) || result.endsWith(QLatin1Char(' ')))
        result.chop(1);
    if (!result.isEmpty() && isReservedDeviceName(result))
        result.prepend(QLatin1Char('_'));
    return isValid(result) ? result : QString();
}
