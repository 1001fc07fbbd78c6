#include "recordedbody.h"
#include "systeminfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

class TestSystemInfo final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recorded_data();
    void recorded();
    void olderServer();
    void malformed_data();
    void malformed();
};

void TestSystemInfo::recorded_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("os");
    QTest::addColumn<QString>("frontend");
    QTest::addColumn<qint64>("ramFree");
    QTest::newRow("0.3.65") << "v0.3.65" << "system_stats.json" << "posix" << "1.27.10"
                            << Q_INT64_C(24400609280);
    QTest::newRow("0.3.65 /api") << "v0.3.65" << "api_prefix_system_stats.json" << "posix"
                                 << "1.27.10" << Q_INT64_C(24397168640);
    QTest::newRow("0.8.0") << "v0.8.0" << "system_stats.json" << "linux" << "1.35.9"
                           << Q_INT64_C(24385994752);
}

void TestSystemInfo::recorded()
{
    QFETCH(QString, version);
    QFETCH(QString, file);
    QFETCH(QString, os);
    QFETCH(QString, frontend);
    QFETCH(qint64, ramFree);
    const SystemInfo info = SystemInfo::fromJson(RecordedBody::loadObject(version, file));
    QVERIFY(info.valid);
    QCOMPARE(info.comfyuiVersion, version.mid(1));
    QCOMPARE(info.os, os);
    QCOMPARE(info.pythonVersion,
             QStringLiteral("3.11.2 (main, Apr 28 2025, 14:11:48) [GCC 12.2.0]"));
    QCOMPARE(info.pytorchVersion, QStringLiteral("1.13.0a0"));
    QCOMPARE(info.requiredFrontendVersion, frontend);
    QVERIFY(!info.embeddedPython);
    QCOMPARE(info.ramTotal, Q_INT64_C(25276502016));
    QCOMPARE(info.ramFree, ramFree);
    QCOMPARE(info.argv.first(), QStringLiteral("main.py"));
    QVERIFY(info.argv.contains(QStringLiteral("--cpu")));

    QCOMPARE(info.devices.size(), 1);
    const SystemInfo::Device &cpu = info.devices.first();
    QCOMPARE(cpu.name, QStringLiteral("cpu"));
    QCOMPARE(cpu.type, QStringLiteral("cpu"));
    QCOMPARE(cpu.index, -1); // null in the answer
    QCOMPARE(cpu.vramTotal, Q_INT64_C(25276502016));
    QCOMPARE(cpu.vramFree, ramFree);
    QCOMPARE(cpu.torchVramTotal, Q_INT64_C(25276502016));
    QCOMPARE(cpu.torchVramFree, ramFree);
}

void TestSystemInfo::olderServer()
{
    // Shape of ComfyUI before it reported its own version (and of a GPU box).
    const QJsonObject body = QJsonDocument::fromJson(R"({
        "system": {"os": "nt", "python_version": "3.10.11", "embedded_python": true},
        "devices": [{"name": "cuda:0 NVIDIA GeForce RTX 3060 : cudaMallocAsync",
                     "type": "cuda", "index": 0, "vram_total": 12884377600,
                     "vram_free": 11489443840, "torch_vram_total": 0,
                     "torch_vram_free": 0}]})")
                                 .object();
    const SystemInfo info = SystemInfo::fromJson(body);
    QVERIFY(info.valid);
    QVERIFY(info.comfyuiVersion.isEmpty());
    QVERIFY(info.pytorchVersion.isEmpty());
    QCOMPARE(info.os, QStringLiteral("nt"));
    QVERIFY(info.embeddedPython);
    QCOMPARE(info.ramTotal, -1);
    QCOMPARE(info.devices.size(), 1);
    QCOMPARE(info.devices.first().index, 0);
    QCOMPARE(info.devices.first().type, QStringLiteral("cuda"));
    QCOMPARE(info.devices.first().vramTotal, Q_INT64_C(12884377600));
    QCOMPARE(info.devices.first().torchVramFree, 0);
}

void TestSystemInfo::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("devices");
    QTest::newRow("empty object") << QByteArray("{}") << false << 0;
    QTest::newRow("system not object") << QByteArray(R"({"system": [1]})") << false << 0;
    QTest::newRow("garbage types")
        << QByteArray(R"({"system": {"os": 3, "ram_total": "lots", "ram_free": -5,
                         "argv": "main.py", "comfyui_version": null},
                         "devices": [7, "gpu", {"index": -3, "vram_total": 1e300},
                                     {"index": 1.5, "name": []}]})")
        << true << 2;
    QTest::newRow("devices not array") << QByteArray(R"({"system": {}, "devices": {}})")
                                       << true << 0;
}

void TestSystemInfo::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QFETCH(int, devices);
    const SystemInfo info = SystemInfo::fromJson(QJsonDocument::fromJson(json).object());
    QCOMPARE(info.valid, valid);
    QVERIFY(info.os.isEmpty());
    QVERIFY(info.comfyuiVersion.isEmpty());
    QCOMPARE(info.ramTotal, -1);
    QCOMPARE(info.ramFree, -1);
    QVERIFY(info.argv.isEmpty());
    QCOMPARE(info.devices.size(), devices);
    for (const SystemInfo::Device &device : info.devices) {
        QCOMPARE(device.index, -1);
        QCOMPARE(device.vramTotal, -1);
        QVERIFY(device.name.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestSystemInfo)
#include "tst_systeminfo.moc"
