#pragma once

#include <QJsonValue>
#include <QMetaType>
#include <QString>

// A number from /object_info (an input's default, min, max, step or round). ComfyUI writes
// seeds bounded by 2^64 - 1, which neither a double nor a qint64 holds exactly, so the
// literal is kept next to the double: a spin box may use toDouble(), a seed field the text.
class NodeNumber final
{
public:
    NodeNumber() = default;
    explicit NodeNumber(double value);
    // literal: a JSON number as written ("18446744073709551615", "-0.5", "1e3").
    // Anything else gives an unset number.
    static NodeNumber fromLiteral(const QString &literal);
    // A JSON number, or an integer ObjectInfoScanner kept as marked text; anything else
    // (absent, bool, string, ...) is unset.
    static NodeNumber fromJson(const QJsonValue &value);

    bool isSet() const { return !m_literal.isEmpty(); }
    // Integers exactly as ComfyUI wrote them; other values in the shortest text that reads
    // back as the same double. Empty when unset.
    QString literal() const { return m_literal; }
    double toDouble() const { return m_value; }
    bool isInteger() const;
    // ok is false when the number is unset, not whole, or out of the type's range.
    qint64 toInt64(bool *ok = nullptr) const;
    quint64 toUInt64(bool *ok = nullptr) const;

    friend bool operator==(const NodeNumber &a, const NodeNumber &b)
    {
        return a.m_literal == b.m_literal;
    }
    friend bool operator!=(const NodeNumber &a, const NodeNumber &b) { return !(a == b); }

private:
    QString m_literal;
    double m_value = 0.0;
};

Q_DECLARE_METATYPE(NodeNumber)
