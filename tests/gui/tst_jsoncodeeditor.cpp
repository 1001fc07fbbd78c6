// The JSON view as a user sees it: line numbers in a gutter, colours, ComfyUI's node
// errors on their lines and a parse error underlined, the text never changed by any of it.
#include "jsoncodeeditor.h"

#include <QElapsedTimer>
#include <QHelpEvent>
#include <QImage>
#include <QTest>
#include <QTextBlock>
#include <QToolTip>

namespace {

// Set COMFYDESK_SCREENSHOT_DIR to keep a picture for a person to look at.
void keepScreenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("COMFYDESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// Three lines: an object holding a key of each kind of value.
const QString Json3 = QStringLiteral("{\n  \"seed\": 42, \"cfg\": 7.5, \"ok\": true,"
                                     " \"name\": \"KSampler\"\n}");

QWidget *gutterOf(JsonCodeEditor &editor)
{
    return editor.findChild<QWidget *>(QStringLiteral("lineNumberGutter"));
}

// The rows of the gutter beside a line, in gutter (= viewport) coordinates.
QRect rowOf(JsonCodeEditor &editor, int line)
{
    QTextCursor cursor(editor.document()->findBlockByNumber(line - 1));
    const QRect r = editor.cursorRect(cursor);
    return QRect(0, r.top(), gutterOf(editor)->width(), r.height());
}

// Pixels in a row of the gutter that differ from the gutter's background.
int inkIn(const QImage &image, const QRect &row, const QColor &background)
{
    int ink = 0;
    for (int y = qMax(0, row.top()); y <= qMin(image.height() - 1, row.bottom()); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixelColor(x, y) != background)
                ++ink;
        }
    }
    return ink;
}

// Pixels in the marker column (left of the numbers) beside a line.
int markerInkIn(JsonCodeEditor &editor, const QImage &image, const QRect &row)
{
    const int markerColumn = 4 + QFontMetrics(editor.font()).height() * 6 / 10;
    const QColor background = editor.palette().color(QPalette::AlternateBase);
    return inkIn(image.copy(0, 0, markerColumn, image.height()), row, background);
}

QColor foregroundAt(const QTextBlock &block, int position)
{
    const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : formats) {
        if (position >= range.start && position < range.start + range.length)
            return range.format.foreground().color();
    }
    return {};
}

} // namespace

class TestJsonCodeEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gutterNumbersEveryLine()
    {
        JsonCodeEditor editor;
        editor.resize(500, 300);
        editor.setPlainText(Json3);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QCOMPARE(editor.blockCount(), 3);
        QVERIFY(editor.gutterWidth() > 0);
        QWidget *gutter = gutterOf(editor);
        QVERIFY(gutter);
        QCOMPARE(gutter->width(), editor.gutterWidth());
        QVERIFY(gutter->isVisible());
        // The text starts right of the gutter.
        QVERIFY(editor.viewport()->geometry().left() >= gutter->geometry().right());

        // Without the hairline on the gutter's right edge.
        const QImage grabbed = gutter->grab().toImage();
        const QImage image = grabbed.copy(0, 0, grabbed.width() - 1, grabbed.height());
        const QColor background = editor.palette().color(QPalette::AlternateBase);
        for (int line = 1; line <= 3; ++line)
            QVERIFY2(inkIn(image, rowOf(editor, line), background) > 0,
                     qPrintable(QStringLiteral("no number on line %1").arg(line)));
        // Nothing under the last line.
        const QRect below = rowOf(editor, 3).translated(0, rowOf(editor, 3).height() * 2);
        QCOMPARE(inkIn(image, below, background), 0);
    }

    void gutterGrowsWithTheLineCount()
    {
        JsonCodeEditor editor;
        editor.setPlainText(Json3);
        const int small = editor.gutterWidth();
        editor.setPlainText(QStringLiteral("\n").repeated(12345));
        QVERIFY(editor.gutterWidth() > small);
        QCOMPARE(gutterOf(editor)->width(), editor.gutterWidth());
    }

    void usesAMonospaceFontAndFourSpaceTabs()
    {
        JsonCodeEditor editor;
        const QFontMetrics metrics(editor.font());
        QCOMPARE(metrics.horizontalAdvance(QLatin1Char('i')),
                 metrics.horizontalAdvance(QLatin1Char('W')));
        QCOMPARE(editor.tabStopDistance(), 4.0 * metrics.horizontalAdvance(QLatin1Char(' ')));
        QCOMPARE(editor.accessibleName(), QStringLiteral("JSON editor"));
        QVERIFY(!editor.accessibleDescription().isEmpty());
        QVERIFY(!gutterOf(editor)->accessibleName().isEmpty());
        QVERIFY(!gutterOf(editor)->accessibleDescription().isEmpty());
    }

    void coloursKeysStringsNumbersAndKeywords()
    {
        JsonCodeEditor editor;
        editor.setPlainText(Json3);
        const QTextBlock line = editor.document()->findBlockByNumber(1);
        const QString text = line.text();
        const QColor key = foregroundAt(line, int(text.indexOf(QLatin1String("\"seed\""))));
        const QColor number = foregroundAt(line, int(text.indexOf(QLatin1String("42"))));
        const QColor keyword = foregroundAt(line, int(text.indexOf(QLatin1String("true"))));
        const QColor string = foregroundAt(line, int(text.indexOf(QLatin1String("\"KSa"))));
        const QColor colon = foregroundAt(line, int(text.indexOf(QLatin1Char(':'))));
        const QList<QColor> all{key, number, keyword, string, colon};
        for (const QColor &c : all)
            QVERIFY(c.isValid());
        for (int i = 0; i < all.size(); ++i) {
            for (int j = i + 1; j < all.size(); ++j)
                QVERIFY2(all[i] != all[j], qPrintable(QStringLiteral("%1 == %2").arg(i).arg(j)));
        }
        // A "name" key is a key even with a string value after it.
        QCOMPARE(foregroundAt(line, int(text.indexOf(QLatin1String("\"name\"")))), key);
        // On a light base, dark text.
        QVERIFY(key.lightness() < 128);
    }

    void coloursReadOnADarkPalette()
    {
        JsonCodeEditor editor;
        QPalette dark = editor.palette();
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xdd, 0xdd, 0xdd));
        editor.setPalette(dark);
        editor.setPlainText(Json3);
        const QTextBlock line = editor.document()->findBlockByNumber(1);
        const QColor key = foregroundAt(line, int(line.text().indexOf(QLatin1Char('"'))));
        QVERIFY(key.lightness() > 128);
        const QColor string = foregroundAt(line, int(line.text().indexOf(QLatin1String("\"KSa"))));
        QVERIFY(string.lightness() > 128);
    }

    void nodeErrorsMarkTheirLines()
    {
        JsonCodeEditor editor;
        editor.resize(500, 300);
        editor.setPlainText(Json3);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const QString message = QStringLiteral("Value 0 smaller than min of 1");
        editor.setLineMarks({{2, message}});
        QCOMPARE(editor.lineMarks().value(2), message);
        QCOMPARE(editor.lineMarks().size(), 1);

        bool marked = false;
        for (const QTextEdit::ExtraSelection &selection : editor.extraSelections()) {
            if (selection.cursor.blockNumber() == 1
                && selection.format.property(QTextFormat::FullWidthSelection).toBool()
                && selection.format.background().style() != Qt::NoBrush)
                marked = true;
        }
        QVERIFY(marked);
        QCOMPARE(editor.lineMessage(2), message);
        QVERIFY(editor.lineMessage(1).isEmpty());
        // A screen reader hears it too.
        QVERIFY(editor.accessibleDescription().contains(message));

        // The gutter shows a marker beside line 2 only.
        const QImage image = gutterOf(editor)->grab().toImage();
        QVERIFY(markerInkIn(editor, image, rowOf(editor, 2)) > 0);
        QCOMPARE(markerInkIn(editor, image, rowOf(editor, 1)), 0);
        QCOMPARE(markerInkIn(editor, image, rowOf(editor, 3)), 0);

        // Hovering the line shows the message.
        const QPoint onLine2 = rowOf(editor, 2).center() + QPoint(40, 0);
        QHelpEvent hover(QEvent::ToolTip, onLine2, editor.viewport()->mapToGlobal(onLine2));
        QCoreApplication::sendEvent(editor.viewport(), &hover);
        QTRY_COMPARE(QToolTip::text(), message);
        QToolTip::hideText();
        // And hovering its number in the gutter.
        QWidget *gutter = gutterOf(editor);
        const QPoint onNumber = rowOf(editor, 2).center();
        QHelpEvent hoverGutter(QEvent::ToolTip, onNumber, gutter->mapToGlobal(onNumber));
        QCoreApplication::sendEvent(gutter, &hoverGutter);
        QTRY_COMPARE(QToolTip::text(), message);

        editor.setParseError(3, 1, QStringLiteral("Expecting ',' delimiter"));
        keepScreenshot(editor, QStringLiteral("jsoncodeeditor-marks"));
        QPalette dark = editor.palette();
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2a));
        dark.setColor(QPalette::Text, QColor(0xdd, 0xdd, 0xdd));
        dark.setColor(QPalette::PlaceholderText, QColor(0x88, 0x88, 0x88));
        editor.setPalette(dark);
        keepScreenshot(editor, QStringLiteral("jsoncodeeditor-marks-dark"));
        editor.setParseError(0, 0, {});

        editor.clearLineMarks();
        QVERIFY(editor.lineMarks().isEmpty());
        for (const QTextEdit::ExtraSelection &selection : editor.extraSelections())
            QVERIFY(selection.cursor.blockNumber() != 1);
        QCOMPARE(editor.toPlainText(), Json3);
    }

    void parseErrorUnderlinesItsPlaceWithoutTouchingTheText()
    {
        JsonCodeEditor editor;
        editor.setPlainText(Json3);
        editor.document()->setModified(false);
        editor.setParseError(2, 5, QStringLiteral("Expecting ',' delimiter"));
        QCOMPARE(editor.parseErrorLine(), 2);
        QCOMPARE(editor.parseErrorColumn(), 5);

        const QTextBlock block = editor.document()->findBlockByNumber(1);
        bool underlined = false;
        for (const QTextEdit::ExtraSelection &selection : editor.extraSelections()) {
            if (selection.format.underlineStyle() == QTextCharFormat::WaveUnderline) {
                // From the column to the end of the token there: ["seed":] from its 'e'.
                QCOMPARE(selection.cursor.selectionStart(), block.position() + 4);
                QCOMPARE(selection.cursor.selectionEnd(), block.position() + 9);
                underlined = true;
            }
        }
        QVERIFY(underlined);
        QVERIFY(editor.lineMessage(2).contains(QLatin1String("Expecting ',' delimiter")));
        QVERIFY(editor.lineMessage(2).contains(QLatin1String("column 5")));
        QCOMPARE(editor.toPlainText(), Json3);
        QVERIFY(!editor.document()->isModified());

        // Line 0 clears it.
        editor.setParseError(0, 0, {});
        QCOMPARE(editor.parseErrorLine(), 0);
        for (const QTextEdit::ExtraSelection &selection : editor.extraSelections())
            QVERIFY(selection.format.underlineStyle() != QTextCharFormat::WaveUnderline);
        QVERIFY(editor.lineMessage(2).isEmpty());
        QCOMPARE(editor.toPlainText(), Json3);
    }

    void parseErrorPastTheEndOfALineStillShows()
    {
        JsonCodeEditor editor;
        editor.setPlainText(Json3);
        editor.setParseError(1, 80, QStringLiteral("Unterminated object"));
        const QTextBlock block = editor.document()->findBlockByNumber(0);
        bool underlined = false;
        for (const QTextEdit::ExtraSelection &selection : editor.extraSelections()) {
            if (selection.format.underlineStyle() == QTextCharFormat::WaveUnderline) {
                QCOMPARE(selection.cursor.selectionStart(), block.position());
                QCOMPARE(selection.cursor.selectionEnd(), block.position() + 1);
                underlined = true;
            }
        }
        QVERIFY(underlined);
    }

    void loadsAMegabyteQuickly()
    {
        // A large API-format graph: many nodes with long prompt strings.
        QString json = QStringLiteral("{\n");
        int node = 0;
        while (json.size() < 1024 * 1024) {
            json += QStringLiteral("  \"%1\": {\n    \"inputs\": {\n      \"seed\": "
                                   "18446744073709551615,\n      \"cfg\": 7.5,\n"
                                   "      \"text\": \"a photograph of a cat, %2\",\n"
                                   "      \"model\": [\"4\", 0],\n      \"tiled\": false\n"
                                   "    },\n    \"class_type\": \"KSampler\"\n  },\n")
                        .arg(++node)
                        .arg(QStringLiteral("highly detailed ").repeated(8));
        }
        json += QStringLiteral("  \"end\": null\n}\n");
        JsonCodeEditor editor;
        editor.resize(800, 600);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));

        QElapsedTimer timer;
        timer.start();
        editor.setPlainText(json);
        editor.repaint();
        const qint64 loadMs = timer.elapsed();

        // One keystroke in the middle: only its line is coloured again.
        QTextCursor cursor(editor.document()->findBlockByNumber(editor.blockCount() / 2));
        editor.setTextCursor(cursor);
        editor.centerCursor();
        timer.restart();
        QTest::keyClick(editor.viewport(), Qt::Key_Space);
        editor.repaint();
        const qint64 keyMs = timer.elapsed();
        timer.restart();
        editor.setLineMarks({{editor.blockCount() / 2, QStringLiteral("mark")}});
        editor.setParseError(editor.blockCount() - 1, 3, QStringLiteral("error"));
        editor.repaint();
        const qint64 markMs = timer.elapsed();
        qInfo("1 MB JSON (%d chars, %d lines): load and paint %lld ms, keystroke %lld ms, "
              "marks %lld ms",
              int(json.size()), editor.blockCount(), loadMs, keyMs, markMs);
        QCOMPARE(editor.toPlainText().size(), json.size() + 1);
        // Generous bounds against a slow, shared machine; the figures above are the measure.
        // A keystroke or a mark costs a small part of the load, whatever the machine's
        // speed: nothing re-colours or re-lays out the whole document for them.
        QVERIFY(loadMs < 10000);
        QVERIFY2(keyMs < qMax<qint64>(100, loadMs / 4), qPrintable(QString::number(keyMs)));
        QVERIFY2(markMs < qMax<qint64>(100, loadMs / 4), qPrintable(QString::number(markMs)));
    }
};

QTEST_MAIN(TestJsonCodeEditor)
#include "tst_jsoncodeeditor.moc"
