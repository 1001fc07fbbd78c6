#include "jsoncodeeditor.h"

#include <QMap>

// Placeholder until the real editor (gutter, highlighting, marks) lands.
class JsonCodeEditor::Private
{
public:
    QMap<int, QString> marks;
    int errorLine = 0;
};

JsonCodeEditor::JsonCodeEditor(QWidget *parent) : QPlainTextEdit(parent), d(new Private) {}
JsonCodeEditor::~JsonCodeEditor() { delete d; }
void JsonCodeEditor::setLineMarks(const QMap<int, QString> &marks) { d->marks = marks; }
QMap<int, QString> JsonCodeEditor::lineMarks() const { return d->marks; }
void JsonCodeEditor::setParseError(int line, int, const QString &) { d->errorLine = line; }
int JsonCodeEditor::parseErrorLine() const { return d->errorLine; }
int JsonCodeEditor::gutterWidth() const { return 0; }
