#include "objectinfoscanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVarLengthArray>

namespace {

// A NUL cannot start a name or value ComfyUI writes, so this prefix does not collide with
// real strings in the places NodeNumber reads (defaults and bounds).
const QString IntLiteralMarker = QStringLiteral(u"\u0000int:");
const QByteArray IntLiteralMarkerJson = QByteArrayLiteral("\\u0000int:");

// 15 significant digits always survive a double; longer integers may not.
constexpr qsizetype ExactDigits = 15;

// Input names sit at depth 4: {class: {"input": {section: {name: ...}}}}.
constexpr qsizetype InputNameDepth = 4;

struct Frame
{
    bool isObject = false;
    bool expectKey = false;
    QString key; // the current key (tracked only where the input order needs it)
};

QString decodeKey(const QByteArray &raw, qsizetype begin, qsizetype end)
{
    const QByteArray quoted = raw.mid(begin, end - begin + 1); // with both quotes
    if (!quoted.contains('\\'))
        return QString::fromUtf8(quoted.constData() + 1, quoted.size() - 2);
    const QJsonDocument doc = QJsonDocument::fromJson('[' + quoted + ']');
    return doc.array().at(0).toString();
}

bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

ObjectInfoScanner::Result ObjectInfoScanner::scan(const QByteArray &raw)
{
    Result result;
    QByteArray rewritten;     // stays empty (and raw is shared) without a big integer
    qsizetype copiedUpTo = 0; // raw[0, copiedUpTo) is already in rewritten
    QVarLengthArray<Frame, 16> stack;

    const qsizetype n = raw.size();
    const char *data = raw.constData();
    qsizetype i = 0;
    while (i < n) {
        const char c = data[i];
        if (c == '"') {
            const qsizetype begin = i++;
            while (i < n && data[i] != '"')
                i += data[i] == '\\' ? 2 : 1;
            if (i >= n)
                break; // unterminated: QJsonDocument will say so
            const qsizetype end = i++;
            if (stack.isEmpty() || !stack.last().isObject || !stack.last().expectKey)
                continue;
            Frame &frame = stack.last();
            frame.expectKey = false;
            if (stack.size() > InputNameDepth)
                continue;
            frame.key = decodeKey(raw, begin, end);
            if (stack.size() == InputNameDepth && stack.at(1).key == QLatin1String("input")) {
                result.inputOrder[stack.at(0).key][stack.at(2).key].append(frame.key);
            }
        } else if (c == '{' || c == '[') {
            stack.append(Frame{c == '{', c == '{', {}});
            ++i;
        } else if (c == '}' || c == ']') {
            if (!stack.isEmpty())
                stack.removeLast();
            ++i;
        } else if (c == ',') {
            if (!stack.isEmpty() && stack.last().isObject)
                stack.last().expectKey = true;
            ++i;
        } else if (c == '-' || isAsciiDigit(c)) {
            const qsizetype begin = i;
            bool integer = true;
            qsizetype digits = 0;
            while (i < n && (isAsciiDigit(data[i]) || data[i] == '-' || data[i] == '+'
                             || data[i] == '.' || data[i] == 'e' || data[i] == 'E')) {
                if (isAsciiDigit(data[i]))
                    ++digits;
                else if (data[i] != '-')
                    integer = false;
                ++i;
            }
            if (integer && digits > ExactDigits) {
                rewritten.append(data + copiedUpTo, begin - copiedUpTo);
                rewritten.append('"').append(IntLiteralMarkerJson);
                rewritten.append(data + begin, i - begin).append('"');
                copiedUpTo = i;
            }
        } else {
            ++i; // whitespace, ':', and the letters of true/false/null
        }
    }

    if (copiedUpTo == 0) {
        result.json = raw;
    } else {
        rewritten.append(data + copiedUpTo, n - copiedUpTo);
        result.json = rewritten;
    }
    return result;
}

QString ObjectInfoScanner::markedInteger(const QString &text)
{
    if (!text.startsWith(IntLiteralMarker))
        return {};
    return text.mid(IntLiteralMarker.size());
}
