#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <vector>

// A strict JSON (RFC 8259) parser that keeps where every value sits in the text, so that a
// caller can replace one value's bytes and leave the rest of a file as the user wrote it.
// QJsonDocument cannot do this: it forgets positions, sorts keys and rounds big integers.
// Numbers are not converted here; their text is in [begin, end).
struct JsonSpan
{
    enum class Type { Null, Bool, Number, String, Array, Object };
    struct Member;

    Type type = Type::Null;
    qsizetype begin = 0; // first byte of the value
    qsizetype end = 0;   // one past its last byte
    QString string;      // String: decoded
    std::vector<Member> members; // Object, in written order (duplicates kept)
    std::vector<JsonSpan> items; // Array

    // The last member of that key (what QJsonObject and ComfyUI keep), or nullptr.
    const JsonSpan *member(QStringView key) const;
    const Member *memberEntry(QStringView key) const;
};

struct JsonSpan::Member
{
    QString key;
    qsizetype keyBegin = 0; // the opening quote of the key
    qsizetype keyEnd = 0;   // one past the closing quote
    JsonSpan value;
};

class JsonSpanParser final
{
public:
    enum class Error {
        None,
        UnexpectedEnd,     // the text stops inside a value
        UnexpectedCharacter,
        InvalidNumber,
        InvalidString,     // bad escape, control character or invalid UTF-8
        UnterminatedString,
        MissingColon,
        MissingComma,      // between members or items
        TrailingContent,   // more than one value
        TooDeep
    };

    // Parses the whole text (a UTF-8 byte order mark is skipped). On failure returns false
    // and sets error and errorOffset (a byte offset in text).
    bool parse(const QByteArray &text, JsonSpan *root);

    Error error() const { return m_error; }
    qsizetype errorOffset() const { return m_pos; }
    // English, for logs and tests; the GUI words its own text from error().
    static QString errorString(Error error);

private:
    bool fail(Error error);
    void skipSpace();
    bool parseValue(JsonSpan *out, int depth);
    bool parseObject(JsonSpan *out, int depth);
    bool parseArray(JsonSpan *out, int depth);
    bool parseString(QString *out);
    bool parseNumber();
    bool parseWord(const char *word);

    QByteArray m_text;
    qsizetype m_pos = 0;
    Error m_error = Error::None;
};
