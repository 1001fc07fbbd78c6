#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

// JSON colouring for JsonCodeEditor: keys, strings, numbers, true/false/null and
// punctuation. Works one line (block) at a time with no state carried between blocks:
// a JSON string cannot hold a raw line break, so every line can be coloured alone, and an
// edit re-colours only the lines it touches (which keeps a 1 MB graph responsive).
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);

    // Picks colours that read on the given base (background) colour: dark text colours on
    // a light base, light ones on a dark base. Re-colours the document when they change.
    void setBaseColor(const QColor &base);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_keyword;
    QTextCharFormat m_punctuation;
    bool m_dark = false;
    bool m_initialised = false;
};
