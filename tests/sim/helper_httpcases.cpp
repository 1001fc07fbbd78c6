// The recorded HTTP cases of tests/data/transcripts and, for each, how the simulator is put
// into the state the recording was made in (see tst_conformance_http). One case serves
// every recorded version: ids and file names are read from the recording replayed.
#include "helper_httpcases.h"

#include "conformance.h"
#include "helper_simfixture.h"
#include "simserver.h"

#include <QDir>
#include <QImage>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace Conformance {

namespace {

const QString QueueFile = QStringLiteral("queue_running_and_pending.json");

QString lastPathSegment(const QString &path)
{
    return path.section(QLatin1Char('/'), -1).section(QLatin1Char('?'), 0, 0);
}

// The `filename` of a recorded /view request.
QString viewedFile(const QString &path)
{
    return QUrlQuery(QUrl(path).query()).queryItemValue(QStringLiteral("filename"),
                                                        QUrl::FullyDecoded);
}

// Prompt ids of the recording being replayed: the setups map each to the id the simulator
// gives the same prompt (SimFixture::ids), so paths, request bodies and keys can be
// renamed. Every version's server made its own ids, so they are read from the recordings
// (all made by the same script, in the same order), not written down.
struct RecordedIds
{
    QString slow;       // running in queue_running_and_pending (interrupted later)
    QString pending1;   // pending there, queued first
    QString pending2;   // pending, queued second (deleted from the queue later)
    QString front;      // pending, queued with "front": true (negative number)
    QString clearedRunning; // running in queue_after_clear
    QString ok;         // prompt_post_ok
    QString cached;     // prompt_post_ok's prompt posted again (history_prompt_id_cached)
    QString error;      // prompt_post_runtime_error_accepted
    QString custom;     // prompt_post_custom_prompt_id
};

RecordedIds readRecordedIds()
{
    RecordedIds ids;
    const QJsonObject queue = recordedResponseBody(QueueFile);
    ids.slow = queue.value(QLatin1String("queue_running")).toArray().at(0).toArray().at(1)
            .toString();
    // queue_pending is in heap order (README): the queueing order is the number's.
    QList<QJsonArray> pending;
    for (const QJsonValue &item : queue.value(QLatin1String("queue_pending")).toArray())
        pending << item.toArray();
    std::sort(pending.begin(), pending.end(), [](const QJsonArray &a, const QJsonArray &b) {
        return a.at(0).toDouble() < b.at(0).toDouble();
    });
    if (pending.size() == 3) {
        ids.front = pending.at(0).at(1).toString();
        ids.pending1 = pending.at(1).at(1).toString();
        ids.pending2 = pending.at(2).at(1).toString();
    }
    ids.clearedRunning = recordedResponseBody(QStringLiteral("queue_after_clear.json"))
            .value(QLatin1String("queue_running")).toArray().at(0).toArray().at(1).toString();
    const auto postedId = [](const char *file) {
        return recordedResponseBody(QLatin1String(file)).value(QLatin1String("prompt_id"))
                .toString();
    };
    ids.ok = postedId("prompt_post_ok.json");
    ids.error = postedId("prompt_post_runtime_error_accepted.json");
    ids.custom = postedId("prompt_post_custom_prompt_id.json");
    ids.cached = lastPathSegment(loadJsonFile(transcriptDir()
                                              + QLatin1String("/history_prompt_id_cached.json"))
                                         .value(QLatin1String("request")).toObject()
                                         .value(QLatin1String("path")).toString());
    return ids;
}

// The ids of the recording of transcriptVersion(); read at setup time, not when the cases
// are made, since one list of cases serves every version.
const RecordedIds &recordedIds()
{
    static QHash<QString, RecordedIds> byVersion;
    auto it = byVersion.find(transcriptVersion());
    if (it == byVersion.end()) {
        it = byVersion.insert(transcriptVersion(), readRecordedIds());
        const RecordedIds &r = it.value();
        const QStringList all{r.slow, r.pending1, r.pending2, r.front, r.clearedRunning,
                              r.ok, r.cached, r.error, r.custom};
        if (all.contains(QString()))
            QTest::qFail("a prompt id was not found in the recordings", __FILE__, __LINE__);
    }
    return it.value();
}

QByteArray item(const QString &id)
{
    return bodyTextFromQueueItem(QueueFile, id, id == recordedIds().front);
}

// Runs the POST of a recorded prompt_post_*.json file to its end; maps its recorded id.
QString runRecordedPost(SimFixture &f, const QString &file)
{
    const QString recordedId = recordedResponseBody(file).value(QLatin1String("prompt_id"))
            .toString();
    const QString id = f.runToEnd(recordedRequestText(file));
    if (!id.isEmpty())
        f.ids.insert(recordedId, id);
    return id;
}

// The slow prompt of queue_running_and_pending running and `pending` (recorded ids of its
// pending ones) queued behind it, in that order.
void slowWithPending(SimFixture &f, const QStringList &pending)
{
    const QString slow = f.startSlow(item(recordedIds().slow));
    if (slow.isEmpty())
        return;
    f.ids.insert(recordedIds().slow, slow);
    for (const QString &id : pending) {
        const QString actual = f.submit(item(id));
        if (actual.isEmpty())
            return;
        f.ids.insert(id, actual);
    }
}

// The three pending prompts of queue_running_and_pending, in the order they were queued.
QStringList allPending()
{
    const RecordedIds &r = recordedIds();
    return {r.pending1, r.pending2, r.front};
}

// Choice lists (LoadImage files, checkpoints) depend on the installed files: compared by
// element shape only when both sides have some.
void normaliseChoices(QJsonValue &recorded, QJsonValue &actual)
{
    QJsonObject rec = recorded.toObject();
    QJsonObject act = actual.toObject();
    for (const QString &cls : rec.keys()) {
        if (!act.contains(cls))
            continue;
        QJsonObject recNode = rec.value(cls).toObject();
        QJsonObject actNode = act.value(cls).toObject();
        QJsonObject recInput = recNode.value(QLatin1String("input")).toObject();
        QJsonObject actInput = actNode.value(QLatin1String("input")).toObject();
        for (const QString &group : recInput.keys()) {
            QJsonObject recGroup = recInput.value(group).toObject();
            QJsonObject actGroup = actInput.value(group).toObject();
            for (const QString &name : recGroup.keys()) {
                QJsonArray recSpec = recGroup.value(name).toArray();
                QJsonArray actSpec = actGroup.value(name).toArray();
                if (recSpec.isEmpty() || actSpec.isEmpty() || !recSpec.at(0).isArray()
                    || !actSpec.at(0).isArray())
                    continue;
                if (recSpec.at(0).toArray().isEmpty() || actSpec.at(0).toArray().isEmpty()) {
                    recSpec.replace(0, QJsonArray());
                    actSpec.replace(0, QJsonArray());
                    recGroup.insert(name, recSpec);
                    actGroup.insert(name, actSpec);
                }
            }
            recInput.insert(group, recGroup);
            if (actInput.contains(group))
                actInput.insert(group, actGroup);
        }
        recNode.insert(QLatin1String("input"), recInput);
        if (actNode.contains(QLatin1String("input")))
            actNode.insert(QLatin1String("input"), actInput);
        rec.insert(cls, recNode);
        act.insert(cls, actNode);
    }
    recorded = rec;
    actual = act;
}

// GET /queue: pending is in heap order (README): both sides sorted by number.
void sortPending(QJsonValue &value)
{
    QJsonObject object = value.toObject();
    QJsonArray pending = object.value(QLatin1String("queue_pending")).toArray();
    QList<QJsonValue> items(pending.begin(), pending.end());
    std::sort(items.begin(), items.end(), [](const QJsonValue &a, const QJsonValue &b) {
        return a.toArray().at(0).toDouble() < b.toArray().at(0).toDouble();
    });
    QJsonArray sorted;
    for (const QJsonValue &v : items)
        sorted.append(v);
    object.insert(QLatin1String("queue_pending"), sorted);
    value = object;
}

void normaliseQueue(QJsonValue &recorded, QJsonValue &actual)
{
    sortPending(recorded);
    sortPending(actual);
}

QStringList queueIds(const QJsonValue &queue, const QString &list)
{
    QStringList ids;
    for (const QJsonValue &entry : queue.toObject().value(list).toArray())
        ids << entry.toArray().at(1).toString();
    ids.sort();
    return ids;
}

// The same prompts must be running / pending as in the recording.
Check sameQueueIds(const QString &file)
{
    return [file](SimFixture &f, const HttpResult &result) {
        const QJsonValue recorded = renameStrings(recordedResponseBody(file), f.ids);
        for (const QString &list : {QStringLiteral("queue_running"),
                                    QStringLiteral("queue_pending")}) {
            QCOMPARE(queueIds(result.json(), list), queueIds(recorded, list));
        }
    };
}

Check endsAs(QString RecordedIds::*promptId, const QString &statusStr,
             const QString &lastMessage)
{
    return [=](SimFixture &f, const HttpResult &) {
        const QString id = f.ids.value(recordedIds().*promptId);
        QVERIFY(f.waitFinished(id));
        const QJsonObject status = f.historyEntry(id).value(QLatin1String("status")).toObject();
        QCOMPARE(status.value(QLatin1String("status_str")).toString(), statusStr);
        const QJsonArray messages = status.value(QLatin1String("messages")).toArray();
        QVERIFY(!messages.isEmpty());
        QCOMPARE(messages.last().toArray().at(0).toString(), lastMessage);
    };
}

// Runs a recorded POST; the file the replayed /view asks for is that run's output
// `node`/`index` (the simulator names it as ComfyUI did, but that is not what is tested).
Setup viewOf(const QString &postFile, const QString &node, int index)
{
    return [=](SimFixture &f, Request &request) {
        const QString id = runRecordedPost(f, postFile);
        if (id.isEmpty())
            return;
        f.ids.insert(viewedFile(request.path), f.outputFile(id, node, index));
    };
}

Check pngWithPromptChunk()
{
    return [](SimFixture &, const HttpResult &result) {
        QImage image;
        QVERIFY(image.loadFromData(result.body, "PNG"));
        QVERIFY2(!image.text(QStringLiteral("prompt")).isEmpty(), "no `prompt` PNG text chunk");
    };
}

// The colour of the EmptyImage (node 1) of a recorded POST /prompt.
QRgb emptyImageColour(const QString &postFile)
{
    const int colour = recordedRequest(postFile).value(QLatin1String("prompt")).toObject()
            .value(QLatin1String("1")).toObject().value(QLatin1String("inputs")).toObject()
            .value(QLatin1String("color")).toInt();
    return qRgb((colour >> 16) & 0xff, (colour >> 8) & 0xff, colour & 0xff);
}

// Decodes the answer and checks every pixel: `expected` exactly, or within `tolerance`
// per channel (lossy formats).
Check pixelsAre(std::function<QRgb()> expected, int tolerance, const char *format)
{
    return [=](SimFixture &, const HttpResult &result) {
        QImage image;
        QVERIFY2(image.loadFromData(result.body, format), "the answer does not decode");
        QVERIFY(!image.isNull());
        const QRgb want = expected();
        const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
        for (int y = 0; y < argb.height(); ++y) {
            for (int x = 0; x < argb.width(); ++x) {
                const QRgb got = argb.pixel(x, y);
                const bool close = qAbs(qRed(got) - qRed(want)) <= tolerance
                        && qAbs(qGreen(got) - qGreen(want)) <= tolerance
                        && qAbs(qBlue(got) - qBlue(want)) <= tolerance
                        && qAbs(qAlpha(got) - qAlpha(want)) <= tolerance;
                QVERIFY2(close, qPrintable(QStringLiteral("pixel %1,%2 is #%3, expected #%4")
                                               .arg(x).arg(y).arg(got, 8, 16, QLatin1Char('0'))
                                               .arg(want, 8, 16, QLatin1Char('0'))));
            }
        }
    };
}

// The file the replayed upload sends, uploaded once before with other bytes.
Setup uploadSameNameFirst(quint32 rgb)
{
    return [=](SimFixture &f, Request &request) {
        if (request.files.isEmpty()) {
            QTest::qFail("the recorded request uploads no file", __FILE__, __LINE__);
            return;
        }
        f.upload(request.files.first().fileName, pngBytes(rgb));
    };
}

// The images the replayed POST /prompt loads were uploaded before it.
Setup uploadLoadedFirst(quint32 rgb)
{
    return [=](SimFixture &f, Request &request) {
        for (const QString &name : loadedImages(request.json.toObject()))
            f.upload(name, pngBytes(rgb));
    };
}

Setup fromHistoryEntry(const QString &file, bool interrupt)
{
    return [=](SimFixture &f, Request &request) {
        const QString recordedId = lastPathSegment(request.path);
        const QByteArray body = bodyTextFromQueueItem(file, recordedId);
        const QString id = interrupt ? f.startSlow(body) : f.runToEnd(body);
        if (id.isEmpty())
            return;
        f.ids.insert(recordedId, id);
        if (interrupt)
            f.interruptAndWait(id);
    };
}

// The recorded POST run to its end, after uploading the images it loads.
Case historyOfPost(const QString &postFile)
{
    return {[=](SimFixture &f, Request &) {
                for (const QString &name : loadedImages(recordedRequest(postFile)))
                    f.upload(name, pngBytes(0x336699));
                runRecordedPost(f, postFile);
            }, {}, {}};
}

// The whole body must be what ComfyUI answered (names chosen by the server).
Check sameBody(const QString &file)
{
    return [file](SimFixture &, const HttpResult &result) {
        QCOMPARE(result.json(), QJsonValue(recordedResponseBody(file)));
    };
}

const QString OkPost = QStringLiteral("prompt_post_ok.json");

} // namespace

// Keys whose values must equal the recorded ones wherever both bodies have them: error
// kinds, run outcome, output folders and types, node identities.
const QStringList &valueKeys()
{
    static const QStringList keys{
            QStringLiteral("type"), QStringLiteral("status_str"), QStringLiteral("completed"),
            QStringLiteral("messages"), QStringLiteral("class_type"),
            QStringLiteral("subfolder"), QStringLiteral("input_name"),
            QStringLiteral("node_id"), QStringLiteral("node_type"),
            QStringLiteral("display_node"), QStringLiteral("real_node_id"),
            QStringLiteral("exception_type"), QStringLiteral("storage"),
            QStringLiteral("migrated"), QStringLiteral("name")};
    return keys;
}

QHash<QString, Case> httpCases()
{
    QHash<QString, Case> c;
    const Case plain;
    for (const char *file : {
             "api_prefix_system_stats", "system_stats", "embeddings", "extensions", "features",
             "free", "models", "models_unknown_folder",
             "object_info_unknown_node", "prompt_get_idle", "queue_idle", "history_empty",
             "history_unknown_id", "unknown_route", "view_missing", "view_path_traversal",
             "prompt_invalid_bad_combo_value", "prompt_invalid_json_body",
             "prompt_invalid_link_to_missing_node", "prompt_invalid_link_type_mismatch",
             "prompt_invalid_load_image_missing_file", "prompt_invalid_missing_class_type",
             "prompt_invalid_missing_input", "prompt_invalid_no_outputs",
             "prompt_invalid_no_prompt_key", "prompt_invalid_one_bad_output_of_two",
             "prompt_invalid_prompt_not_object", "prompt_invalid_unknown_class",
             "prompt_invalid_value_out_of_range", "prompt_invalid_wrong_type_value",
             "prompt_post_blur_batch_subfolder", "prompt_post_custom_prompt_id",
             "prompt_post_front", "prompt_post_ok",
             "prompt_post_partial_execution_targets", "prompt_post_runtime_error_accepted",
             "upload_image_no_file", "client_init_users", "client_init_api_users",
             "client_init_settings", "client_init_api_settings",
             "client_init_settings_one_missing", "client_init_experiment_models",
             "client_init_api_experiment_models", "client_init_internal_logs_subscribe",
             "client_init_userdata_list"}) {
        c.insert(QString::fromLatin1(file) + QLatin1String(".json"), plain);
    }
    for (const char *node : {"CheckpointLoaderSimple", "EmptyImage", "GetImageSize",
                             "ImageBlur", "ImageInvert", "ImageScaleBy", "KSampler", "LoadImage",
                             "PreviewAny", "PreviewImage", "SaveImage", "SaveImageWebsocket"}) {
        c.insert(QStringLiteral("object_info_%1.json").arg(QLatin1String(node)),
                 {{}, normaliseChoices, {}});
    }
    // The simulator models a subset of the catalogue: the recorded entries of the classes
    // it has are compared, and it must have at least the classes recorded one by one.
    c.insert(QStringLiteral("object_info_all.json"),
             {{}, [](QJsonValue &recorded, QJsonValue &actual) {
                  recorded = onlyKeys(recorded.toObject(), actual.toObject().keys());
                  normaliseChoices(recorded, actual);
              }, [](SimFixture &, const HttpResult &result) {
                  const QJsonObject all = result.json().toObject();
                  const QStringList files = QDir(transcriptDir()).entryList(
                          {QStringLiteral("object_info_*.json")});
                  for (const QString &file : files) {
                      if (file == QLatin1String("object_info_all.json"))
                          continue;
                      for (const QString &cls : recordedResponseBody(file).keys())
                          QVERIFY2(all.contains(cls), qPrintable(cls + QLatin1String(
                                                                    " missing")));
                  }
              }});
    // The log ring holds whatever the server printed: one POST first, so it is not empty.
    c.insert(QStringLiteral("client_init_internal_logs_raw.json"),
             {[](SimFixture &f, Request &) { runRecordedPost(f, OkPost); }, {}, {}});
    c.insert(QStringLiteral("client_init_experiment_models_checkpoints.json"),
             {{}, [](QJsonValue &recorded, QJsonValue &actual) {
                  // No model files on the recording machine; the simulator has a fake one.
                  if (recorded.toArray().isEmpty() && !actual.toArray().isEmpty())
                      actual = QJsonArray();
              }, {}});
    // A file that exists but is not an image passes validation and fails at run time.
    c.insert(QStringLiteral("history_execution_error_undecodable_image.json"),
             {[](SimFixture &f, Request &request) {
                  f.upload(QStringLiteral("not_an_image.png"), "this is not a PNG\n");
                  const QString recordedId = lastPathSegment(request.path);
                  const QString id = f.runToEnd(bodyTextFromQueueItem(
                          QStringLiteral("history_execution_error_undecodable_image.json"),
                          recordedId));
                  f.ids.insert(recordedId, id);
              }, {}, [](SimFixture &f, const HttpResult &result) {
                  const QJsonObject entry = result.json().toObject().constBegin()->toObject();
                  const QJsonArray last = entry.value(QLatin1String("status")).toObject()
                          .value(QLatin1String("messages")).toArray().last().toArray();
                  const QJsonObject error = last.at(1).toObject();
                  QCOMPARE(error.value(QLatin1String("exception_message")).toString(),
                           QStringLiteral("cannot identify image file '%1/input/not_an_image.png'"
                                          "\n").arg(f.server().dataDir()));
                  QCOMPARE(error.value(QLatin1String("current_inputs")).toObject(),
                           (QJsonObject{{QStringLiteral("image"),
                                         QJsonArray{QStringLiteral("not_an_image.png")}}}));
              }});
    // The recording machine had no model files (README), the simulator offers a fake
    // checkpoint on purpose: an empty recorded list only says "a list of file names".
    c.insert(QStringLiteral("models_checkpoints.json"),
             {{}, [](QJsonValue &recorded, QJsonValue &actual) {
                  if (recorded.toArray().isEmpty() && !actual.toArray().isEmpty())
                      recorded = QJsonArray{QStringLiteral("model.safetensors")};
              }, {}});
    c.insert(QStringLiteral("prompt_post_foreign_origin.json"),
             {[](SimFixture &, Request &r) {
                  r.headers.append(qMakePair(QByteArrayLiteral("Origin"),
                                              QByteArrayLiteral("http://evil.example:8188")));
              }, {}, {}});
    c.insert(QStringLiteral("prompt_post_explicit_number.json"),
             {{}, {}, [](SimFixture &, const HttpResult &result) {
                  QCOMPARE(result.json().toObject().value(QLatin1String("number")).toDouble(),
                           3.0);
              }});
    c.insert(QStringLiteral("prompt_post_load_invert.json"), {uploadLoadedFirst(0x3366), {},
                                                               {}});
    c.insert(QStringLiteral("prompt_get_busy.json"),
             {[](SimFixture &f, Request &) {
                  slowWithPending(f, allPending());
              }, {}, [](SimFixture &, const HttpResult &result) {
                  QCOMPARE(result.json().toObject().value(QLatin1String("exec_info")).toObject()
                                   .value(QLatin1String("queue_remaining")).toInt(), 4);
              }});

    // Queue
    c.insert(QStringLiteral("queue_running_and_pending.json"),
             {[](SimFixture &f, Request &) {
                  slowWithPending(f, allPending());
              }, normaliseQueue, sameQueueIds(QStringLiteral("queue_running_and_pending.json"))});
    c.insert(QStringLiteral("queue_after_delete.json"),
             {[](SimFixture &f, Request &) {
                  slowWithPending(f, allPending());
                  QJsonObject body{{QStringLiteral("delete"),
                                    QJsonArray{f.ids.value(recordedIds().pending2)}}};
                  QCOMPARE(f.http().sendJson("POST", QStringLiteral("/queue"), body).status, 200);
              }, normaliseQueue, sameQueueIds(QStringLiteral("queue_after_delete.json"))});
    c.insert(QStringLiteral("queue_after_clear.json"),
             {[](SimFixture &f, Request &) {
                  const QString running = recordedIds().clearedRunning;
                  const QString id = f.startSlow(bodyTextFromQueueItem(
                          QStringLiteral("queue_after_clear.json"), running));
                  f.ids.insert(running, id);
                  f.submit(item(recordedIds().pending1));
                  QJsonObject body{{QStringLiteral("clear"), true}};
                  QCOMPARE(f.http().sendJson("POST", QStringLiteral("/queue"), body).status, 200);
              }, normaliseQueue, sameQueueIds(QStringLiteral("queue_after_clear.json"))});
    c.insert(QStringLiteral("queue_clear.json"),
             {[](SimFixture &f, Request &) { slowWithPending(f, {recordedIds().pending1}); }, {},
              [](SimFixture &f, const HttpResult &) {
                  const HttpResult queue = f.http().send("GET", QStringLiteral("/queue"));
                  QCOMPARE(queueIds(queue.json(), QStringLiteral("queue_pending")),
                           QStringList());
                  QCOMPARE(queueIds(queue.json(), QStringLiteral("queue_running")),
                           QStringList(f.ids.value(recordedIds().slow)));
              }});
    c.insert(QStringLiteral("queue_delete.json"),
             {[](SimFixture &f, Request &) {
                  slowWithPending(f, {recordedIds().pending1, recordedIds().pending2});
              },
              {}, [](SimFixture &f, const HttpResult &) {
                  const HttpResult queue = f.http().send("GET", QStringLiteral("/queue"));
                  QCOMPARE(queueIds(queue.json(), QStringLiteral("queue_pending")),
                           QStringList(f.ids.value(recordedIds().pending1)));
              }});
    const Case idleAfterRun{[](SimFixture &f, Request &) { runRecordedPost(f, OkPost); }, {},
                            {}};
    c.insert(QStringLiteral("queue_final.json"), idleAfterRun);
    c.insert(QStringLiteral("queue_idle_after_run.json"), idleAfterRun);

    // Interrupt
    const Check slowInterrupted = endsAs(&RecordedIds::slow, QStringLiteral("error"),
                                         QStringLiteral("execution_interrupted"));
    c.insert(QStringLiteral("interrupt.json"),
             {[](SimFixture &f, Request &) { slowWithPending(f, {}); }, {}, slowInterrupted});
    c.insert(QStringLiteral("interrupt_global_no_body.json"),
             {[](SimFixture &f, Request &) { slowWithPending(f, {}); }, {}, slowInterrupted});
    c.insert(QStringLiteral("interrupt_other_prompt_id.json"),
             {[](SimFixture &f, Request &) { slowWithPending(f, {recordedIds().pending1}); }, {},
              endsAs(&RecordedIds::slow, QStringLiteral("success"),
                     QStringLiteral("execution_success"))});

    // History
    c.insert(QStringLiteral("history_prompt_id.json"), historyOfPost(OkPost));
    c.insert(QStringLiteral("history_prompt_id_cached.json"),
             {[](SimFixture &f, Request &) {
                  f.runToEnd(recordedRequestText(OkPost));
                  f.ids.insert(recordedIds().cached, f.runToEnd(recordedRequestText(OkPost)));
              }, {}, {}});
    c.insert(QStringLiteral("history_load_invert.json"),
             historyOfPost(QStringLiteral("prompt_post_load_invert.json")));
    c.insert(QStringLiteral("history_blur_batch_subfolder.json"),
             historyOfPost(QStringLiteral("prompt_post_blur_batch_subfolder.json")));
    c.insert(QStringLiteral("history_custom_prompt_id.json"),
             historyOfPost(QStringLiteral("prompt_post_custom_prompt_id.json")));
    c.insert(QStringLiteral("history_partial_execution_targets.json"),
             historyOfPost(QStringLiteral("prompt_post_partial_execution_targets.json")));
    c.insert(QStringLiteral("history_execution_error.json"),
             historyOfPost(QStringLiteral("prompt_post_runtime_error_accepted.json")));
    c.insert(QStringLiteral("history_preview.json"),
             {fromHistoryEntry(QStringLiteral("history_preview.json"), false), {}, {}});
    c.insert(QStringLiteral("history_preview_any.json"),
             {fromHistoryEntry(QStringLiteral("history_preview_any.json"), false), {}, {}});
    c.insert(QStringLiteral("history_interrupted.json"),
             {fromHistoryEntry(QStringLiteral("history_interrupted.json"), true), {}, {}});
    c.insert(QStringLiteral("history_running_prompt_id.json"),
             {[](SimFixture &f, Request &) { slowWithPending(f, {}); }, {}, {}});
    c.insert(QStringLiteral("history_pending_prompt_id.json"),
             {[](SimFixture &f, Request &) { slowWithPending(f, {recordedIds().pending1}); }, {},
              {}});
    c.insert(QStringLiteral("history_deleted_from_queue.json"),
             {[](SimFixture &f, Request &) {
                  slowWithPending(f, {recordedIds().pending2});
                  QJsonObject body{{QStringLiteral("delete"),
                                    QJsonArray{f.ids.value(recordedIds().pending2)}}};
                  QCOMPARE(f.http().sendJson("POST", QStringLiteral("/queue"), body).status, 200);
                  f.interruptAndWait(f.ids.value(recordedIds().slow));
              }, {}, [](SimFixture &f, const HttpResult &) {
                  // `{}` alone would also be the answer for a prompt still queued: the
                  // deleted one must never have run, nor written its picture.
                  QVERIFY(f.waitFinished(f.ids.value(recordedIds().slow)));
                  const HttpResult queue = f.http().send("GET", QStringLiteral("/queue"));
                  QCOMPARE(queueIds(queue.json(), QStringLiteral("queue_pending")), QStringList());
                  QCOMPARE(queueIds(queue.json(), QStringLiteral("queue_running")),
                           QStringList());
                  QVERIFY(!f.started().contains(f.ids.value(recordedIds().pending2)));
                  const QJsonObject graph = recordedQueueItem(QueueFile, recordedIds().pending2)
                          .at(2).toObject();
                  QString prefix;
                  for (const QJsonValue &node : graph) {
                      const QJsonObject inputs = node.toObject().value(QLatin1String("inputs"))
                              .toObject();
                      if (inputs.contains(QLatin1String("filename_prefix")))
                          prefix = inputs.value(QLatin1String("filename_prefix")).toString();
                  }
                  QVERIFY(!prefix.isEmpty());
                  const QDir output(f.server().dataDir() + QStringLiteral("/output"));
                  QCOMPARE(output.entryList({prefix.section(u'/', -1) + QLatin1Char('*')},
                                            QDir::Files), QStringList());
              }});
    c.insert(QStringLiteral("history_after_delete.json"),
             {[](SimFixture &f, Request &) {
                  const QString id = runRecordedPost(f, OkPost);
                  QJsonObject body{{QStringLiteral("delete"), QJsonArray{id}}};
                  QCOMPARE(f.http().sendJson("POST", QStringLiteral("/history"), body).status,
                           200);
              }, {}, {}});
    c.insert(QStringLiteral("history_delete.json"),
             {[](SimFixture &f, Request &) { runRecordedPost(f, OkPost); }, {},
              [](SimFixture &f, const HttpResult &) {
                  const QString id = f.ids.value(recordedIds().ok);
                  QVERIFY(f.historyEntry(id).isEmpty());
              }});
    // A representative part of the recorded history (success, cached, error, interrupted,
    // custom id); the recorded entries of those prompts are compared, and the order.
    c.insert(QStringLiteral("history_all.json"),
             {[](SimFixture &f, Request &) {
                  runRecordedPost(f, OkPost);
                  f.ids.insert(recordedIds().cached, f.runToEnd(recordedRequestText(OkPost)));
                  runRecordedPost(f, QStringLiteral("prompt_post_runtime_error_accepted.json"));
                  Request dummy;
                  dummy.path = QLatin1String("/history/") + recordedIds().slow;
                  fromHistoryEntry(QStringLiteral("history_all.json"), true)(f, dummy);
                  runRecordedPost(f, QStringLiteral("prompt_post_custom_prompt_id.json"));
              }, [](QJsonValue &recorded, QJsonValue &actual) {
                  recorded = onlyKeys(recorded.toObject(), actual.toObject().keys());
              }, [](SimFixture &f, const HttpResult &result) {
                  // oldest first: the ids appear in the body in submission order
                  qsizetype last = -1;
                  const RecordedIds &r = recordedIds();
                  for (const QString &rec : {r.ok, r.cached, r.error, r.slow, r.custom}) {
                      const qsizetype at = result.body.indexOf(
                              '"' + f.ids.value(rec).toUtf8() + "\":");
                      QVERIFY2(at > last, qPrintable(rec + QLatin1String(" out of order")));
                      last = at;
                  }
              }});
    c.insert(QStringLiteral("history_max_items_2.json"),
             {[](SimFixture &f, Request &) {
                  runRecordedPost(f, OkPost);
                  runRecordedPost(f, QStringLiteral("prompt_invalid_one_bad_output_of_two.json"));
                  runRecordedPost(f, QStringLiteral("prompt_post_explicit_number.json"));
              }, {}, {}});

    // Files
    c.insert(QStringLiteral("view_output.json"),
             {viewOf(OkPost, QStringLiteral("2"), 0), {},
              pngWithPromptChunk()});
    // channel=a: RGB black, alpha as in the file (opaque here): PIL's putalpha image.
    c.insert(QStringLiteral("view_output_channel_a.json"),
             {viewOf(OkPost, QStringLiteral("2"), 0), {},
              pixelsAre([] { return qRgba(0, 0, 0, 255); }, 0, "PNG")});
    // preview=webp;50: the saved picture (one colour), re-encoded lossily.
    c.insert(QStringLiteral("view_output_preview_webp.json"),
             {viewOf(OkPost, QStringLiteral("2"), 0), {},
              pixelsAre([] { return emptyImageColour(OkPost); }, 8, "WEBP")});
    c.insert(QStringLiteral("view_bad_type.json"),
             {viewOf(OkPost, QStringLiteral("2"), 0), {}, {}});
    c.insert(QStringLiteral("view_output_subfolder.json"),
             {viewOf(QStringLiteral("prompt_post_blur_batch_subfolder.json"),
                     QStringLiteral("3"), 1), {}, {}});
    c.insert(QStringLiteral("view_temp.json"),
             {[](SimFixture &f, Request &request) {
                  // The temp file is that of the PreviewImage run of history_preview.
                  const QString file = QStringLiteral("history_preview.json");
                  const QString previewId = recordedResponseBody(file).keys().value(0);
                  const QString id = f.runToEnd(bodyTextFromQueueItem(file, previewId));
                  if (!id.isEmpty())
                      f.ids.insert(viewedFile(request.path),
                                   f.outputFile(id, QStringLiteral("2")));
              }, {}, {}});
    c.insert(QStringLiteral("view_input_uploaded.json"),
             {[](SimFixture &f, Request &request) {
                  f.upload(viewedFile(request.path), pngBytes(0x10));
              }, {}, {}});
    for (const char *name : {"upload_image", "upload_image_subfolder_temp"}) {
        const QString file = QString::fromLatin1(name) + QLatin1String(".json");
        c.insert(file, {{}, {}, sameBody(file)});
    }
    c.insert(QStringLiteral("upload_image_duplicate_name.json"),
             {uploadSameNameFirst(0x20), {},
              sameBody(QStringLiteral("upload_image_duplicate_name.json"))});
    c.insert(QStringLiteral("upload_image_overwrite.json"),
             {uploadSameNameFirst(0x30), {},
              sameBody(QStringLiteral("upload_image_overwrite.json"))});
    return c;
}

// Recorded files deliberately not replayed, with the reason. Keep this empty if possible.
const QHash<QString, QString> &excludedHttpCases()
{
    static const QHash<QString, QString> excluded = [] {
        QHash<QString, QString> out;
        for (const char *file : {"jobs_all", "jobs_bad_status", "jobs_completed_limit_2",
                                 "jobs_failed", "jobs_one", "jobs_one_error",
                                 "jobs_one_interrupted", "jobs_one_pending",
                                 "jobs_one_running", "jobs_unknown", "jobs_while_busy"}) {
            out.insert(QString::fromLatin1(file) + QLatin1String(".json"),
                       QStringLiteral("v0.8.0 only: the simulator is a ComfyUI 0.3.65, which "
                                      "has no /api/jobs"));
        }
        return out;
    }();
    return excluded;
}

Request requestFrom(const QJsonObject &recorded)
{
    Request request;
    request.method = recorded.value(QLatin1String("method")).toString().toUtf8();
    request.path = recorded.value(QLatin1String("path")).toString();
    if (recorded.contains(QLatin1String("json"))) {
        request.hasJson = true;
        request.json = recorded.value(QLatin1String("json"));
    }
    if (recorded.contains(QLatin1String("raw_body"))) {
        request.rawBody = recorded.value(QLatin1String("raw_body")).toString().toUtf8();
        request.headers.append(qMakePair(QByteArrayLiteral("Content-Type"),
                                          QByteArrayLiteral("application/json")));
    }
    const QJsonObject files = recorded.value(QLatin1String("multipart_files")).toObject();
    quint32 colour = 0xAA5500;
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QJsonObject file = it.value().toObject();
        request.files.append({it.key().toUtf8(),
                              file.value(QLatin1String("filename")).toString(),
                              file.value(QLatin1String("content_type")).toString().toUtf8(),
                              pngBytes(colour++)});
    }
    const QJsonObject fields = recorded.value(QLatin1String("multipart_fields")).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        request.fields.append({it.key().toUtf8(), it.value().toString().toUtf8()});
    return request;
}

QString replaceAll(QString text, const QHash<QString, QString> &renames)
{
    for (auto it = renames.begin(); it != renames.end(); ++it)
        text.replace(it.key(), it.value());
    return text;
}

} // namespace Conformance
