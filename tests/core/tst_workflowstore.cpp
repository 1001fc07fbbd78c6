#include "workflowfile.h"
#include "workflowname.h"
#include "workflowstore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

namespace {

const QByteArray BareGraph = R"({
  "1": {"class_type": "EmptyImage",
        "inputs": {"width": 64, "height": 64, "batch_size": 1, "color": 0}},
  "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "t"}}
})";

QJsonObject bareObject()
{
    return QJsonDocument::fromJson(BareGraph).object();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(file.write(data), data.size());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestWorkflowStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void namesSortedAndFiltered();
    void bareAndWrappedLoadToSameGraph_data();
    void bareAndWrappedLoadToSameGraph();
    void badFiles_data();
    void badFiles();
    void invalidJsonPosition_data();
    void invalidJsonPosition();
    void invalidNamesRefused_data();
    void invalidNamesRefused();
    void missingWorkflowNotFound();
    void unicodeNamesAsRealFiles_data();
    void unicodeNamesAsRealFiles();
    void symlinkEscapingFolderRefused();
    void symlinkInsideFolderAllowed();
    void symlinkedFolderWorks();
    void hugeFileRefused();
    void fileAtSizeLimitLoads();
    void saveWritesPrettyBareGraphAndRefusesBadGraphs();
    void renameDuplicateRemove();
    void importJsonAndPng();
    void errorKindsMapToHttpStatus();

private:
    QString path(const QString &name) const
    {
        return m_dir->filePath(name + QStringLiteral(".json"));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestWorkflowStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestWorkflowStore::namesSortedAndFiltered()
{
    const char *const names[] = {"b", "A", "a", "C", "工作流", "ワークフロー", "10 steps",
                                 "2 steps"};
    for (const char *name : names)
        writeFile(path(QString::fromUtf8(name)), BareGraph);
    writeFile(m_dir->filePath(QStringLiteral("notes.txt")), "x");
    writeFile(m_dir->filePath(QStringLiteral("upper.JSON")), BareGraph);
    writeFile(m_dir->filePath(QStringLiteral(".hidden.json")), BareGraph);
    writeFile(m_dir->filePath(QStringLiteral("a..b.json")), BareGraph);
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("folder.json")));

    const WorkflowStore store(m_dir->path());
    // Case-insensitive, then case-sensitive ("A" < "a"); code-point order otherwise.
    QCOMPARE(store.names(),
             QStringList({QStringLiteral("10 steps"), QStringLiteral("2 steps"),
                          QStringLiteral("A"), QStringLiteral("a"), QStringLiteral("b"),
                          QStringLiteral("C"), QStringLiteral("ワークフロー"),
                          QStringLiteral("工作流")}));
    QVERIFY(WorkflowStore(m_dir->filePath(QStringLiteral("nope"))).names().isEmpty());
}

void TestWorkflowStore::bareAndWrappedLoadToSameGraph_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("bare") << BareGraph;
    QTest::newRow("wrapped") << QByteArray("{\"prompt\": " + BareGraph + "}");
    QTest::newRow("wrapped-with-extra-keys")
        << QByteArray("{\"client_id\": \"x\", \"prompt\": " + BareGraph
                      + ", \"extra_data\": {}}");
    QTest::newRow("utf8-bom") << QByteArray("\xEF\xBB\xBF" + BareGraph);
}

void TestWorkflowStore::bareAndWrappedLoadToSameGraph()
{
    QFETCH(QByteArray, content);
    writeFile(path(QStringLiteral("w")), content);
    const WorkflowResult result = WorkflowStore(m_dir->path()).load(QStringLiteral("w"));
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    QCOMPARE(result.graph, bareObject());
    QCOMPARE(result.name, QStringLiteral("w"));
}

void TestWorkflowStore::badFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<WorkflowError::Kind>("kind");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<QStringList>("nodeIds");

    using K = WorkflowError::Kind;
    const QStringList none;
    QTest::newRow("ui-format") << QByteArray(R"({"last_node_id": 9, "nodes": [], "links": []})")
                               << K::UiFormat << QStringLiteral("Export (API)") << none;
    QTest::newRow("ui-format-old-name") << QByteArray(R"({"nodes": [{}], "links": [[1]]})")
                                        << K::UiFormat << QStringLiteral("Save (API Format)")
                                        << none;
    QTest::newRow("ui-format-wrapped") << QByteArray(R"({"prompt": {"nodes": [], "links": []}})")
                                       << K::UiFormat << QStringLiteral("Export (API)") << none;
    QTest::newRow("array") << QByteArray("[1, 2]") << K::NotAnObject
                           << QStringLiteral("array") << none;
    QTest::newRow("empty-object") << QByteArray("{}") << K::InvalidGraph
                                  << QStringLiteral("no nodes") << none;
    QTest::newRow("prompt-not-object") << QByteArray(R"({"prompt": [1]})") << K::InvalidGraph
                                       << QStringLiteral("\"prompt\" is an array") << none;
    QTest::newRow("node-not-object")
        << QByteArray(R"({"1": 5, "2": {"class_type": "X", "inputs": {}}})") << K::InvalidGraph
        << QStringLiteral("node \"1\" is a number") << QStringList{QStringLiteral("1")};
    QTest::newRow("bad-nodes-all-listed")
        << QByteArray(R"({"10": {"inputs": {}}, "9": {"class_type": "", "inputs": {}},
                         "2": {"class_type": "X", "inputs": []},
                         "3": {"class_type": "X", "inputs": {}}})")
        << K::InvalidGraph << QStringLiteral("node \"2\" has no \"inputs\" object")
        << QStringList{QStringLiteral("2"), QStringLiteral("9"), QStringLiteral("10")};
    QTest::newRow("class-type-number")
        << QByteArray(R"({"1": {"class_type": 5, "inputs": {}}})") << K::InvalidGraph
        << QStringLiteral("class_type") << QStringList{QStringLiteral("1")};
    QTest::newRow("empty-file") << QByteArray() << K::InvalidJson << QStringLiteral("line 1")
                                << none;
    QTest::newRow("number") << QByteArray("42") << K::InvalidJson << QStringLiteral("column")
                            << none;
}

void TestWorkflowStore::badFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(WorkflowError::Kind, kind);
    QFETCH(QString, messagePart);
    QFETCH(QStringList, nodeIds);
    writeFile(path(QStringLiteral("bad")), content);
    const WorkflowResult result = WorkflowStore(m_dir->path()).load(QStringLiteral("bad"));
    QCOMPARE(result.error.kind, kind);
    QVERIFY2(result.error.message.contains(messagePart), qPrintable(result.error.message));
    QVERIFY(result.error.message.contains(QStringLiteral("'bad'")));
    QCOMPARE(result.error.nodeIds, nodeIds);
    QVERIFY(result.graph.isEmpty());
    QCOMPARE(WorkflowError::httpStatus(kind), 422);
}

void TestWorkflowStore::invalidJsonPosition_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<qint64>("offset");

    // Qt reports the offset where it gave up; line/column are derived from that offset.
    QTest::newRow("missing-comma") << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << 3 << 4
                                   << qint64(14);
    QTest::newRow("trailing-garbage") << QByteArray("{}\nx") << 2 << 1 << qint64(3);
    // Columns count characters: the three CJK characters are 9 bytes but 3 columns.
    QTest::newRow("utf8-columns") << QByteArray("{\"工作流\": tru}") << 1 << 10 << qint64(15);
    // The offset counts the BOM (it is a byte of the file), the column does not.
    QTest::newRow("with-bom") << QByteArray("\xEF\xBB\xBF{,}") << 1 << 3 << qint64(5);
}

void TestWorkflowStore::invalidJsonPosition()
{
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(qint64, offset);
    writeFile(path(QStringLiteral("j")), content);
    const WorkflowResult result = WorkflowStore(m_dir->path()).load(QStringLiteral("j"));
    QCOMPARE(result.error.kind, WorkflowError::Kind::InvalidJson);
    QCOMPARE(result.error.offset, offset);
    QCOMPARE(result.error.line, line);
    QCOMPARE(result.error.column, column);
    QVERIFY2(result.error.message.contains(
                 QStringLiteral("line %1, column %2").arg(line).arg(column)),
             qPrintable(result.error.message));
}

void TestWorkflowStore::invalidNamesRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("dotdot") << QStringLiteral("..");
    QTest::newRow("decoded-%2e%2e") << QUrl::fromPercentEncoding("%2e%2e");
    QTest::newRow("traversal") << QStringLiteral("../outside");
    QTest::newRow("decoded-traversal") << QUrl::fromPercentEncoding("..%2Foutside");
    QTest::newRow("slash") << QStringLiteral("a/b");
    QTest::newRow("backslash") << QStringLiteral("a\\b");
    QTest::newRow("nul") << QString(QStringLiteral("outside") + QChar(0));
    QTest::newRow("rlo") << QString(QStringLiteral("x") + QChar(0x202E));
    QTest::newRow("65-chars") << QString(65, QLatin1Char('n'));
    QTest::newRow("leading-dot") << QStringLiteral(".outside");
    QTest::newRow("empty") << QString();
}

void TestWorkflowStore::invalidNamesRefused()
{
    QFETCH(QString, name);
    // A real file next to the folder, which "../outside" would reach if names were trusted.
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("wf")));
    writeFile(m_dir->filePath(QStringLiteral("outside.json")), BareGraph);
    writeFile(m_dir->filePath(QStringLiteral("wf/a.json")), BareGraph);
    const WorkflowStore store(m_dir->filePath(QStringLiteral("wf")));
    using K = WorkflowError::Kind;

    QCOMPARE(store.load(name).error.kind, K::InvalidName);
    QCOMPARE(store.save(name, bareObject()).kind, K::InvalidName);
    QCOMPARE(store.remove(name).kind, K::InvalidName);
    QCOMPARE(store.rename(QStringLiteral("a"), name).kind, K::InvalidName);
    QCOMPARE(store.rename(name, QStringLiteral("b")).kind, K::InvalidName);
    QCOMPARE(store.duplicate(QStringLiteral("a"), name).kind, K::InvalidName);
    QCOMPARE(WorkflowError::httpStatus(K::InvalidName), 400);
    QVERIFY(!store.contains(name));
    // Nothing moved, nothing was written.
    QCOMPARE(QDir(m_dir->filePath(QStringLiteral("wf"))).entryList(QDir::Files),
             QStringList{QStringLiteral("a.json")});
    QCOMPARE(readFile(m_dir->filePath(QStringLiteral("outside.json"))), BareGraph);
}

void TestWorkflowStore::missingWorkflowNotFound()
{
    const WorkflowStore store(m_dir->path());
    const WorkflowResult result = store.load(QStringLiteral("nope"));
    QCOMPARE(result.error.kind, WorkflowError::Kind::NotFound);
    QCOMPARE(WorkflowError::httpStatus(result.error.kind), 404);
    QCOMPARE(store.remove(QStringLiteral("nope")).kind, WorkflowError::Kind::NotFound);
    QCOMPARE(store.rename(QStringLiteral("nope"), QStringLiteral("x")).kind,
             WorkflowError::Kind::NotFound);
    QCOMPARE(WorkflowStore(m_dir->filePath(QStringLiteral("missing")))
                 .load(QStringLiteral("x")).error.kind,
             WorkflowError::Kind::NotFound);
}

void TestWorkflowStore::unicodeNamesAsRealFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("japanese") << QStringLiteral("ワークフロー");
    QTest::newRow("chinese") << QStringLiteral("工作流");
    QTest::newRow("spaces-emoji") << QStringLiteral("my 🎨 workflow");
}

void TestWorkflowStore::unicodeNamesAsRealFiles()
{
    QFETCH(QString, name);
    const WorkflowStore store(m_dir->path());
    // A file made by someone else (not by save) loads under its Unicode name...
    writeFile(path(name), BareGraph);
    QCOMPARE(store.names(), QStringList{name});
    WorkflowResult result = store.load(name);
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    QCOMPARE(result.graph, bareObject());
    // ...and save/rename keep the exact name on disk.
    const QString copy = name + QStringLiteral(" 2");
    QCOMPARE(store.duplicate(name, copy).kind, WorkflowError::Kind::None);
    QVERIFY(QFile::exists(path(copy)));
    QCOMPARE(store.remove(name).kind, WorkflowError::Kind::None);
    QCOMPARE(store.rename(copy, name).kind, WorkflowError::Kind::None);
    QCOMPARE(store.names(), QStringList{name});
    QCOMPARE(store.load(name).graph, bareObject());
}

void TestWorkflowStore::symlinkEscapingFolderRefused()
{
    QTemporaryDir outside;
    QVERIFY(outside.isValid());
    const QString secret = outside.filePath(QStringLiteral("secret.json"));
    writeFile(secret, BareGraph);
    QVERIFY(QFile::link(secret, path(QStringLiteral("escape"))));
    QVERIFY(QFile::link(outside.filePath(QStringLiteral("nothing.json")),
                        path(QStringLiteral("dangling"))));
    writeFile(path(QStringLiteral("ok")), BareGraph);

    const WorkflowStore store(m_dir->path());
    using K = WorkflowError::Kind;
    QCOMPARE(store.names(), QStringList{QStringLiteral("ok")});
    QCOMPARE(QFileInfo(store.filePath(QStringLiteral("ok"))).canonicalFilePath(),
             QFileInfo(path(QStringLiteral("ok"))).canonicalFilePath());
    QCOMPARE(store.filePath(QStringLiteral("escape")), QString());
    QCOMPARE(store.filePath(QStringLiteral("missing")), QString());
    for (const QString &name : {QStringLiteral("escape"), QStringLiteral("dangling")}) {
        const WorkflowResult loaded = store.load(name);
        QCOMPARE(loaded.error.kind, K::InvalidName);
        QVERIFY2(loaded.error.message.contains(QStringLiteral("outside")),
                 qPrintable(loaded.error.message));
        QVERIFY(loaded.graph.isEmpty());
        QCOMPARE(store.save(name, bareObject()).kind, K::InvalidName);
        QCOMPARE(store.remove(name).kind, K::InvalidName);
        QCOMPARE(store.duplicate(name, QStringLiteral("copy")).kind, K::InvalidName);
        QCOMPARE(store.rename(QStringLiteral("ok"), name).kind, K::InvalidName);
    }
    QVERIFY(!QFile::exists(outside.filePath(QStringLiteral("nothing.json"))));
    QCOMPARE(readFile(secret), BareGraph);
    QVERIFY(QFileInfo(path(QStringLiteral("escape"))).isSymLink());
    QVERIFY(!QFile::exists(path(QStringLiteral("copy"))));
}

void TestWorkflowStore::symlinkInsideFolderAllowed()
{
    writeFile(path(QStringLiteral("real")), BareGraph);
    QVERIFY(QFile::link(path(QStringLiteral("real")), path(QStringLiteral("alias"))));
    const WorkflowStore store(m_dir->path());
    QCOMPARE(store.names(), QStringList({QStringLiteral("alias"), QStringLiteral("real")}));
    QVERIFY(store.load(QStringLiteral("alias")).isOk());
    // Saving through the alias writes the real file and keeps the link.
    QJsonObject graph = bareObject();
    graph.remove(QStringLiteral("2"));
    QCOMPARE(store.save(QStringLiteral("alias"), graph).kind, WorkflowError::Kind::None);
    QVERIFY(QFileInfo(path(QStringLiteral("alias"))).isSymLink());
    QCOMPARE(store.load(QStringLiteral("real")).graph, graph);
}

void TestWorkflowStore::symlinkedFolderWorks()
{
    // The folder itself may be a link (e.g. to a shared drive): only files are checked.
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("real")));
    writeFile(m_dir->filePath(QStringLiteral("real/w.json")), BareGraph);
    QVERIFY(QFile::link(m_dir->filePath(QStringLiteral("real")),
                        m_dir->filePath(QStringLiteral("link"))));
    const WorkflowStore store(m_dir->filePath(QStringLiteral("link")));
    QCOMPARE(store.names(), QStringList{QStringLiteral("w")});
    QVERIFY(store.load(QStringLiteral("w")).isOk());
}

void TestWorkflowStore::hugeFileRefused()
{
    QByteArray huge = BareGraph;
    huge.append(QByteArray(WorkflowFile::MaxSize + 1 - huge.size(), ' '));
    writeFile(path(QStringLiteral("huge")), huge);
    const WorkflowStore store(m_dir->path());
    const WorkflowResult result = store.load(QStringLiteral("huge"));
    QCOMPARE(result.error.kind, WorkflowError::Kind::TooLarge);
    QVERIFY2(result.error.message.contains(QString::number(WorkflowFile::MaxSize)),
             qPrintable(result.error.message));
    QCOMPARE(store.importFile(path(QStringLiteral("huge")), QStringLiteral("h2")).error.kind,
             WorkflowError::Kind::TooLarge);
    QCOMPARE(WorkflowStore::parseImport(huge, QStringLiteral("x")).error.kind,
             WorkflowError::Kind::TooLarge);
    QVERIFY(!QFile::exists(path(QStringLiteral("h2"))));
}

void TestWorkflowStore::fileAtSizeLimitLoads()
{
    QByteArray atLimit = BareGraph;
    atLimit.append(QByteArray(WorkflowFile::MaxSize - atLimit.size(), '\n'));
    QCOMPARE(atLimit.size(), WorkflowFile::MaxSize);
    writeFile(path(QStringLiteral("big")), atLimit);
    const WorkflowResult result = WorkflowStore(m_dir->path()).load(QStringLiteral("big"));
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    QCOMPARE(result.graph, bareObject());
}

void TestWorkflowStore::saveWritesPrettyBareGraphAndRefusesBadGraphs()
{
    const WorkflowStore store(m_dir->filePath(QStringLiteral("new/folder")));
    QCOMPARE(store.save(QStringLiteral("s"), bareObject()).kind, WorkflowError::Kind::None);
    const QByteArray written = readFile(store.folder() + QStringLiteral("/s.json"));
    QVERIFY(written.contains("\n    \"1\": {")); // indented, bare (no "prompt" wrapper)
    QCOMPARE(QJsonDocument::fromJson(written).object(), bareObject());

    QJsonObject other = bareObject();
    other.remove(QStringLiteral("1"));
    QCOMPARE(store.save(QStringLiteral("s"), other).kind, WorkflowError::Kind::None);
    QCOMPARE(store.load(QStringLiteral("s")).graph, other); // replaced

    const QJsonObject ui = QJsonDocument::fromJson(R"({"nodes": [], "links": []})").object();
    QCOMPARE(store.save(QStringLiteral("s"), ui).kind, WorkflowError::Kind::InvalidGraph);
    QCOMPARE(store.save(QStringLiteral("e"), QJsonObject()).kind,
             WorkflowError::Kind::InvalidGraph);
    QCOMPARE(store.load(QStringLiteral("s")).graph, other); // untouched by refused saves
    QVERIFY(!store.contains(QStringLiteral("e")));
}

void TestWorkflowStore::renameDuplicateRemove()
{
    const WorkflowStore store(m_dir->path());
    using K = WorkflowError::Kind;
    const QByteArray original = "{\"prompt\":" + BareGraph + "}"; // kept byte for byte
    writeFile(path(QStringLiteral("a")), original);
    writeFile(path(QStringLiteral("b")), BareGraph);

    QCOMPARE(store.rename(QStringLiteral("a"), QStringLiteral("b")).kind, K::AlreadyExists);
    QCOMPARE(WorkflowError::httpStatus(K::AlreadyExists), 409);
    QCOMPARE(store.duplicate(QStringLiteral("a"), QStringLiteral("b")).kind, K::AlreadyExists);
    QCOMPARE(readFile(path(QStringLiteral("b"))), BareGraph);

    QCOMPARE(store.duplicate(QStringLiteral("a"), QStringLiteral("c")).kind, K::None);
    QCOMPARE(readFile(path(QStringLiteral("c"))), original);
    QCOMPARE(store.rename(QStringLiteral("a"), QStringLiteral("d")).kind, K::None);
    QCOMPARE(store.rename(QStringLiteral("d"), QStringLiteral("d")).kind, K::None);
    QCOMPARE(store.names(),
             QStringList({QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}));
    QCOMPARE(readFile(path(QStringLiteral("d"))), original);

    QCOMPARE(store.remove(QStringLiteral("c")).kind, K::None);
    QCOMPARE(store.remove(QStringLiteral("c")).kind, K::NotFound);
    QCOMPARE(store.names(), QStringList({QStringLiteral("b"), QStringLiteral("d")}));
}

void TestWorkflowStore::importJsonAndPng()
{
    QTemporaryDir source;
    QVERIFY(source.isValid());
    const QString json = source.filePath(QStringLiteral("My Flow.json"));
    writeFile(json, "{\"prompt\": " + BareGraph + "}");
    const QString pngPath = QStringLiteral(COMFYDESK_TEST_DATA
                                           "/transcripts/v0.3.65/view_output.png");

    const WorkflowStore store(m_dir->filePath(QStringLiteral("wf")));
    WorkflowResult result = store.importFile(json);
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    QCOMPARE(result.name, QStringLiteral("My Flow"));
    QCOMPARE(result.graph, bareObject());
    QCOMPARE(store.load(QStringLiteral("My Flow")).graph, bareObject()); // stored bare

    result = store.importFile(json);
    QCOMPARE(result.name, QStringLiteral("My Flow (2)"));
    QCOMPARE(store.importFile(json, QStringLiteral("My Flow")).error.kind,
             WorkflowError::Kind::AlreadyExists);
    QCOMPARE(store.importFile(json, QStringLiteral("../x")).error.kind,
             WorkflowError::Kind::InvalidName);

    result = store.importFile(pngPath);
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    QCOMPARE(result.name, QStringLiteral("view_output"));
    const WorkflowResult fromPng = store.load(QStringLiteral("view_output"));
    QVERIFY(fromPng.isOk());
    QCOMPARE(fromPng.graph.value(QStringLiteral("2")).toObject()
                 .value(QStringLiteral("class_type")).toString(),
             QStringLiteral("SaveImage"));
    QCOMPARE(store.importFile(pngPath, QStringLiteral("工作流")).name,
             QStringLiteral("工作流"));

    const QString ui = source.filePath(QStringLiteral("ui.json"));
    writeFile(ui, R"({"nodes": [], "links": [], "version": 0.4})");
    QCOMPARE(store.importFile(ui).error.kind, WorkflowError::Kind::UiFormat);
    QCOMPARE(store.importFile(source.filePath(QStringLiteral("none.json"))).error.kind,
             WorkflowError::Kind::NotFound);

    QCOMPARE(store.names(),
             QStringList({QStringLiteral("My Flow"), QStringLiteral("My Flow (2)"),
                          QStringLiteral("view_output"), QStringLiteral("工作流")}));
}

void TestWorkflowStore::errorKindsMapToHttpStatus()
{
    using K = WorkflowError::Kind;
    const QList<QPair<K, int>> expected = {
        {K::InvalidName, 400}, {K::InvalidOverrides, 400}, {K::NotFound, 404},
        {K::AlreadyExists, 409}, {K::TooLarge, 422}, {K::InvalidJson, 422},
        {K::NotAnObject, 422}, {K::UiFormat, 422}, {K::InvalidGraph, 422},
        {K::NoWorkflowInPng, 422}, {K::Io, 500}};
    QSet<QString> kindNames;
    for (const auto &[kind, status] : expected) {
        QCOMPARE(WorkflowError::httpStatus(kind), status);
        kindNames.insert(WorkflowError::kindName(kind));
    }
    QCOMPARE(kindNames.size(), expected.size()); // every kind has its own name
}

QTEST_GUILESS_MAIN(TestWorkflowStore)
#include "tst_workflowstore.moc"
