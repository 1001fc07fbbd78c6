#include "workflowoverrides.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

QJsonObject object(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A small default-graph-like workflow: KSampler "3" with typed inputs and links.
const char *const Graph = R"({
  "3": {"class_type": "KSampler", "_meta": {"title": "KSampler"},
        "inputs": {"seed": 1, "steps": 20, "cfg": 8, "sampler_name": "euler",
                   "denoise": 1, "model": ["4", 0], "latent_image": ["5", 0]}},
  "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "a.safetensors"}},
  "5": {"class_type": "EmptyLatentImage",
        "inputs": {"width": 512, "height": 512, "batch_size": 1}},
  "10": {"class_type": "CLIPTextEncode", "inputs": {"text": "cat", "clip": ["4", 1]}}
})";

} // namespace

class TestWorkflowOverrides final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bothForms_data();
    void bothForms();
    void onlyNamedInputsChange();
    void jsonTypesKept();
    void inputMayBeAdded();
    void unknownIdsAllListedSorted();
    void invalid_data();
    void invalid();
    void emptyOverridesChangeNothing();
    void inputGraphNeverMutated();
};

void TestWorkflowOverrides::bothForms_data()
{
    QTest::addColumn<QByteArray>("overrides");
    QTest::newRow("wrapped") << QByteArray(R"({"3": {"inputs": {"seed": 42, "steps": 30}}})");
    QTest::newRow("flat") << QByteArray(R"({"3": {"seed": 42, "steps": 30}})");
    QTest::newRow("mixed-per-node")
        << QByteArray(R"({"3": {"inputs": {"seed": 42}}, "5": {"width": 768}})");
}

void TestWorkflowOverrides::bothForms()
{
    QFETCH(QByteArray, overrides);
    const WorkflowResult result =
        WorkflowOverrides::apply(object(Graph), object(overrides.constData()));
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    const QJsonObject inputs =
        result.graph.value(QStringLiteral("3")).toObject().value(QStringLiteral("inputs"))
            .toObject();
    QCOMPARE(inputs.value(QStringLiteral("seed")).toInteger(), 42);
    QVERIFY(!inputs.contains(QStringLiteral("inputs")));
    const int expectedSteps = overrides.contains("steps") ? 30 : 20;
    QCOMPARE(inputs.value(QStringLiteral("steps")).toInteger(), expectedSteps);
    const int expectedWidth = overrides.contains("width") ? 768 : 512;
    QCOMPARE(result.graph.value(QStringLiteral("5")).toObject()
                 .value(QStringLiteral("inputs")).toObject()
                 .value(QStringLiteral("width")).toInteger(),
             expectedWidth);
}

void TestWorkflowOverrides::onlyNamedInputsChange()
{
    const QJsonObject graph = object(Graph);
    const WorkflowResult result =
        WorkflowOverrides::apply(graph, object(R"({"3": {"inputs": {"seed": 7}}})"));
    QVERIFY(result.isOk());
    QJsonObject expected = graph;
    QJsonObject node = expected.value(QStringLiteral("3")).toObject();
    QJsonObject inputs = node.value(QStringLiteral("inputs")).toObject();
    inputs.insert(QStringLiteral("seed"), 7);
    node.insert(QStringLiteral("inputs"), inputs);
    expected.insert(QStringLiteral("3"), node);
    // Everything else, _meta and class_type included, is as in the file.
    QCOMPARE(result.graph, expected);
}

void TestWorkflowOverrides::jsonTypesKept()
{
    // 2^53 + 1: a double would round it; ComfyUI seeds go that high.
    const WorkflowResult result = WorkflowOverrides::apply(object(Graph), object(R"({"3": {
        "seed": 9007199254740993, "steps": "20", "cfg": 7.5, "denoise": 0,
        "sampler_name": null, "model": ["10", 0], "latent_image": {"x": [1, 2.5]}}})"));
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    const QJsonObject node = result.graph.value(QStringLiteral("3")).toObject();
    QCOMPARE(compact(node.value(QStringLiteral("inputs")).toObject()),
             QByteArray(R"({"cfg":7.5,"denoise":0,"latent_image":{"x":[1,2.5]},)"
                        R"("model":["10",0],"sampler_name":null,)"
                        R"("seed":9007199254740993,"steps":"20"})"));
    const QJsonObject inputs = node.value(QStringLiteral("inputs")).toObject();
    QVERIFY(inputs.value(QStringLiteral("steps")).isString()); // "20" stays a string
    QCOMPARE(inputs.value(QStringLiteral("seed")).toInteger(), 9007199254740993LL);
    QCOMPARE(inputs.value(QStringLiteral("model")).toArray(),
             QJsonArray({QStringLiteral("10"), 0}));
}

void TestWorkflowOverrides::inputMayBeAdded()
{
    // Optional inputs are often absent from a file; overriding one adds it.
    const WorkflowResult result =
        WorkflowOverrides::apply(object(Graph), object(R"({"10": {"extra": true}})"));
    QVERIFY(result.isOk());
    const QJsonObject inputs = result.graph.value(QStringLiteral("10")).toObject()
                                   .value(QStringLiteral("inputs")).toObject();
    QCOMPARE(inputs.value(QStringLiteral("extra")), QJsonValue(true));
    QCOMPARE(inputs.value(QStringLiteral("text")).toString(), QStringLiteral("cat"));
}

void TestWorkflowOverrides::unknownIdsAllListedSorted()
{
    const WorkflowResult result = WorkflowOverrides::apply(object(Graph), object(R"({
        "99": {"seed": 1}, "3": {"seed": 2}, "12": {"inputs": {}}, "abc": {}, "100": {}})"));
    QVERIFY(!result.isOk());
    QCOMPARE(result.error.kind, WorkflowError::Kind::InvalidOverrides);
    QCOMPARE(WorkflowError::httpStatus(result.error.kind), 400);
    QCOMPARE(result.error.nodeIds,
             QStringList({QStringLiteral("12"), QStringLiteral("99"), QStringLiteral("100"),
                          QStringLiteral("abc")}));
    QVERIFY2(result.error.message.contains(QStringLiteral(R"("12", "99", "100", "abc")")),
             qPrintable(result.error.message));
    QVERIFY(result.graph.isEmpty());
}

void TestWorkflowOverrides::invalid_data()
{
    QTest::addColumn<QByteArray>("graph");
    QTest::addColumn<QByteArray>("overrides");
    QTest::addColumn<QStringList>("badIds");
    QTest::addColumn<QString>("messagePart");

    const QByteArray graph(Graph);
    QTest::newRow("inputs-not-object") << graph << QByteArray(R"({"3": {"inputs": 5}})")
                                       << QStringList{QStringLiteral("3")}
                                       << QStringLiteral("\"inputs\" must be an object");
    QTest::newRow("inputs-array") << graph << QByteArray(R"({"3": {"inputs": [1]}})")
                                  << QStringList{QStringLiteral("3")}
                                  << QStringLiteral("\"inputs\" must be an object");
    QTest::newRow("mixed-forms") << graph
                                 << QByteArray(R"({"3": {"inputs": {"seed": 1}, "steps": 2}})")
                                 << QStringList{QStringLiteral("3")}
                                 << QStringLiteral("mixes");
    QTest::newRow("body-number") << graph << QByteArray(R"({"3": 42})")
                                 << QStringList{QStringLiteral("3")}
                                 << QStringLiteral("must be an object");
    QTest::newRow("body-array") << graph << QByteArray(R"({"3": ["seed", 1]})")
                                << QStringList{QStringLiteral("3")}
                                << QStringLiteral("must be an object");
    QTest::newRow("class-type-flat") << graph << QByteArray(R"({"3": {"class_type": "X"}})")
                                     << QStringList{QStringLiteral("3")}
                                     << QStringLiteral("class_type");
    QTest::newRow("class-type-wrapped")
        << graph << QByteArray(R"({"3": {"inputs": {"class_type": "X"}}})")
        << QStringList{QStringLiteral("3")} << QStringLiteral("class_type");
    QTest::newRow("graph-node-not-object")
        << QByteArray(R"({"3": 5})") << QByteArray(R"({"3": {"seed": 1}})")
        << QStringList{QStringLiteral("3")} << QStringLiteral("workflow node is not an object");
    QTest::newRow("bad-and-unknown")
        << graph << QByteArray(R"({"7": {}, "3": 1, "5": {"inputs": null}})")
        << QStringList{QStringLiteral("3"), QStringLiteral("5"), QStringLiteral("7")}
        << QStringLiteral("no node \"7\"");
}

void TestWorkflowOverrides::invalid()
{
    QFETCH(QByteArray, graph);
    QFETCH(QByteArray, overrides);
    QFETCH(QStringList, badIds);
    QFETCH(QString, messagePart);
    const WorkflowResult result =
        WorkflowOverrides::apply(object(graph.constData()), object(overrides.constData()));
    QVERIFY(!result.isOk());
    QCOMPARE(result.error.kind, WorkflowError::Kind::InvalidOverrides);
    QCOMPARE(result.error.nodeIds, badIds);
    QVERIFY2(result.error.message.contains(messagePart), qPrintable(result.error.message));
    QVERIFY(result.graph.isEmpty());
}

void TestWorkflowOverrides::emptyOverridesChangeNothing()
{
    const QJsonObject graph = object(Graph);
    for (const char *overrides : {"{}", R"({"3": {}})", R"({"3": {"inputs": {}}})"}) {
        const WorkflowResult result = WorkflowOverrides::apply(graph, object(overrides));
        QVERIFY2(result.isOk(), overrides);
        QCOMPARE(result.graph, graph);
    }
}

void TestWorkflowOverrides::inputGraphNeverMutated()
{
    const QJsonObject graph = object(Graph);
    const QByteArray before = compact(graph);
    const WorkflowResult ok =
        WorkflowOverrides::apply(graph, object(R"({"3": {"seed": 5}, "5": {"width": 64}})"));
    QVERIFY(ok.isOk());
    QVERIFY(compact(ok.graph) != before);
    const WorkflowResult failed =
        WorkflowOverrides::apply(graph, object(R"({"3": {"seed": 5}, "8": {}})"));
    QVERIFY(!failed.isOk());
    QCOMPARE(compact(graph), before);
}

QTEST_GUILESS_MAIN(TestWorkflowOverrides)
#include "tst_workflowoverrides.moc"
