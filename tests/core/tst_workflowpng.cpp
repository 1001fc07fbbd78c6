#include "workflowpng.h"
#include "workflowstore.h"

#include <QFile>
#include <QTest>

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// A byte array of a literal with embedded NULs, its length counted by the compiler.
template<qsizetype N>
QByteArray bytes(const char (&literal)[N])
{
    return QByteArray(literal, N - 1);
}

QByteArray bigEndian32(quint32 value)
{
    QByteArray bytes(4, '\0');
    bytes[0] = char(value >> 24);
    bytes[1] = char(value >> 16);
    bytes[2] = char(value >> 8);
    bytes[3] = char(value);
    return bytes;
}

QByteArray chunk(const QByteArray &type, const QByteArray &data)
{
    const QByteArray typeAndData = type + data;
    return bigEndian32(quint32(data.size())) + typeAndData
           + bigEndian32(WorkflowPng::crc32(typeAndData));
}

// A 1x1 grey PNG around the given extra chunks: the pixels do not matter to the parser.
QByteArray png(const QByteArray &textChunks)
{
    const QByteArray ihdr =
        bigEndian32(1) + bigEndian32(1) + bytes("\x08\x00\x00\x00\x00");
    return bytes("\x89PNG\r\n\x1a\n") + chunk("IHDR", ihdr) + textChunks
           + chunk("IDAT", qCompress(bytes("\x00\x80")).mid(4)) + chunk("IEND", {});
}

QByteArray zlib(const QByteArray &data)
{
    return qCompress(data).mid(4); // qCompress = 4-byte size + zlib stream
}

const QByteArray PromptJson = R"({"1": {"class_type": "EmptyImage", "inputs": {"width": 8,)"
                              R"( "height": 8, "batch_size": 1, "color": 0}}})";

} // namespace

class TestWorkflowPng final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crcMatchesKnownValue();
    void recordedComfyUiPng_data();
    void recordedComfyUiPng();
    void recordedPngImportsAsWorkflow();
    void textChunkKinds_data();
    void textChunkKinds();
    void firstChunkOfAKeywordWins();
    void broken_data();
    void broken();
    void pngWithoutPrompt();
};

void TestWorkflowPng::crcMatchesKnownValue()
{
    // CRC of an empty IEND chunk, as in every PNG file.
    QCOMPARE(WorkflowPng::crc32("IEND"), 0xAE426082u);
}

void TestWorkflowPng::recordedComfyUiPng_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("hasWorkflow");
    for (const char *version : {"v0.3.65", "v0.8.0"}) {
        const QString dir = QStringLiteral(COMFYDESK_TEST_DATA "/transcripts/")
                            + QLatin1String(version);
        QTest::addRow("%s/view_output", version)
            << dir + QStringLiteral("/view_output.png") << false;
        QTest::addRow("%s/view_output_with_workflow", version)
            << dir + QStringLiteral("/view_output_with_workflow.png") << true;
    }
}

void TestWorkflowPng::recordedComfyUiPng()
{
    QFETCH(QString, file);
    QFETCH(bool, hasWorkflow);
    const WorkflowPng::Result result = WorkflowPng::readTexts(readFile(file));
    QCOMPARE(result.error, QString());
    QVERIFY(result.texts.contains(QStringLiteral("prompt")));
    QCOMPARE(result.texts.contains(QStringLiteral("workflow")), hasWorkflow);
    QVERIFY(result.texts.value(QStringLiteral("prompt"))
                .startsWith(QStringLiteral(R"({"1": {"class_type": "EmptyImage")")));
}

void TestWorkflowPng::recordedPngImportsAsWorkflow()
{
    const QByteArray bytes =
        readFile(QStringLiteral(COMFYDESK_TEST_DATA "/transcripts/v0.3.65/view_output.png"));
    const WorkflowResult result = WorkflowStore::parseImport(bytes, QStringLiteral("test"));
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    QCOMPARE(result.graph.keys(), QStringList({QStringLiteral("1"), QStringLiteral("2")}));
    const QJsonObject emptyImage = result.graph.value(QStringLiteral("1")).toObject();
    QCOMPARE(emptyImage.value(QStringLiteral("class_type")).toString(),
             QStringLiteral("EmptyImage"));
    const QJsonObject inputs = emptyImage.value(QStringLiteral("inputs")).toObject();
    QCOMPARE(inputs.value(QStringLiteral("width")).toInteger(), 64);
    QCOMPARE(inputs.value(QStringLiteral("color")).toInteger(), 16711680);
    QCOMPARE(result.graph.value(QStringLiteral("2")).toObject()
                 .value(QStringLiteral("class_type")).toString(),
             QStringLiteral("SaveImage"));
}

void TestWorkflowPng::textChunkKinds_data()
{
    QTest::addColumn<QByteArray>("chunks");
    QTest::addColumn<QString>("expected");

    const QByteArray chinese = QStringLiteral("一只猫").toUtf8();
    QTest::newRow("tEXt") << chunk("tEXt", bytes("prompt\0") + PromptJson)
                          << QString::fromUtf8(PromptJson);
    QTest::newRow("tEXt-latin1") << chunk("tEXt", bytes("prompt\0caf\xe9"))
                                 << QStringLiteral("caf\u00e9");
    QTest::newRow("iTXt-plain-utf8")
        << chunk("iTXt", bytes("prompt\0\0\0zh\0\0") + chinese)
        << QStringLiteral("一只猫");
    QTest::newRow("iTXt-compressed")
        << chunk("iTXt", bytes("prompt\0\1\0\0\0") + zlib(chinese))
        << QStringLiteral("一只猫");
    QTest::newRow("zTXt") << chunk("zTXt", bytes("prompt\0\0") + zlib(PromptJson))
                          << QString::fromUtf8(PromptJson);
}

void TestWorkflowPng::textChunkKinds()
{
    QFETCH(QByteArray, chunks);
    QFETCH(QString, expected);
    const WorkflowPng::Result result = WorkflowPng::readTexts(png(chunks));
    QCOMPARE(result.error, QString());
    QCOMPARE(result.texts.value(QStringLiteral("prompt")), expected);
}

void TestWorkflowPng::firstChunkOfAKeywordWins()
{
    const WorkflowPng::Result result = WorkflowPng::readTexts(
        png(chunk("tEXt", bytes("prompt\0one"))
            + chunk("tEXt", bytes("prompt\0two"))
            + chunk("tEXt", bytes("other\0x"))));
    QCOMPARE(result.error, QString());
    QCOMPARE(result.texts.value(QStringLiteral("prompt")), QStringLiteral("one"));
    QCOMPARE(result.texts.value(QStringLiteral("other")), QStringLiteral("x"));
}

void TestWorkflowPng::broken_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("errorPart");

    const QByteArray good = png(chunk("tEXt", bytes("prompt\0") + PromptJson));
    QTest::newRow("no-signature") << QByteArray("GIF89a") << QStringLiteral("signature");
    QTest::newRow("truncated-mid-chunk") << good.left(good.size() - 40)
                                         << QStringLiteral("truncated");
    QTest::newRow("no-iend") << good.left(good.size() - 12) << QStringLiteral("truncated");
    QByteArray badCrc = good;
    badCrc[8 + 25 + 12] = 'X'; // first byte of the tEXt keyword
    QTest::newRow("crc-mismatch") << badCrc << QStringLiteral("CRC");
    QByteArray hugeLength = good;
    hugeLength.replace(33, 4, bigEndian32(0xFFFFFFF0u));
    QTest::newRow("huge-length") << hugeLength << QStringLiteral("corrupt");
    QTest::newRow("ztxt-garbage")
        << png(chunk("zTXt", bytes("prompt\0\0notzlib"))) << QStringLiteral("zTXt");
    // A zlib bomb: 64 MiB of zeros compress to ~64 KiB; refused, never inflated.
    QTest::newRow("ztxt-bomb")
        << png(chunk("zTXt", bytes("prompt\0\0") + zlib(QByteArray(64 << 20, '\0'))))
        << QStringLiteral("too large");
}

void TestWorkflowPng::broken()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, errorPart);
    const WorkflowPng::Result result = WorkflowPng::readTexts(data);
    QVERIFY2(result.error.contains(errorPart), qPrintable(result.error));

    const WorkflowResult imported = WorkflowStore::parseImport(data, QStringLiteral("x.png"));
    QVERIFY(!imported.isOk());
}

void TestWorkflowPng::pngWithoutPrompt()
{
    const WorkflowResult uiOnly = WorkflowStore::parseImport(
        png(chunk("tEXt", bytes("workflow\0{\"nodes\": [], \"links\": []}"))),
        QStringLiteral("ui.png"));
    QCOMPARE(uiOnly.error.kind, WorkflowError::Kind::UiFormat);
    QVERIFY(uiOnly.error.message.contains(QStringLiteral("Export (API)")));

    const WorkflowResult none = WorkflowStore::parseImport(png({}), QStringLiteral("p.png"));
    QCOMPARE(none.error.kind, WorkflowError::Kind::NoWorkflowInPng);
    QCOMPARE(WorkflowError::httpStatus(none.error.kind), 422);

    const WorkflowResult notJson = WorkflowStore::parseImport(
        png(chunk("tEXt", bytes("prompt\0{oops"))), QStringLiteral("p.png"));
    QCOMPARE(notJson.error.kind, WorkflowError::Kind::InvalidJson);
}

QTEST_GUILESS_MAIN(TestWorkflowPng)
#include "tst_workflowpng.moc"
