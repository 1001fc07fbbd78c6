// Unit tests of the shape comparator the conformance tests rely on: if shapeDiff could not
// fail, every conformance row would pass for the wrong reason.
#include "conformance.h"
#include "helper_orderedjson.h"
#include "helper_wsprobe.h"

#include <QDir>
#include <QJsonDocument>
#include <QTest>

using namespace Conformance;

static QJsonValue parse(const char *json)
{
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json));
    if (document.isArray())
        return document.array();
    return document.object();
}

class TestConformanceShape final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameShapeDifferentValues()
    {
        const QJsonValue recorded = parse(R"({"prompt_id": "a", "number": 0,
                                              "node_errors": {}})");
        const QJsonValue actual = parse(R"({"prompt_id": "b", "number": 3.5,
                                            "node_errors": {}})");
        QCOMPARE(shapeDiff(recorded, actual), QStringList());
    }

    void missingAndExtraKeys()
    {
        const QStringList diffs = shapeDiff(parse(R"({"a": 1, "b": {"c": "x"}})"),
                                            parse(R"({"a": 1, "b": {"d": "x"}})"));
        QCOMPARE(diffs.size(), 2);
        QVERIFY2(diffs.at(0).startsWith(QLatin1String("$.b.c: missing key")),
                 qPrintable(diffs.join(QLatin1Char('\n'))));
        QVERIFY2(diffs.at(1).startsWith(QLatin1String("$.b.d: extra key")),
                 qPrintable(diffs.join(QLatin1Char('\n'))));
    }

    void typeMismatch_data()
    {
        QTest::addColumn<QByteArray>("recorded");
        QTest::addColumn<QByteArray>("actual");
        QTest::newRow("null vs string") << QByteArray(R"({"v": null})")
                                        << QByteArray(R"({"v": "2"})");
        QTest::newRow("number vs string") << QByteArray(R"({"v": 1})")
                                          << QByteArray(R"({"v": "1"})");
        QTest::newRow("bool vs number") << QByteArray(R"({"v": true})")
                                        << QByteArray(R"({"v": 1})");
        QTest::newRow("object vs array") << QByteArray(R"({"v": {}})")
                                         << QByteArray(R"({"v": []})");
        QTest::newRow("nested") << QByteArray(R"({"v": [[{"x": 1}]]})")
                                << QByteArray(R"({"v": [[{"x": "1"}]]})");
    }

    void typeMismatch()
    {
        QFETCH(QByteArray, recorded);
        QFETCH(QByteArray, actual);
        const QStringList diffs = shapeDiff(parse(recorded.constData()),
                                            parse(actual.constData()));
        QCOMPARE(diffs.size(), 1);
        QVERIFY2(diffs.first().contains(QLatin1String("type differs")), qPrintable(diffs.first()));
    }

    void intAndFloatAreBothNumbers()
    {
        QCOMPARE(shapeDiff(parse(R"([3.0])"), parse(R"([3])")), QStringList());
    }

    void tuplesAreComparedByPosition()
    {
        // A queue item: [number, prompt_id, prompt, extra_data, outputs_to_execute].
        const QJsonValue recorded = parse(R"([[0, "id", {}, {"client_id": "x"}, ["2"]]])");
        QCOMPARE(shapeDiff(recorded, parse(R"([[5, "id2", {}, {"client_id": "y"}, ["9"]]])")),
                 QStringList());
        const QStringList swapped = shapeDiff(
                recorded, parse(R"([["id", 0, {}, {"client_id": "x"}, ["2"]]])"));
        QCOMPARE(swapped.size(), 2);
        QVERIFY(swapped.at(0).startsWith(QLatin1String("$[0][0]: type differs")));
        const QStringList shorter = shapeDiff(recorded, parse(R"([[0, "id", {}, {}]])"));
        QVERIFY2(!shorter.isEmpty()
                     && shorter.first().contains(QLatin1String("tuple length differs")),
                 qPrintable(shorter.join(QLatin1Char('\n'))));
    }

    void listsOfOtherLengthUseTheFirstRecordedElement()
    {
        const QJsonValue recorded = parse(R"({"traceback": ["a", "b", "c"]})");
        QCOMPARE(shapeDiff(recorded, parse(R"({"traceback": ["only one"]})")), QStringList());
        const QStringList diffs = shapeDiff(recorded, parse(R"({"traceback": ["x", 2]})"));
        QCOMPARE(diffs, QStringList(QStringLiteral(
                                "$.traceback[1]: type differs: recorded string, actual number")));
    }

    void emptyVersusNonEmptyArrayDiffers()
    {
        QCOMPARE(shapeDiff(parse(R"({"queue_pending": []})"),
                           parse(R"({"queue_pending": [[1, "a", {}, {}, []]]})")).size(), 1);
        QCOMPARE(shapeDiff(parse(R"({"nodes": ["1", "2"]})"),
                           parse(R"({"nodes": []})")).size(), 1);
        QCOMPARE(shapeDiff(parse(R"({"nodes": []})"), parse(R"({"nodes": []})")),
                 QStringList());
    }

    void renameKeysNormalisesServerIds()
    {
        const QJsonValue recorded = parse(R"({"rec-id": {"outputs": {"2": {}}}})");
        const QJsonValue actual = parse(R"({"new-id": {"outputs": {"2": {}}}})");
        QCOMPARE(shapeDiff(recorded, actual).size(), 2); // missing + extra key
        const QHash<QString, QString> ids{{QStringLiteral("rec-id"), QStringLiteral("new-id")}};
        QCOMPARE(shapeDiff(renameKeys(recorded, ids), actual), QStringList());
        QCOMPARE(renameStrings(parse(R"(["rec-id", 1])"), ids), parse(R"(["new-id", 1])"));
    }

    void valueDiffComparesSelectedKeys()
    {
        const QStringList keys{QStringLiteral("type"), QStringLiteral("status_str"),
                               QStringLiteral("messages")};
        const QJsonValue recorded = parse(R"({"error": {"type": "no_prompt", "message": "a"},
            "status": {"status_str": "error", "messages": [["execution_start", {}],
                                                           ["execution_error", {}]]}})");
        QCOMPARE(valueDiff(recorded, parse(R"({"error": {"type": "no_prompt", "message": "b"},
            "status": {"status_str": "error", "messages": [["execution_start", {"x": 1}],
                                                           ["execution_error", {}]]}})"), keys),
                 QStringList());
        const QStringList diffs = valueDiff(recorded, parse(R"({"error": {"type": "other"},
            "status": {"status_str": "success", "messages": [["execution_start", {}],
                                                             ["execution_success", {}]]}})"),
                                            keys);
        QCOMPARE(diffs.size(), 3);
        QVERIFY2(diffs.at(0).contains(QLatin1String("\"no_prompt\"")), qPrintable(diffs.at(0)));
    }

    void recordedFilesAgreeWithThemselves()
    {
        // The comparator must accept the real recording against itself, and reject it
        // against a sibling recording of another kind.
        const QJsonObject ok = loadJsonFile(transcriptDir()
                                            + QLatin1String("/history_prompt_id.json"));
        QVERIFY(!ok.isEmpty());
        const QJsonValue body = ok.value(QLatin1String("response")).toObject()
                .value(QLatin1String("body"));
        QCOMPARE(shapeDiff(body, body), QStringList());
        const QJsonObject error = loadJsonFile(
                transcriptDir() + QLatin1String("/history_execution_error.json"));
        QJsonValue errorBody = error.value(QLatin1String("response")).toObject()
                .value(QLatin1String("body"));
        const QString okId = body.toObject().keys().constFirst();
        const QString errorId = errorBody.toObject().keys().constFirst();
        errorBody = renameKeys(errorBody, {{errorId, okId}});
        QVERIFY(!shapeDiff(body, errorBody).isEmpty());
    }

    void recordedWebsocketLabels()
    {
        const QList<QJsonObject> lines = loadJsonLines(transcriptDir()
                                                       + QLatin1String("/ws_empty_save.jsonl"));
        QVERIFY(lines.size() > 5);
        QStringList labels;
        for (const QJsonObject &line : lines) {
            if (line.value(QLatin1String("dir")).toString() == QLatin1String("recv"))
                labels << recordedLabel(line);
        }
        QCOMPARE(labels.mid(0, 6), (QStringList{QStringLiteral("status(0)"),
                                                QStringLiteral("status(1)"),
                                                QStringLiteral("status(1)"),
                                                QStringLiteral("execution_start"),
                                                QStringLiteral("execution_cached"),
                                                QStringLiteral("progress_state")}));
        QCOMPARE(labels.last(), QStringLiteral("executing(null)"));
        QVERIFY(labels.contains(QStringLiteral("executed(2)")));
        const QByteArray frame = QByteArray::fromHex("00000001000000024142");
        QCOMPARE(binaryLabel(frame), QStringLiteral("binary(1)"));
    }

    // writtenDiff sees what QJsonValue cannot: 3.0 is not 3, and key order matters.
    void writtenDiffSeesNumberSpelling()
    {
        const OrderedJson recorded = OrderedJson::parse(R"({"number": 3.0, "n": [1, 0.5]})");
        QCOMPARE(writtenDiff(recorded, OrderedJson::parse(R"({"number": 4.5, "n": [2, 1.0]})")),
                 QStringList());
        const QStringList diffs = writtenDiff(recorded,
                                              OrderedJson::parse(R"({"number": 3, "n": [1, 1]})"));
        QCOMPARE(diffs.size(), 2);
        QVERIFY2(diffs.at(0).startsWith(QLatin1String("$.number: number written as 3")),
                 qPrintable(diffs.join(QLatin1Char('\n'))));
        QVERIFY(diffs.at(1).startsWith(QLatin1String("$.n[1]")));
        QCOMPARE(writtenDiff(OrderedJson::parse("18446744073709551615"),
                             OrderedJson::parse("1.8446744073709552e+19")).size(), 1);
    }

    void writtenDiffSeesKeyOrder()
    {
        const OrderedJson recorded = OrderedJson::parse(
                R"({"prompt_id": "a", "number": 0, "node_errors": {"b": 1, "a": 2}})");
        QCOMPARE(writtenDiff(recorded, OrderedJson::parse(
                R"({"prompt_id": "x", "number": 1, "node_errors": {"b": 1, "a": 2}})")),
                 QStringList());
        const QStringList diffs = writtenDiff(recorded, OrderedJson::parse(
                R"({"node_errors": {"a": 2, "b": 1}, "number": 0, "prompt_id": "a"})"));
        QCOMPARE(diffs.size(), 2);
        QVERIFY2(diffs.at(0).contains(QLatin1String("key order recorded "
                                                    "[prompt_id,number,node_errors]")),
                 qPrintable(diffs.join(QLatin1Char('\n'))));
        // Keys renamed (recorded prompt id -> actual) before the order is compared.
        QCOMPARE(writtenDiff(OrderedJson::parse(R"({"old": 1, "z": 2})"),
                             OrderedJson::parse(R"({"new": 1, "z": 2})"),
                             {{QStringLiteral("old"), QStringLiteral("new")}}),
                 QStringList());
        // dump() writes back in the same order, with string renames.
        QCOMPARE(OrderedJson::parse(R"({"b": ["old", 1.0], "a": null})")
                         .dump({{QStringLiteral("old"), QStringLiteral("new")}}),
                 QByteArray(R"({"b":["new",1.0],"a":null})"));
    }
};

QTEST_GUILESS_MAIN(TestConformanceShape)
#include "tst_conformance_shape.moc"
