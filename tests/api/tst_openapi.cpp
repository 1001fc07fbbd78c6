// GET /api/openapi.json documents exactly the routes the server answers, in a structure an
// OpenAPI 3.0 validator accepts.

#include "apicontext.h"
#include "apiservice.h"
#include "comfyconnection.h"
#include "httpserveradapter.h"
#include "openapidocument.h"
#include "workflowstore.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

class TestOpenApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void documentMatchesRouter();
    void structureIsValid();
    void catalogueRoutesAreDocumented();
    void onlyHealthIsAnsweredWithoutAToken();
};

namespace {

// "/api/workflow/{name}" -> "/api/workflow/<name>", the router's spelling.
QString routerPattern(QString path)
{
    static const QRegularExpression param(QStringLiteral("\\{([^}]+)\\}"));
    return path.replace(param, QStringLiteral("<\\1>"));
}

QJsonObject document()
{
    return OpenApiDocument::build(QStringLiteral("1.2.3"));
}

const QStringList HttpMethods = {QStringLiteral("get"),    QStringLiteral("put"),
                                 QStringLiteral("post"),   QStringLiteral("delete"),
                                 QStringLiteral("options"), QStringLiteral("head"),
                                 QStringLiteral("patch"),  QStringLiteral("trace")};

} // namespace

void TestOpenApi::documentMatchesRouter()
{
    QNetworkAccessManager nam;
    ComfyConnection connection(nam);
    WorkflowStore store(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows"));
    ApiContext context{connection, store};
    HttpServerAdapter adapter{ApiGuardConfig()};
    ApiService service(context);
    QVERIFY(service.registerRoutes(adapter));

    QSet<QString> routed;
    for (const ApiRouter::Route &route : adapter.router().routes())
        routed.insert(QString::fromLatin1(route.method).toUpper() + QLatin1Char(' ')
                      + route.pattern);

    QSet<QString> documented;
    const QJsonObject paths = document().value(QLatin1String("paths")).toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (auto op = item.begin(); op != item.end(); ++op) {
            QVERIFY2(HttpMethods.contains(op.key()), qPrintable(op.key()));
            documented.insert(op.key().toUpper() + QLatin1Char(' ')
                              + routerPattern(path.key()));
        }
    }
    QVERIFY(routed.size() >= 20);
    const QSet<QString> undocumented = routed - documented;
    const QSet<QString> phantom = documented - routed;
    QVERIFY2(undocumented.isEmpty(), qPrintable(undocumented.values().join(QLatin1String(", "))));
    QVERIFY2(phantom.isEmpty(), qPrintable(phantom.values().join(QLatin1String(", "))));
}

void TestOpenApi::structureIsValid()
{
    const QJsonObject doc = document();
    QVERIFY(QRegularExpression(QStringLiteral("^3\\.0\\.\\d+$"))
                .match(doc.value(QLatin1String("openapi")).toString()).hasMatch());
    const QJsonObject info = doc.value(QLatin1String("info")).toObject();
    QVERIFY(!info.value(QLatin1String("title")).toString().isEmpty());
    QCOMPARE(info.value(QLatin1String("version")).toString(), QStringLiteral("1.2.3"));

    const QJsonObject schemas = doc.value(QLatin1String("components")).toObject()
                                    .value(QLatin1String("schemas")).toObject();
    QVERIFY(schemas.contains(QLatin1String("Error")));
    const QStringList errorRequired =
        QVariant(schemas.value(QLatin1String("Error")).toObject()
                     .value(QLatin1String("required")).toArray().toVariantList())
            .toStringList();
    QCOMPARE(errorRequired, (QStringList{QStringLiteral("error"),
                                         QStringLiteral("status_code")}));

    // Every $ref anywhere must resolve inside components/schemas.
    std::function<void(const QJsonValue &)> checkRefs = [&](const QJsonValue &value) {
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (it.key() == QLatin1String("$ref")) {
                    const QString ref = it.value().toString();
                    QVERIFY2(ref.startsWith(QLatin1String("#/components/schemas/")),
                             qPrintable(ref));
                    QVERIFY2(schemas.contains(ref.section(QLatin1Char('/'), -1)),
                             qPrintable(ref));
                } else {
                    checkRefs(it.value());
                }
            }
        } else if (value.isArray()) {
            for (const QJsonValue &item : value.toArray())
                checkRefs(item);
        }
    };
    checkRefs(doc);

    static const QRegularExpression param(QStringLiteral("\\{([^}]+)\\}"));
    const QJsonObject paths = doc.value(QLatin1String("paths")).toObject();
    QSet<QString> operationIds;
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        QVERIFY2(path.key().startsWith(QLatin1Char('/')), qPrintable(path.key()));
        QSet<QString> templated;
        for (auto it = param.globalMatch(path.key()); it.hasNext();)
            templated.insert(it.next().captured(1));
        const QJsonObject item = path.value().toObject();
        for (auto op = item.begin(); op != item.end(); ++op) {
            const QString where = op.key() + QLatin1Char(' ') + path.key();
            const QJsonObject operation = op.value().toObject();
            const QString id = operation.value(QLatin1String("operationId")).toString();
            QVERIFY2(!id.isEmpty() && !operationIds.contains(id), qPrintable(where));
            operationIds.insert(id);

            const QJsonObject responses = operation.value(QLatin1String("responses")).toObject();
            QVERIFY2(!responses.isEmpty(), qPrintable(where));
            // A websocket route answers its handshake with 101 instead of 200.
            const bool webSocket = path.key() == QLatin1String("/api/events");
            QVERIFY2(responses.contains(QLatin1String(webSocket ? "101" : "200")),
                     qPrintable(where));
            for (auto response = responses.begin(); response != responses.end(); ++response) {
                QVERIFY2(QRegularExpression(QStringLiteral("^[1-5]\\d\\d$"))
                             .match(response.key()).hasMatch(), qPrintable(where));
                QVERIFY2(response.value().toObject().contains(QLatin1String("description")),
                         qPrintable(where));
            }
            QVERIFY2(responses.contains(QLatin1String("404")), qPrintable(where));

            // Every path template parameter declared, as "in: path", required.
            QSet<QString> declared;
            for (const QJsonValue &value :
                 operation.value(QLatin1String("parameters")).toArray()) {
                const QJsonObject parameter = value.toObject();
                QVERIFY2(parameter.contains(QLatin1String("schema")), qPrintable(where));
                const QString in = parameter.value(QLatin1String("in")).toString();
                QVERIFY2(in == QLatin1String("path") || in == QLatin1String("query"),
                         qPrintable(where));
                if (in == QLatin1String("path")) {
                    QVERIFY2(parameter.value(QLatin1String("required")).toBool(),
                             qPrintable(where));
                    declared.insert(parameter.value(QLatin1String("name")).toString());
                }
            }
            QCOMPARE(declared, templated);

            if (operation.contains(QLatin1String("requestBody"))) {
                QVERIFY2(!operation.value(QLatin1String("requestBody")).toObject()
                              .value(QLatin1String("content")).toObject().isEmpty(),
                         qPrintable(where));
            }
        }
    }
}

// The catalogue's routes with every query parameter the search reads and the answers a
// client must handle (503 while the catalogue is off, 502 when ComfyUI is down on requeue).
void TestOpenApi::catalogueRoutesAreDocumented()
{
    const QJsonObject paths = document().value(QLatin1String("paths")).toObject();
    const QJsonObject search = paths.value(QLatin1String("/api/catalogue")).toObject()
                                   .value(QLatin1String("get")).toObject();
    QVERIFY(!search.isEmpty());
    QSet<QString> queries;
    for (const QJsonValue &value : search.value(QLatin1String("parameters")).toArray()) {
        if (value[QLatin1String("in")].toString() == QLatin1String("query"))
            queries.insert(value[QLatin1String("name")].toString());
    }
    const QSet<QString> expected{
        QStringLiteral("q"),       QStringLiteral("status"),     QStringLiteral("workflow"),
        QStringLiteral("server"),  QStringLiteral("since"),      QStringLiteral("until"),
        QStringLiteral("starred"), QStringLiteral("has_images"), QStringLiteral("sort"),
        QStringLiteral("limit"),   QStringLiteral("offset")};
    QCOMPARE(queries, expected);
    const QJsonObject searchAnswers = search.value(QLatin1String("responses")).toObject();
    for (const char *code : {"200", "400", "503"})
        QVERIFY2(searchAnswers.contains(QLatin1String(code)), code);

    const QJsonObject one = paths.value(QLatin1String("/api/catalogue/{prompt_id}"))
                                .toObject().value(QLatin1String("get")).toObject();
    QVERIFY(one.value(QLatin1String("responses")).toObject().contains(QLatin1String("404")));

    const QJsonObject requeue = paths.value(QLatin1String("/api/catalogue/requeue"))
                                    .toObject().value(QLatin1String("post")).toObject();
    QVERIFY(requeue.contains(QLatin1String("requestBody")));
    const QJsonObject requeueAnswers = requeue.value(QLatin1String("responses")).toObject();
    for (const char *code : {"200", "400", "502", "503"})
        QVERIFY2(requeueAnswers.contains(QLatin1String(code)), code);

    const QJsonObject schemas = document().value(QLatin1String("components")).toObject()
                                    .value(QLatin1String("schemas")).toObject();
    const QJsonObject image = schemas.value(QLatin1String("CatalogueImage")).toObject()
                                  .value(QLatin1String("properties")).toObject();
    QVERIFY(image.contains(QLatin1String("api_url")));
    // The API never shows where the cache keeps a file.
    for (const QString &key : image.keys())
        QVERIFY2(!key.contains(QLatin1String("path")), qPrintable(key));
}

// Every route asks for the token (Bearer or X-API-Key) and may answer 401, except
// /api/health, which ApiServer answers to anyone (load balancers, systemd checks).
void TestOpenApi::onlyHealthIsAnsweredWithoutAToken()
{
    const QJsonObject doc = document();
    const QJsonArray security = doc.value(QLatin1String("security")).toArray();
    QCOMPARE(security.size(), 2);
    const QJsonObject schemes = doc.value(QLatin1String("components")).toObject()
                                    .value(QLatin1String("securitySchemes")).toObject();
    for (const QJsonValue &requirement : security) {
        const QStringList names = requirement.toObject().keys();
        QCOMPARE(names.size(), 1);
        QVERIFY2(schemes.contains(names.first()), qPrintable(names.first()));
    }
    const QJsonObject paths = doc.value(QLatin1String("paths")).toObject();
    int checked = 0;
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject operations = path.value().toObject();
        for (auto op = operations.begin(); op != operations.end(); ++op) {
            const QJsonObject operation = op.value().toObject();
            const bool is401 = operation.value(QLatin1String("responses")).toObject()
                                   .contains(QLatin1String("401"));
            const QString where = op.key() + QLatin1Char(' ') + path.key();
            if (path.key() == QLatin1String("/api/health")) {
                QVERIFY2(!is401, qPrintable(where));
                QVERIFY(operation.contains(QLatin1String("security")));
                QVERIFY(operation.value(QLatin1String("security")).toArray().isEmpty());
            } else {
                QVERIFY2(is401, qPrintable(where));
                QVERIFY2(!operation.contains(QLatin1String("security")), qPrintable(where));
            }
            ++checked;
        }
    }
    QVERIFY(checked >= 20);
}

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
