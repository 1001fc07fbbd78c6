#include "jsonnumberliteral.h"

#include <QJsonArray>

namespace {

const QString MarkerPrefix = QStringLiteral(u"\u0000int:");
// How QJsonDocument writes the prefix inside a string.
const QByteArray MarkerJson = QByteArrayLiteral("\\u0000int:");

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// The JSON number grammar (no leading '+', no leading zeros, digits around '.').
bool isJsonNumber(QStringView text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto digit = [&](qsizetype at) { return at < n && isDigit(text.at(at)); };
    if (i < n && text.at(i) == QLatin1Char('-'))
        ++i;
    if (!digit(i))
        return false;
    if (text.at(i) == QLatin1Char('0'))
        ++i;
    else
        while (digit(i))
            ++i;
    if (i < n && text.at(i) == QLatin1Char('.')) {
        if (!digit(++i))
            return false;
        while (digit(i))
            ++i;
    }
    if (i < n && (text.at(i) == QLatin1Char('e') || text.at(i) == QLatin1Char('E'))) {
        ++i;
        if (i < n && (text.at(i) == QLatin1Char('+') || text.at(i) == QLatin1Char('-')))
            ++i;
        if (!digit(i))
            return false;
        while (digit(i))
            ++i;
    }
    return i == n;
}

} // namespace

QString JsonNumberLiteral::mark(const QString &literal)
{
    return isJsonNumber(literal) ? MarkerPrefix + literal : QString();
}

QString JsonNumberLiteral::literal(const QString &marked)
{
    if (!marked.startsWith(MarkerPrefix))
        return {};
    const QString text = marked.mid(MarkerPrefix.size());
    return isJsonNumber(text) ? text : QString();
}

bool JsonNumberLiteral::needsMarking(QStringView integerLiteral)
{
    const qsizetype digits = integerLiteral.size()
                             - (integerLiteral.startsWith(QLatin1Char('-')) ? 1 : 0);
    if (digits <= 15) // 15 significant digits always survive a double
        return false;
    const double value = integerLiteral.toDouble();
    return QString::number(value, 'f', 0) != integerLiteral;
}

QByteArray JsonNumberLiteral::toJson(const QJsonObject &object,
                                     QJsonDocument::JsonFormat format)
{
    return unmark(QJsonDocument(object).toJson(format));
}

QByteArray JsonNumberLiteral::unmark(const QByteArray &json)
{
    if (!json.contains(MarkerJson))
        return json;
    QByteArray out;
    out.reserve(json.size());
    const qsizetype n = json.size();
    qsizetype copied = 0;
    qsizetype i = 0;
    // Walk string by string, so a marker-like text inside another string (after an
    // escaped quote) is never mistaken for the start of a marked string.
    while (i < n) {
        if (json.at(i) != '"') {
            ++i;
            continue;
        }
        const qsizetype open = i++;
        while (i < n && json.at(i) != '"')
            i += json.at(i) == '\\' ? 2 : 1;
        const qsizetype close = i++;
        if (close >= n)
            break;
        const QByteArrayView content(json.constData() + open + 1, close - open - 1);
        if (!content.startsWith(MarkerJson))
            continue;
        const QByteArrayView number = content.sliced(MarkerJson.size());
        if (!isJsonNumber(QString::fromLatin1(number)))
            continue;
        out.append(json.constData() + copied, open - copied);
        out.append(number);
        copied = close + 1;
    }
    out.append(json.constData() + copied, n - copied);
    return out;
}
