#include "nodecatalogueparser.h"
#include "objectinfoscanner.h"
#include "recordedbody.h"

#include <QJsonArray>
#include <QtTest>

namespace {

using Kind = NodeInput::Kind;
using Section = NodeInput::Section;
using Code = NodeCatalogueIssue::Code;

QStringList inputNames(const NodeClass &node)
{
    QStringList names;
    for (const NodeInput &input : node.inputs)
        names.append(input.name);
    return names;
}

const QStringList KSamplerOrder = {
    QStringLiteral("model"),    QStringLiteral("seed"),         QStringLiteral("steps"),
    QStringLiteral("cfg"),      QStringLiteral("sampler_name"), QStringLiteral("scheduler"),
    QStringLiteral("positive"), QStringLiteral("negative"),     QStringLiteral("latent_image"),
    QStringLiteral("denoise")};

} // namespace

class TestNodeCatalogue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordedCatalogue_data();
    void recordedCatalogue();
    void kSamplerInputs_data();
    void kSamplerInputs();
    void seedBoundsExact_data();
    void seedBoundsExact();
    void widgetsAndLinks_data();
    void widgetsAndLinks();
    void hiddenInputs_data();
    void hiddenInputs();
    void outputsAndFlags_data();
    void outputsAndFlags();
    void newComboForm_data();
    void newComboForm();
    void bigNumbersElsewhere_data();
    void bigNumbersElsewhere();
    void writtenOrderWithoutInputOrder();
    void inputOrderPartial();
    void scannerLeavesStringsAlone();
    void malformed_data();
    void malformed();
    void partlyMalformedNode();
    void numbers_data();
    void numbers();
};

static void addVersions()
{
    QTest::addColumn<QString>("version");
    QTest::newRow("0.3.65") << QStringLiteral("v0.3.65");
    QTest::newRow("0.8.0") << QStringLiteral("v0.8.0");
}

static NodeCatalogue recordedAll(const QString &version)
{
    return NodeCatalogueParser::parse(
        RecordedBody::load(version, QStringLiteral("object_info_all.json")));
}

void TestNodeCatalogue::recordedCatalogue_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("classes");
    QTest::newRow("0.3.65") << QStringLiteral("v0.3.65") << 383;
    QTest::newRow("0.8.0") << QStringLiteral("v0.8.0") << 446;
}

void TestNodeCatalogue::recordedCatalogue()
{
    QFETCH(QString, version);
    QFETCH(int, classes);
    const NodeCatalogue catalogue = recordedAll(version);
    QVERIFY(catalogue.issues().isEmpty());
    QCOMPARE(catalogue.size(), classes);
    QVERIFY(catalogue.contains(QStringLiteral("KSampler")));
    QVERIFY(!catalogue.contains(QStringLiteral("NoSuchNode")));
    QCOMPARE(catalogue.node(QStringLiteral("NoSuchNode")), nullptr);
    QStringList sorted = catalogue.classNames();
    sorted.sort();
    QCOMPARE(catalogue.classNames(), sorted);
    QVERIFY(catalogue.categories().contains(QStringLiteral("sampling")));
}

void TestNodeCatalogue::kSamplerInputs_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("file");
    for (const char *version : {"v0.3.65", "v0.8.0"}) {
        for (const char *file : {"object_info_all.json", "object_info_KSampler.json"}) {
            QTest::addRow("%s %s", version, file)
                << QString::fromLatin1(version) << QString::fromLatin1(file);
        }
    }
}

void TestNodeCatalogue::kSamplerInputs()
{
    QFETCH(QString, version);
    QFETCH(QString, file);
    const NodeCatalogue catalogue =
        NodeCatalogueParser::parse(RecordedBody::load(version, file));
    QVERIFY(catalogue.issues().isEmpty());
    const NodeClass *ksampler = catalogue.node(QStringLiteral("KSampler"));
    QVERIFY(ksampler);
    QCOMPARE(inputNames(*ksampler), KSamplerOrder);
    QCOMPARE(ksampler->category, QStringLiteral("sampling"));
    QCOMPARE(ksampler->displayName, QStringLiteral("KSampler"));
    QVERIFY(ksampler->description.startsWith(QLatin1String("Uses the provided model")));

    const NodeInput *steps = ksampler->input(QStringLiteral("steps"));
    QVERIFY(steps);
    QCOMPARE(steps->kind, Kind::Int);
    QCOMPARE(steps->section, Section::Required);
    QCOMPARE(steps->minimum.toInt64(), 1);
    QCOMPARE(steps->maximum.toInt64(), 10000);
    QCOMPARE(steps->defaultNumber.toInt64(), 20);
    QCOMPARE(steps->defaultValue.toInt(), 20);
    QVERIFY(!steps->step.isSet());
    QVERIFY(steps->tooltip.startsWith(QLatin1String("The number of steps")));
    QVERIFY(steps->isWidget());

    const NodeInput *cfg = ksampler->input(QStringLiteral("cfg"));
    QVERIFY(cfg);
    QCOMPARE(cfg->kind, Kind::Float);
    QCOMPARE(cfg->defaultNumber.toDouble(), 8.0);
    QCOMPARE(cfg->step.literal(), QStringLiteral("0.1"));
    QCOMPARE(cfg->round.toDouble(), 0.01);
    QCOMPARE(cfg->maximum.toDouble(), 100.0);

    const NodeInput *sampler = ksampler->input(QStringLiteral("sampler_name"));
    QVERIFY(sampler);
    QCOMPARE(sampler->kind, Kind::Combo);
    QCOMPARE(sampler->type, QStringLiteral("COMBO"));
    QVERIFY(sampler->choices.size() > 30);
    QCOMPARE(sampler->choices.first(), QStringLiteral("euler"));
    QVERIFY(sampler->choices.contains(QStringLiteral("dpmpp_2m")));
    QCOMPARE(sampler->choices.last(), QStringLiteral("uni_pc_bh2"));
    const NodeInput *scheduler = ksampler->input(QStringLiteral("scheduler"));
    QVERIFY(scheduler);
    QCOMPARE(scheduler->choices.first(), QStringLiteral("simple"));
    QVERIFY(scheduler->choices.contains(QStringLiteral("karras")));

    const NodeInput *model = ksampler->input(QStringLiteral("model"));
    QVERIFY(model);
    QCOMPARE(model->kind, Kind::Link);
    QCOMPARE(model->type, QStringLiteral("MODEL"));
    QVERIFY(!model->isWidget());
    const NodeInput *latent = ksampler->input(QStringLiteral("latent_image"));
    QVERIFY(latent);
    QCOMPARE(latent->kind, Kind::Link);
    QCOMPARE(latent->type, QStringLiteral("LATENT"));

    QCOMPARE(ksampler->outputs.size(), 1);
    QCOMPARE(ksampler->outputs.first().type, QStringLiteral("LATENT"));
    QCOMPARE(ksampler->outputs.first().name, QStringLiteral("LATENT"));
    QCOMPARE(ksampler->outputs.first().tooltip, QStringLiteral("The denoised latent."));
    QVERIFY(!ksampler->outputNode);
}

void TestNodeCatalogue::seedBoundsExact_data()
{
    addVersions();
}

void TestNodeCatalogue::seedBoundsExact()
{
    QFETCH(QString, version);
    const NodeCatalogue catalogue = recordedAll(version);
    const NodeInput *seed = catalogue.node(QStringLiteral("KSampler"))->input(
        QStringLiteral("seed"));
    QVERIFY(seed);
    QCOMPARE(seed->kind, Kind::Int);
    QVERIFY(seed->controlAfterGenerate);
    QCOMPARE(seed->maximum.literal(), QStringLiteral("18446744073709551615"));
    bool ok = false;
    QCOMPARE(seed->maximum.toUInt64(&ok), Q_UINT64_C(18446744073709551615));
    QVERIFY(ok);
    seed->maximum.toInt64(&ok);
    QVERIFY(!ok); // beyond qint64: refused, not wrapped
    QCOMPARE(seed->minimum.toUInt64(&ok), Q_UINT64_C(0));
    QVERIFY(ok);
    QCOMPARE(seed->defaultNumber.literal(), QStringLiteral("0"));
    // The untyped views never show the scanner's private marker.
    QVERIFY(seed->options.value(QLatin1String("max")).isDouble());
    QCOMPARE(seed->options.value(QLatin1String("max")).toDouble(), 18446744073709551615.0);
}

void TestNodeCatalogue::widgetsAndLinks_data()
{
    addVersions();
}

void TestNodeCatalogue::widgetsAndLinks()
{
    QFETCH(QString, version);
    const NodeCatalogue catalogue = recordedAll(version);

    const NodeClass *encode = catalogue.node(QStringLiteral("CLIPTextEncode"));
    QVERIFY(encode);
    QCOMPARE(inputNames(*encode), QStringList({QStringLiteral("text"), QStringLiteral("clip")}));
    const NodeInput *text = encode->input(QStringLiteral("text"));
    QCOMPARE(text->kind, Kind::String);
    QVERIFY(text->multiline);
    QCOMPARE(text->options.value(QLatin1String("dynamicPrompts")).toBool(), true);
    QCOMPARE(encode->input(QStringLiteral("clip"))->kind, Kind::Link);
    QCOMPARE(encode->input(QStringLiteral("clip"))->type, QStringLiteral("CLIP"));

    const NodeClass *save = catalogue.node(QStringLiteral("SaveImage"));
    const NodeInput *prefix = save->input(QStringLiteral("filename_prefix"));
    QCOMPARE(prefix->kind, Kind::String);
    QVERIFY(!prefix->multiline);
    QCOMPARE(prefix->defaultValue.toString(), QStringLiteral("ComfyUI"));
    QVERIFY(!prefix->defaultNumber.isSet());

    const NodeClass *load = catalogue.node(QStringLiteral("LoadImage"));
    QVERIFY(load);
    const NodeInput *image = load->input(QStringLiteral("image"));
    QCOMPARE(image->kind, Kind::Combo);
    QVERIFY(image->imageUpload);
    QCOMPARE(image->choices, QStringList{QStringLiteral("example.png")});
    QVERIFY(!catalogue.node(QStringLiteral("KSampler"))->input(QStringLiteral("cfg"))
                 ->imageUpload);

    const NodeClass *empty = catalogue.node(QStringLiteral("EmptyLatentImage"));
    QCOMPARE(inputNames(*empty), QStringList({QStringLiteral("width"), QStringLiteral("height"),
                                              QStringLiteral("batch_size")}));
    QCOMPARE(empty->input(QStringLiteral("width"))->step.toInt64(), 8);
}

void TestNodeCatalogue::hiddenInputs_data()
{
    addVersions();
}

// 0.3.65 writes a hidden input as a bare type name, 0.8.0 sometimes as ["UNIQUE_ID"].
void TestNodeCatalogue::hiddenInputs()
{
    QFETCH(QString, version);
    const NodeCatalogue catalogue = recordedAll(version);
    const NodeClass *save = catalogue.node(QStringLiteral("SaveImage"));
    QCOMPARE(inputNames(*save),
             QStringList({QStringLiteral("images"), QStringLiteral("filename_prefix"),
                          QStringLiteral("prompt"), QStringLiteral("extra_pnginfo")}));
    const NodeInput *prompt = save->input(QStringLiteral("prompt"));
    QCOMPARE(prompt->section, Section::Hidden);
    QCOMPARE(prompt->type, QStringLiteral("PROMPT"));
    QVERIFY(!prompt->isWidget());

    const NodeClass *size = catalogue.node(QStringLiteral("GetImageSize"));
    const NodeInput *uniqueId = size->input(QStringLiteral("unique_id"));
    QVERIFY(uniqueId);
    QCOMPARE(uniqueId->section, Section::Hidden);
    QCOMPARE(uniqueId->type, QStringLiteral("UNIQUE_ID"));
}

void TestNodeCatalogue::outputsAndFlags_data()
{
    addVersions();
}

void TestNodeCatalogue::outputsAndFlags()
{
    QFETCH(QString, version);
    const NodeCatalogue catalogue = recordedAll(version);
    const NodeClass *load = catalogue.node(QStringLiteral("LoadImage"));
    QCOMPARE(load->displayName, QStringLiteral("Load Image"));
    QCOMPARE(load->outputs.size(), 2);
    QCOMPARE(load->outputs.at(0).type, QStringLiteral("IMAGE"));
    QCOMPARE(load->outputs.at(1).type, QStringLiteral("MASK"));
    QVERIFY(!load->outputs.at(1).isList);

    QVERIFY(catalogue.node(QStringLiteral("SaveImage"))->outputNode);
    QVERIFY(catalogue.node(QStringLiteral("SaveImage"))->outputs.isEmpty());
    QVERIFY(catalogue.node(QStringLiteral("CheckpointLoader"))->deprecated);
    QVERIFY(!catalogue.node(QStringLiteral("CheckpointLoaderSimple"))->deprecated);
    QVERIFY(catalogue.node(QStringLiteral("LoadImageOutput"))->experimental);
    QVERIFY(!catalogue.node(QStringLiteral("KSampler"))->experimental);

    // An output that is a list of items (RebatchImages gives a list of batches).
    const NodeClass *rebatch = catalogue.node(QStringLiteral("RebatchImages"));
    QVERIFY(rebatch);
    QVERIFY(rebatch->outputs.first().isList);
}

void TestNodeCatalogue::newComboForm_data()
{
    addVersions();
}

// ["COMBO", {"options": [...]}], the form of the newer node schema (both recordings have
// nodes written in it).
void TestNodeCatalogue::newComboForm()
{
    QFETCH(QString, version);
    const NodeCatalogue catalogue = recordedAll(version);
    const NodeInput *dim =
        catalogue.node(QStringLiteral("LatentConcat"))->input(QStringLiteral("dim"));
    QVERIFY(dim);
    QCOMPARE(dim->kind, Kind::Combo);
    QCOMPARE(dim->choices, QStringList({QStringLiteral("x"), QStringLiteral("-x"),
                                        QStringLiteral("y"), QStringLiteral("-y"),
                                        QStringLiteral("t"), QStringLiteral("-t")}));
    // A combo filled by the frontend from a server route: no choices here, still a combo.
    const NodeInput *remote =
        catalogue.node(QStringLiteral("LoadImageOutput"))->input(QStringLiteral("image"));
    QCOMPARE(remote->kind, Kind::Combo);
    QVERIFY(remote->choices.isEmpty());
    QVERIFY(remote->imageUpload);
    QVERIFY(remote->options.value(QLatin1String("remote")).isObject());
}

void TestNodeCatalogue::bigNumbersElsewhere_data()
{
    addVersions();
}

void TestNodeCatalogue::bigNumbersElsewhere()
{
    QFETCH(QString, version);
    const NodeCatalogue catalogue = recordedAll(version);
    const NodeInput *value =
        catalogue.node(QStringLiteral("PrimitiveInt"))->input(QStringLiteral("value"));
    QCOMPARE(value->minimum.toInt64(), Q_INT64_C(-9223372036854775807));
    QCOMPARE(value->maximum.toInt64(), Q_INT64_C(9223372036854775807));
    // A FLOAT bounded by -(2^64 - 1): the literal survives, the double is what it is.
    const NodeInput *start = catalogue.node(QStringLiteral("TrimAudioDuration"))
                                 ->input(QStringLiteral("start_index"));
    QCOMPARE(start->kind, Kind::Float);
    QCOMPARE(start->minimum.literal(), QStringLiteral("-18446744073709551615"));
    QCOMPARE(start->minimum.toDouble(), -18446744073709551615.0);
}

void TestNodeCatalogue::writtenOrderWithoutInputOrder()
{
    // No input_order (older servers): the order written in the body, which QJsonObject
    // alone would sort away; escaped and non-ASCII names included.
    const QByteArray body = R"({"Zed": {"input": {
        "required": {"zeta": ["INT", {}], "alpha": ["FLOAT"], "q\"uote": ["STRING"],
                     "风景": ["BOOLEAN"], "mid": [["a", "b"]]},
        "optional": {"z2": ["IMAGE"], "a2": ["MASK"]}},
        "output": [], "name": "Zed"}})";
    const NodeCatalogue catalogue = NodeCatalogueParser::parse(body);
    QVERIFY(catalogue.issues().isEmpty());
    const NodeClass *zed = catalogue.node(QStringLiteral("Zed"));
    QVERIFY(zed);
    QCOMPARE(inputNames(*zed),
             QStringList({QStringLiteral("zeta"), QStringLiteral("alpha"),
                          QStringLiteral("q\"uote"), QStringLiteral(u"风景"),
                          QStringLiteral("mid"), QStringLiteral("z2"), QStringLiteral("a2")}));
    QCOMPARE(zed->inputs.at(3).kind, Kind::Boolean);
    QCOMPARE(zed->inputs.at(5).section, Section::Optional);
    QCOMPARE(zed->displayName, QStringLiteral("Zed")); // no display_name: the class name
}

void TestNodeCatalogue::inputOrderPartial()
{
    // input_order wins; names it forgets still appear, after it, in written order.
    const QByteArray body = R"({"N": {"input": {"required": {
        "a": ["INT"], "b": ["INT"], "c": ["INT"], "d": ["INT"]}},
        "input_order": {"required": ["c", "ghost", "a", "c"]}, "output": []}})";
    const NodeCatalogue catalogue = NodeCatalogueParser::parse(body);
    QCOMPARE(inputNames(*catalogue.node(QStringLiteral("N"))),
             QStringList({QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b"),
                          QStringLiteral("d")}));
}

void TestNodeCatalogue::scannerLeavesStringsAlone()
{
    const QByteArray body =
        R"({"A": {"x": "12345678901234567890", "y": 12345678901234567890, "z": 1.5e300,)"
        R"( "w": [-99999999999999999999, 1234567890123456.5]}})";
    const ObjectInfoScanner::Result scan = ObjectInfoScanner::scan(body);
    const QJsonObject a = QJsonDocument::fromJson(scan.json).object().value("A").toObject();
    QCOMPARE(a.value("x").toString(), QStringLiteral("12345678901234567890"));
    QVERIFY(ObjectInfoScanner::markedInteger(a.value("x").toString()).isEmpty());
    QCOMPARE(ObjectInfoScanner::markedInteger(a.value("y").toString()),
             QStringLiteral("12345678901234567890"));
    QCOMPARE(a.value("z").toDouble(), 1.5e300);
    const QJsonArray w = a.value("w").toArray();
    QCOMPARE(NodeNumber::fromJson(w.at(0)).literal(), QStringLiteral("-99999999999999999999"));
    QVERIFY(w.at(1).isDouble()); // not an integer literal: left as is

    // Nothing to rewrite: the very same bytes, not a copy.
    const QByteArray plain = R"({"a": [1, 2, "3"]})";
    QCOMPARE(ObjectInfoScanner::scan(plain).json.constData(), plain.constData());
}

void TestNodeCatalogue::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    QTest::newRow("empty") << QByteArray() << int(Code::NotJson);
    QTest::newRow("garbage") << QByteArray("<html>502</html>") << int(Code::NotJson);
    QTest::newRow("truncated") << QByteArray(R"({"KSampler": {"input": {"requ)")
                               << int(Code::NotJson);
    QTest::newRow("truncated big number") << QByteArray("{\"A\": 123456789012345678901")
                                          << int(Code::NotJson);
    QTest::newRow("unbalanced") << QByteArray("}]]}{[") << int(Code::NotJson);
    QTest::newRow("deep") << QByteArray(100000, '[') << int(Code::NotJson);
    QTest::newRow("array") << QByteArray("[1, 2]") << int(Code::NotAnObject);
    QTest::newRow("class not object") << QByteArray(R"({"A": 5})") << int(Code::NodeNotAnObject);
    QTest::newRow("class is array") << QByteArray(R"({"A": [1]})")
                                    << int(Code::NodeNotAnObject);
    QTest::newRow("no input") << QByteArray(R"({"A": {"output": []}})")
                              << int(Code::InputsNotAnObject);
    QTest::newRow("input not object") << QByteArray(R"({"A": {"input": 3, "output": []}})")
                                      << int(Code::InputsNotAnObject);
    QTest::newRow("section not object")
        << QByteArray(R"({"A": {"input": {"required": []}, "output": []}})")
        << int(Code::InputsNotAnObject);
    QTest::newRow("no outputs") << QByteArray(R"({"A": {"input": {}}})")
                                << int(Code::OutputsInvalid);
    QTest::newRow("outputs not array")
        << QByteArray(R"({"A": {"input": {}, "output": "IMAGE"}})") << int(Code::OutputsInvalid);
    QTest::newRow("output names short")
        << QByteArray(R"({"A": {"input": {}, "output": ["A", "B"], "output_name": ["a"]}})")
        << int(Code::OutputsInvalid);
    QTest::newRow("output garbage")
        << QByteArray(R"({"A": {"input": {}, "output": [null, 5, {}]}})")
        << int(Code::OutputsInvalid);
}

void TestNodeCatalogue::malformed()
{
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    const NodeCatalogue catalogue = NodeCatalogueParser::parse(body);
    QVERIFY(!catalogue.issues().isEmpty());
    QCOMPARE(int(catalogue.issues().first().code), code);
    if (Code(code) == Code::NotJson) {
        QVERIFY(catalogue.isEmpty());
        QVERIFY(catalogue.issues().first().offset >= 0);
    }
}

void TestNodeCatalogue::partlyMalformedNode()
{
    // Good classes survive next to bad ones; bad inputs are kept as Unknown and named.
    const QByteArray body = R"({"Bad": 7, "Good": {"input": {"required": {
        "n": 5, "e": [], "o": [{}], "t": [7, {}], "s": [""], "w": ["INT", 9],
        "i": ["INT", {"min": "low", "max": true, "default": [1], "round": false,
                      "multiline": "yes", "step": 18446744073709551616}],
        "c": ["COMBO", {"options": "nope"}], "k": [[1, 2.5, true, null, "x"]]}},
        "output": ["IMAGE"], "output_name": ["img"], "output_is_list": [true]}})";
    const NodeCatalogue catalogue = NodeCatalogueParser::parse(body);
    QCOMPARE(catalogue.size(), 1);
    const NodeClass *good = catalogue.node(QStringLiteral("Good"));
    QVERIFY(good);
    QCOMPARE(good->inputs.size(), 9);
    for (const char *name : {"n", "e", "o", "t", "s"}) {
        QCOMPARE(good->input(QLatin1String(name))->kind, Kind::Unknown);
        QVERIFY(catalogue.issues().contains(
            NodeCatalogueIssue{Code::InputNotUnderstood, QStringLiteral("Good"),
                               QLatin1String(name)}));
    }
    QVERIFY(catalogue.issues().contains(
        NodeCatalogueIssue{Code::NodeNotAnObject, QStringLiteral("Bad"), {}}));
    QCOMPARE(good->input(QStringLiteral("w"))->kind, Kind::Int);
    const NodeInput *i = good->input(QStringLiteral("i"));
    QVERIFY(!i->minimum.isSet());
    QVERIFY(!i->maximum.isSet());
    QVERIFY(!i->defaultNumber.isSet());
    QVERIFY(!i->round.isSet());
    QVERIFY(!i->multiline);
    bool ok = true;
    i->step.toUInt64(&ok); // 2^64: one past what fits
    QVERIFY(!ok);
    QCOMPARE(i->step.literal(), QStringLiteral("18446744073709551616"));
    QCOMPARE(good->input(QStringLiteral("c"))->kind, Kind::Combo);
    QVERIFY(good->input(QStringLiteral("c"))->choices.isEmpty());
    QCOMPARE(good->input(QStringLiteral("k"))->choices,
             QStringList({QStringLiteral("1"), QStringLiteral("2.5"), QStringLiteral("true"),
                          QStringLiteral("x")}));
    QCOMPARE(good->outputs.size(), 1);
    QCOMPARE(good->outputs.first().name, QStringLiteral("img"));
    QVERIFY(good->outputs.first().isList);
}

void TestNodeCatalogue::numbers_data()
{
    QTest::addColumn<QString>("literal");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("integer");
    QTest::addColumn<bool>("int64");
    QTest::addColumn<bool>("uint64");
    QTest::newRow("zero") << "0" << true << true << true << true;
    QTest::newRow("minus zero") << "-0" << true << true << true << true;
    QTest::newRow("negative") << "-5" << true << true << true << false;
    QTest::newRow("fraction") << "0.5" << true << false << false << false;
    QTest::newRow("exponent") << "1e3" << true << true << true << true;
    QTest::newRow("int64 max") << "9223372036854775807" << true << true << true << true;
    QTest::newRow("int64 max + 1") << "9223372036854775808" << true << true << false << true;
    QTest::newRow("int64 min") << "-9223372036854775808" << true << true << true << false;
    QTest::newRow("uint64 max") << "18446744073709551615" << true << true << false << true;
    QTest::newRow("huge") << "1e400" << false << false << false << false;
    QTest::newRow("empty") << "" << false << false << false << false;
    QTest::newRow("inf") << "inf" << false << false << false << false;
    QTest::newRow("nan") << "nan" << false << false << false << false;
    QTest::newRow("space") << " 1" << false << false << false << false;
    QTest::newRow("leading zero") << "01" << false << false << false << false;
    QTest::newRow("dot") << "1." << false << false << false << false;
    QTest::newRow("plus") << "+1" << false << false << false << false;
    QTest::newRow("double minus") << "--1" << false << false << false << false;
    QTest::newRow("hex") << "0x10" << false << false << false << false;
    QTest::newRow("arabic digits") << QString::fromUtf8("١٢") << false << false << false
                                   << false;
}

void TestNodeCatalogue::numbers()
{
    QFETCH(QString, literal);
    QFETCH(bool, valid);
    QFETCH(bool, integer);
    QFETCH(bool, int64);
    QFETCH(bool, uint64);
    const NodeNumber number = NodeNumber::fromLiteral(literal);
    QCOMPARE(number.isSet(), valid);
    QCOMPARE(number.literal(), valid ? literal : QString());
    QCOMPARE(number.isInteger(), integer);
    bool ok = !int64;
    number.toInt64(&ok);
    QCOMPARE(ok, int64);
    ok = !uint64;
    number.toUInt64(&ok);
    QCOMPARE(ok, uint64);

    QCOMPARE(NodeNumber(0.1).literal(), QStringLiteral("0.1"));
    QCOMPARE(NodeNumber(8.0).literal(), QStringLiteral("8"));
    QVERIFY(!NodeNumber(qInf()).isSet());
    QVERIFY(!NodeNumber::fromJson(QJsonValue(true)).isSet());
    QVERIFY(!NodeNumber::fromJson(QJsonValue(QStringLiteral("12"))).isSet());
}

QTEST_GUILESS_MAIN(TestNodeCatalogue)
#include "tst_nodecatalogue.moc"
