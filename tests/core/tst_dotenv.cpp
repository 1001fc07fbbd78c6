#include "dotenv.h"

#include <QTemporaryDir>
#include <QTest>

class TestDotEnv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesTheOriginalServiceFile()
    {
        const auto values = DotEnv::parse("COMFYUI_BASE_URL=http://gpu-box:8188\n"
                                          "FLASK_DEBUG=True\n"
                                          "# a comment\n"
                                          "export FLASK_HOST = 0.0.0.0\n"
                                          "FLASK_PORT=\"5000\"\n"
                                          "NAME='工作流 # not a comment'\n"
                                          "TRAIL=value # comment\n"
                                          "=novalue\n"
                                          "garbage line\n");
        QCOMPARE(values.value("COMFYUI_BASE_URL"), QStringLiteral("http://gpu-box:8188"));
        QCOMPARE(values.value("FLASK_HOST"), QStringLiteral("0.0.0.0"));
        QCOMPARE(values.value("FLASK_PORT"), QStringLiteral("5000"));
        QCOMPARE(values.value("NAME"), QStringLiteral("工作流 # not a comment"));
        QCOMPARE(values.value("TRAIL"), QStringLiteral("value"));
        QCOMPARE(values.size(), 6);
    }

    void loadReadsTheFileAndNotTheEnvironment()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(".env");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("COMFYDESK_TEST_A=file\nCOMFYDESK_TEST_B=file\n");
        file.close();
        // The environment must not leak into what the file says: AppConfig ranks the two
        // (tst_appconfig's precedence test asserts that the environment wins there).
        qputenv("COMFYDESK_TEST_A", "env");
        qunsetenv("COMFYDESK_TEST_B");
        const auto values = DotEnv::load(path);
        QCOMPARE(values.value("COMFYDESK_TEST_A"), QStringLiteral("file"));
        QCOMPARE(values.value("COMFYDESK_TEST_B"), QStringLiteral("file"));
        QVERIFY(!values.contains("COMFYDESK_TEST_C"));
        QCOMPARE(values.value("COMFYDESK_TEST_C", "default"), QStringLiteral("default"));
        QCOMPARE(values.size(), 2);
        qunsetenv("COMFYDESK_TEST_A");
    }

    void missingFileIsEmpty()
    {
        QVERIFY(DotEnv::load(QStringLiteral("/nonexistent/.env")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDotEnv)
#include "tst_dotenv.moc"
