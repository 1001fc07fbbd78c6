#include "workflowname.h"

#include <QTest>
#include <QUrl>

// The name rules are the only thing between an HTTP path segment and the file system.
class TestWorkflowName final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejected_data();
    void rejected();
    void accepted_data();
    void accepted();
    void percentEncodedDotsRejectedOnceDecoded();
    void lengthCountsCodePoints();
    void everyControlCharacterRejected();
    void sanitizedAlwaysValid_data();
    void sanitizedAlwaysValid();
};

void TestWorkflowName::rejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reasonPart");

    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("dotdot") << QStringLiteral("..") << QStringLiteral("..");
    QTest::newRow("dotdot-prefix") << QStringLiteral("..x") << QStringLiteral("");
    QTest::newRow("dotdot-inside") << QStringLiteral("a..b") << QStringLiteral("'..'");
    QTest::newRow("dotdot-suffix") << QStringLiteral("x..") << QStringLiteral("");
    QTest::newRow("traversal-slash") << QStringLiteral("../etc/passwd")
                                     << QStringLiteral("separator");
    QTest::newRow("slash") << QStringLiteral("a/b") << QStringLiteral("separator");
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << QStringLiteral("separator");
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QStringLiteral("separator");
    QTest::newRow("backslash-traversal") << QStringLiteral("..\\..\\win.ini")
                                         << QStringLiteral("");
    QTest::newRow("nul") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b"))
                         << QStringLiteral("U+0000");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("U+000A");
    QTest::newRow("tab") << QStringLiteral("a\tb") << QStringLiteral("U+0009");
    QTest::newRow("del") << QStringLiteral("a\x7f" "b") << QStringLiteral("U+007F");
    QTest::newRow("c1-nel") << QString(QStringLiteral("a") + QChar(0x85))
                            << QStringLiteral("U+0085");
    QTest::newRow("c1-csi") << QString(QChar(0x9B) + QStringLiteral("a"))
                            << QStringLiteral("U+009B");
    QTest::newRow("rlo") << QString(QStringLiteral("evil") + QChar(0x202E)
                                    + QStringLiteral("nosj.exe"))
                         << QStringLiteral("U+202E");
    QTest::newRow("lre") << QString(QChar(0x202A) + QStringLiteral("a"))
                         << QStringLiteral("U+202A");
    QTest::newRow("lri") << QString(QChar(0x2066) + QStringLiteral("a"))
                         << QStringLiteral("U+2066");
    QTest::newRow("pdi") << QString(QStringLiteral("a") + QChar(0x2069))
                         << QStringLiteral("U+2069");
    QTest::newRow("lrm") << QString(QStringLiteral("a") + QChar(0x200E))
                         << QStringLiteral("U+200E");
    QTest::newRow("rlm") << QString(QStringLiteral("a") + QChar(0x200F))
                         << QStringLiteral("U+200F");
    QTest::newRow("alm") << QString(QStringLiteral("a") + QChar(0x061C))
                         << QStringLiteral("U+061C");
    QTest::newRow("bom") << QString(QChar(0xFEFF) + QStringLiteral("a"))
                         << QStringLiteral("U+FEFF");
    QTest::newRow("leading-dot") << QStringLiteral(".hidden") << QStringLiteral("dot");
    QTest::newRow("single-dot") << QStringLiteral(".") << QStringLiteral("dot");
    QTest::newRow("trailing-dot") << QStringLiteral("name.") << QStringLiteral("ends");
    QTest::newRow("trailing-space") << QStringLiteral("name ") << QStringLiteral("ends");
    QTest::newRow("65-ascii") << QString(65, QLatin1Char('a')) << QStringLiteral("64");
    QTest::newRow("65-cjk") << QString(65, QChar(0x5DE5)) << QStringLiteral("64");
    QTest::newRow("lone-high-surrogate") << QString(QChar(0xD83D)) << QStringLiteral("Unicode");
    QTest::newRow("lone-low-surrogate") << QString(QStringLiteral("a") + QChar(0xDE00))
                                        << QStringLiteral("Unicode");
    QTest::newRow("colon") << QStringLiteral("a:b") << QStringLiteral("Windows");
    QTest::newRow("star") << QStringLiteral("a*") << QStringLiteral("Windows");
    QTest::newRow("con") << QStringLiteral("CON") << QStringLiteral("reserved");
    QTest::newRow("nul-lower-ext") << QStringLiteral("nul.txt") << QStringLiteral("reserved");
    QTest::newRow("com1") << QStringLiteral("com1") << QStringLiteral("reserved");
    QTest::newRow("lpt9-space") << QStringLiteral("LPT9 .x") << QStringLiteral("reserved");
}

void TestWorkflowName::rejected()
{
    QFETCH(QString, name);
    QFETCH(QString, reasonPart);
    const QString reason = WorkflowName::validate(name);
    QVERIFY2(!reason.isEmpty(), qPrintable(name));
    QVERIFY(!WorkflowName::isValid(name));
    QVERIFY2(reason.contains(reasonPart), qPrintable(reason));
}

void TestWorkflowName::accepted_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("ascii") << QStringLiteral("sd_txt2img");
    QTest::newRow("japanese") << QStringLiteral("ワークフロー");
    QTest::newRow("chinese") << QStringLiteral("工作流");
    QTest::newRow("spaces") << QStringLiteral("my workflow v2");
    QTest::newRow("emoji") << QStringLiteral("🎨 art");
    QTest::newRow("emoji-zwj-family") << QStringLiteral("👨‍👩‍👧 family");
    QTest::newRow("single-dot-inside") << QStringLiteral("v1.5 model");
    QTest::newRow("64-ascii") << QString(64, QLatin1Char('a'));
    QTest::newRow("64-cjk") << QString(64, QChar(0x5DE5));
    QTest::newRow("62-emoji") << QStringLiteral("😀").repeated(62);
    QTest::newRow("console-not-con") << QStringLiteral("console");
    QTest::newRow("com10") << QStringLiteral("COM10");
    QTest::newRow("percent") << QStringLiteral("100% cats");
    QTest::newRow("dashes") << QStringLiteral("a-b_c (2)");
}

void TestWorkflowName::accepted()
{
    QFETCH(QString, name);
    QCOMPARE(WorkflowName::validate(name), QString());
    QVERIFY(WorkflowName::isValid(name));
}

void TestWorkflowName::percentEncodedDotsRejectedOnceDecoded()
{
    // The API receives decoded paths: "%2e%2e" arrives as "..".
    const QString decoded = QUrl::fromPercentEncoding("%2e%2e");
    QCOMPARE(decoded, QStringLiteral(".."));
    QVERIFY(!WorkflowName::isValid(decoded));
    QVERIFY(!WorkflowName::isValid(QUrl::fromPercentEncoding("%2E%2E%2Fsecret")));
    QVERIFY(!WorkflowName::isValid(QUrl::fromPercentEncoding("a%2fb")));
    QVERIFY(!WorkflowName::isValid(QUrl::fromPercentEncoding("a%00b")));
    QVERIFY(!WorkflowName::isValid(QUrl::fromPercentEncoding("a%E2%80%AEb"))); // U+202E
    QVERIFY(WorkflowName::isValid(QUrl::fromPercentEncoding("%E5%B7%A5%E4%BD%9C%E6%B5%81")));
}

void TestWorkflowName::lengthCountsCodePoints()
{
    // 40 emoji are 80 UTF-16 units but 40 characters: accepted.
    const QString emoji = QStringLiteral("😀");
    QCOMPARE(emoji.size(), 2);
    QVERIFY(WorkflowName::isValid(emoji.repeated(40)));
    QVERIFY(WorkflowName::isValid(QString(64, QChar(0x5DE5))));
    QVERIFY(!WorkflowName::isValid(QString(65, QChar(0x5DE5))));
    // 63 emoji are 252 UTF-8 bytes: "<name>.json" would not fit in a 255-byte file name.
    QVERIFY(WorkflowName::isValid(emoji.repeated(62)));
    const QString tooManyBytes = WorkflowName::validate(emoji.repeated(63));
    QVERIFY2(tooManyBytes.contains(QStringLiteral("bytes")), qPrintable(tooManyBytes));
}

void TestWorkflowName::everyControlCharacterRejected()
{
    QList<char16_t> controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls.append(c);
    for (char16_t c = 0x7F; c <= 0x9F; ++c)
        controls.append(c);
    for (char16_t c = 0x202A; c <= 0x202E; ++c)
        controls.append(c);
    for (char16_t c = 0x2066; c <= 0x2069; ++c)
        controls.append(c);
    for (const char16_t c : controls) {
        const QString name = QStringLiteral("a") + QChar(c) + QStringLiteral("b");
        QVERIFY2(!WorkflowName::isValid(name), qPrintable(QString::number(c, 16)));
    }
    QCOMPARE(controls.size(), 32 + 33 + 5 + 4);
}

void TestWorkflowName::sanitizedAlwaysValid_data()
{
    QTest::addColumn<QString>("candidate");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("ComfyUI_00001_") << QStringLiteral("ComfyUI_00001_");
    QTest::newRow("dots") << QStringLiteral("..a..b..") << QStringLiteral("a.b");
    QTest::newRow("separators") << QStringLiteral("a/b\\c") << QStringLiteral("a_b_c");
    QTest::newRow("control") << QStringLiteral("a\nb") << QStringLiteral("a_b");
    QTest::newRow("reserved") << QStringLiteral("con") << QStringLiteral("_con");
    QTest::newRow("long") << QString(80, QLatin1Char('x')) << QString(64, QLatin1Char('x'));
    QTest::newRow("only-dots") << QStringLiteral("...") << QString();
    QTest::newRow("cjk") << QStringLiteral("工作流") << QStringLiteral("工作流");
    QTest::newRow("many-emoji") << QStringLiteral("😀").repeated(70)
                                << QStringLiteral("😀").repeated(62);
}

void TestWorkflowName::sanitizedAlwaysValid()
{
    QFETCH(QString, candidate);
    QFETCH(QString, expected);
    const QString result = WorkflowName::sanitized(candidate);
    QCOMPARE(result, expected);
    if (!result.isEmpty())
        QVERIFY(WorkflowName::isValid(result));
}

QTEST_GUILESS_MAIN(TestWorkflowName)
#include "tst_workflowname.moc"
