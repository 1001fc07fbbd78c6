#include "workflowfolderwatcher.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QByteArray Graph = R"({"1": {"class_type": "EmptyImage", "inputs": {}}})";

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(content) == content.size();
}

// Everything the namesChanged spy saw so far, whether it came in one signal or several.
QStringList collected(const QSignalSpy &spy, int argument)
{
    QStringList all;
    for (const QList<QVariant> &emission : spy)
        all += emission.at(argument).toStringList();
    return all;
}

QStringList seenNames(const QSignalSpy &spy)
{
    QStringList all;
    for (const QList<QVariant> &emission : spy)
        all.append(emission.at(0).toString());
    return all;
}

} // namespace

class TestWorkflowFolderWatcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void listsWithoutSignals();
    void fileAdded();
    void fileRewrittenInPlace();
    void fileReplacedAtomically();
    void fileRemoved();
    void fileRenamed();
    void unicodeNames();
    void otherFilesIgnored();
    void folderCreatedLater();
    void folderRemovedAndRecreated();
    void switchingFolders();
    void noFolder();

private:
    QString path(const QString &fileName) const { return QDir(m_folder).filePath(fileName); }

    std::unique_ptr<QTemporaryDir> m_temp;
    QString m_folder;
};

void TestWorkflowFolderWatcher::init()
{
    m_temp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_temp->isValid());
    m_folder = m_temp->filePath(QStringLiteral("workflows"));
    QVERIFY(QDir().mkpath(m_folder));
}

void TestWorkflowFolderWatcher::listsWithoutSignals()
{
    QVERIFY(writeFile(path(QStringLiteral("b.json")), Graph));
    QVERIFY(writeFile(path(QStringLiteral("A.json")), Graph));
    WorkflowFolderWatcher watcher;
    QSignalSpy changed(&watcher, &WorkflowFolderWatcher::changed);
    watcher.setFolder(m_folder);
    QCOMPARE(watcher.folder(), m_folder);
    QVERIFY(watcher.folderExists());
    QVERIFY(watcher.isWatching());
    QCOMPARE(watcher.names(), QStringList({QStringLiteral("A"), QStringLiteral("b")}));
    QCOMPARE(changed.count(), 0);
}

void TestWorkflowFolderWatcher::fileAdded()
{
    WorkflowFolderWatcher watcher(m_folder);
    QSignalSpy names(&watcher, &WorkflowFolderWatcher::namesChanged);
    QSignalSpy changed(&watcher, &WorkflowFolderWatcher::changed);
    QVERIFY(watcher.names().isEmpty());

    QVERIFY(writeFile(path(QStringLiteral("portrait.json")), Graph));
    QTRY_COMPARE(collected(names, 0), QStringList{QStringLiteral("portrait")});
    QVERIFY(collected(names, 1).isEmpty());
    QVERIFY(changed.count() >= 1);
    QCOMPARE(watcher.names(), QStringList{QStringLiteral("portrait")});
}

void TestWorkflowFolderWatcher::fileRewrittenInPlace()
{
    QVERIFY(writeFile(path(QStringLiteral("a.json")), Graph));
    WorkflowFolderWatcher watcher(m_folder);
    QSignalSpy rewritten(&watcher, &WorkflowFolderWatcher::workflowChanged);
    QSignalSpy names(&watcher, &WorkflowFolderWatcher::namesChanged);
    QSignalSpy changed(&watcher, &WorkflowFolderWatcher::changed);

    // Same file, new bytes: no directory entry changes, only the file's own watch sees it.
    QVERIFY(writeFile(path(QStringLiteral("a.json")), Graph + "\n"));
    QTRY_VERIFY(seenNames(rewritten).contains(QStringLiteral("a")));
    QVERIFY(changed.count() >= 1);
    QCOMPARE(names.count(), 0);
}

void TestWorkflowFolderWatcher::fileReplacedAtomically()
{
    QVERIFY(writeFile(path(QStringLiteral("a.json")), Graph));
    WorkflowFolderWatcher watcher(m_folder);
    QSignalSpy rewritten(&watcher, &WorkflowFolderWatcher::workflowChanged);
    QSignalSpy names(&watcher, &WorkflowFolderWatcher::namesChanged);

    // What editors and WorkflowStore::save() do: write a temporary file, rename it over.
    QSaveFile file(path(QStringLiteral("a.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Graph);
    QVERIFY(file.commit());
    QTRY_VERIFY(seenNames(rewritten).contains(QStringLiteral("a")));
    QVERIFY(collected(names, 0).isEmpty());
    QVERIFY(collected(names, 1).isEmpty());

    // The new file is watched in turn.
    rewritten.clear();
    QVERIFY(writeFile(path(QStringLiteral("a.json")), Graph + " "));
    QTRY_VERIFY(seenNames(rewritten).contains(QStringLiteral("a")));
}

void TestWorkflowFolderWatcher::fileRemoved()
{
    QVERIFY(writeFile(path(QStringLiteral("a.json")), Graph));
    QVERIFY(writeFile(path(QStringLiteral("b.json")), Graph));
    WorkflowFolderWatcher watcher(m_folder);
    QSignalSpy names(&watcher, &WorkflowFolderWatcher::namesChanged);

    QVERIFY(QFile::remove(path(QStringLiteral("a.json"))));
    QTRY_COMPARE(collected(names, 1), QStringList{QStringLiteral("a")});
    QVERIFY(collected(names, 0).isEmpty());
    QCOMPARE(watcher.names(), QStringList{QStringLiteral("b")});
}

void TestWorkflowFolderWatcher::fileRenamed()
{
    QVERIFY(writeFile(path(QStringLiteral("old name.json")), Graph));
    WorkflowFolderWatcher watcher(m_folder);
    QSignalSpy names(&watcher, &WorkflowFolderWatcher::namesChanged);

    QVERIFY(QFile::rename(path(QStringLiteral("old name.json")),
                          path(QStringLiteral("new name.json"))));
    QTRY_COMPARE(collected(names, 0), QStringList{QStringLiteral("new name")});
    QTRY_COMPARE(collected(names, 1), QStringList{QStringLiteral("old name")});
    QCOMPARE(watcher.names(), QStringList{QStringLiteral("new name")});
}

void TestWorkflowFolderWatcher::unicodeNames()
{
    const QString name = QStringLiteral(u"风景 夜");
    WorkflowFolderWatcher watcher(m_folder);
    QSignalSpy names(&watcher, &WorkflowFolderWatcher::namesChanged);
    QSignalSpy rewritten(&watcher, &WorkflowFolderWatcher::workflowChanged);

    QVERIFY(writeFile(path(name + QStringLiteral(".json")), Graph));
    QTRY_COMPARE(collected(names, 0), QStringList{name});
    QCOMPARE(watcher.names(), QStringList{name});

    QVERIFY(writeFile(path(name + QStringLiteral(".json")), Graph + "\n"));
    QTRY_VERIFY(seenNames(rewritten).contains(name));

    QVERIFY(QFile::remove(path(name + QStringLiteral(".json"))));
    QTRY_COMPARE(collected(names, 1), QStringList{name});
    QVERIFY(watcher.names().isEmpty());
}

void TestWorkflowFolderWatcher::otherFilesIgnored()
{
    WorkflowFolderWatcher watcher(m_folder);
    QSignalSpy names(&watcher, &WorkflowFolderWatcher::namesChanged);

    // None of these is a workflow the store would list; the last file is, and events
    // arrive in order, so by the time it shows up the others would have too.
    QVERIFY(writeFile(path(QStringLiteral("notes.txt")), "x"));
    QVERIFY(writeFile(path(QStringLiteral("upper.JSON")), Graph));
    QVERIFY(writeFile(path(QStringLiteral(".json")), Graph));
    QVERIFY(writeFile(path(QStringLiteral("last.json")), Graph));
    QTRY_VERIFY(collected(names, 0).contains(QStringLiteral("last")));
    QCOMPARE(collected(names, 0), QStringList{QStringLiteral("last")});
    QCOMPARE(watcher.names(), QStringList{QStringLiteral("last")});
}

void TestWorkflowFolderWatcher::folderCreatedLater()
{
    // Two levels missing: the watch has to walk down as each one appears.
    const QString folder = m_temp->filePath(QStringLiteral("later/deeper/workflows"));
    WorkflowFolderWatcher watcher(folder);
    QVERIFY(!watcher.folderExists());
    QVERIFY(watcher.isWatching()); // the nearest existing parent
    QSignalSpy exists(&watcher, &WorkflowFolderWatcher::folderExistsChanged);
    QSignalSpy names(&watcher, &WorkflowFolderWatcher::namesChanged);

    QVERIFY(QDir().mkpath(m_temp->filePath(QStringLiteral("later/deeper"))));
    QVERIFY(QDir().mkpath(folder));
    QTRY_COMPARE(exists.count(), 1);
    QCOMPARE(exists.first().first().toBool(), true);
    QVERIFY(watcher.folderExists());

    QVERIFY(writeFile(QDir(folder).filePath(QStringLiteral("first.json")), Graph));
    QTRY_COMPARE(collected(names, 0), QStringList{QStringLiteral("first")});
}

void TestWorkflowFolderWatcher::folderRemovedAndRecreated()
{
    QVERIFY(writeFile(path(QStringLiteral("a.json")), Graph));
    WorkflowFolderWatcher watcher(m_folder);
    QSignalSpy exists(&watcher, &WorkflowFolderWatcher::folderExistsChanged);
    QSignalSpy names(&watcher, &WorkflowFolderWatcher::namesChanged);

    QVERIFY(QDir(m_folder).removeRecursively());
    QTRY_VERIFY(!watcher.folderExists());
    QTRY_COMPARE(collected(names, 1), QStringList{QStringLiteral("a")});
    QCOMPARE(exists.last().first().toBool(), false);
    QVERIFY(watcher.isWatching());

    // Created again, with a file already in it by the time the watcher looks.
    QVERIFY(QDir().mkpath(m_folder));
    QVERIFY(writeFile(path(QStringLiteral("b.json")), Graph));
    QTRY_VERIFY(watcher.folderExists());
    QTRY_COMPARE(collected(names, 0), QStringList{QStringLiteral("b")});
    QCOMPARE(exists.last().first().toBool(), true);
}

void TestWorkflowFolderWatcher::switchingFolders()
{
    const QString other = m_temp->filePath(QStringLiteral("other"));
    QVERIFY(QDir().mkpath(other));
    QVERIFY(writeFile(QDir(other).filePath(QStringLiteral("x.json")), Graph));
    WorkflowFolderWatcher watcher(m_folder);
    QSignalSpy names(&watcher, &WorkflowFolderWatcher::namesChanged);
    watcher.setFolder(other);
    QCOMPARE(watcher.names(), QStringList{QStringLiteral("x")});

    // Only the new folder is reported on.
    QVERIFY(writeFile(path(QStringLiteral("ignored.json")), Graph));
    QVERIFY(writeFile(QDir(other).filePath(QStringLiteral("y.json")), Graph));
    QTRY_VERIFY(collected(names, 0).contains(QStringLiteral("y")));
    QCOMPARE(collected(names, 0), QStringList{QStringLiteral("y")});
}

void TestWorkflowFolderWatcher::noFolder()
{
    WorkflowFolderWatcher watcher;
    QVERIFY(!watcher.isWatching());
    QVERIFY(!watcher.folderExists());
    QVERIFY(watcher.names().isEmpty());
    watcher.setFolder({});
    QVERIFY(!watcher.isWatching());
    // A path through a file: nothing of it can become a folder; no crash, no watch on it.
    QVERIFY(writeFile(path(QStringLiteral("plain")), "x"));
    watcher.setFolder(path(QStringLiteral("plain/sub")));
    QVERIFY(!watcher.folderExists());
}

QTEST_GUILESS_MAIN(TestWorkflowFolderWatcher)
#include "tst_workflowfolderwatcher.moc"
