#include "helper_simfixture.h"

#include "conformance.h"
#include "helper_orderedjson.h"
#include "simserver.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QImage>
#include <QTest>

namespace Conformance {

SimFixture::SimFixture()
    : m_server(std::make_unique<SimServer>())
{
    m_server->setDataDir(m_dir.path());
    QObject::connect(m_server.get(), &SimServer::promptStarted, m_server.get(),
                     [this](const QString &id) { m_started << id; });
    QObject::connect(m_server.get(), &SimServer::promptFinished, m_server.get(),
                     [this](const QString &id) { m_finished << id; });
    m_port = m_server->listen(QHostAddress::LocalHost, 0);
    m_http = std::make_unique<HttpProbe>(QUrl(QStringLiteral("http://127.0.0.1:%1")
                                                      .arg(m_port)));
}

SimFixture::~SimFixture() = default;

QUrl SimFixture::wsUrl(const QString &clientId) const
{
    QString url = QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port);
    if (!clientId.isEmpty())
        url += QLatin1String("?clientId=") + clientId;
    return QUrl(url);
}

QString SimFixture::submit(const QJsonObject &body)
{
    return submit(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QString SimFixture::submit(const QByteArray &json)
{
    const HttpResult result = m_http->send("POST", QStringLiteral("/prompt"), json,
                                           {{QByteArrayLiteral("Content-Type"),
                                             QByteArrayLiteral("application/json")}});
    if (!result.finished || result.status != 200) {
        QTest::qFail(qPrintable(QStringLiteral("POST /prompt: HTTP %1 %2")
                                    .arg(result.status)
                                    .arg(QString::fromUtf8(result.body.left(400)))),
                     __FILE__, __LINE__);
        return {};
    }
    const QString id = result.json().toObject().value(QLatin1String("prompt_id")).toString();
    if (id.isEmpty())
        QTest::qFail("POST /prompt answered without prompt_id", __FILE__, __LINE__);
    return id;
}

bool SimFixture::waitStarted(const QString &promptId, int timeoutMs)
{
    if (QTest::qWaitFor([&] { return m_started.contains(promptId); }, timeoutMs))
        return true;
    QTest::qFail(qPrintable(QStringLiteral("prompt %1 never started").arg(promptId)),
                 __FILE__, __LINE__);
    return false;
}

bool SimFixture::waitFinished(const QString &promptId, int timeoutMs)
{
    if (QTest::qWaitFor([&] { return m_finished.contains(promptId); }, timeoutMs))
        return true;
    QTest::qFail(qPrintable(QStringLiteral("prompt %1 never finished").arg(promptId)),
                 __FILE__, __LINE__);
    return false;
}

QString SimFixture::runToEnd(const QJsonObject &body)
{
    return runToEnd(QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QString SimFixture::runToEnd(const QByteArray &body)
{
    const QString id = submit(body);
    if (id.isEmpty() || !waitFinished(id))
        return {};
    return id;
}

QString SimFixture::startSlow(const QByteArray &body)
{
    m_server->setNodeDelayMs(SlowNodeMs);
    const QString id = submit(body);
    if (id.isEmpty() || !waitStarted(id))
        return {};
    return id;
}

void SimFixture::interruptAndWait(const QString &promptId)
{
    QJsonObject body;
    body.insert(QLatin1String("prompt_id"), promptId);
    const HttpResult result = m_http->sendJson("POST", QStringLiteral("/interrupt"), body);
    if (result.status != 200) {
        QTest::qFail("POST /interrupt failed", __FILE__, __LINE__);
        return;
    }
    waitFinished(promptId);
}

QJsonObject SimFixture::historyEntry(const QString &promptId)
{
    const HttpResult result = m_http->send("GET", QLatin1String("/history/") + promptId);
    return result.json().toObject().value(promptId).toObject();
}

QString SimFixture::outputFile(const QString &promptId, const QString &node, int index)
{
    const QJsonObject entry = historyEntry(promptId);
    const QJsonArray images = entry.value(QLatin1String("outputs")).toObject().value(node)
            .toObject().value(QLatin1String("images")).toArray();
    const QString name = images.at(index).toObject().value(QLatin1String("filename"))
            .toString();
    if (name.isEmpty()) {
        QTest::qFail(qPrintable(QStringLiteral("no outputs.%1.images[%2] in history of %3")
                                    .arg(node).arg(index).arg(promptId)),
                     __FILE__, __LINE__);
    }
    return name;
}

QJsonObject SimFixture::upload(const QString &fileName, const QByteArray &png,
                               const QList<QPair<QByteArray, QByteArray>> &fields)
{
    const MultipartFile file{QByteArrayLiteral("image"), fileName,
                             QByteArrayLiteral("image/png"), png};
    const HttpResult result = m_http->sendMultipart(QStringLiteral("/upload/image"), {file},
                                                    fields);
    if (result.status != 200) {
        QTest::qFail(qPrintable(QStringLiteral("upload of %1: HTTP %2")
                                    .arg(fileName).arg(result.status)),
                     __FILE__, __LINE__);
    }
    return result.json().toObject();
}

QByteArray pngBytes(quint32 rgb, int size)
{
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(QColor::fromRgb(rgb));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QJsonObject recordedRequest(const QString &fileName)
{
    return loadJsonFile(transcriptDir() + QLatin1Char('/') + fileName)
            .value(QLatin1String("request")).toObject()
            .value(QLatin1String("json")).toObject();
}

static OrderedJson orderedFile(const QString &fileName)
{
    QFile file(transcriptDir() + QLatin1Char('/') + fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return OrderedJson::parse(file.readAll());
}

QByteArray recordedRequestText(const QString &fileName)
{
    return orderedFile(fileName).member(QStringLiteral("request"))
            .member(QStringLiteral("json")).dump();
}

QByteArray bodyTextFromQueueItem(const QString &fileName, const QString &promptId, bool front)
{
    const OrderedJson body = orderedFile(fileName).member(QStringLiteral("response"))
            .member(QStringLiteral("body"));
    OrderedJson item = body.member(promptId).member(QStringLiteral("prompt"));
    for (const QString &list : {QStringLiteral("queue_running"),
                                QStringLiteral("queue_pending")}) {
        for (const OrderedJson &entry : body.member(list).items) {
            if (entry.items.value(1).text == promptId)
                item = entry;
        }
    }
    OrderedJson request;
    request.kind = OrderedJson::Kind::Object;
    request.members.append({QStringLiteral("prompt"), item.items.value(2)});
    OrderedJson extra;
    extra.kind = OrderedJson::Kind::Object;
    for (const auto &m : item.items.value(3).members) {
        if (m.first == QLatin1String("client_id"))
            request.members.append(m);
        else if (m.first != QLatin1String("create_time"))
            extra.members.append(m);
    }
    if (!extra.members.isEmpty())
        request.members.append({QStringLiteral("extra_data"), extra});
    if (front) {
        OrderedJson yes;
        yes.kind = OrderedJson::Kind::Bool;
        yes.text = QStringLiteral("true");
        request.members.append({QStringLiteral("front"), yes});
    }
    return request.dump();
}

QJsonObject recordedResponseBody(const QString &fileName)
{
    return loadJsonFile(transcriptDir() + QLatin1Char('/') + fileName)
            .value(QLatin1String("response")).toObject()
            .value(QLatin1String("body")).toObject();
}

QStringList loadedImages(const QJsonObject &promptRequest)
{
    QStringList names;
    for (const QJsonValue &node : promptRequest.value(QLatin1String("prompt")).toObject()) {
        if (node.toObject().value(QLatin1String("class_type")).toString()
            == QLatin1String("LoadImage"))
            names << node.toObject().value(QLatin1String("inputs")).toObject()
                             .value(QLatin1String("image")).toString();
    }
    return names;
}

QJsonObject bodyFromQueueItem(const QJsonArray &item)
{
    QJsonObject body;
    body.insert(QLatin1String("prompt"), item.at(2));
    QJsonObject extra = item.at(3).toObject();
    if (extra.contains(QLatin1String("client_id")))
        body.insert(QLatin1String("client_id"), extra.take(QLatin1String("client_id")));
    if (!extra.isEmpty())
        body.insert(QLatin1String("extra_data"), extra);
    return body;
}

QJsonArray recordedQueueItem(const QString &fileName, const QString &promptId)
{
    const QJsonObject body = recordedResponseBody(fileName);
    if (body.contains(promptId)) // a history body
        return body.value(promptId).toObject().value(QLatin1String("prompt")).toArray();
    for (const QString &list : {QStringLiteral("queue_running"),
                                QStringLiteral("queue_pending")}) {
        for (const QJsonValue &item : body.value(list).toArray()) {
            if (item.toArray().at(1).toString() == promptId)
                return item.toArray();
        }
    }
    return {};
}

} // namespace Conformance
