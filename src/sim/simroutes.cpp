#include "simroutes.h"

#include "simengine.h"
#include "simimages.h"
#include "simmultipart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>

namespace {

const SimHttpResponse kNotFound = SimHttpResponse::text(404, "404: Not Found");

SimHttpResponse internalError()
{
    return SimHttpResponse::text(500, "500 Internal Server Error\n\nServer got itself in trouble");
}

bool parseJson(const QByteArray &body, SimJson *out)
{
    bool ok = false;
    *out = SimJson::parse(body, &ok);
    return ok;
}

QStringList stringList(const SimJson &value)
{
    QStringList out;
    for (const SimJson &v : value.items())
        out.append(v.toString());
    return out;
}

QString query(const SimHttpRequest &request, const char *key)
{
    return request.query.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded);
}

} // namespace

SimHttpResponse SimRoutes::handle(const SimHttpRequest &request) const
{
    QString path = request.path;
    if (path.startsWith(QLatin1String("/api/")))
        path = path.mid(4);
    const bool get = request.method == "GET" || request.method == "HEAD";
    const bool post = request.method == "POST";
    auto methodCheck = [&](bool ok) { return ok ? 0 : 405; };
    const SimHttpResponse notAllowed = SimHttpResponse::text(405, "405: Method Not Allowed");

    if (std::optional<SimHttpResponse> user = m_userRoutes.handle(request, path))
        return *user;
    if (path == QLatin1String("/system_stats"))
        return methodCheck(get) ? notAllowed : systemStats();
    if (path == QLatin1String("/object_info")) {
        if (!get)
            return notAllowed;
        return SimHttpResponse::json(m_engine->catalog().all());
    }
    if (path.startsWith(QLatin1String("/object_info/"))) {
        if (!get)
            return notAllowed;
        const QString name = path.mid(13);
        SimJson out = SimJson::object();
        if (m_engine->catalog().contains(name))
            out.insert(name, m_engine->catalog().definition(name));
        return SimHttpResponse::json(out);
    }
    if (path == QLatin1String("/prompt")) {
        if (post)
            return postPrompt(request);
        if (!get)
            return notAllowed;
        return SimHttpResponse::json(SimJson::object(
                {{QStringLiteral("exec_info"),
                  SimJson::object({{QStringLiteral("queue_remaining"),
                                    m_engine->queueRemaining()}})}}));
    }
    if (path == QLatin1String("/queue")) {
        if (post)
            return postQueue(request);
        return get ? SimHttpResponse::rawJson(m_engine->queueJson()) : notAllowed;
    }
    if (path == QLatin1String("/interrupt")) {
        if (!post)
            return notAllowed;
        SimJson body;
        if (!parseJson(request.body, &body))
            body = SimJson::object();
        m_engine->interrupt(body.value(u"prompt_id").toString());
        return SimHttpResponse::empty(200);
    }
    if (path == QLatin1String("/free"))
        return post ? SimHttpResponse::empty(200) : notAllowed;
    if (path == QLatin1String("/history")) {
        if (post)
            return postHistory(request);
        return get ? getHistory(request) : notAllowed;
    }
    if (path.startsWith(QLatin1String("/history/"))) {
        if (!get)
            return notAllowed;
        return SimHttpResponse::rawJson(m_engine->historyJson(path.mid(9)));
    }
    if (path == QLatin1String("/view"))
        return get ? view(request) : notAllowed;
    if (path == QLatin1String("/upload/image"))
        return post ? upload(request) : notAllowed;
    if (path == QLatin1String("/embeddings") || path == QLatin1String("/extensions"))
        return get ? SimHttpResponse::json(SimJson::array()) : notAllowed;
    if (path == QLatin1String("/features")) {
        if (!get)
            return notAllowed;
        return SimHttpResponse::json(SimJson::object(
                {{QStringLiteral("supports_preview_metadata"), true},
                 {QStringLiteral("max_upload_size"), 104857600}}));
    }
    static const QStringList folders{
        QStringLiteral("checkpoints"), QStringLiteral("configs"), QStringLiteral("loras"),
        QStringLiteral("vae"), QStringLiteral("text_encoders"),
        QStringLiteral("diffusion_models"), QStringLiteral("clip_vision"),
        QStringLiteral("style_models"), QStringLiteral("embeddings"),
        QStringLiteral("diffusers"), QStringLiteral("vae_approx"), QStringLiteral("controlnet"),
        QStringLiteral("gligen"), QStringLiteral("upscale_models"),
        QStringLiteral("custom_nodes"), QStringLiteral("hypernetworks"),
        QStringLiteral("photomaker"), QStringLiteral("classifiers"),
        QStringLiteral("model_patches"), QStringLiteral("audio_encoders")};
    if (path == QLatin1String("/models"))
        return get ? SimHttpResponse::json(SimJson::fromStringList(folders)) : notAllowed;
    if (path.startsWith(QLatin1String("/models/"))) {
        if (!get)
            return notAllowed;
        const QString folder = path.mid(8);
        if (!folders.contains(folder))
            return SimHttpResponse::empty(404);
        return SimHttpResponse::json(
                SimJson::fromStringList(m_engine->catalog().modelFiles(folder)));
    }
    return kNotFound;
}

SimHttpResponse SimRoutes::systemStats() const
{
    const qint64 ram = 25276502016LL;
    const SimJson system = SimJson::object({
        {QStringLiteral("os"), QStringLiteral("posix")},
        {QStringLiteral("ram_total"), ram},
        {QStringLiteral("ram_free"), ram - 879333376LL},
        {QStringLiteral("comfyui_version"), QStringLiteral("0.3.65")},
        {QStringLiteral("required_frontend_version"), QStringLiteral("1.27.10")},
        {QStringLiteral("installed_templates_version"), nullptr},
        {QStringLiteral("required_templates_version"), QStringLiteral("0.1.95")},
        {QStringLiteral("python_version"), QStringLiteral("3.11.2 (comfydesk-sim)")},
        {QStringLiteral("pytorch_version"), QStringLiteral("1.13.0a0")},
        {QStringLiteral("embedded_python"), false},
        {QStringLiteral("argv"), SimJson::array({QStringLiteral("comfydesk-sim")})}});
    const SimJson device = SimJson::object({
        {QStringLiteral("name"), QStringLiteral("cpu")},
        {QStringLiteral("type"), QStringLiteral("cpu")},
        {QStringLiteral("index"), nullptr},
        {QStringLiteral("vram_total"), ram},
        {QStringLiteral("vram_free"), ram - 879333376LL},
        {QStringLiteral("torch_vram_total"), ram},
        {QStringLiteral("torch_vram_free"), ram - 879333376LL}});
    return SimHttpResponse::json(SimJson::object(
            {{QStringLiteral("system"), system},
             {QStringLiteral("devices"), SimJson::array({device})}}));
}

SimHttpResponse SimRoutes::postPrompt(const SimHttpRequest &request) const
{
    SimJson body;
    if (!parseJson(request.body, &body))
        return internalError();
    int status = 200;
    std::shared_ptr<void> answered;
    const SimJson answer = m_engine->submit(body, &status, &answered);
    SimHttpResponse response = SimHttpResponse::json(answer, status);
    response.releaseAfterWrite = answered;
    return response;
}

SimHttpResponse SimRoutes::postQueue(const SimHttpRequest &request) const
{
    SimJson json;
    if (!parseJson(request.body, &json))
        return internalError();
    if (json.value(u"clear").toBool())
        m_engine->clearQueue();
    if (json.contains(u"delete"))
        m_engine->deleteFromQueue(stringList(json.value(u"delete")));
    return SimHttpResponse::empty(200);
}

SimHttpResponse SimRoutes::postHistory(const SimHttpRequest &request) const
{
    SimJson json;
    if (!parseJson(request.body, &json))
        return internalError();
    if (json.value(u"clear").toBool())
        m_engine->clearHistory();
    if (json.contains(u"delete"))
        m_engine->deleteHistory(stringList(json.value(u"delete")));
    return SimHttpResponse::empty(200);
}

SimHttpResponse SimRoutes::getHistory(const SimHttpRequest &request) const
{
    bool ok = false;
    int maxItems = query(request, "max_items").toInt(&ok);
    if (!ok)
        maxItems = -1;
    int offset = query(request, "offset").toInt(&ok);
    if (!ok)
        offset = -1;
    return SimHttpResponse::rawJson(m_engine->historyJson(maxItems, offset));
}

SimHttpResponse SimRoutes::view(const SimHttpRequest &request) const
{
    if (!request.query.hasQueryItem(QStringLiteral("filename")))
        return kNotFound;
    QString filename = query(request, "filename");
    QString type = request.query.hasQueryItem(QStringLiteral("type")) ? query(request, "type")
                                                                      : QStringLiteral("output");
    for (const char *t : {"input", "output", "temp"}) {
        const QString suffix = QStringLiteral(" [%1]").arg(QString::fromLatin1(t));
        if (filename.endsWith(suffix)) {
            filename.chop(suffix.size());
            type = QString::fromLatin1(t);
        }
    }
    if (filename.isEmpty() || filename.startsWith(QLatin1Char('/'))
        || filename.contains(QLatin1String("..")))
        return SimHttpResponse::empty(400);
    QString dir = m_engine->storage().directoryForType(type);
    if (dir.isEmpty())
        return SimHttpResponse::empty(400);
    if (request.query.hasQueryItem(QStringLiteral("subfolder"))) {
        const QString full = QDir::cleanPath(dir + QLatin1Char('/') + query(request, "subfolder"));
        if (!SimStorage::isInside(dir, full))
            return SimHttpResponse::empty(403);
        dir = full;
    }
    const QString name = QFileInfo(filename).fileName();
    QFile file(dir + QLatin1Char('/') + name);
    if (!QFileInfo(file.fileName()).isFile() || !file.open(QIODevice::ReadOnly))
        return SimHttpResponse::empty(404);
    SimHttpResponse response;
    response.extraHeaders.append({"Content-Disposition", "filename=\"" + name.toUtf8() + '"'});
    const QByteArray bytes = file.readAll();
    if (request.query.hasQueryItem(QStringLiteral("preview"))) {
        const QStringList spec = query(request, "preview").split(QLatin1Char(';'));
        QByteArray format = spec.value(0).toLatin1();
        if (format != "webp" || !QImageWriter::supportedImageFormats().contains("webp"))
            format = "jpeg"; // this Qt may lack a WebP writer
        const int quality = spec.size() > 1 ? spec.at(1).toInt() : 90;
        const QImage image = QImage::fromData(bytes).convertToFormat(QImage::Format_RGB888);
        response.contentType = "image/" + format;
        response.body = SimImages::encode(image, format.constData(), quality);
        return response;
    }
    const QString channel = query(request, "channel");
    if (channel == QLatin1String("rgb") || channel == QLatin1String("a")) {
        QImage image = QImage::fromData(bytes);
        if (channel == QLatin1String("rgb")) {
            image = image.convertToFormat(QImage::Format_RGB888);
        } else {
            const QImage alpha = image.convertToFormat(QImage::Format_ARGB32);
            QImage out(image.size(), QImage::Format_ARGB32);
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    out.setPixel(x, y, qRgba(0, 0, 0, qAlpha(alpha.pixel(x, y))));
            image = out;
        }
        response.contentType = "image/png";
        response.body = SimImages::encode(image, "png");
        return response;
    }
    const QString suffix = QFileInfo(name).suffix().toLower();
    response.contentType = suffix == QLatin1String("png") ? "image/png"
            : (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg")) ? "image/jpeg"
            : suffix == QLatin1String("webp") ? "image/webp"
                                              : "application/octet-stream";
    response.body = bytes;
    return response;
}

SimHttpResponse SimRoutes::upload(const SimHttpRequest &request) const
{
    const QList<SimFormPart> parts = SimMultipart::parse(request.header("content-type"),
                                                         request.body);
    const SimFormPart *image = nullptr;
    QString overwrite;
    QString subfolder;
    QString type = QStringLiteral("input");
    for (const SimFormPart &part : parts) {
        if (part.name == QLatin1String("image") && part.isFile && !image)
            image = &part;
        else if (part.name == QLatin1String("overwrite"))
            overwrite = QString::fromUtf8(part.data);
        else if (part.name == QLatin1String("subfolder"))
            subfolder = QString::fromUtf8(part.data);
        else if (part.name == QLatin1String("type"))
            type = QString::fromUtf8(part.data);
    }
    if (!image || image->filename.isEmpty())
        return SimHttpResponse::empty(400);
    QString base = m_engine->storage().directoryForType(type);
    if (base.isEmpty()) {
        type = QStringLiteral("input");
        base = m_engine->storage().directoryForType(type);
    }
    const QString folder = QDir::cleanPath(base + QLatin1Char('/') + subfolder);
    QString filename = image->filename;
    QString path = QDir::cleanPath(folder + QLatin1Char('/') + filename);
    if (!SimStorage::isInside(base, path) || path == base)
        return SimHttpResponse::empty(400);
    QDir().mkpath(folder);
    bool duplicate = false;
    if (overwrite != QLatin1String("true") && overwrite != QLatin1String("1")) {
        const QFileInfo info(filename);
        const QString stem = filename.left(filename.size() - (info.suffix().isEmpty()
                                                   ? 0 : info.suffix().size() + 1));
        const QString ext = info.suffix().isEmpty() ? QString()
                                                    : QLatin1Char('.') + info.suffix();
        for (int i = 1; QFileInfo::exists(path); ++i) {
            QFile existing(path);
            if (existing.open(QIODevice::ReadOnly) && existing.readAll() == image->data) {
                duplicate = true;
                break;
            }
            filename = QStringLiteral("%1 (%2)%3").arg(stem).arg(i).arg(ext);
            path = folder + QLatin1Char('/') + filename;
        }
    }
    if (!duplicate) {
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return internalError();
        out.write(image->data);
    }
    return SimHttpResponse::json(SimJson::object(
            {{QStringLiteral("name"), filename}, {QStringLiteral("subfolder"), subfolder},
             {QStringLiteral("type"), type}}));
}
