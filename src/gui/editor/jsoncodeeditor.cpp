#include "jsoncodeeditor.h"

#include "jsonhighlighter.h"

#include <QFile>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QIcon>
#include <QMap>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

namespace {

// The line-number gutter: a plain child widget beside the viewport (the viewport's left
// margin leaves room for it). The editor paints it and answers its tooltips, through an
// event filter, because only the editor knows where each block is on screen.
class Gutter : public QWidget
{
public:
    explicit Gutter(JsonCodeEditor *editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->gutterWidth(), 0}; }

private:
    JsonCodeEditor *m_editor;
};

QColor blend(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * amountOfB,
                            a.greenF() + (b.greenF() - a.greenF()) * amountOfB,
                            a.blueF() + (b.blueF() - a.blueF()) * amountOfB);
}

const QColor ErrorRed(0xe0, 0x1b, 0x24);

} // namespace

class JsonCodeEditor::Private : public QObject
{
public:
    explicit Private(JsonCodeEditor *editor) : q(editor) {}

    JsonCodeEditor *q;
    Gutter *gutter = nullptr;
    JsonHighlighter *highlighter = nullptr;
    QMap<int, QString> marks;
    int errorLine = 0;
    int errorColumn = 0;
    QString errorMessage;
    QIcon errorIcon; // null until the icon set has one: a drawn dot instead

    void applyFont();
    void applyPalette();
    void updateGutterWidth();
    void updateGutterArea(const QRect &rect, int dy);
    void placeGutter();
    void updateExtraSelections();
    void updateAccessibleDescription();
    void paintGutter(QPaintEvent *event);
    int lineAtGutterY(int y) const;
    bool showToolTip(QHelpEvent *event, int line, QWidget *widget);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

void JsonCodeEditor::Private::applyFont()
{
    // A tab is as wide as four spaces, the indentation ComfyUI and most tools write.
    q->setTabStopDistance(4 * q->fontMetrics().horizontalAdvance(QLatin1Char(' ')));
    gutter->setFont(q->font());
    updateGutterWidth();
}

void JsonCodeEditor::Private::applyPalette()
{
    highlighter->setBaseColor(q->palette().color(QPalette::Base));
    updateExtraSelections();
    gutter->update();
}

void JsonCodeEditor::Private::updateGutterWidth()
{
    q->setViewportMargins(q->gutterWidth(), 0, 0, 0);
    placeGutter();
}

void JsonCodeEditor::Private::placeGutter()
{
    const QRect cr = q->contentsRect();
    gutter->setGeometry(QRect(cr.left(), cr.top(), q->gutterWidth(), cr.height()));
}

void JsonCodeEditor::Private::updateGutterArea(const QRect &rect, int dy)
{
    // Scrolling moves the painted numbers; any other repaint of the text repaints the
    // numbers beside it (the current line's number is drawn brighter).
    if (dy)
        gutter->scroll(0, dy);
    else
        gutter->update(0, rect.y(), gutter->width(), rect.height());
    if (rect.contains(q->viewport()->rect()))
        updateGutterWidth();
}

void JsonCodeEditor::Private::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    const QColor base = q->palette().color(QPalette::Base);
    const bool dark = base.lightness() < 128;

    if (!q->isReadOnly()) {
        // Subtle: a few percent of the highlight colour, so marks still stand out over it.
        QTextEdit::ExtraSelection current;
        current.format.setBackground(
            blend(base, q->palette().color(QPalette::Highlight), dark ? 0.18 : 0.10));
        current.format.setProperty(QTextFormat::FullWidthSelection, true);
        current.cursor = q->textCursor();
        current.cursor.clearSelection();
        selections.append(current);
    }

    const QColor markColor = blend(base, ErrorRed, dark ? 0.35 : 0.18);
    const QTextDocument *document = q->document();
    for (auto it = marks.cbegin(); it != marks.cend(); ++it) {
        const QTextBlock block = document->findBlockByNumber(it.key() - 1);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection mark;
        mark.format.setBackground(markColor);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(block);
        selections.append(mark);
    }

    if (errorLine > 0) {
        const QTextBlock block = document->findBlockByNumber(errorLine - 1);
        if (block.isValid()) {
            // The token that starts at the column (up to the next space), so a wave under
            // one narrow character like "}" is still easy to see; past the end of the
            // line, its last character, so "unexpected end" still shows somewhere.
            const QString text = block.text();
            const int length = int(text.size());
            const int start = qBound(0, errorColumn - 1, qMax(0, length - 1));
            int end = qMin(start + 1, length);
            while (end < length && !text.at(end).isSpace() && !text.at(start).isSpace())
                ++end;
            QTextEdit::ExtraSelection error;
            error.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            error.format.setUnderlineColor(dark ? ErrorRed.lighter(140) : ErrorRed);
            error.cursor = QTextCursor(block);
            error.cursor.setPosition(block.position() + start);
            error.cursor.setPosition(block.position() + end, QTextCursor::KeepAnchor);
            selections.append(error);
        }
    }
    q->setExtraSelections(selections);
}

void JsonCodeEditor::Private::updateAccessibleDescription()
{
    // A screen reader cannot hover a line: the errors are part of the description.
    QString description =
        JsonCodeEditor::tr("The workflow's graph in ComfyUI's API format, as editable JSON "
                           "text; lines with errors are tinted, hover them to read the error");
    QStringList errors;
    for (auto it = marks.cbegin(); it != marks.cend(); ++it)
        errors.append(JsonCodeEditor::tr("line %1: %2").arg(it.key()).arg(it.value()));
    if (errorLine > 0)
        errors.append(q->lineMessage(errorLine).split(QLatin1Char('\n')).constLast());
    if (!errors.isEmpty())
        description += QLatin1Char('\n') + JsonCodeEditor::tr("Errors: %1")
                                                 .arg(errors.join(QStringLiteral("; ")));
    q->setAccessibleDescription(description);
}

void JsonCodeEditor::Private::paintGutter(QPaintEvent *event)
{
    QPainter painter(gutter);
    const QPalette palette = q->palette();
    painter.fillRect(event->rect(), palette.color(QPalette::AlternateBase));
    // A hairline between the numbers and the text, so the gutter reads as apart from it.
    painter.setPen(palette.color(QPalette::Mid));
    painter.drawLine(gutter->width() - 1, event->rect().top(), gutter->width() - 1,
                     event->rect().bottom());

    const QFontMetrics metrics = q->fontMetrics();
    const int markerSize = metrics.height() * 6 / 10;
    const int margin = 4;
    const int currentBlock = q->textCursor().blockNumber();
    const QColor dim = palette.color(QPalette::PlaceholderText);
    const QColor bright = palette.color(QPalette::Text);

    QTextBlock block = q->firstVisibleBlock();
    int number = block.blockNumber();
    qreal top = q->blockBoundingGeometry(block).translated(q->contentOffset()).top();
    qreal bottom = top + q->blockBoundingRect(block).height();
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const int line = number + 1;
            const int y = qRound(top);
            const int lineHeight = metrics.height();
            if (marks.contains(line) || errorLine == line) {
                const QRect marker(margin, y + (lineHeight - markerSize) / 2, markerSize,
                                   markerSize);
                if (!errorIcon.isNull()) {
                    errorIcon.paint(&painter, marker);
                } else {
                    painter.save();
                    painter.setRenderHint(QPainter::Antialiasing);
                    painter.setPen(Qt::NoPen);
                    painter.setBrush(ErrorRed);
                    painter.drawEllipse(marker);
                    painter.restore();
                }
            }
            painter.setPen(number == currentBlock ? bright : dim);
            painter.drawText(0, y, gutter->width() - margin, lineHeight, Qt::AlignRight,
                             QString::number(line));
        }
        block = block.next();
        top = bottom;
        bottom = top + q->blockBoundingRect(block).height();
        ++number;
    }
}

int JsonCodeEditor::Private::lineAtGutterY(int y) const
{
    // The gutter's y is the viewport's y: both start at the top of the contents rect.
    QTextBlock block = q->firstVisibleBlock();
    qreal top = q->blockBoundingGeometry(block).translated(q->contentOffset()).top();
    while (block.isValid()) {
        const qreal bottom = top + q->blockBoundingRect(block).height();
        if (y >= top && y < bottom)
            return block.blockNumber() + 1;
        if (top > y)
            break;
        top = bottom;
        block = block.next();
    }
    return 0;
}

bool JsonCodeEditor::Private::showToolTip(QHelpEvent *event, int line, QWidget *widget)
{
    const QString text = line > 0 ? q->lineMessage(line) : QString();
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
    } else {
        QToolTip::showText(event->globalPos(), text, widget);
    }
    return true;
}

bool JsonCodeEditor::Private::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == gutter) {
        if (event->type() == QEvent::Paint) {
            paintGutter(static_cast<QPaintEvent *>(event));
            return true;
        }
        if (event->type() == QEvent::ToolTip) {
            auto *help = static_cast<QHelpEvent *>(event);
            return showToolTip(help, lineAtGutterY(help->pos().y()), gutter);
        }
    } else if (watched == q->viewport()) {
        if (event->type() == QEvent::ToolTip) {
            auto *help = static_cast<QHelpEvent *>(event);
            // Below the last line there is no line to explain.
            return showToolTip(help, lineAtGutterY(help->pos().y()), q->viewport());
        }
    } else if (watched == q) {
        switch (event->type()) {
        case QEvent::Resize:
            placeGutter();
            break;
        case QEvent::FontChange:
            applyFont();
            break;
        case QEvent::PaletteChange:
        case QEvent::StyleChange:
            applyPalette();
            break;
        case QEvent::ReadOnlyChange:
            updateExtraSelections();
            break;
        default:
            break;
        }
    }
    return false;
}

JsonCodeEditor::JsonCodeEditor(QWidget *parent) : QPlainTextEdit(parent), d(new Private(this))
{
    d->gutter = new Gutter(this);
    d->gutter->setObjectName(QStringLiteral("lineNumberGutter"));
    d->gutter->setAccessibleName(tr("Line numbers"));
    d->gutter->setAccessibleDescription(
        tr("The number of each line of the JSON text, with a marker on lines that have an "
           "error; hover a marker to read the error"));
    d->highlighter = new JsonHighlighter(document());
    const QString errorIconPath = QStringLiteral(":/icons/error.svg");
    if (QFile::exists(errorIconPath))
        d->errorIcon = QIcon(errorIconPath);

    setAccessibleName(tr("JSON editor"));
    d->updateAccessibleDescription();
    // JSON is code: long lines scroll rather than wrap, so the indentation stays readable.
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    d->gutter->installEventFilter(d);
    viewport()->installEventFilter(d);
    installEventFilter(d);

    connect(this, &QPlainTextEdit::blockCountChanged, d, [this] { d->updateGutterWidth(); });
    connect(this, &QPlainTextEdit::updateRequest, d,
            [this](const QRect &rect, int dy) { d->updateGutterArea(rect, dy); });
    connect(this, &QPlainTextEdit::cursorPositionChanged, d, [this] {
        d->updateExtraSelections();
        d->gutter->update();
    });

    d->applyFont();
    d->applyPalette();
}

JsonCodeEditor::~JsonCodeEditor()
{
    // The filters go first: deleting the children below must not reach a deleted d.
    d->gutter->removeEventFilter(d);
    viewport()->removeEventFilter(d);
    removeEventFilter(d);
    delete d;
}

void JsonCodeEditor::setLineMarks(const QMap<int, QString> &marks)
{
    d->marks.clear();
    for (auto it = marks.cbegin(); it != marks.cend(); ++it) {
        if (it.key() > 0)
            d->marks.insert(it.key(), it.value());
    }
    d->updateExtraSelections();
    d->updateAccessibleDescription();
    d->gutter->update();
}

QMap<int, QString> JsonCodeEditor::lineMarks() const { return d->marks; }

void JsonCodeEditor::setParseError(int line, int column, const QString &message)
{
    d->errorLine = qMax(0, line);
    d->errorColumn = d->errorLine ? qMax(1, column) : 0;
    d->errorMessage = d->errorLine ? message : QString();
    d->updateExtraSelections();
    d->updateAccessibleDescription();
    d->gutter->update();
}

int JsonCodeEditor::parseErrorLine() const { return d->errorLine; }
int JsonCodeEditor::parseErrorColumn() const { return d->errorColumn; }
QString JsonCodeEditor::parseErrorMessage() const { return d->errorMessage; }

QString JsonCodeEditor::lineMessage(int line) const
{
    QStringList parts;
    const auto mark = d->marks.constFind(line);
    if (mark != d->marks.cend())
        parts.append(*mark);
    if (line > 0 && line == d->errorLine) {
        parts.append(tr("Line %1, column %2: %3")
                         .arg(d->errorLine)
                         .arg(d->errorColumn)
                         .arg(d->errorMessage));
    }
    return parts.join(QLatin1Char('\n'));
}

int JsonCodeEditor::gutterWidth() const
{
    // Room for a marker, the digits of the last line number (at least two, so the text
    // does not jump sideways at line 10) and a little padding on both sides.
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    digits = qMax(2, digits);
    const QFontMetrics metrics = fontMetrics();
    return 4 + metrics.height() * 6 / 10 + 4
           + digits * metrics.horizontalAdvance(QLatin1Char('9')) + 4;
}
