// WorkflowDocument: edits replace value bytes only, so a saved file diffs to the edit.
#include "jsonnumberliteral.h"
#include "workflowdocument.h"
#include "workflowstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray sample(const char *name)
{
    QFile file(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The lines of after that differ from before (same line count assumed).
QList<int> changedLines(const QByteArray &before, const QByteArray &after)
{
    const QList<QByteArray> a = before.split('\n');
    const QList<QByteArray> b = after.split('\n');
    QList<int> changed;
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        if (a.value(i) != b.value(i))
            changed.append(int(i) + 1);
    }
    return changed;
}

} // namespace

class TestWorkflowDocument final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsNodesAndInputsInFileOrder()
    {
        WorkflowDocument::ParseError error;
        const WorkflowDocument doc = WorkflowDocument::fromText(sample("sd_txt2img.json"),
                                                                &error);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QVERIFY(!doc.isNull());
        QCOMPARE(doc.nodeIds(), QStringList({"3", "4", "5", "6", "7", "8", "9"}));
        QCOMPARE(doc.classType(QStringLiteral("3")), QStringLiteral("KSampler"));
        QCOMPARE(doc.title(QStringLiteral("4")), QStringLiteral("Load Checkpoint"));
        QCOMPARE(doc.inputNames(QStringLiteral("3")),
                 QStringList({"seed", "steps", "cfg", "sampler_name", "scheduler", "denoise",
                              "model", "positive", "negative", "latent_image"}));
        QCOMPARE(doc.inputLiteral(QStringLiteral("3"), QStringLiteral("sampler_name")),
                 QByteArray("\"euler\""));
        QCOMPARE(doc.inputLiteral(QStringLiteral("3"), QStringLiteral("model")),
                 QByteArray("[\n        \"4\",\n        0\n      ]"));
        QCOMPARE(doc.inputValue(QStringLiteral("3"), QStringLiteral("steps")).toInt(), 20);
        QCOMPARE(doc.lineOf(QStringLiteral("3"), QStringLiteral("seed")), 4);
        QCOMPARE(doc.lineOf(QStringLiteral("4")), 32);
        QVERIFY(!doc.isModified());
    }

    void editChangesOnlyThatValue()
    {
        const QByteArray original = sample("sd_txt2img.json");
        WorkflowDocument doc = WorkflowDocument::fromText(original);
        const QByteArray oldText = doc.inputLiteral(QStringLiteral("6"), QStringLiteral("text"));
        const QByteArray newText = WorkflowDocument::stringLiteral(
            QStringLiteral("a \"cat\"\non a mat"));
        QCOMPARE(newText, QByteArray("\"a \\\"cat\\\"\\non a mat\""));
        QVERIFY(doc.setInputLiteral(QStringLiteral("3"), QStringLiteral("steps"), "35"));
        QVERIFY(doc.setInputLiteral(QStringLiteral("6"), QStringLiteral("text"), newText));
        QVERIFY(doc.isModified());
        QCOMPARE(changedLines(original, doc.text()), QList<int>({5, 54}));
        QCOMPARE(doc.inputValue(QStringLiteral("6"), QStringLiteral("text")).toString(),
                 QStringLiteral("a \"cat\"\non a mat"));
        // Key order kept where QJsonDocument would sort: "class_type" stays after "inputs".
        QVERIFY(doc.text().indexOf("\"inputs\"") < doc.text().indexOf("\"class_type\""));
        QCOMPARE(doc.text().size(), original.size() - oldText.size() + newText.size());

        QVERIFY(!doc.setInputLiteral(QStringLiteral("3"), QStringLiteral("steps"), "3 5"));
        QVERIFY(!doc.setInputLiteral(QStringLiteral("3"), QStringLiteral("steps"), "abc"));
        QVERIFY(!doc.setInputLiteral(QStringLiteral("99"), QStringLiteral("steps"), "1"));
        QCOMPARE(doc.inputLiteral(QStringLiteral("3"), QStringLiteral("steps")),
                 QByteArray("35"));

        doc.revert();
        QCOMPARE(doc.text(), original);
        QVERIFY(!doc.isModified());
    }

    void twentyDigitSeedRoundTrips()
    {
        const QByteArray original = sample("sd_txt2img.json");
        WorkflowDocument doc = WorkflowDocument::fromText(original);
        const QByteArray seed = "18446744073709551615";
        QVERIFY(doc.setInputLiteral(QStringLiteral("3"), QStringLiteral("seed"), seed));
        QVERIFY(doc.text().contains("\"seed\": 18446744073709551615,"));
        QCOMPARE(changedLines(original, doc.text()), QList<int>({4}));

        // Through a fresh parse of the saved text, and out as the submitted bytes.
        const WorkflowDocument reread = WorkflowDocument::fromText(doc.text());
        QCOMPARE(reread.inputLiteral(QStringLiteral("3"), QStringLiteral("seed")), seed);
        const QJsonValue value = reread.inputValue(QStringLiteral("3"), QStringLiteral("seed"));
        QCOMPARE(JsonNumberLiteral::literal(value.toString()), QString::fromLatin1(seed));
        const QJsonObject graph = reread.graph();
        QCOMPARE(graph.value(QLatin1String("3")).toObject().value(QLatin1String("inputs"))
                     .toObject().value(QLatin1String("steps")).toInt(), 20);
        const QByteArray body = JsonNumberLiteral::toJson(graph);
        QVERIFY2(body.contains("\"seed\":18446744073709551615,"), body.constData());
        // A seed a double holds stays a plain number.
        const WorkflowDocument plain = WorkflowDocument::fromText(original);
        QCOMPARE(plain.graph().value(QLatin1String("3")).toObject().value(QLatin1String("inputs"))
                     .toObject().value(QLatin1String("seed")).toDouble(), 156680208700286.0);
    }

    void unicodePrompts()
    {
        const QByteArray text = "{\n  \"6\": {\"inputs\": {\"text\": \"猫 \\u00e9 😺\"},\n"
                                "         \"class_type\": \"CLIPTextEncode\"}\n}\n";
        WorkflowDocument doc = WorkflowDocument::fromText(text);
        QVERIFY(!doc.isNull());
        QCOMPARE(doc.inputValue(QStringLiteral("6"), QStringLiteral("text")).toString(),
                 QStringLiteral("猫 é 😺"));
        const QString edited = QStringLiteral("一只猫, ünïcødé 🐈");
        QVERIFY(doc.setInputLiteral(QStringLiteral("6"), QStringLiteral("text"),
                                    WorkflowDocument::stringLiteral(edited)));
        QCOMPARE(doc.inputValue(QStringLiteral("6"), QStringLiteral("text")).toString(),
                 edited);
        QVERIFY(doc.text().contains(edited.toUtf8()));
        QCOMPARE(doc.graph().value(QLatin1String("6")).toObject().value(QLatin1String("inputs"))
                     .toObject().value(QLatin1String("text")).toString(), edited);
    }

    void missingInputInsertedInFileStyle()
    {
        const QByteArray original = sample("sd_txt2img.json");
        WorkflowDocument doc = WorkflowDocument::fromText(original);
        QVERIFY(doc.setInputLiteral(QStringLiteral("4"), QStringLiteral("extra"), "true"));
        QVERIFY(doc.text().contains("\"ckpt_name\": \"v1-5-pruned-emaonly.safetensors\",\n"
                                    "      \"extra\": true\n    },"));
        QCOMPARE(doc.inputNames(QStringLiteral("4")), QStringList({"ckpt_name", "extra"}));

        WorkflowDocument compact = WorkflowDocument::fromText(
            "{\"1\": {\"inputs\": {\"a\": 1}, \"class_type\": \"X\"}, "
            "\"2\": {\"inputs\": {}, \"class_type\": \"Y\"}}");
        QVERIFY(compact.setInputLiteral(QStringLiteral("1"), QStringLiteral("b"), "2"));
        QVERIFY(compact.setInputLiteral(QStringLiteral("2"), QStringLiteral("c"), "\"z\""));
        QCOMPARE(compact.text(),
                 QByteArray("{\"1\": {\"inputs\": {\"a\": 1,\"b\": 2}, "
                            "\"class_type\": \"X\"}, "
                            "\"2\": {\"inputs\": {\"c\": \"z\"}, \"class_type\": \"Y\"}}"));
    }

    void malformedTextGivesLineAndColumn_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        using Code = WorkflowDocument::ParseError::Code;
        QTest::newRow("missing comma") << QByteArray("{\n  \"1\": {\"inputs\": {\"a\": 1\n"
                                                     "  \"b\": 2}}\n}")
                                       << int(Code::Syntax) << 3 << 3;
        QTest::newRow("unterminated") << QByteArray("{\"1\": \"é abc") << int(Code::Syntax)
                                      << 1 << 7;
        QTest::newRow("trailing") << QByteArray("{}\n}") << int(Code::Syntax) << 2 << 1;
        QTest::newRow("array") << QByteArray("[1]") << int(Code::NotAnObject) << 1 << 1;
        QTest::newRow("node") << QByteArray("{\n \"7\": {\"inputs\": {}}\n}")
                              << int(Code::InvalidNode) << 2 << 2;
        QTest::newRow("ui") << QByteArray("{\"nodes\": [], \"links\": []}")
                            << int(Code::UiFormat) << 1 << 1;
    }

    void malformedTextGivesLineAndColumn()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, code);
        QFETCH(int, line);
        QFETCH(int, column);
        WorkflowDocument::ParseError error;
        const WorkflowDocument doc = WorkflowDocument::fromText(text, &error);
        QVERIFY(doc.isNull());
        QCOMPARE(int(error.code), code);
        QCOMPARE(error.line, line);
        QCOMPARE(error.column, column);
    }

    void setTextKeepsDocumentOnError()
    {
        WorkflowDocument doc = WorkflowDocument::fromText(sample("sd_txt2img.json"));
        WorkflowDocument::ParseError error;
        QByteArray broken = doc.text();
        broken.replace("\"steps\": 20,", "\"steps\": 20");
        QVERIFY(!doc.setText(broken, &error));
        QCOMPARE(error.line, 6);
        QCOMPARE(doc.text(), sample("sd_txt2img.json"));

        QByteArray edited = doc.text();
        edited.replace("\"steps\": 20,", "\"steps\": 40,");
        QVERIFY(doc.setText(edited, &error));
        QVERIFY(!error.isError());
        QCOMPARE(doc.inputValue(QStringLiteral("3"), QStringLiteral("steps")).toInt(), 40);
        QVERIFY(doc.isModified());
    }

    void wrappedForm()
    {
        const QByteArray text = "{\"prompt\": {\n  \"1\": {\"inputs\": {\"seed\": 1},"
                                " \"class_type\": \"KSampler\"}\n}}";
        WorkflowDocument doc = WorkflowDocument::fromText(text);
        QVERIFY(!doc.isNull());
        QVERIFY(doc.isWrapped());
        QCOMPARE(doc.nodeIds(), QStringList({"1"}));
        QVERIFY(doc.setInputLiteral(QStringLiteral("1"), QStringLiteral("seed"),
                                    "98765432109876543210"));
        QCOMPARE(doc.lineOf(QStringLiteral("1"), QStringLiteral("seed")), 2);
        const QJsonObject graph = doc.graph();
        QVERIFY(graph.contains(QLatin1String("1")));
        QVERIFY(!graph.contains(QLatin1String("prompt")));
        QVERIFY(JsonNumberLiteral::toJson(graph).contains("\"seed\":98765432109876543210"));
        // "prompt" as an ordinary node id is not the wrapper.
        const WorkflowDocument bare = WorkflowDocument::fromText(
            "{\"prompt\": {\"inputs\": {}, \"class_type\": \"X\"}}");
        QVERIFY(!bare.isWrapped());
        QCOMPARE(bare.nodeIds(), QStringList({"prompt"}));
    }

    void serializerWritesExactLiterals()
    {
        QJsonObject inputs;
        inputs.insert(QLatin1String("seed"),
                      JsonNumberLiteral::mark(QStringLiteral("18446744073709551615")));
        inputs.insert(QLatin1String("note"), QStringLiteral("\"\\u0000int:5"));
        inputs.insert(QLatin1String("neg"),
                      JsonNumberLiteral::mark(QStringLiteral("-9007199254740993")));
        QJsonObject graph;
        graph.insert(QLatin1String("3"), QJsonObject{{QLatin1String("inputs"), inputs}});
        const QByteArray json = JsonNumberLiteral::toJson(graph);
        const QByteArray expected = "{\"3\":{\"inputs\":{\"neg\":-9007199254740993,"
                                    "\"note\":\"\\\"\\\\u0000int:5\","
                                    "\"seed\":18446744073709551615}}}";
        QCOMPARE(json, expected);
        QVERIFY(JsonNumberLiteral::mark(QStringLiteral("12a")).isEmpty());
        QVERIFY(JsonNumberLiteral::needsMarking(u"9007199254740993"));
        QVERIFY(!JsonNumberLiteral::needsMarking(u"9007199254740992"));
        QVERIFY(!JsonNumberLiteral::needsMarking(u"156680208700286"));
    }

    void saveTextWritesBytesAsGiven()
    {
        QTemporaryDir dir;
        const WorkflowStore store(dir.path());
        WorkflowDocument doc = WorkflowDocument::fromText(sample("sd_txt2img.json"));
        QVERIFY(doc.setInputLiteral(QStringLiteral("3"), QStringLiteral("seed"),
                                    "18446744073709551615"));
        QVERIFY(!store.saveText(QStringLiteral("edited"), doc.text()).isError());
        QFile file(dir.filePath(QStringLiteral("edited.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), doc.text());
        QCOMPARE(store.saveText(QStringLiteral("../x"), doc.text()).kind,
                 WorkflowError::Kind::InvalidName);
        QCOMPARE(store.saveText(QStringLiteral("bad"), "{").kind,
                 WorkflowError::Kind::InvalidJson);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("bad.json"))));
    }
};

QTEST_GUILESS_MAIN(TestWorkflowDocument)
#include "tst_workflowdocument.moc"
