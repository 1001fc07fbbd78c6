#include "catalogueexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

// A reader as a spreadsheet reads RFC 4180: quoted fields may hold commas, quotes ("")
// and line breaks; records end with CRLF. Returns no rows when the text is malformed.
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field.append(c);
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field.append(c);
            }
        } else if (c == QLatin1Char('"')) {
            if (fieldStarted)
                return {};   // a quote inside an unquoted field
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(field);
            field.clear();
            fieldStarted = false;
        } else if (c == QLatin1Char('\r')) {
            if (i + 1 >= text.size() || text.at(i + 1) != QLatin1Char('\n'))
                return {};   // a bare CR outside quotes
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
            fieldStarted = false;
            ++i;
        } else if (c == QLatin1Char('\n')) {
            return {};       // a bare LF outside quotes
        } else {
            field.append(c);
            fieldStarted = true;
        }
    }
    if (quoted || !row.isEmpty() || !field.isEmpty())
        return {};           // unterminated
    return rows;
}

CatalogueEntry sampleEntry()
{
    CatalogueEntry entry;
    entry.rowId = 12;
    entry.server = QStringLiteral("http://127.0.0.1:8188");
    entry.promptId = QStringLiteral("88b6f9e6-82c9-4500-ac2a-b8541bb23e74");
    entry.workflow = QStringLiteral("sd_txt2img.json");
    entry.graph = QJsonObject{{QStringLiteral("3"),
                               QJsonObject{{QStringLiteral("class_type"),
                                            QStringLiteral("KSampler")}}}};
    entry.summary.positive = QStringLiteral("一只猫, \"cute\"\nwatercolor");
    entry.summary.negative = QStringLiteral("-blurry");
    entry.summary.seed = QStringLiteral("18446744073709551615");
    entry.summary.steps = 20;
    entry.summary.cfg = 7.5;
    entry.summary.sampler = QStringLiteral("euler");
    entry.summary.scheduler = QStringLiteral("normal");
    entry.summary.width = 512;
    entry.summary.height = 768;
    entry.summary.checkpoint = QStringLiteral("v1-5-pruned-emaonly.safetensors");
    entry.summary.denoise = 0.6;
    entry.status = QStringLiteral("completed");
    entry.clientId = QStringLiteral("desk-1");
    entry.submittedHere = true;
    entry.queuedAtMs = 1700000000123;     // 2023-11-14T22:13:20.123Z
    entry.startedAtMs = 1700000001000;
    entry.finishedAtMs = 1700000004500;
    entry.executionTime = 3.5;
    entry.starred = true;
    entry.tags = QStringList{QStringLiteral("cats"), QStringLiteral("=1+1")};
    entry.note = QStringLiteral("@boss look");
    CatalogueImage image;
    image.rowId = 40;
    image.index = 0;
    image.nodeId = QStringLiteral("9");
    image.filename = QStringLiteral("ComfyUI_00001_.png");
    image.type = QStringLiteral("output");
    image.width = 512;
    image.height = 768;
    image.byteSize = 412345;
    image.cachedPath = QStringLiteral("/home/someone/.local/share/ComfyDesk/images/ab.png");
    image.thumbnailPath = QStringLiteral("/home/someone/.cache/ComfyDesk/thumbs/ab.jpg");
    image.viewedAtMs = 1700000009000;
    entry.images.append(image);
    image.rowId = 41;
    image.index = 1;
    image.filename = QStringLiteral("ComfyUI_00002_.png");
    image.subfolder = QStringLiteral("batch");
    image.cachedPath.clear();
    image.thumbnailPath.clear();
    image.evicted = true;
    entry.images.append(image);
    return entry;
}

} // namespace

class TestCatalogueExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isFinished_data();
    void isFinished();
    void entryJson();
    void entryJsonAbsentValuesAreNull();
    void entryJsonNeverLeaksLocalPaths();

    void csvHeaderBytes();
    void csvRoundTrip();
    void csvFormulaInjection_data();
    void csvFormulaInjection();
    void csvEmptyEntry();

    void jsonExport();
    void sidecarDescribesItsImage();

    void exportedImageName_data();
    void exportedImageName();
    void exportedImageNameLengthBounded_data();
    void exportedImageNameLengthBounded();
};

void TestCatalogueExport::isFinished_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("finished");
    for (const char *status : {"completed", "processing", "error", "interrupted", "cancelled",
                               "lost", "not_found"}) {
        QTest::newRow(status) << QString::fromLatin1(status) << true;
    }
    for (const char *status : {"pending", "running", "unknown", "Completed"})
        QTest::newRow(status) << QString::fromLatin1(status) << false;
    QTest::newRow("empty") << QString() << false;
}

void TestCatalogueExport::isFinished()
{
    QFETCH(QString, status);
    QFETCH(bool, finished);
    CatalogueEntry entry;
    entry.status = status;
    QCOMPARE(entry.isFinished(), finished);
}

void TestCatalogueExport::entryJson()
{
    CatalogueEntry entry = sampleEntry();
    entry.errorNode = QStringLiteral("3");
    entry.errorType = QStringLiteral("RuntimeError");
    entry.errorMessage = QStringLiteral("CUDA out of memory");
    entry.requeuedFrom = QStringLiteral("old-id");
    const QJsonObject json = entry.toJson();
    QCOMPARE(json.value(QLatin1String("prompt_id")).toString(), entry.promptId);
    QCOMPARE(json.value(QLatin1String("server")).toString(), entry.server);
    QCOMPARE(json.value(QLatin1String("workflow")).toString(), entry.workflow);
    QCOMPARE(json.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(json.value(QLatin1String("client_id")).toString(), QStringLiteral("desk-1"));
    QCOMPARE(json.value(QLatin1String("submitted_here")), QJsonValue(true));
    QCOMPARE(json.value(QLatin1String("queued_at")).toString(),
             QStringLiteral("2023-11-14T22:13:20.123Z"));
    QCOMPARE(json.value(QLatin1String("started_at")).toString(),
             QStringLiteral("2023-11-14T22:13:21.000Z"));
    QCOMPARE(json.value(QLatin1String("finished_at")).toString(),
             QStringLiteral("2023-11-14T22:13:24.500Z"));
    QCOMPARE(json.value(QLatin1String("execution_time")).toDouble(), 3.5);
    QCOMPARE(json.value(QLatin1String("error")).toObject(),
             (QJsonObject{{QStringLiteral("node"), QStringLiteral("3")},
                          {QStringLiteral("type"), QStringLiteral("RuntimeError")},
                          {QStringLiteral("message"), QStringLiteral("CUDA out of memory")}}));
    QCOMPARE(json.value(QLatin1String("requeued_from")).toString(), QStringLiteral("old-id"));
    QVERIFY(json.value(QLatin1String("requeued_as")).isNull());
    QCOMPARE(json.value(QLatin1String("starred")), QJsonValue(true));
    QCOMPARE(json.value(QLatin1String("tags")).toArray(),
             QJsonArray({QStringLiteral("cats"), QStringLiteral("=1+1")}));
    QCOMPARE(json.value(QLatin1String("note")).toString(), QStringLiteral("@boss look"));
    QCOMPARE(json.value(QLatin1String("summary")).toObject(), entry.summary.toJson());
    QCOMPARE(json.value(QLatin1String("summary")).toObject().value(QLatin1String("seed")),
             QJsonValue(QStringLiteral("18446744073709551615")));

    const QJsonArray images = json.value(QLatin1String("images")).toArray();
    QCOMPARE(images.size(), 2);
    QCOMPARE(images.at(0).toObject(),
             (QJsonObject{{QStringLiteral("index"), 0},
                          {QStringLiteral("node_id"), QStringLiteral("9")},
                          {QStringLiteral("filename"), QStringLiteral("ComfyUI_00001_.png")},
                          {QStringLiteral("subfolder"), QString()},
                          {QStringLiteral("type"), QStringLiteral("output")},
                          {QStringLiteral("width"), 512},
                          {QStringLiteral("height"), 768},
                          {QStringLiteral("byte_size"), 412345},
                          {QStringLiteral("cached"), true},
                          {QStringLiteral("evicted"), false}}));
    QCOMPARE(images.at(1).toObject().value(QLatin1String("cached")), QJsonValue(false));
    QCOMPARE(images.at(1).toObject().value(QLatin1String("evicted")), QJsonValue(true));
    QCOMPARE(images.at(1).toObject().value(QLatin1String("subfolder")).toString(),
             QStringLiteral("batch"));

    QVERIFY(!json.contains(QLatin1String("graph")));
    QCOMPARE(entry.toJson(false), json);
    QCOMPARE(entry.toJson(true).value(QLatin1String("graph")).toObject(), entry.graph);
}

void TestCatalogueExport::entryJsonAbsentValuesAreNull()
{
    CatalogueEntry entry;
    entry.promptId = QStringLiteral("p");
    entry.status = QStringLiteral("pending");
    const QJsonObject json = entry.toJson();
    for (const char *key : {"queued_at", "started_at", "finished_at", "execution_time",
                            "error", "requeued_as", "requeued_from"}) {
        QVERIFY2(json.contains(QLatin1String(key)) && json.value(QLatin1String(key)).isNull(),
                 key);
    }
    QCOMPARE(json.value(QLatin1String("tags")), QJsonValue(QJsonArray()));
    QCOMPARE(json.value(QLatin1String("images")), QJsonValue(QJsonArray()));
    QCOMPARE(json.value(QLatin1String("summary")), QJsonValue(QJsonObject()));
    QCOMPARE(json.value(QLatin1String("starred")), QJsonValue(false));
    QCOMPARE(json.value(QLatin1String("submitted_here")), QJsonValue(false));

    entry.executionTime = 0;   // ran in no time (all cached): a value, not "unknown"
    QCOMPARE(entry.toJson().value(QLatin1String("execution_time")), QJsonValue(0.0));
    entry.errorMessage = QStringLiteral("only a message");
    QCOMPARE(entry.toJson().value(QLatin1String("error")).toObject()
                 .value(QLatin1String("message")).toString(),
             QStringLiteral("only a message"));
}

void TestCatalogueExport::entryJsonNeverLeaksLocalPaths()
{
    const CatalogueEntry entry = sampleEntry();
    const QByteArray text = QJsonDocument(entry.toJson(true)).toJson()
        + CatalogueExport::toJson({entry})
        + QJsonDocument(CatalogueExport::sidecar(entry, entry.images.at(0))).toJson()
        + CatalogueExport::toCsv({entry});
    QVERIFY(!text.contains("/home/someone"));
    QVERIFY(!text.contains("thumbs"));
}

void TestCatalogueExport::csvHeaderBytes()
{
    QCOMPARE(CatalogueExport::csvHeader(),
             QByteArray("\xEF\xBB\xBF"
                        "prompt_id,server,workflow,status,reason,queued_at,started_at,"
                        "finished_at,execution_time,positive,negative,seed,steps,cfg,sampler,"
                        "scheduler,width,height,checkpoint,denoise,starred,tags,note,"
                        "error_type,error_message,image_count,image_files\r\n"));
}

void TestCatalogueExport::csvRoundTrip()
{
    CatalogueEntry second;
    second.promptId = QStringLiteral("second");
    second.status = QStringLiteral("error");
    second.errorType = QStringLiteral("ValueError");
    second.errorMessage = QStringLiteral("line one\r\nline two, with \"quotes\"");
    const QByteArray csv = CatalogueExport::toCsv({sampleEntry(), second});
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    const QList<QStringList> rows = parseCsv(csv.mid(3));
    QCOMPARE(rows.size(), 3);
    for (const QStringList &row : rows)
        QCOMPARE(row.size(), 27);

    const QStringList header = rows.at(0);
    auto cell = [&](int row, const char *column) {
        return rows.at(row).at(header.indexOf(QLatin1String(column)));
    };
    QCOMPARE(cell(1, "prompt_id"), QStringLiteral("88b6f9e6-82c9-4500-ac2a-b8541bb23e74"));
    QCOMPARE(cell(1, "positive"), QStringLiteral("一只猫, \"cute\"\nwatercolor"));
    QCOMPARE(cell(1, "negative"), QStringLiteral("'-blurry"));
    QCOMPARE(cell(1, "seed"), QStringLiteral("18446744073709551615"));
    QCOMPARE(cell(1, "queued_at"), QStringLiteral("2023-11-14T22:13:20.123Z"));
    QCOMPARE(cell(1, "execution_time"), QStringLiteral("3.5"));
    QCOMPARE(cell(1, "cfg"), QStringLiteral("7.5"));
    QCOMPARE(cell(1, "denoise"), QStringLiteral("0.6"));
    QCOMPARE(cell(1, "steps"), QStringLiteral("20"));
    QCOMPARE(cell(1, "width"), QStringLiteral("512"));
    QCOMPARE(cell(1, "height"), QStringLiteral("768"));
    QCOMPARE(cell(1, "starred"), QStringLiteral("true"));
    QCOMPARE(cell(1, "tags"), QStringLiteral("cats; =1+1"));
    QCOMPARE(cell(1, "note"), QStringLiteral("'@boss look"));
    QCOMPARE(cell(1, "image_count"), QStringLiteral("2"));
    QCOMPARE(cell(1, "image_files"),
             QStringLiteral("ComfyUI_00001_.png; ComfyUI_00002_.png"));

    QCOMPARE(cell(2, "status"), QStringLiteral("error"));
    QCOMPARE(cell(2, "error_type"), QStringLiteral("ValueError"));
    QCOMPARE(cell(2, "error_message"), QStringLiteral("line one\r\nline two, with \"quotes\""));
    QCOMPARE(cell(2, "image_count"), QStringLiteral("0"));
    QCOMPARE(cell(2, "starred"), QStringLiteral("false"));
    for (const char *unknown : {"queued_at", "execution_time", "seed", "steps", "cfg",
                                "width", "denoise"}) {
        QVERIFY2(cell(2, unknown).isEmpty(), unknown);
    }

    QVERIFY(CatalogueExport::csvRow(second).endsWith("\r\n"));
    QCOMPARE(parseCsv(CatalogueExport::csvRow(second)).size(), 1);
}

void TestCatalogueExport::csvFormulaInjection_data()
{
    QTest::addColumn<QString>("note");
    QTest::addColumn<QString>("cell");
    QTest::newRow("=") << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")
                       << QStringLiteral("'=HYPERLINK(\"http://x\",\"y\")");
    QTest::newRow("+") << QStringLiteral("+1") << QStringLiteral("'+1");
    QTest::newRow("-") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
    QTest::newRow("@") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
    QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
    QTest::newRow("CR") << QStringLiteral("\r=1") << QStringLiteral("'\r=1");
    QTest::newRow("inside is fine") << QStringLiteral("a=b") << QStringLiteral("a=b");
    QTest::newRow("leading space") << QStringLiteral(" =1") << QStringLiteral(" =1");
    QTest::newRow("chinese") << QStringLiteral("猫") << QStringLiteral("猫");
}

void TestCatalogueExport::csvFormulaInjection()
{
    QFETCH(QString, note);
    QFETCH(QString, cell);
    CatalogueEntry entry;
    entry.note = note;
    entry.workflow = note;
    entry.summary.seed = note;   // not digits: a seed taken from a hand-made graph is text
    const QList<QStringList> rows =
        parseCsv(CatalogueExport::csvHeader().mid(3) + CatalogueExport::csvRow(entry));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(1).at(rows.at(0).indexOf(QLatin1String("note"))), cell);
    QCOMPARE(rows.at(1).at(rows.at(0).indexOf(QLatin1String("workflow"))), cell);
    QCOMPARE(rows.at(1).at(rows.at(0).indexOf(QLatin1String("seed"))), cell);
}

void TestCatalogueExport::csvEmptyEntry()
{
    // A negative seed is a number: no quote mark that would turn it into text.
    CatalogueEntry entry;
    entry.summary.seed = QStringLiteral("-1");
    const QByteArray row = CatalogueExport::csvRow(entry);
    QCOMPARE(row, QByteArray(",,,,,,,,,,,-1,,,,,,,,,false,,,,,0,\r\n"));
}

void TestCatalogueExport::jsonExport()
{
    const QList<CatalogueEntry> entries{sampleEntry(), CatalogueEntry()};
    const QByteArray bytes = CatalogueExport::toJson(entries);
    QVERIFY(bytes.contains("\n    "));   // indented for people who open it
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(document.isArray());
    QCOMPARE(document.array().size(), 2);
    QCOMPARE(document.array().at(0).toObject(), entries.at(0).toJson(true));
    QCOMPARE(document.array().at(1).toObject(), entries.at(1).toJson(true));
    QVERIFY(bytes.contains("一只猫"));   // UTF-8, not \u escapes

    QCOMPARE(QJsonDocument::fromJson(CatalogueExport::toJson({})).array(), QJsonArray());
}

void TestCatalogueExport::sidecarDescribesItsImage()
{
    const CatalogueEntry entry = sampleEntry();
    const QJsonObject sidecar = CatalogueExport::sidecar(entry, entry.images.at(1));
    QCOMPARE(sidecar.value(QLatin1String("graph")).toObject(), entry.graph);
    QCOMPARE(sidecar.value(QLatin1String("prompt_id")).toString(), entry.promptId);
    const QJsonObject image = sidecar.value(QLatin1String("image")).toObject();
    QCOMPARE(image.value(QLatin1String("filename")).toString(),
             QStringLiteral("ComfyUI_00002_.png"));
    QCOMPARE(image.value(QLatin1String("index")).toInt(), 1);
    QCOMPARE(image, entry.toJson().value(QLatin1String("images")).toArray().at(1).toObject());
    QJsonObject withoutImage = sidecar;
    withoutImage.remove(QLatin1String("image"));
    QCOMPARE(withoutImage, entry.toJson(true));
}

void TestCatalogueExport::exportedImageName_data()
{
    QTest::addColumn<QString>("promptId");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("filename");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("88b6f9e6-82c9") << 2
                           << QStringLiteral("ComfyUI_00003_.png")
                           << QStringLiteral("88b6f9e6-82c9_2_ComfyUI_00003_.png");
    QTest::newRow("chinese kept") << QStringLiteral("p") << 0 << QStringLiteral("猫咪.png")
                                  << QStringLiteral("p_0_猫咪.png");
    QTest::newRow("path traversal") << QStringLiteral("p") << 0
                                    << QStringLiteral("../../etc/passwd")
                                    << QStringLiteral("p_0_.._.._etc_passwd");
    QTest::newRow("windows reserved chars")
        << QStringLiteral("a:b") << 1 << QStringLiteral("x<y>|z?*\"\\.png")
        << QStringLiteral("a_b_1_x_y__z____.png");
    QTest::newRow("control chars") << QStringLiteral("p\n") << 0
                                   << QStringLiteral("a\tb\x7f.png")
                                   << QStringLiteral("p__0_a_b_.png");
    QTest::newRow("leading dot hidden") << QStringLiteral(".hidden") << 0
                                        << QStringLiteral("x.png")
                                        << QStringLiteral("_hidden_0_x.png");
    QTest::newRow("trailing dots and spaces") << QStringLiteral("p") << 0
                                              << QStringLiteral("name. .")
                                              << QStringLiteral("p_0_name___");
    QTest::newRow("empty") << QString() << 0 << QString() << QStringLiteral("_0_");
    QTest::newRow("lone surrogate") << QStringLiteral("p") << 0
                                    << QString(QChar(0xD800)) + QStringLiteral(".png")
                                    << QStringLiteral("p_0__.png");
}

void TestCatalogueExport::exportedImageName()
{
    QFETCH(QString, promptId);
    QFETCH(int, index);
    QFETCH(QString, filename);
    QFETCH(QString, expected);
    CatalogueEntry entry;
    entry.promptId = promptId;
    CatalogueImage image;
    image.index = index;
    image.filename = filename;
    QCOMPARE(CatalogueExport::exportedImageName(entry, image), expected);
}

void TestCatalogueExport::exportedImageNameLengthBounded_data()
{
    QTest::addColumn<QString>("promptId");
    QTest::addColumn<QString>("filename");
    QTest::addColumn<QString>("startsWith");
    QTest::addColumn<QString>("endsWith");
    const QString id = QStringLiteral("88b6f9e6-82c9-4500-ac2a-b8541bb23e74");
    QTest::newRow("long ascii") << id << QString(300, QLatin1Char('a')) + QStringLiteral(".png")
                                << id + QStringLiteral("_7_aaa") << QStringLiteral("a.png");
    // 3 bytes each in UTF-8: 200 bytes is not 200 characters.
    QTest::newRow("long chinese") << id << QString(100, QChar(0x732B)) + QStringLiteral(".webp")
                                  << id + QStringLiteral("_7_猫") << QStringLiteral("猫.webp");
    // 4 bytes and two UTF-16 units each: never cut between the two.
    QTest::newRow("long emoji") << id << QString::fromUtf8(QByteArray(
                                         "\xF0\x9F\x98\x80").repeated(80)) + QStringLiteral(".png")
                                << id + QStringLiteral("_7_") << QStringLiteral(".png");
    QTest::newRow("long prompt id") << QString(300, QLatin1Char('p'))
                                    << QStringLiteral("x.png")
                                    << QStringLiteral("ppp") << QStringLiteral("ppp");
    QTest::newRow("long extension") << id << QStringLiteral("x.") + QString(300, QLatin1Char('e'))
                                    << id + QStringLiteral("_7_x.eee")
                                    << QStringLiteral("eee");
}

void TestCatalogueExport::exportedImageNameLengthBounded()
{
    QFETCH(QString, promptId);
    QFETCH(QString, filename);
    QFETCH(QString, startsWith);
    QFETCH(QString, endsWith);
    CatalogueEntry entry;
    entry.promptId = promptId;
    CatalogueImage image;
    image.index = 7;
    image.filename = filename;
    const QString name = CatalogueExport::exportedImageName(entry, image);
    QVERIFY2(name.toUtf8().size() <= 200, qPrintable(QString::number(name.toUtf8().size())));
    QVERIFY2(name.toUtf8().size() > 150, qPrintable(name));   // shortened, not emptied
    QVERIFY2(name.startsWith(startsWith), qPrintable(name));
    QVERIFY2(name.endsWith(endsWith), qPrintable(name));
    QCOMPARE(QString::fromUtf8(name.toUtf8()), name);   // no half of a surrogate pair
}

QTEST_GUILESS_MAIN(TestCatalogueExport)
#include "tst_catalogueexport.moc"
