#include "ftstext.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// Every search test runs against a real FTS5 table with the unicode61 tokenizer: what
// matters is what SQLite makes of the expressions, not how they look.
class TestFtsText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void indexableSplitsCjkOnly_data();
    void indexableSplitsCjkOnly();
    void expressionShape_data();
    void expressionShape();
    void nothingSearchable_data();
    void nothingSearchable();

    void englishWordsAndPrefixes();
    void chineseWordInsideSentence();
    void japaneseAndKorean();
    void hugeSeedFound();
    void hostileInputNeverAnSqlError_data();
    void hostileInputNeverAnSqlError();
    void strayPunctuationDoesNotEmptyTheResult();

private:
    // Row ids matching what a person typed; fails the test on an SQL error.
    QList<qint64> search(const QString &userText);
    void insert(qint64 rowId, const QString &text);

    QSqlDatabase m_db;
};

void TestFtsText::initTestCase()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst_ftstext"));
    m_db.setDatabaseName(QStringLiteral(":memory:"));
    QVERIFY2(m_db.open(), qPrintable(m_db.lastError().text()));
    QSqlQuery create(m_db);
    QVERIFY2(create.exec(QStringLiteral("CREATE VIRTUAL TABLE t USING fts5(body)")),
             qPrintable(create.lastError().text()));

    insert(1, QStringLiteral("A beautiful Landscape with a purple galaxy bottle, masterpiece"));
    insert(2, QStringLiteral("portrait of a cat, watercolor\nsteps 20 cfg 7.5"));
    insert(3, QStringLiteral("一只可爱的猫咪在窗台上睡觉，阳光明媚"));
    insert(4, QStringLiteral("可爱的小狗和猫"));
    insert(5, QStringLiteral("seed 18446744073709551615 euler normal"));
    insert(6, QStringLiteral("桜の木の下で、猫がねている。カメラ"));
    insert(7, QStringLiteral("고양이가 창가에서 잔다"));
    insert(8, QStringLiteral("dog-friendly park, don't \"quote\" me"));
}

void TestFtsText::cleanupTestCase()
{
    m_db.close();
    m_db = {};
    QSqlDatabase::removeDatabase(QStringLiteral("tst_ftstext"));
}

void TestFtsText::insert(qint64 rowId, const QString &text)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO t(rowid, body) VALUES (?, ?)"));
    query.addBindValue(rowId);
    query.addBindValue(FtsText::indexable(text));
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
}

QList<qint64> TestFtsText::search(const QString &userText)
{
    const QString expression = FtsText::matchExpression(userText);
    if (expression.isEmpty())
        return {};
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid"));
    query.addBindValue(expression);
    if (!query.exec()) {
        QTest::qFail(qPrintable(QStringLiteral("%1 -> %2: %3")
                                    .arg(userText, expression, query.lastError().text())),
                     __FILE__, __LINE__);
        return {-1};
    }
    QList<qint64> rows;
    while (query.next())
        rows.append(query.value(0).toLongLong());
    return rows;
}

void TestFtsText::indexableSplitsCjkOnly_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("latin unchanged") << QStringLiteral("A cat, 7.5 cfg\nnext line")
                                     << QStringLiteral("A cat, 7.5 cfg\nnext line");
    QTest::newRow("han") << QStringLiteral("猫咪") << QStringLiteral("猫 咪");
    QTest::newRow("mixed") << QStringLiteral("a猫b 咪c") << QStringLiteral("a 猫 b 咪 c");
    QTest::newRow("cjk punctuation own token")
        << QStringLiteral("猫，狗。") << QStringLiteral("猫 ， 狗 。");
    QTest::newRow("spaces and newlines kept, none doubled")
        << QStringLiteral("猫 \n狗") << QStringLiteral("猫 \n狗");
    QTest::newRow("hiragana katakana")
        << QStringLiteral("ねこカメラ") << QStringLiteral("ね こ カ メ ラ");
    QTest::newRow("hangul") << QStringLiteral("고양이") << QStringLiteral("고 양 이");
    // U+20BB7 (ext-B) is a surrogate pair: it must stay one character, never be split.
    QTest::newRow("ext-B surrogate pair")
        << QString::fromUtf8("\xF0\xA0\xAE\xB7\xE9\x87\x8E\xE5\xAE\xB6")
        << QString::fromUtf8("\xF0\xA0\xAE\xB7 \xE9\x87\x8E \xE5\xAE\xB6");
    // A combining voiced mark (U+3099) stays on its kana.
    QTest::newRow("combining mark")
        << QString::fromUtf8("\xE3\x81\x8B\xE3\x82\x99\xE3\x81\x8D")
        << QString::fromUtf8("\xE3\x81\x8B\xE3\x82\x99 \xE3\x81\x8D");
    QTest::newRow("fullwidth latin is a word")
        << QStringLiteral("ＡＢＣ猫") << QStringLiteral("ＡＢＣ 猫");
    QTest::newRow("empty") << QString() << QString();
}

void TestFtsText::indexableSplitsCjkOnly()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(FtsText::indexable(text), expected);
}

void TestFtsText::expressionShape_data()
{
    QTest::addColumn<QString>("userText");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one word is a prefix") << QStringLiteral("cat") << QStringLiteral("\"cat\"*");
    QTest::newRow("only the last is a prefix")
        << QStringLiteral("  purple\tgalaxy  bot ")
        << QStringLiteral("\"purple\" AND \"galaxy\" AND \"bot\"*");
    QTest::newRow("quotes doubled")
        << QStringLiteral("say\"hi\" x") << QStringLiteral("\"say\"\"hi\"\"\" AND \"x\"*");
    QTest::newRow("operators are words")
        << QStringLiteral("cat OR dog") << QStringLiteral("\"cat\" AND \"OR\" AND \"dog\"*");
    QTest::newRow("cjk word is a phrase, no prefix")
        << QStringLiteral("猫咪") << QStringLiteral("\"猫 咪\"");
    QTest::newRow("cjk then latin prefix")
        << QStringLiteral("猫咪 wat") << QStringLiteral("\"猫 咪\" AND \"wat\"*");
    QTest::newRow("punctuation-only words dropped")
        << QStringLiteral("cat - ... \"\" *") << QStringLiteral("\"cat\"*");
    QTest::newRow("ideographic space separates")
        << QStringLiteral("猫\u3000狗") << QStringLiteral("\"猫\" AND \"狗\"");
}

void TestFtsText::expressionShape()
{
    QFETCH(QString, userText);
    QFETCH(QString, expected);
    QCOMPARE(FtsText::matchExpression(userText), expected);
}

void TestFtsText::nothingSearchable_data()
{
    QTest::addColumn<QString>("userText");
    QTest::newRow("empty") << QString();
    QTest::newRow("whitespace") << QStringLiteral(" \t\r\n ");
    QTest::newRow("punctuation") << QStringLiteral("- * \" ( ) : ^ , .");
    QTest::newRow("cjk punctuation") << QStringLiteral("。、「」");
    QTest::newRow("emoji") << QString::fromUtf8("\xF0\x9F\x98\x80");
}

void TestFtsText::nothingSearchable()
{
    QFETCH(QString, userText);
    QCOMPARE(FtsText::matchExpression(userText), QString());
}

void TestFtsText::englishWordsAndPrefixes()
{
    QCOMPARE(search(QStringLiteral("galaxy")), QList<qint64>{1});
    QCOMPARE(search(QStringLiteral("gal")), QList<qint64>{1});          // typing still
    QCOMPARE(search(QStringLiteral("GALAXY Purple")), QList<qint64>{1});   // case-folded
    QCOMPARE(search(QStringLiteral("galaxy bott")), QList<qint64>{1});
    // Only the last word is a prefix: "gal" followed by another word is a finished word.
    QCOMPARE(search(QStringLiteral("gal bottle")), QList<qint64>{});
    QCOMPARE(search(QStringLiteral("galaxy bottlex")), QList<qint64>{});
    QCOMPARE(search(QStringLiteral("cat")), (QList<qint64>{2}));
    QCOMPARE(search(QStringLiteral("7.5")), QList<qint64>{2});          // a cfg value
    QCOMPARE(search(QStringLiteral("cat galaxy")), QList<qint64>{});    // all words required
    QCOMPARE(search(QStringLiteral("dog-friendly")), QList<qint64>{8});
    QCOMPARE(search(QStringLiteral("don't")), QList<qint64>{8});
}

void TestFtsText::chineseWordInsideSentence()
{
    QCOMPARE(search(QStringLiteral("猫咪")), QList<qint64>{3});
    QCOMPARE(search(QStringLiteral("窗台")), QList<qint64>{3});
    QCOMPARE(search(QStringLiteral("猫")), (QList<qint64>{3, 4, 6}));
    QCOMPARE(search(QStringLiteral("可爱")), (QList<qint64>{3, 4}));
    // Both characters are in row 3 but not next to each other.
    QCOMPARE(search(QStringLiteral("猫睡")), QList<qint64>{});
    QCOMPARE(search(QStringLiteral("猫咪 阳光")), QList<qint64>{3});
    QCOMPARE(search(QStringLiteral("小狗 猫")), QList<qint64>{4});
}

void TestFtsText::japaneseAndKorean()
{
    QCOMPARE(search(QStringLiteral("カメラ")), QList<qint64>{6});
    QCOMPARE(search(QStringLiteral("木の下")), QList<qint64>{6});
    QCOMPARE(search(QStringLiteral("고양이")), QList<qint64>{7});
    QCOMPARE(search(QStringLiteral("양이가")), QList<qint64>{7});
}

void TestFtsText::hugeSeedFound()
{
    QCOMPARE(search(QStringLiteral("18446744073709551615")), QList<qint64>{5});
    QCOMPARE(search(QStringLiteral("1844674407")), QList<qint64>{5});   // a prefix of it
    QCOMPARE(search(QStringLiteral("18446744073709551614")), QList<qint64>{});
}

void TestFtsText::hostileInputNeverAnSqlError_data()
{
    QTest::addColumn<QString>("userText");
    const char *const inputs[] = {
        "\"", "\"\"", "\"cat", "cat\"", "*", "cat*", "*cat", "-cat", "cat -dog", "OR",
        "cat OR", "OR cat", "AND", "NOT", "cat NOT dog", "NEAR(", "NEAR(cat dog)",
        "NEAR(cat, 2)", "(", ")", "(cat", "body:cat", "t:cat", "cat:", ":", "^", "^cat",
        "cat^", "+", "{body}: cat", "a'b", "'", "\\", "%_", ";DROP TABLE t;--",
        "\"\" AND \"\"", "猫\"咪", "\xF0\x9F\x98\x80" "cat", "\x01\x02"};
    for (const char *input : inputs)
        QTest::newRow(input) << QString::fromUtf8(input);
}

void TestFtsText::hostileInputNeverAnSqlError()
{
    QFETCH(QString, userText);
    search(userText);   // fails the test itself on an SQL error
    QSqlQuery count(m_db);
    QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM t")) && count.next());
    QCOMPARE(count.value(0).toInt(), 8);   // and the table is still there
}

void TestFtsText::strayPunctuationDoesNotEmptyTheResult()
{
    // "" is valid FTS5 but matches no row; ANDed in, it would hide every result.
    QCOMPARE(search(QStringLiteral("galaxy -")), QList<qint64>{1});
    QCOMPARE(search(QStringLiteral("\" galaxy ( ) *")), QList<qint64>{1});
    QCOMPARE(search(QStringLiteral("猫咪 。")), QList<qint64>{3});
    QCOMPARE(search(QStringLiteral("NEAR(cat")), QList<qint64>{});   // "near" is a word here
    QCOMPARE(search(QStringLiteral("-cat")), QList<qint64>{2});
    QCOMPARE(search(QStringLiteral("cat OR galaxy")), QList<qint64>{});   // OR is a word
}

QTEST_GUILESS_MAIN(TestFtsText)
#include "tst_ftstext.moc"
