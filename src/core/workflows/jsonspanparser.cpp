#include "jsonspanparser.h"

#include <QStringDecoder>

namespace {

constexpr int MaxDepth = 512; // a workflow is a few levels deep; this only stops abuse

bool isJsonDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

const JsonSpan::Member *JsonSpan::memberEntry(QStringView key) const
{
    for (qsizetype i = qsizetype(members.size()) - 1; i >= 0; --i) {
        if (members[size_t(i)].key == key)
            return &members[size_t(i)];
    }
    return nullptr;
}

const JsonSpan *JsonSpan::member(QStringView key) const
{
    const Member *entry = memberEntry(key);
    return entry ? &entry->value : nullptr;
}

QString JsonSpanParser::errorString(Error error)
{
    switch (error) {
    case Error::None: return QStringLiteral("no error");
    case Error::UnexpectedEnd: return QStringLiteral("unexpected end of text");
    case Error::UnexpectedCharacter: return QStringLiteral("unexpected character");
    case Error::InvalidNumber: return QStringLiteral("invalid number");
    case Error::InvalidString: return QStringLiteral("invalid string");
    case Error::UnterminatedString: return QStringLiteral("unterminated string");
    case Error::MissingColon: return QStringLiteral("missing colon after a key");
    case Error::MissingComma: return QStringLiteral("missing comma");
    case Error::TrailingContent: return QStringLiteral("content after the end");
    case Error::TooDeep: return QStringLiteral("nested too deeply");
    }
    return {};
}

bool JsonSpanParser::parse(const QByteArray &text, JsonSpan *root)
{
    m_text = text;
    m_pos = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    m_error = Error::None;
    skipSpace();
    if (!parseValue(root, 0))
        return false;
    skipSpace();
    if (m_pos != m_text.size())
        return fail(Error::TrailingContent);
    return true;
}

bool JsonSpanParser::fail(Error error)
{
    if (m_error == Error::None)
        m_error = error;
    return false;
}

void JsonSpanParser::skipSpace()
{
    while (m_pos < m_text.size()) {
        const char c = m_text.at(m_pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        ++m_pos;
    }
}

bool JsonSpanParser::parseValue(JsonSpan *out, int depth)
{
    if (depth > MaxDepth)
        return fail(Error::TooDeep);
    if (m_pos >= m_text.size())
        return fail(Error::UnexpectedEnd);
    out->begin = m_pos;
    const char c = m_text.at(m_pos);
    bool ok = false;
    switch (c) {
    case '{':
        out->type = JsonSpan::Type::Object;
        ok = parseObject(out, depth);
        break;
    case '[':
        out->type = JsonSpan::Type::Array;
        ok = parseArray(out, depth);
        break;
    case '"':
        out->type = JsonSpan::Type::String;
        ok = parseString(&out->string);
        break;
    case 't':
        out->type = JsonSpan::Type::Bool;
        ok = parseWord("true");
        break;
    case 'f':
        out->type = JsonSpan::Type::Bool;
        ok = parseWord("false");
        break;
    case 'n':
        out->type = JsonSpan::Type::Null;
        ok = parseWord("null");
        break;
    default:
        if (c == '-' || isJsonDigit(c)) {
            out->type = JsonSpan::Type::Number;
            ok = parseNumber();
        } else {
            ok = fail(Error::UnexpectedCharacter);
        }
    }
    out->end = m_pos;
    return ok;
}

bool JsonSpanParser::parseObject(JsonSpan *out, int depth)
{
    ++m_pos; // '{'
    skipSpace();
    if (m_pos < m_text.size() && m_text.at(m_pos) == '}') {
        ++m_pos;
        return true;
    }
    while (true) {
        skipSpace();
        if (m_pos >= m_text.size())
            return fail(Error::UnexpectedEnd);
        if (m_text.at(m_pos) != '"')
            return fail(Error::UnexpectedCharacter);
        JsonSpan::Member member;
        member.keyBegin = m_pos;
        if (!parseString(&member.key))
            return false;
        member.keyEnd = m_pos;
        skipSpace();
        if (m_pos >= m_text.size())
            return fail(Error::UnexpectedEnd);
        if (m_text.at(m_pos) != ':')
            return fail(Error::MissingColon);
        ++m_pos;
        skipSpace();
        if (!parseValue(&member.value, depth + 1))
            return false;
        out->members.push_back(std::move(member));
        skipSpace();
        if (m_pos >= m_text.size())
            return fail(Error::UnexpectedEnd);
        const char c = m_text.at(m_pos++);
        if (c == '}')
            return true;
        if (c != ',') {
            --m_pos;
            return fail(Error::MissingComma);
        }
    }
}

bool JsonSpanParser::parseArray(JsonSpan *out, int depth)
{
    ++m_pos; // '['
    skipSpace();
    if (m_pos < m_text.size() && m_text.at(m_pos) == ']') {
        ++m_pos;
        return true;
    }
    while (true) {
        skipSpace();
        JsonSpan item;
        if (!parseValue(&item, depth + 1))
            return false;
        out->items.push_back(std::move(item));
        skipSpace();
        if (m_pos >= m_text.size())
            return fail(Error::UnexpectedEnd);
        const char c = m_text.at(m_pos++);
        if (c == ']')
            return true;
        if (c != ',') {
            --m_pos;
            return fail(Error::MissingComma);
        }
    }
}

bool JsonSpanParser::parseString(QString *out)
{
    const qsizetype open = m_pos++;
    QByteArray utf8; // the decoded bytes; escapes are written into it as UTF-8
    qsizetype runStart = m_pos;
    const auto flushRun = [&] { utf8.append(m_text.constData() + runStart, m_pos - runStart); };
    while (true) {
        if (m_pos >= m_text.size()) {
            m_pos = open;
            return fail(Error::UnterminatedString);
        }
        const auto c = static_cast<unsigned char>(m_text.at(m_pos));
        if (c == '"') {
            flushRun();
            ++m_pos;
            break;
        }
        if (c < 0x20)
            return fail(Error::InvalidString);
        if (c != '\\') {
            ++m_pos;
            continue;
        }
        flushRun();
        if (m_pos + 1 >= m_text.size())
            return fail(Error::UnexpectedEnd);
        const char e = m_text.at(m_pos + 1);
        m_pos += 2;
        switch (e) {
        case '"': utf8.append('"'); break;
        case '\\': utf8.append('\\'); break;
        case '/': utf8.append('/'); break;
        case 'b': utf8.append('\b'); break;
        case 'f': utf8.append('\f'); break;
        case 'n': utf8.append('\n'); break;
        case 'r': utf8.append('\r'); break;
        case 't': utf8.append('\t'); break;
        case 'u': {
            const auto hex4 = [this](char32_t *unit) {
                if (m_pos + 4 > m_text.size())
                    return false;
                char32_t value = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hexValue(m_text.at(m_pos + i));
                    if (h < 0)
                        return false;
                    value = value * 16 + char32_t(h);
                }
                m_pos += 4;
                *unit = value;
                return true;
            };
            char32_t unit = 0;
            if (!hex4(&unit))
                return fail(Error::InvalidString);
            // A surrogate pair is two escapes; a lone half becomes U+FFFD, as in Qt.
            if (unit >= 0xD800 && unit < 0xDC00 && m_text.mid(m_pos, 2) == "\\u") {
                const qsizetype back = m_pos;
                m_pos += 2;
                char32_t low = 0;
                if (hex4(&low) && low >= 0xDC00 && low < 0xE000)
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                else
                    m_pos = back;
            }
            if (unit >= 0xD800 && unit < 0xE000)
                unit = 0xFFFD;
            utf8.append(QString::fromUcs4(&unit, 1).toUtf8());
            break;
        }
        default:
            m_pos -= 1;
            return fail(Error::InvalidString);
        }
        runStart = m_pos;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    *out = decoder.decode(utf8);
    if (decoder.hasError()) {
        m_pos = open;
        return fail(Error::InvalidString);
    }
    return true;
}

bool JsonSpanParser::parseNumber()
{
    const auto digitAt = [this](qsizetype at) {
        return at < m_text.size() && isJsonDigit(m_text.at(at));
    };
    if (m_text.at(m_pos) == '-')
        ++m_pos;
    if (!digitAt(m_pos))
        return fail(Error::InvalidNumber);
    if (m_text.at(m_pos) == '0')
        ++m_pos;
    else
        while (digitAt(m_pos))
            ++m_pos;
    if (m_pos < m_text.size() && m_text.at(m_pos) == '.') {
        ++m_pos;
        if (!digitAt(m_pos))
            return fail(Error::InvalidNumber);
        while (digitAt(m_pos))
            ++m_pos;
    }
    if (m_pos < m_text.size() && (m_text.at(m_pos) == 'e' || m_text.at(m_pos) == 'E')) {
        ++m_pos;
        if (m_pos < m_text.size() && (m_text.at(m_pos) == '+' || m_text.at(m_pos) == '-'))
            ++m_pos;
        if (!digitAt(m_pos))
            return fail(Error::InvalidNumber);
        while (digitAt(m_pos))
            ++m_pos;
    }
    return true;
}

bool JsonSpanParser::parseWord(const char *word)
{
    const qsizetype n = qsizetype(qstrlen(word));
    if (m_text.mid(m_pos, n) != word)
        return fail(Error::UnexpectedCharacter);
    m_pos += n;
    return true;
}
