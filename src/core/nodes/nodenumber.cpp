#include "nodenumber.h"

#include "objectinfoscanner.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace {

// Digits only, with an optional leading minus: the literals toInt64()/toUInt64() can read
// without going through a double.
bool isIntegerLiteral(const QString &text)
{
    const qsizetype start = text.startsWith(QLatin1Char('-')) ? 1 : 0;
    if (text.size() <= start)
        return false;
    for (qsizetype i = start; i < text.size(); ++i) {
        if (text.at(i) < QLatin1Char('0') || text.at(i) > QLatin1Char('9'))
            return false;
    }
    return true;
}

// The strict JSON number grammar: QString::toDouble() alone would accept "inf" or " 1".
bool isStrictJsonNumber(const QString &text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto digit = [&](qsizetype at) {
        return at < n && text.at(at) >= QLatin1Char('0') && text.at(at) <= QLatin1Char('9');
    };
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
        ++i;
        if (!digit(i))
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

NodeNumber::NodeNumber(double value)
    : m_literal(std::isfinite(value)
                    ? QString::number(value, 'g', QLocale::FloatingPointShortest)
                    : QString())
    , m_value(std::isfinite(value) ? value : 0.0)
{}

NodeNumber NodeNumber::fromLiteral(const QString &literal)
{
    if (!isStrictJsonNumber(literal))
        return {};
    NodeNumber number;
    number.m_value = literal.toDouble(); // C locale: QString::toDouble ignores the locale
    if (!std::isfinite(number.m_value))
        return {};
    number.m_literal = literal;
    return number;
}

NodeNumber NodeNumber::fromJson(const QJsonValue &value)
{
    if (value.isDouble())
        return NodeNumber(value.toDouble());
    if (value.isString()) {
        const QString text = ObjectInfoScanner::markedInteger(value.toString());
        if (!text.isEmpty())
            return fromLiteral(text);
    }
    return {};
}

bool NodeNumber::isInteger() const
{
    if (!isSet())
        return false;
    return isIntegerLiteral(m_literal) || std::trunc(m_value) == m_value;
}

qint64 NodeNumber::toInt64(bool *ok) const
{
    bool converted = false;
    qint64 result = 0;
    if (isIntegerLiteral(m_literal)) {
        result = m_literal.toLongLong(&converted);
    } else if (isInteger()) {
        // 2^63 is exactly representable; anything from it up does not fit.
        constexpr double Limit = 9223372036854775808.0;
        if (m_value >= -Limit && m_value < Limit) {
            result = static_cast<qint64>(m_value);
            converted = true;
        }
    }
    if (ok)
        *ok = converted;
    return converted ? result : 0;
}

quint64 NodeNumber::toUInt64(bool *ok) const
{
    bool converted = false;
    quint64 result = 0;
    if (isIntegerLiteral(m_literal)) {
        if (!m_literal.startsWith(QLatin1Char('-')))
            result = m_literal.toULongLong(&converted);
        else
            converted = m_literal.toLongLong(&converted) == 0 && converted; // only "-0"
    } else if (isInteger()) {
        constexpr double Limit = 18446744073709551616.0; // 2^64
        if (m_value >= 0 && m_value < Limit) {
            result = static_cast<quint64>(m_value);
            converted = true;
        }
    }
    if (ok)
        *ok = converted;
    return converted ? result : 0;
}
