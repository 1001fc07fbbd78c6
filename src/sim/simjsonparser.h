#pragma once

#include "simjson.h"

#include <QByteArray>

// The text side of SimJson::parse: Python's json.loads grammar (NaN, Infinity, any-size
// integers, strict strings).
// Recursive descent over the whole text; depth-limited so hostile input cannot overflow
// the stack (Python raises RecursionError there, the route answers 500 in both cases).
class SimJsonParser final
{
public:
    explicit SimJsonParser(const QByteArray &text) : m_text(text) {}

    bool parseDocument(SimJson *out)
    {
        skipSpace();
        if (!parseValue(out, 0))
            return false;
        skipSpace();
        return m_pos == m_text.size();
    }

private:
    static constexpr int kMaxDepth = 500;

    void skipSpace()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text.at(m_pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_pos;
        }
    }

    bool consume(const char *word)
    {
        const qsizetype n = qsizetype(qstrlen(word));
        if (m_text.mid(m_pos, n) != word)
            return false;
        m_pos += n;
        return true;
    }

    bool parseValue(SimJson *out, int depth)
    {
        if (depth > kMaxDepth || m_pos >= m_text.size())
            return false;
        const char c = m_text.at(m_pos);
        if (c == '{')
            return parseObject(out, depth);
        if (c == '[')
            return parseArray(out, depth);
        if (c == '"') {
            QString s;
            if (!parseString(&s))
                return false;
            *out = SimJson(s);
            return true;
        }
        if (consume("true")) {
            *out = SimJson(true);
            return true;
        }
        if (consume("false")) {
            *out = SimJson(false);
            return true;
        }
        if (consume("null")) {
            *out = SimJson(nullptr);
            return true;
        }
        if (consume("NaN")) {
            *out = SimJson::number("NaN");
            return true;
        }
        if (consume("Infinity")) {
            *out = SimJson::number("Infinity");
            return true;
        }
        if (consume("-Infinity")) {
            *out = SimJson::number("-Infinity");
            return true;
        }
        return parseNumber(out);
    }

    bool parseNumber(SimJson *out)
    {
        const qsizetype start = m_pos;
        auto digits = [this] {
            const qsizetype from = m_pos;
            while (m_pos < m_text.size() && m_text.at(m_pos) >= '0' && m_text.at(m_pos) <= '9')
                ++m_pos;
            return m_pos - from;
        };
        if (m_pos < m_text.size() && m_text.at(m_pos) == '-')
            ++m_pos;
        const qsizetype intStart = m_pos;
        const qsizetype intDigits = digits();
        if (intDigits == 0 || (intDigits > 1 && m_text.at(intStart) == '0'))
            return false;
        bool isFloat = false;
        if (m_pos < m_text.size() && m_text.at(m_pos) == '.') {
            ++m_pos;
            if (digits() == 0)
                return false;
            isFloat = true;
        }
        if (m_pos < m_text.size() && (m_text.at(m_pos) == 'e' || m_text.at(m_pos) == 'E')) {
            ++m_pos;
            if (m_pos < m_text.size() && (m_text.at(m_pos) == '+' || m_text.at(m_pos) == '-'))
                ++m_pos;
            if (digits() == 0)
                return false;
            isFloat = true;
        }
        const QByteArray text = m_text.mid(start, m_pos - start);
        if (isFloat) {
            *out = SimJson(text.toDouble());
            return true;
        }
        // A Python int: arbitrary size, written back as its digits ("-0" is 0).
        QByteArray digitsOnly = text;
        if (digitsOnly == "-0")
            digitsOnly = "0";
        *out = SimJson::number(digitsOnly);
        return true;
    }

    bool parseHex4(uint *value)
    {
        if (m_pos + 4 > m_text.size())
            return false;
        bool ok = false;
        *value = m_text.mid(m_pos, 4).toUInt(&ok, 16);
        m_pos += 4;
        return ok;
    }

    bool parseString(QString *out)
    {
        ++m_pos; // opening quote
        QByteArray utf8;
        QString result;
        auto flush = [&] {
            if (!utf8.isEmpty()) {
                result += QString::fromUtf8(utf8);
                utf8.clear();
            }
        };
        while (m_pos < m_text.size()) {
            const char c = m_text.at(m_pos++);
            if (c == '"') {
                flush();
                *out = result;
                return true;
            }
            if (uchar(c) < 0x20)
                return false; // strict=True: control characters must be escaped
            if (c != '\\') {
                utf8 += c;
                continue;
            }
            if (m_pos >= m_text.size())
                return false;
            const char e = m_text.at(m_pos++);
            flush();
            switch (e) {
            case '"': result += QLatin1Char('"'); break;
            case '\\': result += QLatin1Char('\\'); break;
            case '/': result += QLatin1Char('/'); break;
            case 'b': result += QLatin1Char('\b'); break;
            case 'f': result += QLatin1Char('\f'); break;
            case 'n': result += QLatin1Char('\n'); break;
            case 'r': result += QLatin1Char('\r'); break;
            case 't': result += QLatin1Char('\t'); break;
            case 'u': {
                uint unit = 0;
                if (!parseHex4(&unit))
                    return false;
                result += QChar(char16_t(unit)); // lone surrogates are kept, like Python
                break;
            }
            default:
                return false;
            }
        }
        return false;
    }

    bool parseArray(SimJson *out, int depth)
    {
        ++m_pos;
        SimJson array = SimJson::array();
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == ']') {
            ++m_pos;
            *out = array;
            return true;
        }
        while (true) {
            skipSpace();
            SimJson item;
            if (!parseValue(&item, depth + 1))
                return false;
            array.append(item);
            skipSpace();
            if (m_pos >= m_text.size())
                return false;
            const char c = m_text.at(m_pos++);
            if (c == ']')
                break;
            if (c != ',')
                return false;
        }
        *out = array;
        return true;
    }

    bool parseObject(SimJson *out, int depth)
    {
        ++m_pos;
        SimJson object = SimJson::object();
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == '}') {
            ++m_pos;
            *out = object;
            return true;
        }
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text.at(m_pos) != '"')
                return false;
            QString key;
            if (!parseString(&key))
                return false;
            skipSpace();
            if (m_pos >= m_text.size() || m_text.at(m_pos++) != ':')
                return false;
            skipSpace();
            SimJson value;
            if (!parseValue(&value, depth + 1))
                return false;
            object.insert(key, value);
            skipSpace();
            if (m_pos >= m_text.size())
                return false;
            const char c = m_text.at(m_pos++);
            if (c == '}')
                break;
            if (c != ',')
                return false;
        }
        *out = object;
        return true;
    }

    const QByteArray &m_text;
    qsizetype m_pos = 0;
};
