// Replays the scenario of every recorded websocket transcript (ws_*.jsonl of
// tests/data/transcripts/<version>) against the simulator and compares the ordered sequence
// of message kinds (text `type` with its run position, binary frames by event type) and
// the shape of every message with the recorded one.
//
// Ordering: the recorder's HTTP calls are replayed in the recorded order, each one after
// the message that triggered it in the recording (e.g. "executing(2)" of a slow prompt).
// Scenarios that interleave two streams (broadcast status of new prompts while another
// prompt runs) slow every node down (SimFixture::SlowNodeMs), so the order is fixed and
// the whole sequence is compared exactly, not per prompt.
#include "conformance.h"
#include "helper_httpcases.h"
#include "helper_orderedjson.h"
#include "helper_rawhttp.h"
#include "helper_simfixture.h"
#include "helper_wsprobe.h"
#include "simserver.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>
#include <QtEndian>

#include <memory>

using namespace Conformance;

namespace {

struct Recording
{
    QJsonObject header;
    QString wsPath;             // from the ws_open meta line
    QList<QJsonObject> sent;    // text frames the recorder sent
    QList<QJsonObject> http;    // meta http lines, in order
    QList<QJsonObject> received;
    QList<OrderedJson> receivedWritten; // the same lines, as written
    QList<OrderedJson> httpWritten;     // the http lines, as written
};

Recording load(const QString &file)
{
    Recording r;
    const QList<QJsonObject> lines = loadJsonLines(transcriptDir() + QLatin1Char('/') + file);
    if (lines.isEmpty())
        return r;
    QList<OrderedJson> written;
    QFile raw(transcriptDir() + QLatin1Char('/') + file);
    if (raw.open(QIODevice::ReadOnly)) {
        while (!raw.atEnd()) {
            const QByteArray line = raw.readLine().trimmed();
            if (!line.isEmpty())
                written << OrderedJson::parse(line);
        }
    }
    r.header = lines.first();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QJsonObject &line = lines.at(i);
        const QString dir = line.value(QLatin1String("dir")).toString();
        const QString event = line.value(QLatin1String("event")).toString();
        if (dir == QLatin1String("recv")) {
            r.received << line;
            r.receivedWritten << written.value(i);
        } else if (event == QLatin1String("http")) {
            r.httpWritten << written.value(i);
        }
        if (dir == QLatin1String("send"))
            r.sent << line.value(QLatin1String("data")).toObject();
        else if (event == QLatin1String("ws_open"))
            r.wsPath = line.value(QLatin1String("url")).toString();
        else if (event == QLatin1String("http"))
            r.http << line;
    }
    return r;
}

QUrl wsUrl(SimFixture &f, const QString &path)
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(f.server().port()).arg(path));
}

// Replays one recorded HTTP call (ids renamed); remembers recorded -> actual prompt ids.
// With `raw`, POST /prompt goes over that plain socket, its body as recorded (`written`).
QString replayHttp(SimFixture &f, const QJsonObject &line, RawHttpClient *raw = nullptr,
                   const OrderedJson &written = {})
{
    const QJsonObject request = line.value(QLatin1String("request")).toObject();
    const QByteArray method = request.value(QLatin1String("method")).toString().toUtf8();
    const QString path = replaceAll(request.value(QLatin1String("path")).toString(), f.ids);
    HttpResult result;
    if (raw && method == "POST" && path == QLatin1String("/prompt")) {
        raw->post(path, written.member(QStringLiteral("request")).member(QStringLiteral("json"))
                                .dump(f.ids));
        result.body = raw->nextAnswer(&result.status);
        result.finished = result.status != 0;
    } else if (request.contains(QLatin1String("json")))
        result = f.http().sendJson(method, path,
                                   renameStrings(request.value(QLatin1String("json")), f.ids));
    else
        result = f.http().send(method, path);
    const int status = line.value(QLatin1String("response")).toObject()
            .value(QLatin1String("status")).toInt();
    if (result.status != status) {
        QTest::qFail(qPrintable(QStringLiteral("%1 %2: HTTP %3, recorded %4")
                                    .arg(QString::fromUtf8(method), path)
                                    .arg(result.status).arg(status)),
                     __FILE__, __LINE__);
        return {};
    }
    const QString recordedId = line.value(QLatin1String("response")).toObject()
            .value(QLatin1String("body")).toObject().value(QLatin1String("prompt_id"))
            .toString();
    const QString id = result.json().toObject().value(QLatin1String("prompt_id")).toString();
    if (!recordedId.isEmpty() && !id.isEmpty())
        f.ids.insert(recordedId, id);
    return id;
}

// Waits until `probe` has at least as many frames as recorded (or the timeout), then lets
// anything already sent arrive: an HTTP round trip, after which the server has written
// every frame it was going to write before answering.
void settle(SimFixture &f, WsProbe &probe, int expected, int timeoutMs = 8000)
{
    // Too few frames is not an error here: the comparison reports what is missing.
    const bool complete = QTest::qWaitFor([&] { return probe.frames().size() >= expected; },
                                          timeoutMs);
    Q_UNUSED(complete)
    f.http().send("GET", QStringLiteral("/queue"));
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
}

// Polls GET /prompt until nothing is queued or running (deleted prompts never finish,
// so waiting for each prompt's end is not possible).
void waitIdle(SimFixture &f)
{
    const bool idle = QTest::qWaitFor([&f] {
        const HttpResult result = f.http().send("GET", QStringLiteral("/prompt"));
        return result.json().toObject().value(QLatin1String("exec_info")).toObject()
                .value(QLatin1String("queue_remaining")).toInt(-1) == 0;
    }, 20000);
    if (!idle)
        QTest::qFail("the simulator never became idle", __FILE__, __LINE__);
}

// What every scenario function returns: the socket(s) to compare with the recording.
using Probe = std::unique_ptr<WsProbe>;

struct Options
{
    // The images the recorded prompts load were uploaded before the socket opened.
    bool uploadLoaded = false;
    // The first POST /prompt of this recording ran once before the socket opened, so the
    // recorded run found its nodes cached.
    QString warmUpFrom;
    // Slow nodes: several HTTP calls during one run, each made where the recording shows
    // it (see callPoints).
    bool slow = false;
    int settleMs = 8000;            // how long to wait for the recorded number of frames
};

// Where in a slow run the recorder made its HTTP calls, read from the recording: http line
// index -> label of the last `executing` received before that call. A call with no newer
// `executing` than the call before it simply follows that call. The recorder's timing
// differs between recordings: in ws_queue_interrupt v0.3.65 posted the second prompt at
// executing(2), v0.8.0 already at executing(1), so there its status came before node 1
// ended.
QHash<int, QString> callPoints(const Recording &r)
{
    QHash<int, QString> points;
    qsizetype lastPoint = -1;
    for (int i = 0; i < r.http.size(); ++i) {
        const int seq = r.http.at(i).value(QLatin1String("seq")).toInt();
        qsizetype last = -1;
        for (qsizetype m = 0; m < r.received.size(); ++m) {
            const QJsonObject &line = r.received.at(m);
            if (line.value(QLatin1String("seq")).toInt() > seq)
                break;
            if (line.value(QLatin1String("data")).toObject().value(QLatin1String("type"))
                        .toString() == QLatin1String("executing"))
                last = m;
        }
        if (last > lastPoint) {
            points.insert(i, recordedLabel(r.received.at(last)));
            lastPoint = last;
        }
    }
    return points;
}

Probe runGeneric(SimFixture &f, const Recording &r, const Options &options)
{
    if (options.uploadLoaded) {
        for (const QJsonObject &call : r.http) {
            const QJsonObject body = call.value(QLatin1String("request")).toObject()
                    .value(QLatin1String("json")).toObject();
            for (const QString &name : loadedImages(body))
                f.upload(name, pngBytes(0x446688));
        }
    }
    if (!options.warmUpFrom.isEmpty()) {
        const Recording earlier = load(options.warmUpFrom);
        f.runToEnd(earlier.http.first().value(QLatin1String("request")).toObject()
                           .value(QLatin1String("json")).toObject());
    }
    auto probe = std::make_unique<WsProbe>();
    if (!probe->open(wsUrl(f, r.wsPath))) {
        QTest::qFail("websocket did not connect", __FILE__, __LINE__);
        return probe;
    }
    for (const QJsonObject &message : r.sent)
        probe->sendJson(message);
    if (probe->waitFor([](const WsFrame &) { return true; }) < 0) {
        QTest::qFail("no first message", __FILE__, __LINE__);
        return probe;
    }
    // The capability handshake must be answered before the prompt, as recorded.
    if (!r.sent.isEmpty() && probe->waitForLabel(QStringLiteral("feature_flags")) < 0) {
        QTest::qFail("no feature_flags answer", __FILE__, __LINE__);
        return probe;
    }
    if (options.slow)
        f.server().setNodeDelayMs(SimFixture::SlowNodeMs);
    // The POST /prompt answer must reach the client before any message naming the prompt
    // (clients learn the id from it): checked on every frame as it arrives.
    auto raw = std::make_shared<RawHttpClient>();
    if (!raw->connectTo(f.server().port())) {
        QTest::qFail("no raw HTTP connection", __FILE__, __LINE__);
        return probe;
    }
    auto early = std::make_shared<QStringList>();
    probe->onFrame = [raw, early](const WsFrame &frame) {
        const QString id = frame.message.value(QLatin1String("data")).toObject()
                .value(QLatin1String("prompt_id")).toString();
        if (id.isEmpty() || early->contains(id))
            return;
        raw->drain();
        if (!raw->received().contains(id.toUtf8()))
            *early << id;
    };
    const QHash<int, QString> waitBefore = options.slow ? callPoints(r) : QHash<int, QString>();
    int from = 0;
    for (int i = 0; i < r.http.size(); ++i) {
        if (waitBefore.contains(i)) {
            const int at = probe->waitForLabel(waitBefore.value(i), from);
            if (at < 0) {
                QTest::qFail(qPrintable(QLatin1String("never received ") + waitBefore.value(i)),
                             __FILE__, __LINE__);
                return probe;
            }
            from = at + 1;
        }
        const QJsonObject request = r.http.at(i).value(QLatin1String("request")).toObject();
        const bool isPrompt = request.value(QLatin1String("path")).toString()
                == QLatin1String("/prompt");
        const QString id = replayHttp(f, r.http.at(i), raw.get(), r.httpWritten.value(i));
        if (QTest::currentTestFailed())
            return probe;
        // One prompt after the other, as the recorder did, unless the scenario queues
        // several on purpose.
        if (isPrompt && !options.slow && !id.isEmpty())
            f.waitFinished(id);
    }
    waitIdle(f);
    settle(f, *probe, int(r.received.size()), options.settleMs);
    probe->onFrame = nullptr;
    if (!early->isEmpty()) {
        QTest::qFail(qPrintable(QStringLiteral("websocket messages of %1 came before the POST "
                                               "/prompt answer").arg(early->join(u','))),
                     __FILE__, __LINE__);
    }
    return probe;
}

QStringList recordedLabels(const Recording &r)
{
    QStringList labels;
    for (const QJsonObject &line : r.received)
        labels << recordedLabel(line);
    return labels;
}

// Shape of each message against the recorded message with the same label and occurrence.
QStringList messageDiffs(const Recording &r, const WsProbe &probe)
{
    QStringList diffs;
    QHash<QString, int> seenRecorded;
    QHash<QString, QList<const WsFrame *>> actualByLabel;
    for (const WsFrame &frame : probe.frames())
        actualByLabel[frame.label].append(&frame);
    for (qsizetype lineIndex = 0; lineIndex < r.received.size(); ++lineIndex) {
        const QJsonObject &line = r.received.at(lineIndex);
        const OrderedJson &written = r.receivedWritten.at(lineIndex);
        const QString label = recordedLabel(line);
        const int n = seenRecorded[label]++;
        const QList<const WsFrame *> &actual = actualByLabel[label];
        if (n >= actual.size())
            continue; // reported by the sequence comparison
        const WsFrame &frame = *actual.at(n);
        const QString where = QStringLiteral("%1#%2").arg(label).arg(n);
        if (!frame.binary) {
            diffs += shapeDiff(withoutNewerKeys(line.value(QLatin1String("data"))),
                               frame.message, where);
            diffs += writtenDiff(written.member(QStringLiteral("data")),
                                 OrderedJson::parse(frame.text), {}, where);
            diffs += valueDiff(line.value(QLatin1String("data")), frame.message,
                               {QStringLiteral("state"), QStringLiteral("node_id"),
                                QStringLiteral("node_type"), QStringLiteral("display_node"),
                                QStringLiteral("type"), QStringLiteral("subfolder")},
                               where);
            continue;
        }
        const int type = frame.binaryType();
        if (type == 4 && frame.bytes.size() >= 8) {
            const quint32 length = qFromBigEndian<quint32>(frame.bytes.constData() + 4);
            const QJsonObject metadata = QJsonDocument::fromJson(
                    frame.bytes.mid(8, int(length))).object();
            diffs += shapeDiff(line.value(QLatin1String("metadata")), metadata,
                               where + QLatin1String(".metadata"));
            diffs += writtenDiff(written.member(QStringLiteral("metadata")),
                                 OrderedJson::parse(frame.bytes.mid(8, int(length))), {},
                                 where + QLatin1String(".metadata"));
            diffs += valueDiff(line.value(QLatin1String("metadata")), metadata,
                               {QStringLiteral("node_id"), QStringLiteral("image_type")},
                               where + QLatin1String(".metadata"));
        } else if (type == 1 && frame.bytes.size() >= 8) {
            const int format = int(qFromBigEndian<quint32>(frame.bytes.constData() + 4));
            if (format != line.value(QLatin1String("image_format")).toInt())
                diffs << where + QStringLiteral(": image format %1").arg(format);
        } else if (type == 3 && frame.bytes.size() >= 8) {
            const quint32 length = qFromBigEndian<quint32>(frame.bytes.constData() + 4);
            const QString node = QString::fromUtf8(frame.bytes.mid(8, int(length)));
            if (node != line.value(QLatin1String("node_id")).toString())
                diffs << where + QStringLiteral(": node id '%1'").arg(node);
            if (frame.bytes.size() <= qsizetype(8 + length))
                diffs << where + QStringLiteral(": no text");
        }
    }
    return diffs;
}

QStringList compare(const Recording &r, const WsProbe &probe)
{
    QStringList problems;
    const QStringList expected = recordedLabels(r);
    const QStringList actual = probe.labels();
    if (expected != actual) {
        problems << QStringLiteral("message order differs:\n    recorded: %1\n    actual:   %2")
                            .arg(expected.join(QLatin1Char(' ')), actual.join(QLatin1Char(' ')));
    }
    problems += messageDiffs(r, probe);
    return problems;
}

QHash<QString, Options> genericScenarios()
{
    QHash<QString, Options> s;
    for (const char *file : {"ws_binary_preview_legacy", "ws_binary_preview_metadata",
                             "ws_blur_save", "ws_connect_without_client_id",
                             "ws_custom_prompt_id_and_partial_targets", "ws_empty_preview",
                             "ws_empty_save", "ws_execution_error",
                             "ws_observer_other_clients_prompt",
                             "ws_observer_prompt_without_client_id", "ws_progress_text"}) {
        s.insert(QString::fromLatin1(file) + QLatin1String(".jsonl"), Options());
    }
    s[QStringLiteral("ws_load_invert_save.jsonl")].uploadLoaded = true;
    s[QStringLiteral("ws_empty_save_cached.jsonl")].warmUpFrom
            = QStringLiteral("ws_empty_save_cached.jsonl");
    // Recorded right after the legacy run of the same graph: EmptyImage came from the cache.
    s[QStringLiteral("ws_binary_preview_metadata.jsonl")].warmUpFrom
            = QStringLiteral("ws_binary_preview_legacy.jsonl");
    s[QStringLiteral("ws_interrupt_global.jsonl")].slow = true;
    s[QStringLiteral("ws_queue_interrupt.jsonl")].slow = true;
    return s;
}

QStringList specialScenarios()
{
    return {QStringLiteral("ws_duplicate_client_id_1_old_socket.jsonl"),
            QStringLiteral("ws_duplicate_client_id_2_new_socket.jsonl"),
            QStringLiteral("ws_reconnect_1_before_drop.jsonl"),
            QStringLiteral("ws_reconnect_2_after_reconnect.jsonl")};
}

} // namespace

class TestConformanceWs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void coverage()
    {
        QStringList recorded = QDir(transcriptDir()).entryList({QStringLiteral("ws_*.jsonl")},
                                                               QDir::Files, QDir::Name);
        QVERIFY(recorded.size() >= 19);
        QStringList handled = genericScenarios().keys() + specialScenarios();
        handled.sort();
        QCOMPARE(handled, recorded);
    }

    void cleanup()
    {
        setTranscriptVersion(QStringLiteral("v0.3.65"));
    }

    void replay_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("file");
        QStringList files = genericScenarios().keys();
        files.sort();
        for (const QString &version : transcriptVersions()) {
            for (const QString &file : files)
                QTest::newRow(qPrintable(version + QLatin1Char('/') + file)) << version << file;
        }
    }

    void replay()
    {
        QFETCH(QString, version);
        QFETCH(QString, file);
        setTranscriptVersion(version);
        const Recording r = load(file);
        QVERIFY(!r.received.isEmpty());
        SimFixture f;
        QVERIFY(f.isListening());
        const Probe probe = runGeneric(f, r, genericScenarios().value(file));
        if (QTest::currentTestFailed())
            return;
        const QStringList problems = compare(r, *probe);
        QVERIFY2(problems.isEmpty(), qPrintable(QLatin1String("\n  ")
                                                + problems.join(QLatin1String("\n  "))));
        if (r.wsPath == QLatin1String("/ws?clientId=")) {
            // The server makes up a sid: uuid4 hex, no dashes.
            const QString sid = probe->frames().first().message.value(QLatin1String("data"))
                    .toObject().value(QLatin1String("sid")).toString();
            QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(sid).hasMatch(),
                     qPrintable(sid));
        }
    }

    // The comparison must notice a run that went differently: the same scenario with a
    // SaveImage that raises gives execution_error instead of executed/execution_success.
    void detectsADifferentRun()
    {
        const QString file = QStringLiteral("ws_empty_save.jsonl");
        const Recording r = load(file);
        SimFixture f;
        QVERIFY(f.isListening());
        f.server().setFailingNodeClass(QStringLiteral("SaveImage"));
        Options options = genericScenarios().value(file);
        options.settleMs = 1000; // fewer frames than recorded are expected here
        const Probe probe = runGeneric(f, r, options);
        QVERIFY(!QTest::currentTestFailed());
        const QStringList problems = compare(r, *probe);
        QVERIFY(!problems.isEmpty());
        QVERIFY2(problems.first().contains(QLatin1String("execution_error")),
                 qPrintable(problems.first()));
    }

    // Socket A (dup) is open when B opens with the same id; A then closes: A got only its
    // first status, and B gets nothing after its own first status.
    void duplicateClientId()
    {
        const Recording oldSocket = load(specialScenarios().at(0));
        const Recording newSocket = load(specialScenarios().at(1));
        SimFixture f;
        QVERIFY(f.isListening());
        WsProbe a;
        QVERIFY(a.open(wsUrl(f, oldSocket.wsPath)));
        QVERIFY(a.waitFor([](const WsFrame &) { return true; }) == 0);
        WsProbe b;
        QVERIFY(b.open(wsUrl(f, newSocket.wsPath)));
        QVERIFY(b.waitFor([](const WsFrame &) { return true; }) == 0);
        a.close();
        // Make sure the server has seen A go before the prompt is posted.
        QVERIFY(QTest::qWaitFor([&] { return !a.isConnected(); }, 5000));
        f.http().send("GET", QStringLiteral("/queue"));
        const QString id = replayHttp(f, newSocket.http.first());
        QVERIFY(!id.isEmpty());
        QVERIFY(f.waitFinished(id));
        settle(f, b, int(newSocket.received.size()), 0);
        WsProbe barrier; // frames for b were written before this socket's first status
        QVERIFY(barrier.open(f.wsUrl(QStringLiteral("barrier"))));
        QVERIFY(barrier.waitFor([](const WsFrame &) { return true; }) == 0);
        QCoreApplication::processEvents();
        QStringList problems = compare(oldSocket, a);
        problems += compare(newSocket, b);
        QVERIFY2(problems.isEmpty(), qPrintable(QLatin1String("\n  ")
                                                + problems.join(QLatin1String("\n  "))));
    }

    // Socket x runs a slow prompt and closes after executing(2); a new socket x then gets
    // status, the current executing node (without prompt_id) and the rest of the run.
    void reconnect()
    {
        const Recording before = load(specialScenarios().at(2));
        const Recording after = load(specialScenarios().at(3));
        SimFixture f;
        QVERIFY(f.isListening());
        f.server().setNodeDelayMs(SimFixture::SlowNodeMs);
        WsProbe first;
        QVERIFY(first.open(wsUrl(f, before.wsPath)));
        QVERIFY(first.waitFor([](const WsFrame &) { return true; }) == 0);
        const QString id = replayHttp(f, before.http.first());
        QVERIFY(!id.isEmpty());
        QVERIFY(first.waitForLabel(QStringLiteral("executing(2)")) >= 0);
        first.close();
        WsProbe second;
        QVERIFY(second.open(wsUrl(f, after.wsPath)));
        QVERIFY(f.waitFinished(id));
        settle(f, second, int(after.received.size()));
        QStringList problems = compare(before, first);
        problems += compare(after, second);
        QVERIFY2(problems.isEmpty(), qPrintable(QLatin1String("\n  ")
                                                + problems.join(QLatin1String("\n  "))));
        const QJsonObject resent = second.frames().value(1).message;
        QVERIFY2(!resent.value(QLatin1String("data")).toObject()
                          .contains(QLatin1String("prompt_id")),
                 "the re-sent executing must not carry prompt_id");
    }
};

QTEST_GUILESS_MAIN(TestConformanceWs)
#include "tst_conformance_ws.moc"
