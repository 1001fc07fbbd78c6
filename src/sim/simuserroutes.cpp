#include "simuserroutes.h"

#include "simengine.h"

#include <QDir>
#include <QFileInfo>

namespace {

SimHttpResponse plainJson(const SimJson &value)
{
    return SimHttpResponse::json(value);
}

// folder_paths.folder_names_and_paths as /experiment/models lists it (recorded order).
const QList<QPair<QString, QStringList>> &modelFolders()
{
    static const QList<QPair<QString, QStringList>> folders{
        {QStringLiteral("checkpoints"), {QStringLiteral("models/checkpoints"),
                                         QStringLiteral("output/checkpoints")}},
        {QStringLiteral("loras"), {QStringLiteral("models/loras"),
                                   QStringLiteral("output/loras")}},
        {QStringLiteral("vae"), {QStringLiteral("models/vae"), QStringLiteral("output/vae")}},
        {QStringLiteral("text_encoders"), {QStringLiteral("models/text_encoders"),
                                           QStringLiteral("models/clip"),
                                           QStringLiteral("output/clip")}},
        {QStringLiteral("diffusion_models"), {QStringLiteral("models/unet"),
                                              QStringLiteral("models/diffusion_models"),
                                              QStringLiteral("output/diffusion_models")}},
        {QStringLiteral("clip_vision"), {QStringLiteral("models/clip_vision")}},
        {QStringLiteral("style_models"), {QStringLiteral("models/style_models")}},
        {QStringLiteral("embeddings"), {QStringLiteral("models/embeddings")}},
        {QStringLiteral("diffusers"), {QStringLiteral("models/diffusers")}},
        {QStringLiteral("vae_approx"), {QStringLiteral("models/vae_approx")}},
        {QStringLiteral("controlnet"), {QStringLiteral("models/controlnet"),
                                        QStringLiteral("models/t2i_adapter")}},
        {QStringLiteral("gligen"), {QStringLiteral("models/gligen")}},
        {QStringLiteral("upscale_models"), {QStringLiteral("models/upscale_models")}},
        {QStringLiteral("hypernetworks"), {QStringLiteral("models/hypernetworks")}},
        {QStringLiteral("photomaker"), {QStringLiteral("models/photomaker")}},
        {QStringLiteral("classifiers"), {QStringLiteral("models/classifiers")}},
        {QStringLiteral("model_patches"), {QStringLiteral("models/model_patches")}},
        {QStringLiteral("audio_encoders"), {QStringLiteral("models/audio_encoders")}}};
    return folders;
}

} // namespace

std::optional<SimHttpResponse> SimUserRoutes::handle(const SimHttpRequest &request,
                                                     const QString &path) const
{
    const bool get = request.method == "GET" || request.method == "HEAD";
    const SimHttpResponse notAllowed = SimHttpResponse::text(405, "405: Method Not Allowed");
    if (path == QLatin1String("/users")) {
        if (!get)
            return notAllowed; // POST /users creates users in multi-user mode only
        return plainJson(SimJson::object({{QStringLiteral("storage"), QStringLiteral("server")},
                                          {QStringLiteral("migrated"), true}}));
    }
    if (path == QLatin1String("/settings"))
        return get ? plainJson(SimJson::object()) : notAllowed;
    if (path.startsWith(QLatin1String("/settings/")))
        return get ? plainJson(SimJson(nullptr)) : notAllowed; // nothing is ever stored
    if (path == QLatin1String("/experiment/models"))
        return get ? experimentModels() : notAllowed;
    if (path.startsWith(QLatin1String("/experiment/models/"))) {
        const QString folder = path.mid(19);
        if (folder.contains(QLatin1Char('/')))
            return std::nullopt;
        return get ? experimentModelFiles(folder) : notAllowed;
    }
    if (path == QLatin1String("/userdata"))
        return get ? userdataList(request) : notAllowed;
    if (path == QLatin1String("/internal/logs/raw"))
        return get ? logsRaw() : notAllowed;
    if (path == QLatin1String("/internal/logs/subscribe")) {
        if (request.method != "PATCH")
            return notAllowed;
        return SimHttpResponse::empty(200);
    }
    return std::nullopt;
}

SimHttpResponse SimUserRoutes::experimentModels() const
{
    const QString root = m_engine->storage().root();
    SimJson list = SimJson::array();
    for (const auto &folder : modelFolders()) {
        SimJson paths = SimJson::array();
        for (const QString &relative : folder.second)
            paths.append(root + QLatin1Char('/') + relative);
        list.append(SimJson::object({{QStringLiteral("name"), folder.first},
                                     {QStringLiteral("folders"), paths}}));
    }
    return plainJson(list);
}

SimHttpResponse SimUserRoutes::experimentModelFiles(const QString &folder) const
{
    const auto &folders = modelFolders();
    const bool known = std::any_of(folders.begin(), folders.end(), [&folder](const auto &f) {
        return f.first == folder;
    });
    if (!known)
        return SimHttpResponse::empty(404);
    // The simulator's make-believe models (see /models/<folder>), as model_manager lists
    // files: name, index of the folder, times and size.
    SimJson list = SimJson::array();
    for (const QString &name : m_engine->catalog().modelFiles(folder)) {
        list.append(SimJson::object({{QStringLiteral("name"), name},
                                     {QStringLiteral("pathIndex"), 0},
                                     {QStringLiteral("modified"), 1760400000.0},
                                     {QStringLiteral("created"), 1760400000.0},
                                     {QStringLiteral("size"), 2132625894}}));
    }
    return plainJson(list);
}

SimHttpResponse SimUserRoutes::userdataList(const SimHttpRequest &request) const
{
    const QString dir = request.query.queryItemValue(QStringLiteral("dir"), QUrl::FullyDecoded);
    if (dir.isEmpty())
        return SimHttpResponse::text(400, "Directory not provided");
    const QString base = m_engine->storage().root() + QStringLiteral("/user/default");
    const QString full = QDir::cleanPath(base + QLatin1Char('/') + dir);
    if (!full.startsWith(base + QLatin1Char('/')) || !QFileInfo(full).isDir())
        return SimHttpResponse::text(404, "Directory not found");
    QStringList files = QDir(full).entryList(QDir::Files, QDir::Name);
    return plainJson(SimJson::fromStringList(files));
}

SimHttpResponse SimUserRoutes::logsRaw() const
{
    SimJson entries = SimJson::array();
    for (const auto &line : m_engine->logEntries()) {
        entries.append(SimJson::object({{QStringLiteral("t"), line.first},
                                        {QStringLiteral("m"), line.second}}));
    }
    return plainJson(SimJson::object(
            {{QStringLiteral("entries"), entries},
             {QStringLiteral("size"), SimJson::object({{QStringLiteral("cols"), 80},
                                                       {QStringLiteral("rows"), 24}})}}));
}
