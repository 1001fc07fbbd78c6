#pragma once

// The synthetic catalogue of the benchmarks (catalogue_bench, gallery_bench): prompts as a
// user makes them over a year, with art-prompt words, parameters, statuses and images,
// from a fixed random seed so that a kept catalogue's records can be made again to know
// what it holds.

#include "promptrecord.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <iterator>
#include <random>

namespace SyntheticCatalogue {

inline constexpr qint64 DayMs = 24LL * 3600 * 1000;
inline const QString Server = QStringLiteral("http://127.0.0.1:8188");

// Art-prompt words, most common first: picked with Zipf weights, so the first ones are in
// most prompts and the last ones in a few hundred of 200,000.
const char *const Words[] = {
    "masterpiece", "best", "quality", "detailed", "beautiful", "portrait", "landscape",
    "woman", "light", "lighting", "cinematic", "sky", "highly", "sharp", "focus", "art",
    "digital", "painting", "night", "city", "forest", "mountain", "sunset", "girl", "man",
    "dramatic", "soft", "colorful", "illustration", "fantasy", "photo", "realistic", "dark",
    "blue", "red", "golden", "hour", "river", "lake", "ocean", "cat", "dog", "castle",
    "dragon", "flowers", "garden", "rain", "snow", "winter", "summer", "autumn", "spring",
    "clouds", "stars", "galaxy", "purple", "bottle", "glass", "nature", "scenery", "street",
    "neon", "cyberpunk", "steampunk", "robot", "armor", "knight", "wizard", "witch", "forest",
    "misty", "fog", "morning", "evening", "trending", "artstation", "octane", "render",
    "unreal", "engine", "volumetric", "bokeh", "depth", "field", "macro", "wide", "angle",
    "closeup", "full", "body", "smiling", "eyes", "hair", "long", "short", "dress", "hat",
    "coat", "boots", "window", "room", "interior", "kitchen", "library", "books", "candle",
    "lantern", "bridge", "tower", "ruins", "temple", "desert", "dunes", "canyon", "waterfall",
    "island", "beach", "boat", "ship", "harbor", "village", "cottage", "farm", "field",
    "wheat", "sunflower", "rose", "tulip", "cherry", "blossom", "maple", "oak", "pine",
    "bamboo", "moss", "stone", "marble", "gold", "silver", "copper", "crystal", "ice", "fire",
    "smoke", "storm", "lightning", "rainbow", "aurora", "moon", "sun", "planet", "nebula",
    "spaceship", "astronaut", "alien", "monster", "creature", "fox", "wolf", "owl", "eagle",
    "horse", "deer", "rabbit", "bear", "tiger", "lion", "whale", "jellyfish", "butterfly",
    "watercolor", "oil", "sketch", "pencil", "charcoal", "ink", "pastel", "vintage", "retro",
    "minimalist", "surreal", "abstract", "baroque", "gothic", "renaissance", "impressionist",
    "anime", "manga", "chibi", "pixel", "voxel", "isometric", "lowpoly", "papercut",
    "origami", "embroidery", "mosaic", "stained", "tapestry", "fresco", "etching",
    "lithograph", "daguerreotype", "cyanotype", "polaroid", "kodachrome", "ektachrome",
    "anamorphic", "tiltshift", "infrared", "ultraviolet", "bioluminescent", "iridescent",
    "holographic", "opalescent", "translucent", "filigree", "chiaroscuro", "sfumato",
};
inline constexpr int WordCount = int(std::size(Words));

// Chinese prompt words (one in ten prompts has one), searched as phrases of characters.
const char *const ChineseWords[] = {
    "山水画", "樱花", "城市夜景", "水墨风格", "古风少女", "雪山日出", "江南水乡", "竹林",
};

const char *const Negatives[] = {
    "text, watermark", "blurry, lowres, bad anatomy", "worst quality, low quality, jpeg",
    "deformed, extra fingers, mutated hands", "signature, username, artist name", "",
};
const char *const Samplers[] = {"euler", "euler_ancestral", "dpmpp_2m", "dpmpp_2m_sde",
                                "dpmpp_sde", "ddim", "uni_pc", "heun", "lms"};
const char *const Schedulers[] = {"normal", "karras", "exponential", "sgm_uniform", "simple"};
const char *const Checkpoints[] = {
    "v1-5-pruned-emaonly.safetensors", "sd_xl_base_1.0.safetensors",
    "dreamshaper_8.safetensors", "juggernautXL_v9.safetensors",
    "realisticVision_v51.safetensors", "flux1-dev-fp8.safetensors"};
const int Sizes[][2] = {{512, 512}, {768, 768}, {1024, 1024}, {832, 1216}, {1216, 832},
                        {512, 768}};
const char *const Workflows[] = {
    "sd_txt2img", "sd_img2img", "portraits", "landscapes_xl", "upscale_2x", "anime_v3",
    "product_shots", "concept_art", "inpaint_faces", "flux_dev", "sdxl_refiner",
    "quick_drafts", "wallpapers", "logo_ideas", "character_sheet", "tiles", "comics",
    "architecture", "food", "pets"};

// Marker words with known counts: what a search must find, at any size.
inline const QString RareWord = QStringLiteral("quasar");        // every 1000th prompt
inline const QString RareChinese = QStringLiteral("麒麟");        // every 500th prompt
inline bool hasRareWord(int i) { return i % 1000 == 7; }
inline bool hasRareChinese(int i) { return i % 500 == 3; }

struct Generated
{
    QString promptId;
    QString status;
    qint64 queuedMs = 0;
    QString seed;
    int images = 0;
    bool masterpiece = false;   // its positive prompt has the word
};

class Generator
{
public:
    // Dates go back a year from now; prompt ids and everything else come from a fixed
    // seed, so a kept catalogue's records can be made again to know what it holds.
    Generator(const QJsonObject &graphTemplate, int prompts, double imagesPerPrompt, qint64 now)
        : m_template(graphTemplate)
        , m_prompts(prompts)
        , m_now(now)
    {
        QList<double> weights;
        for (int i = 0; i < WordCount; ++i)
            weights.append(1.0 / (i + 1));
        m_word = std::discrete_distribution<int>(weights.cbegin(), weights.cend());
        QList<double> flowWeights;
        for (int i = 0; i < int(std::size(Workflows)); ++i)
            flowWeights.append(1.0 / (i + 1));
        m_workflow = std::discrete_distribution<int>(flowWeights.cbegin(), flowWeights.cend());
        // Completed prompts have 2 or 3 images, as many 3 as the average per prompt needs.
        m_threeImages = qBound(0.0, imagesPerPrompt / CompletedShare - 2, 1.0);
    }

    qint64 now() const { return m_now; }
    qint64 yearStart() const { return m_now - 365 * DayMs; }

    PromptRecord record(int i, Generated *out)
    {
        PromptRecord r;
        r.server = Server;
        r.promptId = uuid();
        r.workflow = QString::fromLatin1(Workflows[m_workflow(m_rng)]);
        r.clientId = QStringLiteral("bench-client");
        r.submittedHere = uniform() < 0.7;
        r.graph = graph(i, &out->seed);
        r.hasStatus = true;
        // In time order over the last year, as a user records them; one in twenty arrives
        // late with an old date (another server's history imported later).
        const double at = uniform() < 0.05 ? uniform() : (i + uniform()) / m_prompts;
        r.queuedAtMs = yearStart() + qint64(at * 365 * DayMs);
        r.startedAtMs = r.queuedAtMs + qint64(uniform() * 60000);
        r.executionTime = 2 + uniform() * 38;
        r.finishedAtMs = r.startedAtMs + qint64(r.executionTime * 1000);
        const double kind = uniform();
        int images = 0;
        if (kind < CompletedShare) {
            r.status = QStringLiteral("completed");
            images = uniform() < m_threeImages ? 3 : 2;
        } else if (kind < CompletedShare + 0.05) {
            r.status = QStringLiteral("error");
            r.reason = QStringLiteral("execution_failed");
            r.errorNode = QStringLiteral("3");
            r.errorType = QStringLiteral("torch.OutOfMemoryError");
            r.errorMessage = QStringLiteral("CUDA out of memory. Tried to allocate 2.00 GiB");
        } else if (kind < CompletedShare + 0.08) {
            r.status = QStringLiteral("interrupted");
        } else if (kind < CompletedShare + 0.10) {
            r.status = QStringLiteral("lost");
            r.reason = QStringLiteral("left_queue_no_history");
            r.startedAtMs = r.finishedAtMs = 0;
            r.executionTime = -1;
        } else if (kind < CompletedShare + 0.11) {
            r.status = QStringLiteral("cancelled");
            r.startedAtMs = r.finishedAtMs = 0;
            r.executionTime = -1;
        } else {
            r.status = QStringLiteral("processing");   // completed without images
        }
        r.hasImages = r.status != QLatin1String("lost") && r.status != QLatin1String("cancelled");
        for (int k = 0; k < images; ++k)
            r.images.append({QStringLiteral("ComfyUI_%1_.png").arg(++m_imageNo, 5, 10,
                                                                    QLatin1Char('0')),
                             QString(), QStringLiteral("output"), QStringLiteral("9")});
        out->promptId = r.promptId;
        out->status = r.status;
        out->queuedMs = r.queuedAtMs;
        out->images = images;
        out->masterpiece = r.graph.value(QLatin1String("6")).toObject()
                               .value(QLatin1String("inputs")).toObject()
                               .value(QLatin1String("text")).toString()
                               .contains(QLatin1String("masterpiece"));
        return r;
    }

    static constexpr double CompletedShare = 0.86;

private:
    QString uuid()
    {
        const quint64 high = m_rng();
        const quint64 low = m_rng();
        return QUuid(quint32(high >> 32), quint16(high >> 16), quint16(high), uchar(low >> 56),
                     uchar(low >> 48), uchar(low >> 40), uchar(low >> 32), uchar(low >> 24),
                     uchar(low >> 16), uchar(low >> 8), uchar(low))
            .toString(QUuid::WithoutBraces);
    }
    double uniform() { return std::uniform_real_distribution<double>(0, 1)(m_rng); }
    int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }

    QString positive(int i)
    {
        QStringList words;
        const int count = 6 + below(20);
        for (int k = 0; k < count; ++k)
            words.append(QString::fromLatin1(Words[m_word(m_rng)]));
        if (uniform() < 0.1)
            words.insert(below(int(words.size())),
                         QString::fromUtf8(ChineseWords[below(int(std::size(ChineseWords)))]));
        if (hasRareWord(i))
            words.insert(below(int(words.size())), RareWord);
        if (hasRareChinese(i))
            words.append(RareChinese + QStringLiteral("祥云"));
        return words.join(uniform() < 0.5 ? QStringLiteral(", ") : QStringLiteral(" "));
    }

    QJsonObject graph(int i, QString *seedText)
    {
        QJsonObject graph = m_template;
        auto setInputs = [&](const char *node, const QJsonObject &values) {
            QJsonObject n = graph.value(QLatin1String(node)).toObject();
            QJsonObject inputs = n.value(QLatin1String("inputs")).toObject();
            for (auto it = values.constBegin(); it != values.constEnd(); ++it)
                inputs.insert(it.key(), it.value());
            n.insert(QStringLiteral("inputs"), inputs);
            graph.insert(QLatin1String(node), n);
        };
        // 13 to 16 digits like ComfyUI's; an integer in the JSON, never a double's exponent.
        const qint64 seed = std::uniform_int_distribution<qint64>(1LL << 40, 1LL << 50)(m_rng);
        *seedText = QString::number(seed);
        const auto *size = Sizes[below(int(std::size(Sizes)))];
        setInputs("3", {{QStringLiteral("seed"), seed},
                        {QStringLiteral("steps"), 10 + below(41)},
                        {QStringLiteral("cfg"), 1 + below(23) * 0.5},
                        {QStringLiteral("sampler_name"),
                         QString::fromLatin1(Samplers[below(int(std::size(Samplers)))])},
                        {QStringLiteral("scheduler"),
                         QString::fromLatin1(Schedulers[below(int(std::size(Schedulers)))])},
                        {QStringLiteral("denoise"), uniform() < 0.8 ? 1.0 : 0.5}});
        setInputs("4", {{QStringLiteral("ckpt_name"),
                         QString::fromLatin1(Checkpoints[below(int(std::size(Checkpoints)))])}});
        setInputs("5", {{QStringLiteral("width"), size[0]}, {QStringLiteral("height"), size[1]},
                        {QStringLiteral("batch_size"), 1}});
        setInputs("6", {{QStringLiteral("text"), positive(i)}});
        setInputs("7", {{QStringLiteral("text"), QString::fromLatin1(
                             Negatives[below(int(std::size(Negatives)))])}});
        return graph;
    }

    QJsonObject m_template;
    int m_prompts;
    qint64 m_now;
    std::mt19937_64 m_rng{20240607};
    std::discrete_distribution<int> m_word;
    std::discrete_distribution<int> m_workflow;
    double m_threeImages = 0.5;
    int m_imageNo = 0;
};

} // namespace SyntheticCatalogue
