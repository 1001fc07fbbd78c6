#include "promptsummary.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

QJsonObject object(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

QJsonDocument readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll());
}

QStringList lines(const QString &text)
{
    return text.split(QLatin1Char('\n'));
}

// SDXL with a LoRA, a hires-fix second pass and widgets turned into nodes: the seed comes
// from a PrimitiveInt, the positive text from a string node, text_g and text_l differ.
const char *const HiresGraph = R"({
  "4":  {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sdxl_base.safetensors"}},
  "10": {"class_type": "LoraLoader", "inputs": {"model": ["4", 0], "clip": ["4", 1],
         "lora_name": "detail.safetensors", "strength_model": 0.8, "strength_clip": 1}},
  "11": {"class_type": "ModelSamplingDiscrete", "inputs": {"model": ["10", 0],
         "sampling": "eps", "zsnr": false}},
  "20": {"class_type": "PrimitiveInt", "inputs": {"value": 9007199254740993}},
  "21": {"class_type": "PrimitiveStringMultiline", "inputs": {"value": "a red fox in snow"}},
  "6":  {"class_type": "CLIPTextEncodeSDXL", "inputs": {"clip": ["10", 1],
         "text_g": ["21", 0], "text_l": "sharp focus", "width": 1024, "height": 1024}},
  "7":  {"class_type": "CLIPTextEncode", "inputs": {"clip": ["10", 1], "text": "blurry"}},
  "5":  {"class_type": "EmptyLatentImage", "inputs": {"width": 832, "height": 1216,
         "batch_size": 1}},
  "3":  {"class_type": "KSampler", "inputs": {"seed": ["20", 0], "steps": 30, "cfg": 6.5,
         "sampler_name": "dpmpp_2m", "scheduler": "karras", "denoise": 1,
         "model": ["11", 0], "positive": ["6", 0], "negative": ["7", 0],
         "latent_image": ["5", 0]}},
  "12": {"class_type": "LatentUpscaleBy", "inputs": {"samples": ["3", 0],
         "upscale_method": "nearest-exact", "scale_by": 1.5}},
  "13": {"class_type": "KSampler", "inputs": {"seed": ["20", 0], "steps": 12, "cfg": 6.5,
         "sampler_name": "dpmpp_2m", "scheduler": "karras", "denoise": 0.45,
         "model": ["11", 0], "positive": ["6", 0], "negative": ["7", 0],
         "latent_image": ["12", 0]}},
  "8":  {"class_type": "VAEDecode", "inputs": {"samples": ["13", 0], "vae": ["4", 2]}},
  "9":  {"class_type": "SaveImage", "inputs": {"images": ["8", 0], "filename_prefix": "fox"}}
})";

// Flux the way ComfyUI's template builds it: SamplerCustomAdvanced with its parameters on
// RandomNoise, BasicGuider, KSamplerSelect and BasicScheduler; Chinese prompt text.
const char *const FluxGraph = R"({
  "12": {"class_type": "UNETLoader", "inputs": {"unet_name": "flux1-dev.safetensors",
         "weight_dtype": "default"}},
  "11": {"class_type": "DualCLIPLoader", "inputs": {"clip_name1": "t5xxl_fp16.safetensors",
         "clip_name2": "clip_l.safetensors", "type": "flux"}},
  "6":  {"class_type": "CLIPTextEncode", "inputs": {"clip": ["11", 0],
         "text": "一只可爱的猫咪在窗台上睡觉"}},
  "26": {"class_type": "FluxGuidance", "inputs": {"conditioning": ["6", 0], "guidance": 3.5}},
  "22": {"class_type": "BasicGuider", "inputs": {"model": ["30", 0], "conditioning": ["26", 0]}},
  "30": {"class_type": "ModelSamplingFlux", "inputs": {"model": ["12", 0], "max_shift": 1.15,
         "base_shift": 0.5, "width": 1024, "height": 1024}},
  "25": {"class_type": "RandomNoise", "inputs": {"noise_seed": 18446744073709551615}},
  "16": {"class_type": "KSamplerSelect", "inputs": {"sampler_name": "euler"}},
  "17": {"class_type": "BasicScheduler", "inputs": {"model": ["30", 0], "scheduler": "simple",
         "steps": 20, "denoise": 1}},
  "27": {"class_type": "EmptySD3LatentImage", "inputs": {"width": 1024, "height": 768,
         "batch_size": 1}},
  "13": {"class_type": "SamplerCustomAdvanced", "inputs": {"noise": ["25", 0],
         "guider": ["22", 0], "sampler": ["16", 0], "sigmas": ["17", 0],
         "latent_image": ["27", 0]}},
  "8":  {"class_type": "VAEDecode", "inputs": {"samples": ["13", 0], "vae": ["10", 0]}},
  "9":  {"class_type": "SaveImage", "inputs": {"images": ["8", 0], "filename_prefix": "flux"}}
})";

} // namespace

class TestPromptSummary final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleTxt2img();
    void sampleImg2imgHasNoLatentSize();
    void modelFreeSamplesHaveNoSummary();
    void recordedGraphs();

    void hiresFixTakesTheFinalPass();
    void customSamplerParametersFromItsParts();
    void controlNetKeepsPositiveAndNegativeApart();
    void independentSamplersFirstById();
    void largeSeeds_data();
    void largeSeeds();

    void linkCyclesEnd();
    void missingAndMalformedNodes();
    void nonObjectGraphParts();

    void parameterTextNumbersAsWritten();
    void toJsonLeavesAbsentOut();
};

void TestPromptSummary::sampleTxt2img()
{
    const QJsonObject graph =
        readJson(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/sd_txt2img.json")).object();
    QVERIFY(!graph.isEmpty());
    const PromptSummary summary = PromptSummary::fromGraph(graph);
    QCOMPARE(summary.positive, QStringLiteral(
        "beautiful scenery nature glass bottle landscape, , purple galaxy bottle,"));
    QCOMPARE(summary.negative, QStringLiteral("text, watermark"));
    QCOMPARE(summary.seed, QStringLiteral("156680208700286"));
    QCOMPARE(summary.steps, 20);
    QCOMPARE(summary.cfg, 8.0);
    QCOMPARE(summary.sampler, QStringLiteral("euler"));
    QCOMPARE(summary.scheduler, QStringLiteral("normal"));
    QCOMPARE(summary.width, 512);
    QCOMPARE(summary.height, 512);
    QCOMPARE(summary.checkpoint, QStringLiteral("v1-5-pruned-emaonly.safetensors"));
    QCOMPARE(summary.denoise, 1.0);

    const QStringList parameters = lines(PromptSummary::parameterText(graph));
    for (const char *expected : {"156680208700286", "20", "8", "euler", "normal", "512",
                                 "v1-5-pruned-emaonly.safetensors", "text, watermark",
                                 "ComfyUI"}) {
        QVERIFY2(parameters.contains(QLatin1String(expected)), expected);
    }
    QCOMPARE(parameters.count(QStringLiteral("512")), 1);   // width and height: one line
}

void TestPromptSummary::sampleImg2imgHasNoLatentSize()
{
    const QJsonObject graph =
        readJson(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/sd_img2img.json")).object();
    QVERIFY(!graph.isEmpty());
    const PromptSummary summary = PromptSummary::fromGraph(graph);
    QCOMPARE(summary.denoise, 0.6);
    QCOMPARE(summary.steps, 20);
    QCOMPARE(summary.checkpoint, QStringLiteral("v1-5-pruned-emaonly.safetensors"));
    // The latent is encoded from a loaded image: its size is not in the graph.
    QCOMPARE(summary.width, 0);
    QCOMPARE(summary.height, 0);
    QVERIFY(lines(PromptSummary::parameterText(graph)).contains(QStringLiteral("0.6")));
    QVERIFY(lines(PromptSummary::parameterText(graph)).contains(QStringLiteral("example.png")));
}

void TestPromptSummary::modelFreeSamplesHaveNoSummary()
{
    for (const char *name : {"blur_batch.json", "invert_empty_image.json"}) {
        const QJsonObject graph = readJson(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/")
                                           + QLatin1String(name)).object();
        QVERIFY2(!graph.isEmpty(), name);
        QCOMPARE(PromptSummary::fromGraph(graph), PromptSummary());
        QCOMPARE(PromptSummary::fromGraph(graph).toJson(), QJsonObject());
    }
    const QStringList blur = lines(PromptSummary::parameterText(
        readJson(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/blur_batch.json")).object()));
    QCOMPARE(blur, (QStringList{QStringLiteral("2"), QStringLiteral("3381759"),
                                QStringLiteral("512"), QStringLiteral("5"),
                                QStringLiteral("2.5"), QStringLiteral("comfydesk/blur")}));
}

// Every graph ComfyUI 0.3.65 and 0.8.0 answered or were sent in the recordings: history
// entries (prompt[2]) and /prompt request bodies, some of them invalid on purpose.
void TestPromptSummary::recordedGraphs()
{
    int graphs = 0;
    const QDir root(QStringLiteral(COMFYDESK_TEST_DATA "/transcripts"));
    for (const QString &version : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QDir dir(root.filePath(version));
        for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
            const QJsonObject exchange = readJson(dir.filePath(name)).object();
            QList<QJsonObject> found;
            const QJsonValue request = exchange.value(QLatin1String("request"))
                                           .toObject().value(QLatin1String("json"));
            if (request.toObject().value(QLatin1String("prompt")).isObject())
                found.append(request.toObject().value(QLatin1String("prompt")).toObject());
            if (name.startsWith(QLatin1String("history"))) {
                const QJsonObject body = exchange.value(QLatin1String("response")).toObject()
                                             .value(QLatin1String("body")).toObject();
                for (const QJsonValue &entry : body) {
                    const QJsonValue prompt = entry.toObject().value(QLatin1String("prompt"));
                    if (prompt.toArray().at(2).isObject())
                        found.append(prompt.toArray().at(2).toObject());
                }
            }
            for (const QJsonObject &graph : std::as_const(found)) {
                ++graphs;
                // Model-free graphs: nothing to summarise, and nothing to trip over.
                QCOMPARE(PromptSummary::fromGraph(graph), PromptSummary());
                const QStringList parameters = lines(PromptSummary::parameterText(graph));
                for (const QJsonValue &node : graph) {
                    const QJsonObject inputs =
                        node.toObject().value(QLatin1String("inputs")).toObject();
                    const QJsonValue prefix = inputs.value(QLatin1String("filename_prefix"));
                    if (prefix.isString()) {
                        QVERIFY2(parameters.contains(prefix.toString()),
                                 qPrintable(name + QLatin1String(": ") + prefix.toString()));
                    }
                    const QJsonValue width = inputs.value(QLatin1String("width"));
                    if (width.isDouble()) {
                        QVERIFY2(parameters.contains(QString::number(width.toInteger())),
                                 qPrintable(name));
                    }
                }
            }
        }
    }
    QVERIFY2(graphs >= 50, qPrintable(QString::number(graphs)));
}

void TestPromptSummary::hiresFixTakesTheFinalPass()
{
    const PromptSummary summary = PromptSummary::fromGraph(object(HiresGraph));
    QCOMPARE(summary.steps, 12);          // node 13, not the first pass (node 3)
    QCOMPARE(summary.denoise, 0.45);
    QCOMPARE(summary.cfg, 6.5);
    QCOMPARE(summary.seed, QStringLiteral("9007199254740993"));   // through the PrimitiveInt
    // 832x1216 by 1.5, rounded as ComfyUI does on the latent (1/8 of the pixels).
    QCOMPARE(summary.width, 1248);
    QCOMPARE(summary.height, 1824);
    QCOMPARE(summary.positive, QStringLiteral("a red fox in snow\nsharp focus"));
    QCOMPARE(summary.negative, QStringLiteral("blurry"));
    QCOMPARE(summary.checkpoint, QStringLiteral("sdxl_base.safetensors"));   // past the LoRA
    QCOMPARE(summary.sampler, QStringLiteral("dpmpp_2m"));
    QCOMPARE(summary.scheduler, QStringLiteral("karras"));
}

void TestPromptSummary::customSamplerParametersFromItsParts()
{
    const PromptSummary summary = PromptSummary::fromGraph(object(FluxGraph));
    QCOMPARE(summary.positive, QStringLiteral("一只可爱的猫咪在窗台上睡觉"));
    QCOMPARE(summary.negative, QString());
    QCOMPARE(summary.steps, 20);
    QCOMPARE(summary.sampler, QStringLiteral("euler"));
    QCOMPARE(summary.scheduler, QStringLiteral("simple"));
    QCOMPARE(summary.denoise, 1.0);
    QCOMPARE(summary.cfg, -1.0);   // BasicGuider has none
    QCOMPARE(summary.width, 1024);
    QCOMPARE(summary.height, 768);
    QCOMPARE(summary.checkpoint, QStringLiteral("flux1-dev.safetensors"));
    QVERIFY(!summary.seed.isEmpty());

    // CFGGuider with a negative that was zeroed out: it has no text, although the zeroing
    // node's input is the positive encoder's output.
    QJsonObject graph = object(FluxGraph);
    graph.insert(QStringLiteral("22"), object(R"({"class_type": "CFGGuider", "inputs": {
        "model": ["30", 0], "positive": ["26", 0], "negative": ["40", 0], "cfg": 1.5}})"));
    graph.insert(QStringLiteral("40"), object(R"({"class_type": "ConditioningZeroOut",
        "inputs": {"conditioning": ["6", 0]}})"));
    const PromptSummary guided = PromptSummary::fromGraph(graph);
    QCOMPARE(guided.cfg, 1.5);
    QCOMPARE(guided.positive, QStringLiteral("一只可爱的猫咪在窗台上睡觉"));
    QCOMPARE(guided.negative, QString());
}

void TestPromptSummary::controlNetKeepsPositiveAndNegativeApart()
{
    const PromptSummary summary = PromptSummary::fromGraph(object(R"({
      "1": {"class_type": "CLIPTextEncode", "inputs": {"text": "good"}},
      "2": {"class_type": "CLIPTextEncode", "inputs": {"text": "bad"}},
      "3": {"class_type": "ControlNetApplyAdvanced", "inputs": {"positive": ["1", 0],
            "negative": ["2", 0], "control_net": ["9", 0], "strength": 0.7}},
      "4": {"class_type": "ConditioningSetTimestepRange", "inputs": {
            "conditioning": ["3", 1], "start": 0, "end": 1}},
      "5": {"class_type": "KSampler", "inputs": {"positive": ["3", 0], "negative": ["4", 0],
            "seed": 7}}
    })"));
    QCOMPARE(summary.positive, QStringLiteral("good"));
    QCOMPARE(summary.negative, QStringLiteral("bad"));
    QCOMPARE(summary.seed, QStringLiteral("7"));
}

void TestPromptSummary::independentSamplersFirstById()
{
    // Two unrelated pipelines in one graph: "9" comes before "10" numerically (not as text).
    const PromptSummary summary = PromptSummary::fromGraph(object(R"({
      "10": {"class_type": "KSampler", "inputs": {"seed": 10, "steps": 10}},
      "9":  {"class_type": "KSamplerAdvanced", "inputs": {"noise_seed": 9, "steps": 9}},
      "12:1": {"class_type": "KSampler", "inputs": {"seed": 121, "steps": 121}},
      "11": {"class_type": "KSamplerSelect", "inputs": {"sampler_name": "euler"}}
    })"));
    QCOMPARE(summary.steps, 9);
    QCOMPARE(summary.seed, QStringLiteral("9"));
    QCOMPARE(summary.sampler, QString());   // KSamplerSelect is no sampler of its own
}

void TestPromptSummary::largeSeeds_data()
{
    QTest::addColumn<QByteArray>("seedJson");
    QTest::addColumn<QString>("expected");
    // Fits in qint64: QJsonDocument keeps it exact, although a double could not.
    QTest::newRow("2^53 + 1") << QByteArray("9007199254740993")
                              << QStringLiteral("9007199254740993");
    QTest::newRow("qint64 max") << QByteArray("9223372036854775807")
                                << QStringLiteral("9223372036854775807");
    // Above qint64: Qt 6.4 parses it into a double before we see it; the digits of that
    // double are what is left (ComfyUI seeds go up to 2^64 - 1). If Qt ever keeps these
    // exact, this row fails and the comment in promptsummary.cpp should be updated.
    QTest::newRow("2^64 - 1 (lossy)") << QByteArray("18446744073709551615")
                                      << QStringLiteral("18446744073709551616");
    // As a string it is exact whatever its size.
    QTest::newRow("string") << QByteArray("\"18446744073709551615\"")
                            << QStringLiteral("18446744073709551615");
    QTest::newRow("zero") << QByteArray("0") << QStringLiteral("0");
}

void TestPromptSummary::largeSeeds()
{
    QFETCH(QByteArray, seedJson);
    QFETCH(QString, expected);
    const QByteArray json = R"({"3": {"class_type": "KSampler", "inputs": {"seed": )" + seedJson
        + "}}}";
    const QJsonObject graph = QJsonDocument::fromJson(json).object();
    QCOMPARE(PromptSummary::fromGraph(graph).seed, expected);
    QVERIFY(lines(PromptSummary::parameterText(graph)).contains(expected));
}

void TestPromptSummary::linkCyclesEnd()
{
    // Every link the summary follows goes round in a circle; a sampler's own output fed
    // back into it; two samplers each upstream of the other.
    const PromptSummary summary = PromptSummary::fromGraph(object(R"({
      "1": {"class_type": "ConditioningCombine", "inputs": {"conditioning_1": ["2", 0]}},
      "2": {"class_type": "ConditioningCombine", "inputs": {"conditioning_1": ["1", 0]}},
      "3": {"class_type": "LoraLoader", "inputs": {"model": ["4", 0]}},
      "4": {"class_type": "LoraLoader", "inputs": {"model": ["3", 0]}},
      "5": {"class_type": "RepeatLatentBatch", "inputs": {"samples": ["21", 0], "amount": 2}},
      "6": {"class_type": "CLIPTextEncode", "inputs": {"text": ["6", 0]}},
      "7": {"class_type": "PrimitiveInt", "inputs": {"value": ["8", 0]}},
      "8": {"class_type": "PrimitiveInt", "inputs": {"value": ["7", 0]}},
      "20": {"class_type": "KSampler", "inputs": {"positive": ["1", 0], "negative": ["6", 0],
             "model": ["3", 0], "latent_image": ["5", 0], "seed": ["7", 0], "steps": 4}},
      "21": {"class_type": "KSampler", "inputs": {"latent_image": ["20", 0], "steps": 5,
             "model": ["21", 0]}}
    })"));
    QCOMPARE(summary.steps, 4);   // all samplers in the cycle: the first by id
    QCOMPARE(summary.positive, QString());
    QCOMPARE(summary.negative, QString());
    QCOMPARE(summary.checkpoint, QString());
    QCOMPARE(summary.seed, QString());
    QCOMPARE(summary.width, 0);
}

void TestPromptSummary::missingAndMalformedNodes()
{
    const QJsonObject graph = object(R"({
      "3": {"class_type": "KSampler", "inputs": {
            "seed": ["99", 0], "steps": "25", "cfg": "x", "sampler_name": 5,
            "positive": ["98", 0], "negative": [7, 0], "model": [null, 0],
            "latent_image": ["5"], "denoise": null, "scheduler": ["1", 0, 2]}},
      "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "numeric id link"}},
      "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 512, "height": 512}}
    })");
    const PromptSummary summary = PromptSummary::fromGraph(graph);
    QCOMPARE(summary.seed, QString());        // links to a node that is not there
    QCOMPARE(summary.positive, QString());
    QCOMPARE(summary.steps, 25);              // a number written as text is still a number
    QCOMPARE(summary.cfg, -1.0);
    QCOMPARE(summary.sampler, QString());
    QCOMPARE(summary.negative, QStringLiteral("numeric id link"));
    QCOMPARE(summary.width, 0);               // ["5"] is no link
    QCOMPARE(summary.denoise, -1.0);
    QCOMPARE(summary.scheduler, QString());
    QCOMPARE(summary.checkpoint, QString());
}

void TestPromptSummary::nonObjectGraphParts()
{
    const QJsonObject graph = object(R"({
      "1": [1, 2, 3],
      "2": "KSampler",
      "3": null,
      "4": {"class_type": "KSampler", "inputs": [["1", 0], 5]},
      "5": {"class_type": 17, "inputs": {"text": "odd class"}},
      "6": {"inputs": "none"},
      "7": {"class_type": "KSampler", "inputs": {"positive": ["1", 0], "model": ["2", 0],
            "latent_image": ["3", 0], "negative": ["6", 0], "steps": 1e300, "cfg": 7}}
    })");
    const PromptSummary summary = PromptSummary::fromGraph(graph);
    QCOMPARE(summary.steps, 0);   // not an int
    QCOMPARE(summary.cfg, 7.0);   // node "4" has no inputs object: "7" is the final sampler
    QCOMPARE(summary.positive, QString());
    const QStringList parameters = lines(PromptSummary::parameterText(graph));
    QVERIFY(parameters.contains(QStringLiteral("odd class")));
    QVERIFY(!parameters.contains(QStringLiteral("KSampler")));   // not an input value

    QCOMPARE(PromptSummary::fromGraph(QJsonObject()), PromptSummary());
    QCOMPARE(PromptSummary::parameterText(QJsonObject()), QString());
}

void TestPromptSummary::parameterTextNumbersAsWritten()
{
    const QString text = PromptSummary::parameterText(object(R"({
      "1": {"class_type": "X", "inputs": {"a": 0.6, "b": 7.5, "c": 1e-05, "d": -3,
            "e": 156680208700286, "f": true, "g": null, "h": ["2", 0], "i": "  ",
            "j": "猫咪\nsecond line", "k": ["red", "green", 4], "l": {"m": "nested"}}},
      "2": {"class_type": "Y", "inputs": {"a": 0.6, "b": "red"}}
    })"));
    QCOMPARE(text, QStringLiteral("0.6\n7.5\n1e-05\n-3\n156680208700286\n猫咪\nsecond line"
                                  "\nred\ngreen\n4\nnested"));
}

void TestPromptSummary::toJsonLeavesAbsentOut()
{
    PromptSummary summary;
    QCOMPARE(summary.toJson(), QJsonObject());
    summary.seed = QStringLiteral("18446744073709551615");
    summary.cfg = 0;   // a real value, unlike -1
    summary.steps = 30;
    summary.positive = QStringLiteral("猫");
    const QJsonObject json = summary.toJson();
    QCOMPARE(json.keys(), (QStringList{QStringLiteral("cfg"), QStringLiteral("positive"),
                                       QStringLiteral("seed"), QStringLiteral("steps")}));
    QCOMPARE(json.value(QLatin1String("seed")).toString(),
             QStringLiteral("18446744073709551615"));
    QCOMPARE(json.value(QLatin1String("cfg")).toDouble(), 0.0);

    const QJsonObject full = PromptSummary::fromGraph(
        readJson(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/sd_txt2img.json")).object())
        .toJson();
    QCOMPARE(full.keys(), (QStringList{QStringLiteral("cfg"), QStringLiteral("checkpoint"),
                                       QStringLiteral("denoise"), QStringLiteral("height"),
                                       QStringLiteral("negative"), QStringLiteral("positive"),
                                       QStringLiteral("sampler"), QStringLiteral("scheduler"),
                                       QStringLiteral("seed"), QStringLiteral("steps"),
                                       QStringLiteral("width")}));
    QCOMPARE(full.value(QLatin1String("seed")), QJsonValue(QStringLiteral("156680208700286")));
    QCOMPARE(full.value(QLatin1String("width")).toInt(), 512);
}

QTEST_GUILESS_MAIN(TestPromptSummary)
#include "tst_promptsummary.moc"
