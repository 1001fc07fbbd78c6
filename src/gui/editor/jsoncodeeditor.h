#pragma once

#include <QPlainTextEdit>

// The JSON view of the parameter editor: a plain-text editor with line numbers in a
// gutter and JSON syntax highlighting. It never changes the text by itself: a parse error
// is shown (line and column) next to the text, which stays as typed.
class JsonCodeEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit JsonCodeEditor(QWidget *parent = nullptr);
    ~JsonCodeEditor() override;

    // Marks lines (1-based) with a message each (ComfyUI's node_errors); shown as a
    // coloured line background and a tooltip on the line and in the gutter.
    void setLineMarks(const QMap<int, QString> &marks);
    void clearLineMarks() { setLineMarks({}); }
    QMap<int, QString> lineMarks() const;

    // A parse error at line/column (1-based), or none (line 0): underlines the place.
    void setParseError(int line, int column, const QString &message);
    int parseErrorLine() const;
    int parseErrorColumn() const;
    QString parseErrorMessage() const;

    // What hovering the line (or its number in the gutter) shows: the line's mark and the
    // parse error on it, if any; empty for a line with neither. Line is 1-based.
    QString lineMessage(int line) const;

    // The width of the line-number gutter, for the viewport margin.
    int gutterWidth() const;

private:
    class Private;
    Private *d;
};
