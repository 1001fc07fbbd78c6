#include "workflowstore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>

// The shipped sample workflows must validate on a real ComfyUI: checked against the node
// catalogue (/object_info) recorded from ComfyUI 0.3.65 and 0.8.0.
namespace {

QJsonObject recordedObjectInfo(const QString &version)
{
    QFile file(QStringLiteral(COMFYDESK_TEST_DATA "/transcripts/%1/object_info_all.json")
                   .arg(version));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("response"))
        .toObject().value(QStringLiteral("body")).toObject();
}

QString workflowsFolder()
{
    return QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows");
}

// Options of a combo input, in either spelling: [["a", "b"], {...}] (0.3.x) or
// ["COMBO", {"options": ["a", "b"]}] (newer nodes).
bool comboOptions(const QJsonArray &spec, QJsonArray *options)
{
    if (spec.at(0).isArray()) {
        *options = spec.at(0).toArray();
        return true;
    }
    if (spec.at(0).toString() == QLatin1String("COMBO")) {
        *options = spec.at(1).toObject().value(QStringLiteral("options")).toArray();
        return true;
    }
    return false;
}

// Checks one node against its recorded class; returns problems, counts combos that could
// not be checked because the recording server had no models.
QStringList checkNode(const QString &id, const QJsonObject &node, const QJsonObject &graph,
                      const QJsonObject &catalogue, int *uncheckedCombos)
{
    QStringList problems;
    const QString classType = node.value(QStringLiteral("class_type")).toString();
    const QJsonObject info = catalogue.value(classType).toObject();
    if (info.isEmpty())
        return {QStringLiteral("node %1: unknown class %2").arg(id, classType)};

    const QJsonObject declared = info.value(QStringLiteral("input")).toObject();
    const QJsonObject required = declared.value(QStringLiteral("required")).toObject();
    const QJsonObject optional = declared.value(QStringLiteral("optional")).toObject();
    const QJsonObject inputs = node.value(QStringLiteral("inputs")).toObject();

    for (auto it = required.constBegin(); it != required.constEnd(); ++it) {
        if (!inputs.contains(it.key()))
            problems.append(QStringLiteral("node %1: missing input %2").arg(id, it.key()));
    }
    for (auto it = inputs.constBegin(); it != inputs.constEnd(); ++it) {
        const QString name = it.key();
        const QJsonValue value = it.value();
        const QJsonArray spec = required.contains(name) ? required.value(name).toArray()
                                                        : optional.value(name).toArray();
        const QString where = QStringLiteral("node %1 (%2) input %3").arg(id, classType, name);
        if (spec.isEmpty()) {
            problems.append(where + QStringLiteral(": no such input"));
            continue;
        }
        if (value.isArray()) { // a link: ["<node id>", <output index>]
            const QJsonArray link = value.toArray();
            const QString from = link.at(0).toString();
            const int index = link.at(1).toInt(-1);
            const QJsonObject source = graph.value(from).toObject();
            const QJsonArray outputs =
                catalogue.value(source.value(QStringLiteral("class_type")).toString())
                    .toObject().value(QStringLiteral("output")).toArray();
            if (link.size() != 2 || source.isEmpty() || index < 0 || index >= outputs.size()) {
                problems.append(where + QStringLiteral(": bad link"));
            } else if (spec.at(0).isString() && spec.at(0).toString() != QLatin1String("*")
                       && outputs.at(index).toString() != spec.at(0).toString()) {
                problems.append(where + QStringLiteral(": link type %1, wants %2")
                                            .arg(outputs.at(index).toString(),
                                                 spec.at(0).toString()));
            }
            continue;
        }
        QJsonArray options;
        if (comboOptions(spec, &options)) {
            if (options.isEmpty())
                ++*uncheckedCombos; // e.g. checkpoints: none on the recording server
            else if (!options.contains(value))
                problems.append(where + QStringLiteral(": not one of the choices"));
            continue;
        }
        const QString type = spec.at(0).toString();
        const QJsonObject limits = spec.at(1).toObject();
        if (type == QLatin1String("INT") || type == QLatin1String("FLOAT")) {
            const double number = value.toDouble(std::nan(""));
            if (!value.isDouble()
                || (type == QLatin1String("INT") && number != std::floor(number))) {
                problems.append(where + QStringLiteral(": not an %1").arg(type));
            } else if ((limits.contains(QStringLiteral("min"))
                        && number < limits.value(QStringLiteral("min")).toDouble())
                       || (limits.contains(QStringLiteral("max"))
                           && number > limits.value(QStringLiteral("max")).toDouble())) {
                problems.append(where + QStringLiteral(": out of range"));
            }
        } else if (type == QLatin1String("STRING") && !value.isString()) {
            problems.append(where + QStringLiteral(": not a string"));
        } else if (type == QLatin1String("BOOLEAN") && !value.isBool()) {
            problems.append(where + QStringLiteral(": not a boolean"));
        }
    }
    return problems;
}

QJsonObject inputsOf(const QJsonObject &graph, const char *id)
{
    return graph.value(QLatin1String(id)).toObject().value(QStringLiteral("inputs")).toObject();
}

} // namespace

class TestWorkflowSamples final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expectedSamplesShip();
    void everySampleValidatesOnRecordedComfyUi_data();
    void everySampleValidatesOnRecordedComfyUi();
    void defaultGraphAsComfyUi();
    void imageToImage();
    void modelFreeSamples();
};

void TestWorkflowSamples::expectedSamplesShip()
{
    const QStringList names = WorkflowStore(workflowsFolder()).names();
    for (const char *name : {"sd_txt2img", "sd_img2img", "invert_empty_image", "blur_batch"})
        QVERIFY2(names.contains(QLatin1String(name)), name);
    // Every .json file in the folder is listed (none has a name the store would hide).
    QCOMPARE(names.size(),
             QDir(workflowsFolder()).entryList({QStringLiteral("*.json")}, QDir::Files).size());
}

void TestWorkflowSamples::everySampleValidatesOnRecordedComfyUi_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    const QStringList names = WorkflowStore(workflowsFolder()).names();
    QVERIFY(!names.isEmpty());
    for (const QString &name : names) {
        for (const char *version : {"v0.3.65", "v0.8.0"}) {
            QTest::addRow("%s@%s", qPrintable(name), version)
                << name << QString::fromLatin1(version);
        }
    }
}

void TestWorkflowSamples::everySampleValidatesOnRecordedComfyUi()
{
    QFETCH(QString, name);
    QFETCH(QString, version);
    const QJsonObject catalogue = recordedObjectInfo(version);
    QVERIFY(catalogue.contains(QStringLiteral("KSampler")));

    const WorkflowResult loaded = WorkflowStore(workflowsFolder()).load(name);
    QVERIFY2(loaded.isOk(), qPrintable(loaded.error.message));

    QStringList problems;
    int uncheckedCombos = 0;
    bool hasOutputNode = false;
    for (auto it = loaded.graph.constBegin(); it != loaded.graph.constEnd(); ++it) {
        const QJsonObject node = it.value().toObject();
        problems += checkNode(it.key(), node, loaded.graph, catalogue, &uncheckedCombos);
        hasOutputNode = hasOutputNode
                        || catalogue.value(node.value(QStringLiteral("class_type")).toString())
                               .toObject().value(QStringLiteral("output_node")).toBool();
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("\n"))));
    QVERIFY2(hasOutputNode, "ComfyUI refuses a prompt without an output node");
    // Only the checkpoint list can be empty (no models where the catalogue was recorded).
    QVERIFY(uncheckedCombos <= 1);
}

void TestWorkflowSamples::defaultGraphAsComfyUi()
{
    const WorkflowResult txt = WorkflowStore(workflowsFolder()).load(QStringLiteral("sd_txt2img"));
    QVERIFY(txt.isOk());
    const QJsonObject &g = txt.graph;
    const QStringList expectedIds = {QStringLiteral("3"), QStringLiteral("4"),
                                     QStringLiteral("5"), QStringLiteral("6"),
                                     QStringLiteral("7"), QStringLiteral("8"),
                                     QStringLiteral("9")};
    QCOMPARE(g.keys(), expectedIds);
    QCOMPARE(inputsOf(g, "4").value(QStringLiteral("ckpt_name")).toString(),
             QStringLiteral("v1-5-pruned-emaonly.safetensors"));
    QCOMPARE(inputsOf(g, "5").value(QStringLiteral("width")).toInteger(), 512);
    QCOMPARE(inputsOf(g, "5").value(QStringLiteral("height")).toInteger(), 512);
    QCOMPARE(inputsOf(g, "5").value(QStringLiteral("batch_size")).toInteger(), 1);
    const QJsonObject sampler = inputsOf(g, "3");
    QCOMPARE(sampler.value(QStringLiteral("steps")).toInteger(), 20);
    QCOMPARE(sampler.value(QStringLiteral("cfg")).toDouble(), 8.0);
    QCOMPARE(sampler.value(QStringLiteral("sampler_name")).toString(), QStringLiteral("euler"));
    QCOMPARE(sampler.value(QStringLiteral("scheduler")).toString(), QStringLiteral("normal"));
    QCOMPARE(sampler.value(QStringLiteral("denoise")).toDouble(), 1.0);
    QCOMPARE(sampler.value(QStringLiteral("positive")).toArray(),
             QJsonArray({QStringLiteral("6"), 0}));
    QCOMPARE(sampler.value(QStringLiteral("negative")).toArray(),
             QJsonArray({QStringLiteral("7"), 0}));
    QCOMPARE(inputsOf(g, "9").value(QStringLiteral("filename_prefix")).toString(),
             QStringLiteral("ComfyUI"));
}

void TestWorkflowSamples::imageToImage()
{
    const WorkflowResult img = WorkflowStore(workflowsFolder()).load(QStringLiteral("sd_img2img"));
    QVERIFY(img.isOk());
    QString loadId;
    QString encodeId;
    for (auto it = img.graph.constBegin(); it != img.graph.constEnd(); ++it) {
        const QString type = it.value().toObject().value(QStringLiteral("class_type")).toString();
        if (type == QLatin1String("LoadImage"))
            loadId = it.key();
        else if (type == QLatin1String("VAEEncode"))
            encodeId = it.key();
    }
    QVERIFY(!loadId.isEmpty() && !encodeId.isEmpty());
    QCOMPARE(inputsOf(img.graph, qPrintable(loadId)).value(QStringLiteral("image")).toString(),
             QStringLiteral("example.png"));
    QCOMPARE(inputsOf(img.graph, qPrintable(encodeId)).value(QStringLiteral("pixels")).toArray(),
             QJsonArray({loadId, 0}));
    const QJsonObject sampler = inputsOf(img.graph, "3");
    QCOMPARE(sampler.value(QStringLiteral("latent_image")).toArray(),
             QJsonArray({encodeId, 0}));
    const double denoise = sampler.value(QStringLiteral("denoise")).toDouble();
    QVERIFY(denoise > 0.4 && denoise < 0.8);
}

void TestWorkflowSamples::modelFreeSamples()
{
    // These run on any ComfyUI, even one without models: every combo in them was checkable
    // against the model-less recording, and none of their classes loads a model.
    const QJsonObject catalogue = recordedObjectInfo(QStringLiteral("v0.3.65"));
    const WorkflowStore store(workflowsFolder());
    for (const char *name : {"invert_empty_image", "blur_batch"}) {
        const WorkflowResult loaded = store.load(QLatin1String(name));
        QVERIFY2(loaded.isOk(), name);
        int uncheckedCombos = 0;
        for (auto it = loaded.graph.constBegin(); it != loaded.graph.constEnd(); ++it) {
            QVERIFY(checkNode(it.key(), it.value().toObject(), loaded.graph, catalogue,
                              &uncheckedCombos).isEmpty());
            const QString category =
                catalogue.value(it.value().toObject().value(QStringLiteral("class_type"))
                                    .toString())
                    .toObject().value(QStringLiteral("category")).toString();
            QVERIFY2(!category.startsWith(QLatin1String("loaders")), name);
        }
        QCOMPARE(uncheckedCombos, 0);
    }
    const QJsonObject blur = store.load(QStringLiteral("blur_batch")).graph;
    QString saveId;
    for (auto it = blur.constBegin(); it != blur.constEnd(); ++it) {
        const QJsonObject inputs =
            it.value().toObject().value(QStringLiteral("inputs")).toObject();
        if (inputs.contains(QStringLiteral("filename_prefix"))) {
            QCOMPARE(inputs.value(QStringLiteral("filename_prefix")).toString(),
                     QStringLiteral("comfydesk/blur"));
            saveId = it.key();
        }
        if (inputs.contains(QStringLiteral("batch_size")))
            QCOMPARE(inputs.value(QStringLiteral("batch_size")).toInteger(), 2);
    }
    QVERIFY(!saveId.isEmpty());
}

QTEST_GUILESS_MAIN(TestWorkflowSamples)
#include "tst_workflowsamples.moc"
