#include "jsonhighlighter.h"

namespace {

bool isNumberChar(QChar c)
{
    return c.isDigit() || c == u'-' || c == u'+' || c == u'.' || c == u'e' || c == u'E';
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    setBaseColor(Qt::white);
}

void JsonHighlighter::setBaseColor(const QColor &base)
{
    const bool dark = base.lightness() < 128;
    if (m_initialised && dark == m_dark)
        return;
    m_initialised = true;
    m_dark = dark;
    // Hues close to common editor themes; on a dark base the same hues, lighter, so both
    // keep a contrast ratio that reads comfortably.
    m_key.setForeground(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x00, 0x45, 0x8b));
    m_string.setForeground(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    m_number.setForeground(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
    m_keyword.setForeground(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff));
    m_keyword.setFontWeight(QFont::Bold);
    m_punctuation.setForeground(dark ? QColor(0xa0, 0xa0, 0xa0) : QColor(0x60, 0x60, 0x60));
    if (document() && !document()->isEmpty())
        rehighlight();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    // A hand-written scanner rather than regular expressions: this runs for every line of
    // a document that may be a megabyte, once when it loads.
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'"') {
            qsizetype end = i + 1;
            while (end < n && text.at(end) != u'"') {
                if (text.at(end) == u'\\')
                    ++end;
                ++end;
            }
            end = qMin(end + 1, n); // past the closing quote, or the end of an open string
            // A string followed by a colon is a key.
            qsizetype next = end;
            while (next < n && text.at(next).isSpace())
                ++next;
            const bool key = next < n && text.at(next) == u':';
            setFormat(int(i), int(end - i), key ? m_key : m_string);
            i = end;
        } else if (c.isDigit() || c == u'-') {
            qsizetype end = i + 1;
            while (end < n && isNumberChar(text.at(end)))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < n && text.at(end).isLetterOrNumber())
                ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            if (word == u"true" || word == u"false" || word == u"null")
                setFormat(int(i), int(end - i), m_keyword);
            i = end;
        } else {
            if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u':' || c == u',')
                setFormat(int(i), 1, m_punctuation);
            ++i;
        }
    }
}
