#include "uploadcontroller.h"

#include "apicontext.h"
#include "apierror.h"
#include "apirequest.h"
#include "comfyconnection.h"
#include "controllersupport.h"
#include "httpserveradapter.h"

namespace {

// The value of parameter `name` in a header such as
// `form-data; name="image"; filename="a.png"` (quoted or token form).
QByteArray headerParameter(const QByteArray &header, const QByteArray &name)
{
    for (const QByteArray &rawPart : header.split(';')) {
        const QByteArray part = rawPart.trimmed();
        const qsizetype equals = part.indexOf('=');
        if (equals < 0 || part.left(equals).trimmed().toLower() != name)
            continue;
        QByteArray value = part.mid(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"')) {
            value = value.mid(1, value.size() - 2);
            value.replace("\\\"", "\"");
            value.replace("\\\\", "\\");
        }
        return value;
    }
    return {};
}

} // namespace

UploadController::UploadController(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
}

void UploadController::registerRoutes(HttpServerAdapter &server)
{
    server.routeDeferred("POST", QStringLiteral("/api/upload/image"),
                         ApiRouter::BodyType::Multipart,
                         [this](const ApiRequest &request, ApiResponder responder) {
                             upload(request, std::move(responder));
                         });
}

bool UploadController::parseMultipart(const QByteArray &contentType, const QByteArray &body,
                                      QHash<QString, Part> *parts, QString *error)
{
    const QByteArray boundary = headerParameter(contentType, "boundary");
    if (boundary.isEmpty()) {
        *error = QStringLiteral("multipart/form-data without a boundary");
        return false;
    }
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = body.indexOf(delimiter);
    if (pos < 0) {
        *error = QStringLiteral("multipart body without its boundary");
        return false;
    }
    while (true) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            return true; // closing delimiter
        if (body.mid(pos, 2) != "\r\n")
            break;
        pos += 2;
        const qsizetype headEnd = body.indexOf("\r\n\r\n", pos);
        if (headEnd < 0)
            break;
        const QByteArray head = body.mid(pos, headEnd - pos);
        const qsizetype next = body.indexOf("\r\n" + delimiter, headEnd + 4);
        if (next < 0)
            break;
        QByteArray disposition;
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0
                && line.left(colon).trimmed().toLower() == "content-disposition") {
                disposition = line.mid(colon + 1).trimmed();
            }
        }
        const QString name = QString::fromUtf8(headerParameter(disposition, "name"));
        if (!name.isEmpty() && !parts->contains(name)) {
            Part part;
            part.filename = QString::fromUtf8(headerParameter(disposition, "filename"));
            part.data = body.mid(headEnd + 4, next - headEnd - 4);
            parts->insert(name, part);
        }
        pos = next + 2;
    }
    *error = QStringLiteral("malformed multipart/form-data body");
    return false;
}

void UploadController::upload(const ApiRequest &request, ApiResponder responder)
{
    QHash<QString, Part> parts;
    QString error;
    if (!parseMultipart(request.header("Content-Type"), request.body, &parts, &error)) {
        responder.send(ApiResponse::error(ApiError::Kind::BadRequest, error));
        return;
    }
    const auto image = parts.constFind(QStringLiteral("image"));
    if (image == parts.constEnd() || image->filename.isEmpty()) {
        responder.send(ApiResponse::error(
            ApiError::Kind::BadRequest,
            QStringLiteral("The form needs a file field \"image\" (with a file name)")));
        return;
    }
    const auto field = [&parts](const char *name) {
        return QString::fromUtf8(parts.value(QString::fromLatin1(name)).data);
    };
    const QString overwrite = field("overwrite").trimmed().toLower();
    ComfyReply *reply = m_context.connection.client().uploadImage(
        image->data, image->filename, field("subfolder"), field("type"),
        overwrite == QLatin1String("true") || overwrite == QLatin1String("1"));
    ControllerSupport::answerWhenDone(this, reply, std::move(responder),
                                      [](const ComfyReply &done) {
                                          return ApiResponse::json(done.object());
                                      });
}
