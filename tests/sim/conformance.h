#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// Helpers that compare the simulator's answers with what a real ComfyUI answered
// (tests/data/transcripts). Shapes, not values: ids, timestamps and file sizes differ
// from run to run, the set of keys and the JSON types of the values must not.
namespace Conformance {

// The recorded ComfyUI versions (folders of tests/data/transcripts).
QStringList transcriptVersions();
// Which one transcriptDir() and the helpers read; "v0.3.65" unless set.
void setTranscriptVersion(const QString &version);
QString transcriptVersion();
// Absolute path of tests/data/transcripts/<version>.
QString transcriptDir();
// What ComfyUI 0.8.0 adds to answers the simulator (a 0.3.65) does not have: removed from
// a recorded value so the rest is still compared (create_time in extra_data, V3 nodes'
// output_matchtypes, /features' extension block). Unchanged for 0.3.65.
QJsonValue withoutNewerKeys(const QJsonValue &recorded);

// Parses one recorded *.json exchange; an empty object when the file is unreadable.
QJsonObject loadJsonFile(const QString &path);
// Parses one recorded ws_*.jsonl file, one object per line.
QList<QJsonObject> loadJsonLines(const QString &path);

// The JSON type of a value as a word: null, bool, number, string, array, object, missing.
// Numbers are numbers whether ComfyUI wrote 3 or 3.0 (QJsonValue keeps no difference).
QString jsonKind(const QJsonValue &value);

// Human readable differences between the shape of `recorded` and of `actual`; empty when
// they agree. Objects: the key sets must be equal, values are compared recursively.
// Arrays:
//  - same length: compared element by element (this keeps tuples such as queue items
//    [number, id, prompt, extra_data, outputs] exact);
//  - one side empty, the other not: a difference (an empty history list is not a full one);
//  - both non-empty, different lengths: when every recorded element has the shape of the
//    first one (a list: traceback lines, images of a batch, combo choices), every actual
//    element is compared against the first recorded element; otherwise the array is a
//    tuple and the length difference itself is reported, plus the common prefix.
QStringList shapeDiff(const QJsonValue &recorded, const QJsonValue &actual,
                      const QString &path = QStringLiteral("$"));

// Returns `value` with every object key found in `renames` replaced by its mapping,
// recursively. Used to normalise keys that are ids made by the server (history objects
// are keyed by prompt ids): recorded id -> the id the simulator gave the same prompt.
QJsonValue renameKeys(const QJsonValue &value, const QHash<QString, QString> &renames);

// Same, for string values (ids inside queue items, paths).
QJsonValue renameStrings(const QJsonValue &value, const QHash<QString, QString> &renames);

// Differences in the VALUES of selected keys, where both sides have the same path
// (objects: common keys; arrays: common prefix). Shapes say nothing about an error whose
// type is wrong or a run that says "success" instead of "error": this catches those.
// A key named "messages" holding [[event, data], ...] compares the list of event names.
QStringList valueDiff(const QJsonValue &recorded, const QJsonValue &actual,
                      const QStringList &keys, const QString &path = QStringLiteral("$"));

// Keeps only the keys of `object` listed in `keys`.
QJsonObject onlyKeys(const QJsonObject &object, const QStringList &keys);

} // namespace Conformance
