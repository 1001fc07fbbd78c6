#include "workflowsamples.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

// The installed app's first run copies the packaged sample workflows into the user's
// folder, once, and never over a file the user has.
class TestWorkflowSampleCopy : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_samples;

    static void write(const QString &path, const QByteArray &content)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_samples = m_dir.filePath(QStringLiteral("samples"));
        QVERIFY(QDir().mkpath(m_samples));
        write(m_samples + QStringLiteral("/txt2img.json"), R"({"1": {"class_type": "A"}})");
        write(m_samples + QStringLiteral("/模糊.json"), R"({"1": {"class_type": "B"}})");
        write(m_samples + QStringLiteral("/README.md"), "not a workflow");
    }

    void copiesEverySampleIntoANewFolder()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("new.ini")), QSettings::IniFormat);
        const QString target = m_dir.filePath(QStringLiteral("new/workflows"));
        const auto result = WorkflowSamples::copyOnFirstRun(m_samples, target, settings);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.copied, (QStringList{QStringLiteral("txt2img.json"),
                                             QStringLiteral("模糊.json")}));
        QCOMPARE(read(target + QStringLiteral("/模糊.json")),
                 QByteArray(R"({"1": {"class_type": "B"}})"));
        QVERIFY(!QFile::exists(target + QStringLiteral("/README.md")));
        // The copy is the user's to edit, whatever the package's file mode was.
        QVERIFY(QFile::permissions(target + QStringLiteral("/txt2img.json"))
                & QFile::WriteOwner);
    }

    void neverOverwritesTheUsersFile()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("own.ini")), QSettings::IniFormat);
        const QString target = m_dir.filePath(QStringLiteral("own"));
        QVERIFY(QDir().mkpath(target));
        write(target + QStringLiteral("/txt2img.json"), "the user's own");
        const auto result = WorkflowSamples::copyOnFirstRun(m_samples, target, settings);
        QCOMPARE(result.kept, QStringList{QStringLiteral("txt2img.json")});
        QCOMPARE(result.copied, QStringList{QStringLiteral("模糊.json")});
        QCOMPARE(read(target + QStringLiteral("/txt2img.json")), QByteArray("the user's own"));
    }

    void aDeletedSampleDoesNotComeBack()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("again.ini")), QSettings::IniFormat);
        const QString target = m_dir.filePath(QStringLiteral("again"));
        QCOMPARE(WorkflowSamples::copyOnFirstRun(m_samples, target, settings).copied.size(), 2);
        QVERIFY(QFile::remove(target + QStringLiteral("/txt2img.json")));
        const auto second = WorkflowSamples::copyOnFirstRun(m_samples, target, settings);
        QVERIFY(second.alreadyDone);
        QVERIFY(second.copied.isEmpty());
        QVERIFY(!QFile::exists(target + QStringLiteral("/txt2img.json")));
        // The same folder written another way is still the same folder.
        QVERIFY(WorkflowSamples::copyOnFirstRun(m_samples, target + QStringLiteral("/./"),
                                                settings).alreadyDone);
        // Another folder (the user moved the workflows) is seeded on its own.
        const auto other = WorkflowSamples::copyOnFirstRun(
            m_samples, m_dir.filePath(QStringLiteral("elsewhere")), settings);
        QCOMPARE(other.copied.size(), 2);
    }

    void aFolderThatCannotBeMadeIsTriedAgain()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("blocked.ini")), QSettings::IniFormat);
        const QString file = m_dir.filePath(QStringLiteral("blocked"));
        write(file, "a file where the folder should be");
        const auto result = WorkflowSamples::copyOnFirstRun(m_samples, file, settings);
        QVERIFY(!result.error.isEmpty());
        QVERIFY(result.error.contains(file));
        QVERIFY(QFile::remove(file));
        // Nothing was recorded: once the obstacle is gone, the next start copies.
        QCOMPARE(WorkflowSamples::copyOnFirstRun(m_samples, file, settings).copied.size(), 2);
    }

    void withoutSamplesNothingHappens()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("none.ini")), QSettings::IniFormat);
        const QString target = m_dir.filePath(QStringLiteral("none"));
        const auto result = WorkflowSamples::copyOnFirstRun(QString(), target, settings);
        QVERIFY(result.copied.isEmpty());
        QVERIFY(result.error.isEmpty());
        QVERIFY(!QFileInfo::exists(target));
    }
};

QTEST_GUILESS_MAIN(TestWorkflowSampleCopy)
#include "tst_workflowsamplecopy.moc"
