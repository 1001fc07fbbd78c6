#include "openapidocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringList>

namespace {

enum class Body { None, Json, OptionalJson, Multipart };

struct Operation
{
    const char *method;
    const char *path;   // OpenAPI form: /api/workflow/{name}
    const char *tag;
    const char *summary;
    Body body;
    const char *bodySchema; // a components/schemas name, or nullptr for "any object"
    QList<int> errors;      // error statuses besides the common ones
    const char *okSchema;   // schema of the 200 answer
};

const char EventsDescription[] =
    "Switching Protocols: a websocket of JSON text frames. First "
    "{\"type\":\"hello\",\"client_id\",\"comfyui_url\",\"comfyui_reachable\"}; then "
    "{\"type\":\"status\",\"prompt_id\",\"data\":<the GET /api/task_status body>} on "
    "every status change, {\"type\":\"progress\",\"prompt_id\",\"node\",\"value\","
    "\"max\"} at most 10 times a second per prompt, and "
    "{\"type\":\"queue\",\"running\":n,\"pending\":n} when the counts change. "
    "?prompt_id=<id> receives only that prompt's status and progress. Subscribers beyond "
    "the cap get 503; one that does not read and falls 1 MiB behind is dropped.";

// Statuses any route may answer before reaching its controller (guard and router).
const QList<int> CommonErrors = {401, 403, 404, 405, 408, 413, 421, 429, 431, 503};

const QList<Operation> &operations()
{
    static const QList<Operation> list = {
        {"get", "/api/test_comfy", "system", "Probe ComfyUI's /system_stats", Body::None,
         nullptr, {502, 504}, "TestComfy"},
        {"get", "/api/system_stats", "system", "ComfyUI's /system_stats", Body::None,
         nullptr, {502, 504}, "AnyObject"},
        {"get", "/api/status", "system", "Alias of /api/system_stats", Body::None, nullptr,
         {502, 504}, "AnyObject"},
        {"get", "/api/queue", "queue", "ComfyUI's queue (from memory while connected)",
         Body::None, nullptr, {502, 504}, "Queue"},
        {"get", "/api/view_queue", "queue", "Alias of /api/queue", Body::None, nullptr,
         {502, 504}, "Queue"},
        {"get", "/api/health", "system", "The process is alive", Body::None, nullptr, {},
         "Health"},
        {"get", "/api/ready", "system", "200 while ComfyUI is reachable, else 503",
         Body::None, nullptr, {}, "Ready"},
        {"get", "/api/workflows", "workflows", "Names of the stored workflows", Body::None,
         nullptr, {}, "WorkflowList"},
        {"get", "/api/workflow/{name}", "workflows", "One workflow graph (API format)",
         Body::None, nullptr, {400, 422, 500}, "AnyObject"},
        {"post", "/api/workflow/{name}", "workflows",
         "Submit a workflow with input overrides; ?wait=<s> waits for the result",
         Body::Json, "Overrides", {400, 409, 415, 422, 500, 502, 504}, "SubmitAnswer"},
        {"get", "/api/task_status/{prompt_id}", "tasks", "Where a prompt is now",
         Body::None, nullptr, {502, 504}, "TaskStatus"},
        {"get", "/api/image/{prompt_id}", "images", "The images a prompt made", Body::None,
         nullptr, {}, "ImageList"},
        {"get", "/api/image/{prompt_id}/{index}", "images", "One image's bytes",
         Body::None, nullptr, {400, 502, 504}, nullptr},
        {"get", "/api/history", "history", "ComfyUI's history", Body::None, nullptr,
         {400, 502, 504}, "AnyObject"},
        {"get", "/api/history/{prompt_id}", "history", "ComfyUI's history of one prompt",
         Body::None, nullptr, {502, 504}, "AnyObject"},
        {"post", "/api/interrupt", "queue", "Interrupt the running prompt",
         Body::OptionalJson, "Interrupt", {400, 415, 502, 504}, "Success"},
        {"post", "/api/queue/delete", "queue", "Remove pending prompts", Body::Json,
         "QueueDelete", {400, 415, 502, 504}, "Success"},
        {"post", "/api/queue/clear", "queue", "Remove every pending prompt",
         Body::OptionalJson, nullptr, {415, 502, 504}, "Success"},
        {"post", "/api/upload/image", "images", "Upload an image into ComfyUI's input",
         Body::Multipart, nullptr, {400, 415, 502, 504}, "Upload"},
        {"get", "/api/openapi.json", "system", "This document", Body::None, nullptr, {},
         "AnyObject"},
        {"get", "/api/catalogue", "catalogue",
         "Search the local catalogue of every prompt and image (kept across restarts)",
         Body::None, nullptr, {400, 500}, "CataloguePage"},
        {"get", "/api/catalogue/{prompt_id}", "catalogue",
         "One catalogued prompt with its graph", Body::None, nullptr, {}, "CatalogueEntry"},
        {"post", "/api/catalogue/requeue", "catalogue",
         "Queue lost prompts again (those ComfyUI lost in a restart)", Body::Json,
         "Requeue", {400, 415, 502, 504}, "RequeueAnswer"},
        {"get", "/api/events", "tasks",
         "Websocket stream of prompt status changes, progress and queue counts", Body::None,
         nullptr, {400}, "EventMessage"},
    };
    return list;
}

struct QueryParameter
{
    const char *name;
    const char *type;   // integer, boolean, string
    const char *description;
};

const QList<QueryParameter> CatalogueParameters = {
    {"q", "string", "Full-text search: every word must match (the last one as a prefix); "
                    "a seed or any number finds the prompts that used it"},
    {"status", "string", "Comma-separated statuses: pending, running, completed, processing, "
                         "error, interrupted, cancelled, lost, not_found"},
    {"workflow", "string", "The workflow's name, exactly"},
    {"server", "string", "The ComfyUI base URL it ran on, exactly"},
    {"since", "string", "Queued at or after: 2024-05-01, 2024-05-01T10:00:00Z (UTC without a "
                        "zone) or epoch milliseconds"},
    {"until", "string", "Queued at or before, same forms; a date alone means its whole day"},
    {"starred", "boolean", "true/false/1/0"},
    {"has_images", "boolean", "true/false/1/0"},
    {"sort", "string", "newest (default), oldest, longest, shortest (execution time)"},
    {"limit", "integer", "1 to 500, default 50"},
    {"offset", "integer", ">= 0, default 0; next_offset of the previous page"},
};

QJsonObject ref(const char *schema)
{
    return {{QStringLiteral("$ref"),
             QStringLiteral("#/components/schemas/") + QLatin1String(schema)}};
}

QJsonObject jsonContent(const QJsonObject &schema)
{
    return {{QStringLiteral("application/json"),
             QJsonObject{{QStringLiteral("schema"), schema}}}};
}

QJsonObject object(const QJsonObject &properties, const QStringList &required = {})
{
    QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), properties}};
    if (!required.isEmpty())
        schema.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return schema;
}

QJsonObject type(const char *name)
{
    return {{QStringLiteral("type"), QLatin1String(name)}};
}

QJsonObject schemas()
{
    const QJsonObject anyObject{{QStringLiteral("type"), QStringLiteral("object")},
                                {QStringLiteral("additionalProperties"), true}};
    const QJsonObject image = object({{QStringLiteral("url"), type("string")},
                                      {QStringLiteral("filename"), type("string")},
                                      {QStringLiteral("subfolder"), type("string")},
                                      {QStringLiteral("type"), type("string")},
                                      {QStringLiteral("api_url"), type("string")}});
    QJsonObject status = type("string");
    status.insert(QStringLiteral("enum"),
                  QJsonArray{QStringLiteral("pending"), QStringLiteral("running"),
                             QStringLiteral("completed"), QStringLiteral("processing"),
                             QStringLiteral("error"), QStringLiteral("interrupted"),
                             QStringLiteral("cancelled"), QStringLiteral("lost"),
                             QStringLiteral("not_found"), QStringLiteral("unknown")});
    QJsonObject nullableString = type("string");
    nullableString.insert(QStringLiteral("nullable"), true);
    QJsonObject eventType = type("string");
    eventType.insert(QStringLiteral("enum"),
                     QJsonArray{QStringLiteral("hello"), QStringLiteral("status"),
                                QStringLiteral("progress"), QStringLiteral("queue")});
    QJsonObject eventMessage = object(
        {{QStringLiteral("type"), eventType},
         {QStringLiteral("client_id"), type("string")},
         {QStringLiteral("comfyui_url"), type("string")},
         {QStringLiteral("comfyui_reachable"), type("boolean")},
         {QStringLiteral("prompt_id"), type("string")},
         {QStringLiteral("data"), ref("TaskStatus")},
         {QStringLiteral("node"), nullableString},
         {QStringLiteral("value"), type("integer")},
         {QStringLiteral("max"), type("integer")},
         {QStringLiteral("running"), type("integer")},
         {QStringLiteral("pending"), type("integer")}},
        {QStringLiteral("type")});
    eventMessage.insert(QStringLiteral("description"),
                        QStringLiteral("One JSON text frame of GET /api/events."));
    const QJsonObject strings{{QStringLiteral("type"), QStringLiteral("array")},
                              {QStringLiteral("items"), type("string")}};
    QJsonObject nullableNumber = type("number");
    nullableNumber.insert(QStringLiteral("nullable"), true);
    const QJsonObject catalogueImage = object(
        {{QStringLiteral("index"), type("integer")},
         {QStringLiteral("node_id"), type("string")},
         {QStringLiteral("filename"), type("string")},
         {QStringLiteral("subfolder"), type("string")},
         {QStringLiteral("type"), type("string")},
         {QStringLiteral("width"), type("integer")},
         {QStringLiteral("height"), type("integer")},
         {QStringLiteral("byte_size"), type("integer")},
         {QStringLiteral("cached"), type("boolean")},
         {QStringLiteral("evicted"), type("boolean")},
         {QStringLiteral("api_url"), type("string")}});
    QJsonObject nullableObject = anyObject;
    nullableObject.insert(QStringLiteral("nullable"), true);
    QJsonObject catalogueEntry = object(
        {{QStringLiteral("prompt_id"), type("string")},
         {QStringLiteral("server"), type("string")},
         {QStringLiteral("workflow"), type("string")},
         {QStringLiteral("status"), status},
         {QStringLiteral("reason"), type("string")},
         {QStringLiteral("client_id"), type("string")},
         {QStringLiteral("submitted_here"), type("boolean")},
         {QStringLiteral("queued_at"), nullableString},
         {QStringLiteral("started_at"), nullableString},
         {QStringLiteral("finished_at"), nullableString},
         {QStringLiteral("execution_time"), nullableNumber},
         {QStringLiteral("requeued_as"), nullableString},
         {QStringLiteral("requeued_from"), nullableString},
         {QStringLiteral("starred"), type("boolean")},
         {QStringLiteral("tags"), strings},
         {QStringLiteral("note"), type("string")},
         {QStringLiteral("summary"), anyObject},
         {QStringLiteral("error"), nullableObject},
         {QStringLiteral("images"),
          QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                      {QStringLiteral("items"), ref("CatalogueImage")}}},
         {QStringLiteral("graph"), anyObject}},
        {QStringLiteral("prompt_id"), QStringLiteral("status"), QStringLiteral("images")});
    catalogueEntry.insert(QStringLiteral("description"),
                          QStringLiteral("One prompt as the catalogue remembers it; graph "
                                         "only in GET /api/catalogue/{prompt_id}."));
    QJsonObject nullableInteger = type("integer");
    nullableInteger.insert(QStringLiteral("nullable"), true);
    const QJsonObject requeued = object({{QStringLiteral("prompt_id"), type("string")},
                                         {QStringLiteral("new_prompt_id"), type("string")}});
    const QJsonObject requeueFailure = object({{QStringLiteral("prompt_id"), type("string")},
                                               {QStringLiteral("error"), type("string")}});
    QJsonObject requeueBody = object(
        {{QStringLiteral("prompt_ids"),
          QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                      {QStringLiteral("minItems"), 1},
                      {QStringLiteral("items"), type("string")}}},
         {QStringLiteral("lost"), type("boolean")}});
    requeueBody.insert(QStringLiteral("description"),
                       QStringLiteral("Exactly one of prompt_ids (these lost prompts) and "
                                      "\"lost\": true (every lost prompt)."));
    return {
        {QStringLiteral("CatalogueImage"), catalogueImage},
        {QStringLiteral("CatalogueEntry"), catalogueEntry},
        {QStringLiteral("CataloguePage"),
         object({{QStringLiteral("prompts"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                              {QStringLiteral("items"), ref("CatalogueEntry")}}},
                 {QStringLiteral("limit"), type("integer")},
                 {QStringLiteral("offset"), type("integer")},
                 {QStringLiteral("has_more"), type("boolean")},
                 {QStringLiteral("next_offset"), nullableInteger}},
                {QStringLiteral("prompts"), QStringLiteral("has_more"),
                 QStringLiteral("next_offset")})},
        {QStringLiteral("Requeue"), requeueBody},
        {QStringLiteral("RequeueAnswer"),
         object({{QStringLiteral("requeued"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                              {QStringLiteral("items"), requeued}}},
                 {QStringLiteral("skipped"), strings},
                 {QStringLiteral("failed"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                              {QStringLiteral("items"), requeueFailure}}}},
                {QStringLiteral("requeued"), QStringLiteral("skipped"),
                 QStringLiteral("failed")})},
        {QStringLiteral("Error"),
         object({{QStringLiteral("error"), type("string")},
                 {QStringLiteral("status_code"), type("integer")},
                 {QStringLiteral("comfy_error"), anyObject},
                 {QStringLiteral("node_errors"), anyObject},
                 {QStringLiteral("node_ids"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                              {QStringLiteral("items"), type("string")}}}},
                {QStringLiteral("error"), QStringLiteral("status_code")})},
        {QStringLiteral("AnyObject"), anyObject},
        {QStringLiteral("Image"), image},
        {QStringLiteral("ImageList"),
         object({{QStringLiteral("status"), type("string")},
                 {QStringLiteral("images"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                              {QStringLiteral("items"), ref("Image")}}}})},
        {QStringLiteral("TaskStatus"),
         object({{QStringLiteral("status"), status},
                 {QStringLiteral("message"), type("string")},
                 {QStringLiteral("prompt_id"), type("string")},
                 {QStringLiteral("queue_position"), type("integer")},
                 {QStringLiteral("execution_info"), anyObject},
                 {QStringLiteral("images"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                              {QStringLiteral("items"), ref("Image")}}},
                 {QStringLiteral("execution_time"), type("number")},
                 {QStringLiteral("node_errors"), anyObject},
                 {QStringLiteral("node_id"), nullableString},
                 {QStringLiteral("exception_type"), type("string")},
                 {QStringLiteral("exception_message"), type("string")}},
                {QStringLiteral("status"), QStringLiteral("message"),
                 QStringLiteral("prompt_id")})},
        {QStringLiteral("SubmitAnswer"),
         object({{QStringLiteral("status"), type("string")},
                 {QStringLiteral("prompt_id"), type("string")},
                 {QStringLiteral("node_errors"), anyObject},
                 {QStringLiteral("error"), nullableString},
                 {QStringLiteral("client_id"), type("string")}},
                {QStringLiteral("status"), QStringLiteral("prompt_id")})},
        {QStringLiteral("Overrides"), anyObject},
        {QStringLiteral("Interrupt"), object({{QStringLiteral("prompt_id"), type("string")}})},
        {QStringLiteral("QueueDelete"),
         object({{QStringLiteral("prompt_ids"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                              {QStringLiteral("minItems"), 1},
                              {QStringLiteral("items"), type("string")}}}},
                {QStringLiteral("prompt_ids")})},
        {QStringLiteral("Queue"),
         object({{QStringLiteral("queue_running"), QJsonObject{
                      {QStringLiteral("type"), QStringLiteral("array")},
                      {QStringLiteral("items"), QJsonObject{}}}},
                 {QStringLiteral("queue_pending"), QJsonObject{
                      {QStringLiteral("type"), QStringLiteral("array")},
                      {QStringLiteral("items"), QJsonObject{}}}}})},
        {QStringLiteral("WorkflowList"),
         object({{QStringLiteral("workflows"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                              {QStringLiteral("items"), type("string")}}}},
                {QStringLiteral("workflows")})},
        {QStringLiteral("TestComfy"),
         object({{QStringLiteral("status"), type("string")},
                 {QStringLiteral("comfyui_url"), type("string")},
                 {QStringLiteral("response"), anyObject}})},
        {QStringLiteral("Health"), object({{QStringLiteral("status"), type("string")}})},
        {QStringLiteral("Ready"), object({{QStringLiteral("status"), type("string")},
                                          {QStringLiteral("comfyui_url"), type("string")}})},
        {QStringLiteral("Success"), object({{QStringLiteral("status"), type("string")}})},
        {QStringLiteral("EventMessage"), eventMessage},
        {QStringLiteral("Upload"), object({{QStringLiteral("name"), type("string")},
                                           {QStringLiteral("subfolder"), type("string")},
                                           {QStringLiteral("type"), type("string")}})},
    };
}

QJsonObject operationJson(const Operation &op)
{
    const QString path = QString::fromLatin1(op.path);
    QJsonArray parameters;
    static const QRegularExpression param(QStringLiteral("\\{([^}]+)\\}"));
    for (auto it = param.globalMatch(path); it.hasNext();) {
        const QString name = it.next().captured(1);
        parameters.append(QJsonObject{
            {QStringLiteral("name"), name},
            {QStringLiteral("in"), QStringLiteral("path")},
            {QStringLiteral("required"), true},
            {QStringLiteral("schema"), name == QLatin1String("index") ? type("integer")
                                                                       : type("string")},
        });
    }
    if (QLatin1String(op.method) == QLatin1String("post")
        && path == QLatin1String("/api/workflow/{name}")) {
        parameters.append(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("wait")},
            {QStringLiteral("in"), QStringLiteral("query")},
            {QStringLiteral("required"), false},
            {QStringLiteral("description"),
             QStringLiteral("Seconds to wait for the result (capped by the server)")},
            {QStringLiteral("schema"), type("number")},
        });
    }
    if (path == QLatin1String("/api/events")) {
        parameters.append(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("prompt_id")},
            {QStringLiteral("in"), QStringLiteral("query")},
            {QStringLiteral("required"), false},
            {QStringLiteral("description"),
             QStringLiteral("Only this prompt's status and progress messages")},
            {QStringLiteral("schema"), type("string")},
        });
        parameters.append(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("token")},
            {QStringLiteral("in"), QStringLiteral("query")},
            {QStringLiteral("required"), false},
            {QStringLiteral("description"),
             QStringLiteral("The API token, for clients that cannot set headers on a "
                            "websocket (browsers); accepted on this route only")},
            {QStringLiteral("schema"), type("string")},
        });
    }
    if (path == QLatin1String("/api/catalogue")) {
        for (const QueryParameter &query : CatalogueParameters) {
            parameters.append(QJsonObject{
                {QStringLiteral("name"), QLatin1String(query.name)},
                {QStringLiteral("in"), QStringLiteral("query")},
                {QStringLiteral("required"), false},
                {QStringLiteral("description"), QLatin1String(query.description)},
                {QStringLiteral("schema"), type(query.type)},
            });
        }
    }
    if (path == QLatin1String("/api/history")) {
        parameters.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("max_items")},
                                      {QStringLiteral("in"), QStringLiteral("query")},
                                      {QStringLiteral("required"), false},
                                      {QStringLiteral("schema"), type("integer")}});
    }

    QJsonObject responses;
    const bool webSocket = path == QLatin1String("/api/events");
    if (webSocket) {
        // A websocket: the handshake answers 101, then text messages of this schema flow.
        // A request without "Upgrade: websocket" gets 400.
        responses.insert(
            QStringLiteral("101"),
            QJsonObject{{QStringLiteral("description"), QLatin1String(EventsDescription)},
                        {QStringLiteral("content"), jsonContent(ref(op.okSchema))}});
    } else if (op.okSchema) {
        responses.insert(QStringLiteral("200"),
                         QJsonObject{{QStringLiteral("description"), QStringLiteral("OK")},
                                     {QStringLiteral("content"),
                                      jsonContent(ref(op.okSchema))}});
    } else {
        const QJsonObject binary{{QStringLiteral("schema"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                              {QStringLiteral("format"),
                                               QStringLiteral("binary")}}}};
        responses.insert(QStringLiteral("200"),
                         QJsonObject{{QStringLiteral("description"), QStringLiteral("Image")},
                                     {QStringLiteral("content"),
                                      QJsonObject{{QStringLiteral("image/png"), binary},
                                                  {QStringLiteral("image/jpeg"), binary},
                                                  {QStringLiteral("image/webp"), binary}}}});
    }
    if (path == QLatin1String("/api/workflow/{name}") && QLatin1String(op.method) == "post") {
        responses.insert(QStringLiteral("202"),
                         QJsonObject{{QStringLiteral("description"),
                                      QStringLiteral("?wait ended before the prompt did")},
                                     {QStringLiteral("content"),
                                      jsonContent(ref("SubmitAnswer"))}});
    }
    QList<int> errors = CommonErrors + op.errors;
    // The one route answered without a token (ApiServer makes it public) never says 401.
    const bool isPublic = path == QLatin1String("/api/health");
    if (isPublic)
        errors.removeAll(401);
    std::sort(errors.begin(), errors.end());
    errors.erase(std::unique(errors.begin(), errors.end()), errors.end());
    for (int code : errors) {
        responses.insert(QString::number(code),
                         QJsonObject{{QStringLiteral("description"), QStringLiteral("Error")},
                                     {QStringLiteral("content"), jsonContent(ref("Error"))}});
    }

    QJsonObject operation{
        {QStringLiteral("summary"), QLatin1String(op.summary)},
        {QStringLiteral("tags"), QJsonArray{QLatin1String(op.tag)}},
        {QStringLiteral("operationId"),
         QLatin1String(op.method)
             + QString(path).replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9]+")),
                                     QStringLiteral("_"))},
        {QStringLiteral("responses"), responses},
    };
    if (!parameters.isEmpty())
        operation.insert(QStringLiteral("parameters"), parameters);
    if (isPublic)
        operation.insert(QStringLiteral("security"), QJsonArray());
    switch (op.body) {
    case Body::None:
        break;
    case Body::Json:
    case Body::OptionalJson:
        operation.insert(QStringLiteral("requestBody"),
                         QJsonObject{{QStringLiteral("required"), op.body == Body::Json},
                                     {QStringLiteral("content"),
                                      jsonContent(ref(op.bodySchema ? op.bodySchema
                                                                    : "AnyObject"))}});
        break;
    case Body::Multipart: {
        const QJsonObject form = object(
            {{QStringLiteral("image"),
              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                          {QStringLiteral("format"), QStringLiteral("binary")}}},
             {QStringLiteral("subfolder"), type("string")},
             {QStringLiteral("type"), type("string")},
             {QStringLiteral("overwrite"), type("string")}},
            {QStringLiteral("image")});
        operation.insert(QStringLiteral("requestBody"),
                         QJsonObject{{QStringLiteral("required"), true},
                                     {QStringLiteral("content"),
                                      QJsonObject{{QStringLiteral("multipart/form-data"),
                                                   QJsonObject{{QStringLiteral("schema"),
                                                                form}}}}}});
        break;
    }
    }
    return operation;
}

} // namespace

QJsonObject OpenApiDocument::build(const QString &version)
{
    QJsonObject paths;
    for (const Operation &op : operations()) {
        const QString path = QString::fromLatin1(op.path);
        QJsonObject item = paths.value(path).toObject();
        item.insert(QLatin1String(op.method), operationJson(op));
        paths.insert(path, item);
    }
    return {
        {QStringLiteral("openapi"), QStringLiteral("3.0.3")},
        {QStringLiteral("info"),
         QJsonObject{{QStringLiteral("title"), QStringLiteral("ComfyDesk REST API")},
                     {QStringLiteral("version"), version},
                     {QStringLiteral("description"),
                      QStringLiteral("Run ComfyUI workflows and read their results. Every "
                                     "error is {\"error\": \"...\", \"status_code\": N}.")}}},
        {QStringLiteral("paths"), paths},
        // A token is asked for beyond loopback (none is needed on 127.0.0.1 unless one is
        // set); either header will do.
        {QStringLiteral("security"),
         QJsonArray{QJsonObject{{QStringLiteral("bearer"), QJsonArray()}},
                    QJsonObject{{QStringLiteral("apiKey"), QJsonArray()}}}},
        {QStringLiteral("components"),
         QJsonObject{
             {QStringLiteral("schemas"), schemas()},
             {QStringLiteral("securitySchemes"),
              QJsonObject{{QStringLiteral("bearer"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("http")},
                                       {QStringLiteral("scheme"), QStringLiteral("bearer")}}},
                          {QStringLiteral("apiKey"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("apiKey")},
                                       {QStringLiteral("in"), QStringLiteral("header")},
                                       {QStringLiteral("name"),
                                        QStringLiteral("X-API-Key")}}}}}}},
    };
}

QByteArray OpenApiDocument::json(const QString &version)
{
    return QJsonDocument(build(version)).toJson(QJsonDocument::Compact);
}
