#pragma once

#include "helper_httpprobe.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class SimServer;

namespace Conformance {

// A fresh simulator on 127.0.0.1:<free port> with its own data folder, plus what the
// conformance scenarios need to put it into the state a recording was made in. Every
// failure is reported through QTest (QVERIFY in void helpers): callers check
// QTest::currentTestFailed() after a step.
class SimFixture final
{
public:
    SimFixture();
    ~SimFixture();

    bool isListening() const { return m_port != 0; }
    SimServer &server() { return *m_server; }
    HttpProbe &http() { return *m_http; }
    QUrl wsUrl(const QString &clientId) const; // empty id: /ws without clientId

    // POST /prompt; expects 200 and returns the prompt_id (empty on failure). The text
    // form sends keys in the order written (recorded bodies); QJsonObject sorts them.
    QString submit(const QByteArray &json);
    QString submit(const QJsonObject &body);
    bool waitStarted(const QString &promptId, int timeoutMs = 20000);
    bool waitFinished(const QString &promptId, int timeoutMs = 20000);
    QString runToEnd(const QByteArray &json); // submit + wait until finished
    QString runToEnd(const QJsonObject &body);
    // submit + wait until it runs; nodes are slowed down so it stays running a while.
    QString startSlow(const QByteArray &json);
    void interruptAndWait(const QString &promptId);

    // GET /history/<id> -> the entry (empty object if none).
    QJsonObject historyEntry(const QString &promptId);
    // outputs.<node>.images[index].filename of a finished prompt.
    QString outputFile(const QString &promptId, const QString &node, int index = 0);

    // POST /upload/image with a small generated PNG.
    QJsonObject upload(const QString &fileName, const QByteArray &png,
                       const QList<QPair<QByteArray, QByteArray>> &fields = {});

    // recorded id (or file name) -> the one the simulator used for the same thing.
    QHash<QString, QString> ids;

    const QStringList &started() const { return m_started; }
    const QStringList &finished() const { return m_finished; }

    // Long enough that a few HTTP calls made after "executing(N)" land before node N ends,
    // even on a loaded 2-core machine.
    static constexpr int SlowNodeMs = 500;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SimServer> m_server;
    std::unique_ptr<HttpProbe> m_http;
    quint16 m_port = 0;
    QStringList m_started;
    QStringList m_finished;
};

// A small valid PNG of one colour (different colours give different bytes).
QByteArray pngBytes(quint32 rgb, int size = 4);

// The recorded request body (`request.json`) of a transcript file.
QJsonObject recordedRequest(const QString &fileName);
// The same as JSON text, keys in the recorded order.
QByteArray recordedRequestText(const QString &fileName);
QJsonObject recordedResponseBody(const QString &fileName);

// The images the LoadImage nodes of a POST /prompt body load (they must have been uploaded).
QStringList loadedImages(const QJsonObject &promptRequest);

// A POST /prompt body that re-submits a recorded queue item / history `prompt` tuple
// [number, prompt_id, prompt, extra_data, outputs_to_execute] (client_id and extra_data
// as recorded; the server makes a new id and number).
QJsonObject bodyFromQueueItem(const QJsonArray &item);

// The history entry with `promptId` of a recorded history body.
QJsonArray recordedQueueItem(const QString &fileName, const QString &promptId);

// bodyFromQueueItem for the queue item / history entry `promptId` of a recorded file, as
// JSON text in the recorded key order (extra_data without the server's create_time).
QByteArray bodyTextFromQueueItem(const QString &fileName, const QString &promptId,
                                 bool front = false);

} // namespace Conformance
