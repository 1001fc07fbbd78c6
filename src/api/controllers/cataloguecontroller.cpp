#include "cataloguecontroller.h"

#include "apicontext.h"
#include "apierror.h"
#include "apirequest.h"
#include "catalogue.h"
#include "cataloguejson.h"
#include "cataloguerecorder.h"
#include "cataloguesearchparams.h"
#include "comfyconnection.h"
#include "controllersupport.h"
#include "httpserveradapter.h"
#include "jsonnumberliteral.h"
#include "serverregistry.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

// Why the catalogue is closed, for a caller on another machine: the words of the problem
// only. The file's path and SQLite's own text stay in the operator's log (main prints
// them), as the API never shows local paths.
QString problemWords(Catalogue::Problem problem)
{
    switch (problem) {
    case Catalogue::Problem::Corrupt:
        return QStringLiteral("its file is damaged or is not a ComfyDesk catalogue");
    case Catalogue::Problem::Locked:
        return QStringLiteral("another program holds its file locked");
    case Catalogue::Problem::ReadOnly:
        return QStringLiteral("its file or folder cannot be written");
    case Catalogue::Problem::DiskFull:
        return QStringLiteral("the disk is full");
    case Catalogue::Problem::NoFts5:
        return QStringLiteral("this system's SQLite has no full-text search (FTS5)");
    case Catalogue::Problem::NewerSchema:
        return QStringLiteral("its file was written by a newer ComfyDesk");
    case Catalogue::Problem::NoDriver:
        return QStringLiteral("Qt's SQLite driver is not installed");
    case Catalogue::Problem::None:
    case Catalogue::Problem::NotOpened:
    case Catalogue::Problem::Other:
        break;
    }
    return QStringLiteral("its file could not be opened");
}

ApiResponse catalogueBadRequest(const QString &message)
{
    return ApiResponse::error(ApiError::Kind::BadRequest, message);
}

// prompt_ids as a list without repeats, or an error sentence.
QString readPromptIds(const QJsonValue &value, QStringList *ids)
{
    const QString wrong = QStringLiteral("prompt_ids must be a non-empty array of prompt id "
                                         "strings");
    if (!value.isArray() || value.toArray().isEmpty())
        return wrong;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString() || item.toString().isEmpty())
            return wrong;
        if (!ids->contains(item.toString()))
            ids->append(item.toString());
    }
    return {};
}

QJsonObject requeueBody(const CatalogueRecorder::RequeueResult &result)
{
    QJsonArray requeued;
    for (qsizetype i = 0; i < result.requeuedFrom.size(); ++i) {
        requeued.append(QJsonObject{
            {QStringLiteral("prompt_id"), result.requeuedFrom.at(i)},
            {QStringLiteral("new_prompt_id"), result.requeuedAs.value(i)},
        });
    }
    QJsonArray failed;
    for (qsizetype i = 0; i < result.failedIds.size(); ++i) {
        failed.append(QJsonObject{
            {QStringLiteral("prompt_id"), result.failedIds.at(i)},
            {QStringLiteral("error"), result.failures.value(i)},
        });
    }
    return {
        {QStringLiteral("requeued"), requeued},
        {QStringLiteral("skipped"), QJsonArray::fromStringList(result.skipped)},
        {QStringLiteral("failed"), failed},
    };
}

} // namespace

CatalogueController::CatalogueController(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
}

void CatalogueController::registerRoutes(HttpServerAdapter &server)
{
    server.routeDeferred("GET", QStringLiteral("/api/catalogue"), ApiRouter::BodyType::None,
                         [this](const ApiRequest &request, ApiResponder responder) {
                             search(request, std::move(responder));
                         });
    server.routeDeferred("GET", QStringLiteral("/api/catalogue/<prompt_id>"),
                         ApiRouter::BodyType::None,
                         [this](const ApiRequest &request, ApiResponder responder) {
                             one(request, std::move(responder));
                         });
    server.routeDeferred("POST", QStringLiteral("/api/catalogue/requeue"),
                         ApiRouter::BodyType::Json,
                         [this](const ApiRequest &request, ApiResponder responder) {
                             requeue(request, std::move(responder));
                         });
}

std::optional<ApiResponse> CatalogueController::unavailable(const Catalogue *catalogue)
{
    if (!catalogue) {
        return ApiResponse::error(ApiError::Kind::ServiceUnavailable,
                                  QStringLiteral("The catalogue is switched off"));
    }
    if (catalogue->isOpen())
        return std::nullopt;
    if (catalogue->problem() == Catalogue::Problem::NotOpened) {
        // Opening takes a moment at start-up (an integrity check on a big file): retry.
        ApiResponse response = ApiResponse::error(
            ApiError::Kind::ServiceUnavailable,
            QStringLiteral("The catalogue is still opening; try again in a moment"));
        response.addHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
        return response;
    }
    return ApiResponse::error(ApiError::Kind::ServiceUnavailable,
                              QStringLiteral("The catalogue is not available: %1")
                                  .arg(problemWords(catalogue->problem())));
}

void CatalogueController::search(const ApiRequest &request, ApiResponder responder)
{
    // The caller's mistakes first: they hold whatever the catalogue's state.
    CatalogueQuery query;
    const QString invalid = CatalogueSearchParams::parse(request.query, &query);
    if (!invalid.isEmpty()) {
        responder.send(catalogueBadRequest(invalid));
        return;
    }
    if (const auto closed = unavailable(m_context.catalogue)) {
        responder.send(*closed);
        return;
    }
    const QString origin = ControllerSupport::requestOrigin(request);
    Catalogue *catalogue = m_context.catalogue;
    catalogue->search(query, this, [responder, origin, query, catalogue](
                                       const CataloguePage &page) mutable {
        if (!responder.isWaiting())
            return; // the caller hung up: write nothing
        if (!page.error.isEmpty()) {
            if (const auto closed = unavailable(catalogue)) {
                responder.send(*closed);
                return;
            }
            responder.send(ApiResponse::error(
                ApiError::Kind::InternalError,
                QStringLiteral("The catalogue could not run the search: %1").arg(page.error)));
            return;
        }
        responder.send(ApiResponse::json(
            CatalogueJson::page(page, origin, query.limit, query.offset)));
    });
}

void CatalogueController::one(const ApiRequest &request, ApiResponder responder)
{
    if (const auto closed = unavailable(m_context.catalogue)) {
        responder.send(*closed);
        return;
    }
    const QString promptId = request.arg(QStringLiteral("prompt_id"));
    const QString origin = ControllerSupport::requestOrigin(request);
    Catalogue *catalogue = m_context.catalogue;
    catalogue->entry(promptId, this, [responder, origin, promptId, catalogue](
                                         const std::optional<CatalogueEntry> &entry) mutable {
        if (!responder.isWaiting())
            return;
        if (!entry) {
            // No entry also when the catalogue closed meanwhile: say that, not "unknown".
            if (const auto closed = unavailable(catalogue)) {
                responder.send(*closed);
                return;
            }
            responder.send(ApiResponse::error(
                ApiError::Kind::NotFound,
                QStringLiteral("The catalogue has no prompt %1").arg(promptId)));
            return;
        }
        // Its graph's integers beyond a double's precision (a 64-bit seed) come from the
        // catalogue as marked strings (JsonNumberLiteral): sent as the digits they are.
        responder.send(ApiResponse::bytes(
            JsonNumberLiteral::unmark(QJsonDocument(CatalogueJson::entry(*entry, origin, true))
                                          .toJson(QJsonDocument::Compact)),
            QByteArrayLiteral("application/json")));
    });
}

void CatalogueController::requeue(const ApiRequest &request, ApiResponder responder)
{
    // Checked before anything is claimed: a bad request changes nothing.
    const QString shape = QStringLiteral("The body must be {\"prompt_ids\": [\"...\"]} or "
                                         "{\"lost\": true}");
    if (!request.json.isObject()) {
        responder.send(catalogueBadRequest(shape));
        return;
    }
    const QJsonObject body = request.json.object();
    const bool hasIds = body.contains(QLatin1String("prompt_ids"));
    const bool hasLost = body.contains(QLatin1String("lost"));
    if (hasIds == hasLost) {
        responder.send(catalogueBadRequest(shape + QStringLiteral(", exactly one of them")));
        return;
    }
    QStringList ids;   // empty: every lost prompt (the recorder's word for it)
    if (hasLost) {
        if (body.value(QLatin1String("lost")) != QJsonValue(true)) {
            responder.send(catalogueBadRequest(
                QStringLiteral("lost must be true (re-queue every lost prompt); name prompts "
                               "with prompt_ids")));
            return;
        }
    } else {
        const QString invalid = readPromptIds(body.value(QLatin1String("prompt_ids")), &ids);
        if (!invalid.isEmpty()) {
            responder.send(catalogueBadRequest(invalid));
            return;
        }
    }
    // Without a recorder (never so in the app: both or neither) nothing can be queued.
    std::optional<ApiResponse> closed = unavailable(m_context.catalogue);
    if (!closed && !m_context.recorder)
        closed = unavailable(nullptr);
    if (closed) {
        responder.send(*closed);
        return;
    }
    // The answer is dropped with this controller (the context of the call).
    m_context.recorder->requeue(ids, this, [this, responder](
                                               const CatalogueRecorder::RequeueResult &result)
                                               mutable {
        // The prompts are queued (or not) whether or not the caller is still there.
        if (!responder.isWaiting())
            return;
        // The recorder queues on the current server: ask that connection why.
        const ComfyConnection &connection =
            m_context.servers ? m_context.servers->current() : m_context.connection;
        const QJsonObject body = requeueBody(result);
        // Nothing could be queued because ComfyUI is down: the same 502/504 as every other
        // route that needs ComfyUI (ControllerSupport::comfyFailure), with the lists. The
        // prompts stay lost, so the same call works once ComfyUI is back. A ComfyUI that
        // answered and refused some prompts is a 200 listing them under "failed".
        const ComfyError why = connection.lastFailure();
        const bool down = connection.state() != ComfyConnection::State::Connected
                          || why.kind == ComfyError::Kind::Unreachable
                          || why.kind == ComfyError::Kind::Timeout;
        if (result.requeuedFrom.isEmpty() && !result.failedIds.isEmpty() && down) {
            ApiError error(why.kind == ComfyError::Kind::Timeout
                               ? ApiError::Kind::GatewayTimeout
                               : ApiError::Kind::BadGateway,
                           QStringLiteral("Nothing was re-queued, ComfyUI cannot be reached "
                                          "(the prompts stay lost): %1")
                               .arg(why.message.isEmpty() ? result.failures.value(0)
                                                          : why.message));
            for (auto it = body.begin(); it != body.end(); ++it)
                error.withDetail(it.key(), it.value());
            responder.send(ApiResponse::error(error));
            return;
        }
        responder.send(ApiResponse::json(body));
    });
}
