#include "promptsummary.h"

#include "jsonnumberliteral.h"

#include "comfynodeid.h"

#include <QJsonArray>
#include <QLocale>
#include <QSet>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <limits>

// Graphs come from anywhere (other clients, hand-edited files), so every walk along links
// below keeps the nodes it has seen and a hop limit: a link cycle or a dangling link ends
// the walk with "not found", never a loop or a crash.

namespace {

constexpr int MaxHops = 64;

QString lit(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QJsonObject inputsOf(const QJsonObject &graph, const QString &nodeId)
{
    // toObject() of a missing node, an array or a number is an empty object.
    return graph.value(nodeId).toObject().value(QLatin1String("inputs")).toObject();
}

QString classOf(const QJsonObject &graph, const QString &nodeId)
{
    return graph.value(nodeId).toObject().value(QLatin1String("class_type")).toString();
}

// A linked input is ["<node id>", <output index>]; anything else is a literal value.
QString linkTarget(const QJsonValue &value)
{
    if (!value.isArray())
        return {};
    const QJsonArray array = value.toArray();
    if (array.size() != 2 || !array.at(1).isDouble())
        return {};
    return comfyNodeId(array.at(0));
}

bool isLink(const QJsonValue &value)
{
    return !linkTarget(value).isEmpty();
}

// Node ids are "3", "10", "12:4" (subgraphs): numerically, part by part, so "3" < "10".
bool summaryNodeIdLess(const QString &a, const QString &b)
{
    const QStringList partsA = a.split(QLatin1Char(':'));
    const QStringList partsB = b.split(QLatin1Char(':'));
    for (qsizetype i = 0; i < std::min(partsA.size(), partsB.size()); ++i) {
        bool numberA = false;
        bool numberB = false;
        const qlonglong na = partsA.at(i).toLongLong(&numberA);
        const qlonglong nb = partsB.at(i).toLongLong(&numberB);
        if (numberA && numberB) {
            if (na != nb)
                return na < nb;
        } else if (numberA != numberB) {
            return numberA;   // numbers before names
        } else if (partsA.at(i) != partsB.at(i)) {
            return partsA.at(i) < partsB.at(i);
        }
    }
    return partsA.size() < partsB.size();
}

QStringList sortedNodeIds(const QJsonObject &graph)
{
    QStringList ids = graph.keys();
    std::sort(ids.begin(), ids.end(), summaryNodeIdLess);
    return ids;
}

// A number as a person would type it. QJsonDocument (Qt 6) keeps an integer that fits in
// qint64 as an exact integer, which toVariant() hands out as qlonglong: every digit of it
// survives. A larger one (a seed of 2^63 or more, ComfyUI allows up to 2^64 - 1) is parsed
// into a double before we ever see it: its low digits are already gone, and the digits of
// that double are the best that can be given.
QString summaryNumberText(const QJsonValue &value)
{
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::LongLong)
        return QString::number(variant.toLongLong());
    const double d = value.toDouble();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e21)
        return QString::number(d, 'f', 0);
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

int toInt(const QJsonValue &value)
{
    double d = 0;
    if (value.isDouble()) {
        d = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        d = value.toString().trimmed().toDouble(&ok);
        if (!ok)
            return 0;
    }
    if (!std::isfinite(d) || d <= std::numeric_limits<int>::min()
        || d >= std::numeric_limits<int>::max()) {
        return 0;
    }
    return int(std::lround(d));
}

double toDouble(const QJsonValue &value, double absent)
{
    if (value.isDouble())
        return std::isfinite(value.toDouble()) ? value.toDouble() : absent;
    if (value.isString()) {
        bool ok = false;
        const double d = value.toString().trimmed().toDouble(&ok);
        return ok && std::isfinite(d) ? d : absent;
    }
    return absent;
}

QString seedText(const QJsonValue &value)
{
    if (value.isDouble())
        return summaryNumberText(value);
    if (value.isString()) {
        // A seed the editor kept exact travels as a marked string until it is written.
        const QString literal = JsonNumberLiteral::literal(value.toString());
        return literal.isEmpty() ? value.toString().trimmed() : literal;
    }
    return {};
}

// The value of an input, following links to value nodes (a seed or a text widget turned
// into a node of its own: PrimitiveInt, a "Seed" node, a string node). From such a node
// the input of the same name is taken, else one that names a value, else its only input.
QJsonValue literalValue(const QJsonObject &graph, const QJsonValue &value, const QString &name)
{
    static const char *const valueNames[] = {"value", "string", "text", "seed", "noise_seed",
                                             "int", "float", "number", "Text"};
    constexpr int MaxValueHops = 4;   // a value node is one or two links away, not a chain
    QSet<QString> seen;
    QJsonValue current = value;
    for (int hop = 0; hop <= MaxValueHops; ++hop) {
        const QString target = linkTarget(current);
        if (target.isEmpty())
            return current;
        if (seen.contains(target))
            return {};
        seen.insert(target);
        const QJsonObject inputs = inputsOf(graph, target);
        QJsonValue next = inputs.value(name);
        for (const char *valueName : valueNames) {
            if (!next.isUndefined())
                break;
            next = inputs.value(QLatin1String(valueName));
        }
        if (next.isUndefined() && inputs.size() == 1)
            next = inputs.begin().value();
        if (next.isUndefined())
            return {};
        current = next;
    }
    return {};
}

bool isSampler(const QJsonObject &graph, const QString &nodeId)
{
    static const QStringList known{lit("KSampler"), lit("KSamplerAdvanced"), lit("SamplerCustom"),
                                   lit("SamplerCustomAdvanced")};
    // A node without an inputs object is no node ComfyUI could run.
    if (!graph.value(nodeId).toObject().value(QLatin1String("inputs")).isObject())
        return false;
    const QString type = classOf(graph, nodeId);
    if (known.contains(type))
        return true;
    // Custom samplers ("KSampler (Efficient)", ...) by name and by what they take; the name
    // alone would also catch KSamplerSelect and the sampler-object nodes, which take none.
    if (!type.contains(QLatin1String("sampler"), Qt::CaseInsensitive))
        return false;
    const QJsonObject inputs = inputsOf(graph, nodeId);
    return inputs.contains(QLatin1String("latent_image")) || inputs.contains(lit("positive"))
        || inputs.contains(lit("guider"));
}

// The sampler that made the final image: one that no other sampler takes its output from
// (in a hires-fix or refiner graph the second pass, whose size and denoise are the final
// ones). If several are final (independent branches) or a cycle leaves none, the first by
// numeric node id.
QString mainSampler(const QJsonObject &graph)
{
    const QStringList ids = sortedNodeIds(graph);
    QStringList samplers;
    for (const QString &id : ids) {
        if (isSampler(graph, id))
            samplers.append(id);
    }
    if (samplers.size() <= 1)
        return samplers.value(0);
    QSet<QString> upstreamOfSampler;
    for (const QString &sampler : std::as_const(samplers)) {
        QSet<QString> seen{sampler};
        QStringList pending{sampler};
        while (!pending.isEmpty()) {
            const QJsonObject inputs = inputsOf(graph, pending.takeLast());
            for (auto it = inputs.begin(); it != inputs.end(); ++it) {
                const QString target = linkTarget(it.value());
                if (target.isEmpty() || seen.contains(target))
                    continue;
                seen.insert(target);
                pending.append(target);
                if (samplers.contains(target))
                    upstreamOfSampler.insert(target);
            }
        }
    }
    for (const QString &sampler : std::as_const(samplers)) {
        if (!upstreamOfSampler.contains(sampler))
            return sampler;
    }
    return samplers.first();
}

// A sampler's inputs and, for the custom samplers, the inputs of the nodes that hold its
// parameters: noise (RandomNoise: noise_seed), guider (CFGGuider: cfg, positive, negative,
// model; BasicGuider: conditioning), sampler (KSamplerSelect: sampler_name) and sigmas
// (BasicScheduler: steps, scheduler, denoise).
class SamplerInputs
{
public:
    SamplerInputs(const QJsonObject &graph, const QString &samplerId)
    {
        const QJsonObject own = inputsOf(graph, samplerId);
        m_inputs.append(own);
        for (const char *part : {"noise", "guider", "sampler", "sigmas"}) {
            const QString target = linkTarget(own.value(QLatin1String(part)));
            if (!target.isEmpty() && target != samplerId && !isSampler(graph, target))
                m_inputs.append(inputsOf(graph, target));
        }
    }

    // The first of names found, the sampler's own inputs first.
    QJsonValue value(std::initializer_list<const char *> names) const
    {
        for (const QJsonObject &inputs : m_inputs) {
            for (const char *name : names) {
                const QJsonValue v = inputs.value(QLatin1String(name));
                if (!v.isUndefined())
                    return v;
            }
        }
        return {};
    }

private:
    QList<QJsonObject> m_inputs;
};

// The prompt text of a text encoder (CLIPTextEncode: text; SDXL: text_g, text_l; Flux:
// clip_l, t5xxl; ...), each distinct text once.
QString encoderText(const QJsonObject &graph, const QJsonObject &inputs)
{
    static const char *const textNames[] = {"text", "text_g", "text_l", "clip_g", "clip_l",
                                            "t5xxl", "prompt"};
    QStringList texts;
    for (const char *name : textNames) {
        const QJsonValue v = inputs.value(QLatin1String(name));
        if (v.isUndefined())
            continue;
        const QJsonValue text = literalValue(graph, v, QLatin1String(name));
        if (text.isString() && !text.toString().trimmed().isEmpty()
            && !texts.contains(text.toString())) {
            texts.append(text.toString());
        }
    }
    return texts.join(QLatin1Char('\n'));
}

bool isEncoder(const QJsonObject &inputs)
{
    for (const char *name : {"text", "text_g", "text_l", "clip_g", "clip_l", "t5xxl", "prompt"}) {
        if (inputs.contains(QLatin1String(name)))
            return true;
    }
    return false;
}

// Follows a conditioning link back to the text it was encoded from, through the nodes
// that pass conditioning on (ControlNetApply, ConditioningSetArea, FluxGuidance, ...).
// role ("positive"/"negative") picks the matching side of nodes that carry both
// (ControlNetApplyAdvanced); a zeroed-out conditioning has no text, whatever it came from.
QString conditioningText(const QJsonObject &graph, const QJsonValue &link, const QString &role)
{
    QSet<QString> seen;
    QJsonValue current = link;
    for (int hop = 0; hop < MaxHops; ++hop) {
        const QString id = linkTarget(current);
        if (id.isEmpty() || seen.contains(id))
            return {};
        seen.insert(id);
        if (classOf(graph, id).contains(QLatin1String("ZeroOut"), Qt::CaseInsensitive))
            return {};
        const QJsonObject inputs = inputsOf(graph, id);
        if (isEncoder(inputs))
            return encoderText(graph, inputs);
        QJsonValue next = inputs.value(role);
        if (!isLink(next)) {
            next = {};
            for (auto it = inputs.begin(); it != inputs.end(); ++it) {
                if (it.key().startsWith(QLatin1String("conditioning")) && isLink(it.value())) {
                    next = it.value();
                    break;
                }
            }
        }
        current = next;
    }
    return {};
}

struct Size
{
    int width = 0;
    int height = 0;
};

// The pixel size of a latent: from the node that makes it (EmptyLatentImage and the like,
// LatentUpscale), scaled by LatentUpscaleBy, passed through nodes that only take samples
// and through earlier sampler passes.
// Unknown (0) where it comes from pixels (VAEEncode) or anything else.
Size latentSize(const QJsonObject &graph, const QJsonValue &link)
{
    QSet<QString> seen;
    QList<double> scales;   // LatentUpscaleBy on the way, outermost first
    QJsonValue current = link;
    for (int hop = 0; hop < MaxHops; ++hop) {
        const QString id = linkTarget(current);
        if (id.isEmpty() || seen.contains(id))
            return {};
        seen.insert(id);
        const QJsonObject inputs = inputsOf(graph, id);
        const QJsonValue samples = inputs.value(QLatin1String("samples"));
        if (inputs.contains(QLatin1String("width")) || inputs.contains(lit("height"))) {
            Size size{toInt(literalValue(graph, inputs.value(lit("width")), lit("width"))),
                      toInt(literalValue(graph, inputs.value(lit("height")), lit("height")))};
            if (size.width <= 0 || size.height <= 0)
                return {};   // LatentUpscale's "0 keeps the aspect": not worth guessing
            // ComfyUI scales the latent (1/8 of the pixels) and rounds there.
            for (auto it = scales.crbegin(); it != scales.crend(); ++it) {
                size.width = int(std::lround(size.width / 8.0 * *it)) * 8;
                size.height = int(std::lround(size.height / 8.0 * *it)) * 8;
            }
            return size;
        }
        if (isSampler(graph, id)) {
            // An earlier pass (hires fix): its output is as big as its input.
            current = inputs.value(QLatin1String("latent_image"));
            continue;
        }
        if (!isLink(samples))
            return {};
        if (inputs.contains(QLatin1String("scale_by"))) {
            const double scale =
                toDouble(literalValue(graph, inputs.value(lit("scale_by")), lit("scale_by")), -1);
            if (scale <= 0 || scale > 64)
                return {};
            scales.append(scale);
        }
        current = samples;
    }
    return {};
}

// The checkpoint (or diffusion model) behind a model link, back through LoRA loaders,
// model patches and the like.
QString checkpointName(const QJsonObject &graph, const QJsonValue &link)
{
    QSet<QString> seen;
    QJsonValue current = link;
    for (int hop = 0; hop < MaxHops; ++hop) {
        const QString id = linkTarget(current);
        if (id.isEmpty() || seen.contains(id))
            return {};
        seen.insert(id);
        const QJsonObject inputs = inputsOf(graph, id);
        for (const char *name : {"ckpt_name", "unet_name"}) {
            const QJsonValue v = inputs.value(QLatin1String(name));
            if (v.isUndefined())
                continue;
            const QJsonValue text = literalValue(graph, v, QLatin1String(name));
            if (text.isString() && !text.toString().isEmpty())
                return text.toString();
        }
        QJsonValue next = inputs.value(QLatin1String("model"));
        if (!isLink(next)) {
            next = {};
            for (auto it = inputs.begin(); it != inputs.end(); ++it) {
                if (it.key().startsWith(QLatin1String("model")) && isLink(it.value())) {
                    next = it.value();
                    break;
                }
            }
        }
        current = next;
    }
    return {};
}

void appendScalars(const QJsonValue &value, int depth, QStringList &out, QSet<QString> &seen)
{
    QString text;
    if (value.isString()) {
        text = value.toString();
        if (text.trimmed().isEmpty())
            return;
    } else if (value.isDouble()) {
        text = summaryNumberText(value);
    } else if (depth > 0 && value.isArray() && !isLink(value)) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array)
            appendScalars(element, depth - 1, out, seen);
        return;
    } else if (depth > 0 && value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            appendScalars(it.value(), depth - 1, out, seen);
        return;
    } else {
        return;   // links, booleans, null: nothing a person searches for
    }
    if (!seen.contains(text)) {
        seen.insert(text);
        out.append(text);
    }
}

} // namespace

PromptSummary PromptSummary::fromGraph(const QJsonObject &graph)
{
    PromptSummary summary;
    const QString samplerId = mainSampler(graph);
    if (samplerId.isEmpty())
        return summary;
    const SamplerInputs sampler(graph, samplerId);
    auto literal = [&](std::initializer_list<const char *> names) {
        return literalValue(graph, sampler.value(names), QLatin1String(*names.begin()));
    };
    summary.seed = seedText(literal({"seed", "noise_seed"}));
    summary.steps = toInt(literal({"steps"}));
    summary.cfg = toDouble(literal({"cfg"}), -1);
    summary.denoise = toDouble(literal({"denoise"}), -1);
    const QJsonValue samplerName = literal({"sampler_name"});
    if (samplerName.isString())
        summary.sampler = samplerName.toString();
    const QJsonValue scheduler = literal({"scheduler"});
    if (scheduler.isString())
        summary.scheduler = scheduler.toString();
    summary.positive =
        conditioningText(graph, sampler.value({"positive", "conditioning"}), lit("positive"));
    summary.negative = conditioningText(graph, sampler.value({"negative"}), lit("negative"));
    const Size size = latentSize(graph, sampler.value({"latent_image", "latent"}));
    summary.width = size.width;
    summary.height = size.height;
    summary.checkpoint = checkpointName(graph, sampler.value({"model"}));
    return summary;
}

QString PromptSummary::parameterText(const QJsonObject &graph)
{
    // Each value once, in node order: a repeated "euler" or "512" adds nothing to a search.
    constexpr int MaxDepth = 4;
    QStringList lines;
    QSet<QString> seen;
    const QStringList ids = sortedNodeIds(graph);
    for (const QString &id : ids) {
        const QJsonObject inputs = inputsOf(graph, id);
        for (auto it = inputs.begin(); it != inputs.end(); ++it)
            appendScalars(it.value(), MaxDepth, lines, seen);
    }
    return lines.join(QLatin1Char('\n'));
}

QJsonObject PromptSummary::toJson() const
{
    QJsonObject json;
    auto text = [&json](const char *key, const QString &value) {
        if (!value.isEmpty())
            json.insert(QLatin1String(key), value);
    };
    text("positive", positive);
    text("negative", negative);
    // A string: a 64-bit seed does not survive a JavaScript number.
    text("seed", seed);
    if (steps > 0)
        json.insert(QLatin1String("steps"), steps);
    if (cfg >= 0)
        json.insert(QLatin1String("cfg"), cfg);
    text("sampler", sampler);
    text("scheduler", scheduler);
    if (width > 0)
        json.insert(QLatin1String("width"), width);
    if (height > 0)
        json.insert(QLatin1String("height"), height);
    text("checkpoint", checkpoint);
    if (denoise >= 0)
        json.insert(QLatin1String("denoise"), denoise);
    return json;
}
