#include "comfyevent.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtEndian>
#include <QtTest>

namespace {

struct Recorded
{
    QString file;
    int seq = 0;
    QJsonObject line;
};

QString transcriptDir(const QString &version)
{
    return QStringLiteral(COMFYDESK_TEST_DATA "/transcripts/") + version;
}

// Every received frame of every ws_*.jsonl of one recorded ComfyUI version.
QList<Recorded> receivedFrames(const QString &version)
{
    QList<Recorded> frames;
    const QDir dir(transcriptDir(version));
    const QStringList files = dir.entryList({QStringLiteral("ws_*.jsonl")}, QDir::Files,
                                            QDir::Name);
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        while (!file.atEnd()) {
            const QByteArray raw = file.readLine().trimmed();
            if (raw.isEmpty())
                continue;
            const QJsonObject line = QJsonDocument::fromJson(raw).object();
            if (line.value(QLatin1String("dir")).toString() != QLatin1String("recv"))
                continue;
            frames.append({name, line.value(QLatin1String("seq")).toInt(), line});
        }
    }
    return frames;
}

// Width and height from the IHDR chunk: proves the bytes are a whole PNG header without
// linking QtGui into a core test (QImage lives there).
bool pngSize(const QByteArray &png, int *width, int *height)
{
    static const QByteArray signature("\x89PNG\r\n\x1a\n", 8);
    if (png.size() < 24 || !png.startsWith(signature) || png.mid(12, 4) != "IHDR")
        return false;
    *width = int(qFromBigEndian<quint32>(png.constData() + 16));
    *height = int(qFromBigEndian<quint32>(png.constData() + 20));
    return png.endsWith(QByteArray("IEND\xae\x42\x60\x82", 8));
}

QByteArray beUInt32(quint32 value)
{
    QByteArray out(4, '\0');
    qToBigEndian(value, out.data());
    return out;
}

QByteArray firstBinaryFrame(const QString &file, int eventType)
{
    QFile f(transcriptDir(QStringLiteral("v0.3.65")) + QLatin1Char('/') + file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    while (!f.atEnd()) {
        const QJsonObject line = QJsonDocument::fromJson(f.readLine()).object();
        if (line.value(QLatin1String("kind")).toString() == QLatin1String("binary")
            && line.value(QLatin1String("event_type")).toInt() == eventType) {
            return QByteArray::fromBase64(
                line.value(QLatin1String("b64")).toString().toLatin1());
        }
    }
    return {};
}

} // namespace

class TestComfyEvent final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordedFrames_data();
    void recordedFrames();
    void recordedSequenceEmptySave();
    void reconnectExecutingWithoutPromptId();
    void executionErrorFields();
    void textFrameFields();
    void truncatedBinaryFrames_data();
    void truncatedBinaryFrames();
    void hostileLengths();
    void randomGarbageNeverCrashes();
    void malformedText_data();
    void malformedText();
};

void TestComfyEvent::recordedFrames_data()
{
    QTest::addColumn<QString>("version");
    QTest::newRow("v0.3.65") << QStringLiteral("v0.3.65");
    QTest::newRow("v0.8.0") << QStringLiteral("v0.8.0");
}

// Every recorded frame parses into the type and typed fields its JSON says.
void TestComfyEvent::recordedFrames()
{
    QFETCH(QString, version);
    const QList<Recorded> frames = receivedFrames(version);
    QVERIFY2(frames.size() > 250, qPrintable(QString::number(frames.size())));

    QHash<ComfyEvent::Type, int> seen;
    int pngDecoded = 0;
    for (const Recorded &rec : frames) {
        const QString where = QStringLiteral("%1 seq %2").arg(rec.file).arg(rec.seq);
        const QByteArray whereUtf8 = where.toUtf8();
        const char *at = whereUtf8.constData();
        const QJsonObject &line = rec.line;

        if (line.value(QLatin1String("kind")).toString() == QLatin1String("binary")) {
            const QByteArray frame = QByteArray::fromBase64(
                line.value(QLatin1String("b64")).toString().toLatin1());
            QCOMPARE(frame.size(), line.value(QLatin1String("length")).toInt());
            const ComfyEvent event = ComfyEvent::fromBinary(frame);
            seen[event.type]++;
            const int eventType = line.value(QLatin1String("event_type")).toInt();
            if (eventType == 3) {
                QVERIFY2(event.type == ComfyEvent::Type::Text, at);
                QCOMPARE(event.node, line.value(QLatin1String("node_id")).toString());
                QCOMPARE(event.text, line.value(QLatin1String("text")).toString());
                continue;
            }
            QVERIFY2(event.type == ComfyEvent::Type::PreviewImage, at);
            QCOMPARE(event.image.size(), line.value(QLatin1String("image_bytes")).toInt());
            if (eventType == 1) {
                QCOMPARE(event.imageFormat,
                         line.value(QLatin1String("image_format_name")).toString().toLower());
                QVERIFY(event.promptId.isEmpty());
            } else {
                QCOMPARE(eventType, 4);
                const QJsonObject metadata = line.value(QLatin1String("metadata")).toObject();
                QCOMPARE(event.metadata, metadata);
                QCOMPARE(event.promptId, metadata.value(QLatin1String("prompt_id")).toString());
                QCOMPARE(event.node, metadata.value(QLatin1String("node_id")).toString());
                QVERIFY2(!event.promptId.isEmpty(), at);
            }
            if (event.imageFormat == QLatin1String("png")) {
                int width = 0;
                int height = 0;
                QVERIFY2(pngSize(event.image, &width, &height), at);
                const QJsonArray size = line.value(QLatin1String("image_size")).toArray();
                QCOMPARE(width, size.at(0).toInt());
                QCOMPARE(height, size.at(1).toInt());
                ++pngDecoded;
            }
            continue;
        }

        const QJsonObject message = line.value(QLatin1String("data")).toObject();
        const QJsonObject data = message.value(QLatin1String("data")).toObject();
        const QString typeName = message.value(QLatin1String("type")).toString();
        const ComfyEvent event =
            ComfyEvent::fromText(QJsonDocument(message).toJson(QJsonDocument::Compact));
        seen[event.type]++;
        QVERIFY2(event.type != ComfyEvent::Type::Unknown, at);
        QCOMPARE(event.typeName, typeName);
        QCOMPARE(event.data, data);
        QCOMPARE(event.promptId, data.value(QLatin1String("prompt_id")).toString());

        if (typeName == QLatin1String("status")) {
            QVERIFY2(event.type == ComfyEvent::Type::Status, at);
            QCOMPARE(event.queueRemaining, data.value(QLatin1String("status")).toObject()
                                               .value(QLatin1String("exec_info")).toObject()
                                               .value(QLatin1String("queue_remaining"))
                                               .toInt());
            QVERIFY(event.queueRemaining >= 0);
            QCOMPARE(event.sid, data.value(QLatin1String("sid")).toString());
        } else if (typeName == QLatin1String("execution_start")
                   || typeName == QLatin1String("execution_success")) {
            QVERIFY2(event.timestamp > 1700000000000LL, at);
            QCOMPARE(event.timestamp,
                     qint64(data.value(QLatin1String("timestamp")).toDouble()));
            QVERIFY(!event.promptId.isEmpty());
        } else if (typeName == QLatin1String("execution_cached")) {
            QVERIFY2(event.type == ComfyEvent::Type::ExecutionCached, at);
            QStringList nodes;
            for (const QJsonValue &node : data.value(QLatin1String("nodes")).toArray())
                nodes.append(node.toString());
            QCOMPARE(event.cachedNodes, nodes);
        } else if (typeName == QLatin1String("executing")) {
            QVERIFY2(event.type == ComfyEvent::Type::Executing, at);
            const QJsonValue node = data.value(QLatin1String("node"));
            QCOMPARE(event.nodeIsNull, node.isNull());
            QCOMPARE(event.node, node.toString());
        } else if (typeName == QLatin1String("progress")) {
            QVERIFY2(event.type == ComfyEvent::Type::Progress, at);
            QCOMPARE(event.value, data.value(QLatin1String("value")).toInt());
            QCOMPARE(event.max, data.value(QLatin1String("max")).toInt());
            QVERIFY(event.max > 0);
            QCOMPARE(event.node, data.value(QLatin1String("node")).toString());
        } else if (typeName == QLatin1String("executed")) {
            QVERIFY2(event.type == ComfyEvent::Type::Executed, at);
            QCOMPARE(event.node, data.value(QLatin1String("node")).toString());
            QCOMPARE(event.output, data.value(QLatin1String("output")).toObject());
            QVERIFY(!event.output.isEmpty());
        } else if (typeName == QLatin1String("execution_error")
                   || typeName == QLatin1String("execution_interrupted")) {
            QCOMPARE(event.node, data.value(QLatin1String("node_id")).toString());
            QVERIFY(!event.node.isEmpty());
            QVERIFY(event.timestamp > 1700000000000LL);
        } else if (typeName == QLatin1String("progress_state")) {
            QVERIFY2(event.type == ComfyEvent::Type::ProgressState, at);
        } else if (typeName == QLatin1String("feature_flags")) {
            QVERIFY2(event.type == ComfyEvent::Type::FeatureFlags, at);
        } else {
            QFAIL(qPrintable(QStringLiteral("unexpected recorded type %1 at %2")
                                 .arg(typeName, where)));
        }
    }

    // The recordings cover every type; a parser that loses one shows up here.
    const QList<ComfyEvent::Type> expected = {
        ComfyEvent::Type::Status,           ComfyEvent::Type::ExecutionStart,
        ComfyEvent::Type::ExecutionCached,  ComfyEvent::Type::Executing,
        ComfyEvent::Type::Progress,         ComfyEvent::Type::ProgressState,
        ComfyEvent::Type::Executed,         ComfyEvent::Type::ExecutionSuccess,
        ComfyEvent::Type::ExecutionError,   ComfyEvent::Type::ExecutionInterrupted,
        ComfyEvent::Type::FeatureFlags,     ComfyEvent::Type::PreviewImage,
        ComfyEvent::Type::Text};
    for (ComfyEvent::Type type : expected)
        QVERIFY2(seen.value(type) > 0, qPrintable(QString::number(int(type))));
    QCOMPARE(seen.value(ComfyEvent::Type::Unknown), 0);
    QVERIFY(pngDecoded >= 4);
}

// The documented order of one run, read through the parser.
void TestComfyEvent::recordedSequenceEmptySave()
{
    QList<ComfyEvent> events;
    for (const Recorded &rec : receivedFrames(QStringLiteral("v0.3.65"))) {
        if (rec.file != QLatin1String("ws_empty_save.jsonl"))
            continue;
        const QJsonObject message = rec.line.value(QLatin1String("data")).toObject();
        events.append(ComfyEvent::fromText(QJsonDocument(message).toJson()));
    }
    QVERIFY(events.size() >= 8);
    QCOMPARE(events.first().type, ComfyEvent::Type::Status);
    QCOMPARE(events.first().sid, QStringLiteral("x"));
    QCOMPARE(events.first().queueRemaining, 0);

    const ComfyEvent &last = events.last();
    QCOMPARE(last.type, ComfyEvent::Type::Executing);
    QVERIFY(last.nodeIsNull);
    QVERIFY(last.node.isEmpty());
    QCOMPARE(last.promptId, QStringLiteral("845533f8-5fa4-4d94-8714-3c634ebca560"));

    const auto start = std::find_if(events.cbegin(), events.cend(), [](const ComfyEvent &e) {
        return e.type == ComfyEvent::Type::ExecutionStart;
    });
    const auto success = std::find_if(events.cbegin(), events.cend(), [](const ComfyEvent &e) {
        return e.type == ComfyEvent::Type::ExecutionSuccess;
    });
    QVERIFY(start != events.cend());
    QVERIFY(success != events.cend());
    QCOMPARE(start->timestamp, 1795600963825LL);
    QVERIFY(success->timestamp >= start->timestamp);
    QVERIFY(start < success);
}

void TestComfyEvent::reconnectExecutingWithoutPromptId()
{
    const ComfyEvent event = ComfyEvent::fromText(
        R"({"type": "executing", "data": {"node": "2"}})");
    QCOMPARE(event.type, ComfyEvent::Type::Executing);
    QCOMPARE(event.node, QStringLiteral("2"));
    QVERIFY(!event.nodeIsNull);
    QVERIFY(event.promptId.isEmpty());
}

void TestComfyEvent::executionErrorFields()
{
    QFile file(transcriptDir(QStringLiteral("v0.3.65")) + "/ws_execution_error.jsonl");
    QVERIFY(file.open(QIODevice::ReadOnly));
    ComfyEvent error;
    while (!file.atEnd()) {
        const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
        const QJsonObject message = line.value(QLatin1String("data")).toObject();
        if (message.value(QLatin1String("type")).toString() == QLatin1String("execution_error"))
            error = ComfyEvent::fromText(QJsonDocument(message).toJson());
    }
    QCOMPARE(error.type, ComfyEvent::Type::ExecutionError);
    QCOMPARE(error.promptId, QStringLiteral("274eb69b-ef67-479d-a56f-3a261950b1c6"));
    QCOMPARE(error.node, QStringLiteral("2"));
    QCOMPARE(error.data.value(QLatin1String("exception_type")).toString(),
             QStringLiteral("RuntimeError"));
    QCOMPARE(error.timestamp, 1795600969690LL);
}

void TestComfyEvent::textFrameFields()
{
    const QByteArray frame = firstBinaryFrame(QStringLiteral("ws_progress_text.jsonl"), 3);
    QVERIFY(!frame.isEmpty());
    const ComfyEvent event = ComfyEvent::fromBinary(frame);
    QCOMPARE(event.type, ComfyEvent::Type::Text);
    QCOMPARE(event.node, QStringLiteral("2"));
    QCOMPARE(event.text, QStringLiteral("width: 40, height: 30\n batch size: 1"));
}

void TestComfyEvent::truncatedBinaryFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("minimumValidSize");
    const QByteArray legacy =
        firstBinaryFrame(QStringLiteral("ws_binary_preview_legacy.jsonl"), 1);
    const QByteArray withMetadata =
        firstBinaryFrame(QStringLiteral("ws_binary_preview_metadata.jsonl"), 4);
    const QByteArray text = firstBinaryFrame(QStringLiteral("ws_progress_text.jsonl"), 3);
    const int metadataLength = int(qFromBigEndian<quint32>(withMetadata.constData() + 4));
    // Shortest prefixes that still hold a whole header: an image of >= 1 byte,
    // the whole metadata JSON + >= 1 image byte, the whole node id.
    QTest::newRow("type 1") << legacy << 9;
    QTest::newRow("type 4") << withMetadata << 8 + metadataLength + 1;
    QTest::newRow("type 3") << text << 9;
}

// Every prefix of a recorded frame: Unknown while the header is cut, never a crash.
void TestComfyEvent::truncatedBinaryFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, minimumValidSize);
    QVERIFY(frame.size() > minimumValidSize);
    for (int size = 0; size <= frame.size(); ++size) {
        const ComfyEvent event = ComfyEvent::fromBinary(frame.left(size));
        if (size < minimumValidSize) {
            QVERIFY2(event.type == ComfyEvent::Type::Unknown,
                     qPrintable(QString::number(size)));
            QVERIFY(event.image.isEmpty());
        } else {
            QVERIFY2(event.type != ComfyEvent::Type::Unknown,
                     qPrintable(QString::number(size)));
        }
    }
}

void TestComfyEvent::hostileLengths()
{
    const QByteArray png("\x89PNG\r\n\x1a\n", 8);
    for (quint32 length : {0xFFFFFFFFu, 0x80000000u, 0x7FFFFFFFu, 100u}) {
        QCOMPARE(ComfyEvent::fromBinary(beUInt32(4) + beUInt32(length) + "{}" + png).type,
                 ComfyEvent::Type::Unknown);
        QCOMPARE(ComfyEvent::fromBinary(beUInt32(3) + beUInt32(length) + "12").type,
                 ComfyEvent::Type::Unknown);
    }
    // Metadata that is not a JSON object, unknown image formats, unknown frame types.
    QCOMPARE(ComfyEvent::fromBinary(beUInt32(4) + beUInt32(2) + "[]" + png).type,
             ComfyEvent::Type::Unknown);
    QCOMPARE(ComfyEvent::fromBinary(beUInt32(4) + beUInt32(3) + "{x}" + png).type,
             ComfyEvent::Type::Unknown);
    QCOMPARE(ComfyEvent::fromBinary(beUInt32(1) + beUInt32(7) + png).type,
             ComfyEvent::Type::Unknown);
    QCOMPARE(ComfyEvent::fromBinary(beUInt32(2) + beUInt32(2) + png).type,
             ComfyEvent::Type::Unknown);
    QCOMPARE(ComfyEvent::fromBinary(beUInt32(99) + png).type, ComfyEvent::Type::Unknown);

    // A zero-length node id is still a valid text frame.
    const ComfyEvent text = ComfyEvent::fromBinary(beUInt32(3) + beUInt32(0) + "hi");
    QCOMPARE(text.type, ComfyEvent::Type::Text);
    QVERIFY(text.node.isEmpty());
    QCOMPARE(text.text, QStringLiteral("hi"));

    const ComfyEvent jpeg = ComfyEvent::fromBinary(beUInt32(1) + beUInt32(1) + "\xff\xd8");
    QCOMPARE(jpeg.type, ComfyEvent::Type::PreviewImage);
    QCOMPARE(jpeg.imageFormat, QStringLiteral("jpeg"));
}

void TestComfyEvent::randomGarbageNeverCrashes()
{
    QRandomGenerator random(20261125);
    int known = 0;
    for (int i = 0; i < 5000; ++i) {
        QByteArray frame(int(random.bounded(64)), '\0');
        for (char &c : frame)
            c = char(random.bounded(256));
        // Half of them get a plausible type so the inner parsers are exercised too.
        if (frame.size() >= 8 && (i % 2) == 0) {
            qToBigEndian(quint32(1 + random.bounded(4)), frame.data());
            qToBigEndian(quint32(random.bounded(8)), frame.data() + 4);
        }
        const ComfyEvent event = ComfyEvent::fromBinary(frame);
        if (event.type != ComfyEvent::Type::Unknown)
            ++known;
        ComfyEvent::fromText(frame);
    }
    QVERIFY(known > 0); // the plausible ones do reach the inner parsers
}

void TestComfyEvent::malformedText_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not json") << QByteArray("{not json");
    QTest::newRow("array") << QByteArray("[1, 2]");
    QTest::newRow("type not string") << QByteArray(R"({"type": 5, "data": {}})");
    QTest::newRow("no data") << QByteArray(R"({"type": "status"})");
    QTest::newRow("data array") << QByteArray(R"({"type": "executing", "data": []})");
    QTest::newRow("unknown type") << QByteArray(R"({"type": "crystools.monitor", "data": {}})");
    QTest::newRow("truncated") << QByteArray(R"({"type": "progress", "data": {"value": 1)");
}

void TestComfyEvent::malformedText()
{
    QFETCH(QByteArray, message);
    const ComfyEvent event = ComfyEvent::fromText(message);
    QCOMPARE(event.type, ComfyEvent::Type::Unknown);
    QVERIFY(event.promptId.isEmpty());
}

QTEST_GUILESS_MAIN(TestComfyEvent)

#include "tst_comfyevent.moc"
