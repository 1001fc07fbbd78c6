// The seed editor as a user sees it: every one of the 2^64 seeds kept digit for digit,
// typing that cannot be a seed refused, and the seed's fate after each run.
#include "seededit.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

namespace {

// Set COMFYDESK_SCREENSHOT_DIR to keep a picture for a person to look at.
void keepScreenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("COMFYDESK_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

const QString Max = QStringLiteral("18446744073709551615");

QLineEdit *field(SeedEdit &seed)
{
    return seed.findChild<QLineEdit *>(QStringLiteral("seedLineEdit"));
}

// The error icon inside the field, shown when the typing is not a usable seed.
QAction *errorAction(SeedEdit &seed)
{
    const QList<QAction *> actions = field(seed)->actions();
    return actions.isEmpty() ? nullptr : actions.first();
}

// Whether the user sees the error icon: the action and its button in the field.
bool errorShown(SeedEdit &seed)
{
    QAction *action = errorAction(seed);
    bool buttonShown = false;
    for (QToolButton *button : field(seed)->findChildren<QToolButton *>()) {
        if (button->defaultAction() == action)
            buttonShown = button->isVisibleTo(&seed);
    }
    if (action->isVisible() != buttonShown)
        qWarning("error action and its button disagree");
    return action->isVisible() && buttonShown;
}

void typeInto(SeedEdit &seed, const QString &text)
{
    QLineEdit *edit = field(seed);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace

class TestSeedEdit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startsAtZeroFixed()
    {
        SeedEdit seed;
        QCOMPARE(seed.text(), QStringLiteral("0"));
        QCOMPARE(field(seed)->text(), QStringLiteral("0"));
        QCOMPARE(seed.mode(), SeedEdit::Mode::Fixed);
    }

    void keepsTheLargestSeedExactly()
    {
        SeedEdit seed;
        QSignalSpy changed(&seed, &SeedEdit::textChanged);
        QVERIFY(seed.setText(Max));
        QCOMPARE(seed.text(), Max);
        QCOMPARE(field(seed)->text(), Max);
        keepScreenshot(seed, QStringLiteral("seededit-max"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toString(), Max);
        QVERIFY(!errorShown(seed));
    }

    void refusesWhatIsNotASeed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("2^64") << QStringLiteral("18446744073709551616");
        QTest::newRow("far too big") << QStringLiteral("99999999999999999999999");
        QTest::newRow("letters") << QStringLiteral("12a");
        QTest::newRow("negative") << QStringLiteral("-1");
        QTest::newRow("space") << QStringLiteral(" 12");
        QTest::newRow("decimal") << QStringLiteral("1.5");
        QTest::newRow("empty") << QString();
    }

    void refusesWhatIsNotASeed()
    {
        QFETCH(QString, text);
        SeedEdit seed;
        QVERIFY(seed.setText(QStringLiteral("42")));
        QSignalSpy changed(&seed, &SeedEdit::textChanged);
        QVERIFY(!seed.setText(text));
        QCOMPARE(seed.text(), QStringLiteral("42"));
        QCOMPARE(field(seed)->text(), QStringLiteral("42"));
        QCOMPARE(changed.size(), 0);
    }

    void typingRefusesNonDigitsAndOverflow()
    {
        SeedEdit seed;
        typeInto(seed, QStringLiteral("12a"));
        QCOMPARE(field(seed)->text(), QStringLiteral("12"));
        QCOMPARE(seed.text(), QStringLiteral("12"));

        typeInto(seed, Max);
        QCOMPARE(seed.text(), Max);
        // One digit more would pass 2^64-1: the keystroke is refused, the value stays.
        QTest::keyClick(field(seed), Qt::Key_0);
        QCOMPARE(field(seed)->text(), Max);
        QCOMPARE(seed.text(), Max);

        typeInto(seed, QStringLiteral("18446744073709551616"));
        QCOMPARE(field(seed)->text(), QStringLiteral("1844674407370955161"));
        QCOMPARE(seed.text(), QStringLiteral("1844674407370955161"));
    }

    void typingBelowTheRangeShowsWhyAndRevertsOnEnter()
    {
        SeedEdit seed;
        seed.setRange(QStringLiteral("5"), QStringLiteral("20"));
        QVERIFY(seed.setText(QStringLiteral("6")));
        typeInto(seed, QStringLiteral("3"));
        QCOMPARE(field(seed)->text(), QStringLiteral("3"));
        QCOMPARE(seed.text(), QStringLiteral("6"));
        QVERIFY(errorShown(seed));
        QVERIFY(errorAction(seed)->toolTip().contains(QLatin1String("from 5 to 20")));
        QVERIFY(field(seed)->toolTip().contains(QLatin1String("from 5 to 20")));
        keepScreenshot(seed, QStringLiteral("seededit-below-range"));

        // Above the maximum cannot even be typed.
        QTest::keyClick(field(seed), Qt::Key_9);
        QCOMPARE(field(seed)->text(), QStringLiteral("3"));

        QTest::keyClick(field(seed), Qt::Key_Return);
        QCOMPARE(field(seed)->text(), QStringLiteral("6"));
        QCOMPARE(seed.text(), QStringLiteral("6"));
        QVERIFY(!errorShown(seed));
    }

    void leadingZerosGiveTheCanonicalSeed()
    {
        SeedEdit seed;
        typeInto(seed, QStringLiteral("007"));
        QCOMPARE(seed.text(), QStringLiteral("7"));
        QTest::keyClick(field(seed), Qt::Key_Return);
        QCOMPARE(field(seed)->text(), QStringLiteral("7"));
    }

    void fixedKeepsTheSeed()
    {
        SeedEdit seed;
        QVERIFY(seed.setText(Max));
        QSignalSpy changed(&seed, &SeedEdit::textChanged);
        seed.advance();
        QCOMPARE(seed.text(), Max);
        QCOMPARE(changed.size(), 0);
    }

    void incrementWrapsFromTheMaximumToTheMinimum()
    {
        SeedEdit seed;
        seed.setMode(SeedEdit::Mode::Increment);
        QVERIFY(seed.setText(QStringLiteral("18446744073709551614")));
        QSignalSpy changed(&seed, &SeedEdit::textChanged);
        seed.advance();
        QCOMPARE(seed.text(), Max);
        seed.advance();
        QCOMPARE(seed.text(), QStringLiteral("0"));
        QCOMPARE(field(seed)->text(), QStringLiteral("0"));
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.last().first().toString(), QStringLiteral("0"));

        seed.setRange(QStringLiteral("5"), QStringLiteral("7"));
        QVERIFY(seed.setText(QStringLiteral("7")));
        seed.advance();
        QCOMPARE(seed.text(), QStringLiteral("5"));
    }

    void randomStaysInASmallRange()
    {
        SeedEdit seed;
        seed.setRange(QStringLiteral("5"), QStringLiteral("7"));
        QVERIFY(seed.setText(QStringLiteral("5")));
        seed.setMode(SeedEdit::Mode::Random);
        QSet<QString> seen;
        for (int i = 0; i < 1000; ++i) {
            seed.advance();
            const QString value = seed.text();
            QVERIFY2(value == QLatin1String("5") || value == QLatin1String("6")
                         || value == QLatin1String("7"),
                     qPrintable(value));
            QCOMPARE(field(seed)->text(), value);
            seen.insert(value);
        }
        QCOMPARE(seen.size(), 3);
    }

    void randomCoversTheWholeRangeAndTheTopOfIt()
    {
        SeedEdit seed;
        seed.setMode(SeedEdit::Mode::Random);
        QSet<QString> seen;
        bool large = false;
        for (int i = 0; i < 200; ++i) {
            seed.advance();
            seen.insert(seed.text());
            // 20 digits: at least 10^19, above 2^63, so the top of the 64-bit range is
            // reached (about 46% of draws; all 200 missing it is 1 in 10^53).
            if (seed.text().size() == 20)
                large = true;
        }
        QVERIFY(seen.size() > 190);
        QVERIFY(large);

        seed.setRange(QStringLiteral("18446744073709551614"), Max);
        for (int i = 0; i < 50; ++i) {
            seed.advance();
            QVERIFY(seed.text() == Max || seed.text() == QLatin1String("18446744073709551614"));
        }
    }

    void diceButtonPicksARandomSeedInRange()
    {
        SeedEdit seed;
        seed.setRange(QStringLiteral("100"), QStringLiteral("101"));
        QVERIFY(seed.setText(QStringLiteral("100")));
        auto *dice = seed.findChild<QToolButton *>(QStringLiteral("seedRandomButton"));
        QVERIFY(dice);
        for (int i = 0; i < 20; ++i) {
            dice->click();
            QVERIFY(seed.text() == QLatin1String("100") || seed.text() == QLatin1String("101"));
        }
        QCOMPARE(seed.mode(), SeedEdit::Mode::Fixed);
    }

    void arrowKeysStepByOneExactly()
    {
        SeedEdit seed;
        QVERIFY(seed.setText(QStringLiteral("18446744073709551613")));
        QLineEdit *edit = field(seed);
        QTest::keyClick(edit, Qt::Key_Up);
        QCOMPARE(edit->text(), QStringLiteral("18446744073709551614"));
        QTest::keyClick(edit, Qt::Key_Up);
        QCOMPARE(seed.text(), Max);
        QTest::keyClick(edit, Qt::Key_Up); // stops at the maximum
        QCOMPARE(seed.text(), Max);
        QTest::keyClick(edit, Qt::Key_Down);
        QCOMPARE(edit->text(), QStringLiteral("18446744073709551614"));

        QVERIFY(seed.setText(QStringLiteral("1")));
        QTest::keyClick(edit, Qt::Key_Down);
        QCOMPARE(seed.text(), QStringLiteral("0"));
        QTest::keyClick(edit, Qt::Key_Down);
        QCOMPARE(seed.text(), QStringLiteral("0"));
    }

    void modeFromTheSelectorAndFromCode()
    {
        SeedEdit seed;
        auto *box = seed.findChild<QComboBox *>(QStringLiteral("seedModeBox"));
        QVERIFY(box);
        QCOMPARE(box->count(), 3);
        QSignalSpy changed(&seed, &SeedEdit::modeChanged);
        box->setCurrentIndex(2);
        QCOMPARE(seed.mode(), SeedEdit::Mode::Increment);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().value<SeedEdit::Mode>(), SeedEdit::Mode::Increment);
        seed.setMode(SeedEdit::Mode::Random);
        QCOMPARE(box->currentIndex(), 1);
        QCOMPARE(box->currentText(), QStringLiteral("Random"));
        QCOMPARE(changed.size(), 2);
        seed.setMode(SeedEdit::Mode::Random); // no change, no signal
        QCOMPARE(changed.size(), 2);
    }

    void aSeedOutsideTheServersRangeIsKeptAndMarked()
    {
        SeedEdit seed;
        seed.setRange(QStringLiteral("0"), QStringLiteral("1000"));
        QVERIFY(seed.setText(QStringLiteral("5000")));
        QCOMPARE(seed.text(), QStringLiteral("5000"));
        QVERIFY(errorShown(seed));
        seed.setMode(SeedEdit::Mode::Increment);
        seed.advance();
        QCOMPARE(seed.text(), QStringLiteral("0"));
        QVERIFY(!errorShown(seed));
    }

    void deletingItWhileItsUnfinishedFieldHasFocus()
    {
        // A form rebuilt while the user types: the field loses focus as it goes.
        QWidget window;
        auto *layout = new QHBoxLayout(&window);
        auto *seed = new SeedEdit(&window);
        auto *other = new QLineEdit(&window);
        layout->addWidget(seed);
        layout->addWidget(other);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        seed->setRange(QStringLiteral("5"), QStringLiteral("20"));
        seed->setFocus();
        QVERIFY(field(*seed)->hasFocus());
        typeInto(*seed, QStringLiteral("3"));
        delete seed;
        QVERIFY(other->isVisible());
    }

    void everyControlIsNamedForAssistiveTechnology()
    {
        SeedEdit seed;
        const QList<QWidget *> controls{field(seed),
                                        seed.findChild<QComboBox *>(),
                                        seed.findChild<QToolButton *>()};
        for (QWidget *control : controls) {
            QVERIFY(control);
            QVERIFY2(!control->accessibleName().isEmpty(), control->metaObject()->className());
            QVERIFY2(!control->accessibleDescription().isEmpty(),
                     control->metaObject()->className());
        }
    }
};

QTEST_MAIN(TestSeedEdit)
#include "tst_seededit.moc"
