#include "ftstext.h"

#include <QStringList>

namespace {

// Scripts written without spaces between words (and their punctuation), where a word can
// only be found if every character is a token of its own.
bool isCjk(char32_t c)
{
    return (c >= 0x1100 && c <= 0x11FF)       // Hangul Jamo
        || (c >= 0x2E80 && c <= 0x2FDF)       // CJK radicals, Kangxi radicals
        || (c >= 0x2FF0 && c <= 0x2FFF)       // ideographic description
        || (c >= 0x3001 && c <= 0x303F)       // CJK punctuation (3000 is a space)
        || (c >= 0x3040 && c <= 0x30FF)       // Hiragana, Katakana
        || (c >= 0x3100 && c <= 0x312F)       // Bopomofo
        || (c >= 0x3130 && c <= 0x318F)       // Hangul compatibility Jamo
        || (c >= 0x3190 && c <= 0x9FFF)       // kanbun ... CJK compatibility, ext A, Han
        || (c >= 0xA960 && c <= 0xA97F)       // Hangul Jamo extended A
        || (c >= 0xAC00 && c <= 0xD7FF)       // Hangul syllables, Jamo extended B
        || (c >= 0xF900 && c <= 0xFAFF)       // CJK compatibility ideographs
        || (c >= 0xFE30 && c <= 0xFE4F)       // CJK compatibility forms
        || (c >= 0xFF00 && c <= 0xFF0F)       // fullwidth punctuation ...
        || (c >= 0xFF1A && c <= 0xFF20)
        || (c >= 0xFF3B && c <= 0xFF40)
        || (c >= 0xFF5B && c <= 0xFFDC)       // ... halfwidth Katakana and Hangul
        || (c >= 0x1B000 && c <= 0x1B16F)     // Kana supplement and extended
        || (c >= 0x20000 && c <= 0x323AF);    // Han extensions B to H, compatibility supp.
    // Fullwidth digits and Latin letters (FF10-FF19, FF21-FF3A, FF41-FF5A) are left out:
    // they spell words, which unicode61 keeps whole like ASCII ones.
}

// What unicode61 keeps as token characters by default (categories L*, N* and Co); every
// other character separates tokens and is dropped.
bool isTokenChar(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Other_PrivateUse:
        return true;
    default:
        return false;
    }
}

bool isMark(char32_t c)
{
    const QChar::Category category = QChar::category(c);
    return category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
        || category == QChar::Mark_Enclosing;
}

// Calls f(code point) for each character of text; an unpaired surrogate comes as itself.
template<typename F>
void forEachCodePoint(const QString &text, F f)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            f(QChar::surrogateToUcs4(c, text.at(i + 1)));
            ++i;
        } else {
            f(char32_t(c.unicode()));
        }
    }
}

void appendCodePoint(QString &out, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        out.append(QChar(QChar::highSurrogate(c)));
        out.append(QChar(QChar::lowSurrogate(c)));
    } else {
        out.append(QChar(char16_t(c)));
    }
}

bool endsWithSpace(const QString &text)
{
    return text.isEmpty() || text.back().isSpace();
}

} // namespace

namespace FtsText {

QString indexable(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 2);
    bool afterCjk = false;   // the last character written was CJK: a space must follow it
    forEachCodePoint(text, [&](char32_t c) {
        // A combining mark (dakuten, a variation selector) belongs to the character before
        // it; splitting it off would make a token of a mark alone.
        if (afterCjk && isMark(c)) {
            appendCodePoint(out, c);
            return;
        }
        const bool cjk = isCjk(c);
        if ((cjk || afterCjk) && !endsWithSpace(out) && !QChar::isSpace(c))
            out.append(QLatin1Char(' '));
        appendCodePoint(out, c);
        afterCjk = cjk;
    });
    return out;
}

QString matchExpression(const QString &userText)
{
    struct Term
    {
        QString phrase;
        bool endsWithCjk = false;
    };
    QList<Term> terms;
    // QChar::isSpace, unlike a default QRegularExpression "\s", knows the ideographic
    // space (U+3000) a Chinese or Japanese input method types.
    QStringList words;
    QString word;
    for (const QChar c : userText) {
        if (c.isSpace()) {
            if (!word.isEmpty())
                words.append(word);
            word.clear();
        } else {
            word.append(c);
        }
    }
    if (!word.isEmpty())
        words.append(word);
    for (const QString &word : words) {
        // A word with no token character ("-", "...", an emoji) tokenizes to nothing: as a
        // phrase it would be "" which FTS5 accepts but which matches no row, so one stray
        // dash would make a search find nothing. It is left out instead.
        bool searchable = false;
        bool lastTokenCjk = false;
        forEachCodePoint(word, [&](char32_t c) {
            if (isTokenChar(c)) {
                searchable = true;
                lastTokenCjk = isCjk(c);
            }
        });
        if (!searchable)
            continue;
        QString phrase = indexable(word);
        phrase.replace(QLatin1Char('"'), QLatin1String("\"\""));
        terms.append({QLatin1Char('"') + phrase + QLatin1Char('"'), lastTokenCjk});
    }
    if (terms.isEmpty())
        return {};
    // The last word is likely still being typed. A CJK character is a whole token already,
    // so a prefix would add nothing there.
    if (!terms.last().endsWithCjk)
        terms.last().phrase.append(QLatin1Char('*'));
    QStringList parts;
    parts.reserve(terms.size());
    for (const Term &term : std::as_const(terms))
        parts.append(term.phrase);
    return parts.join(QLatin1String(" AND "));
}

} // namespace FtsText
