#pragma once

// A busy afternoon for the UI thread, shared by the responsiveness test (which fails on a
// stall above a generous bound) and the workbench benchmark (which prints the figures):
// the app connects to a ComfyUI (the simulator, in its own process) holding a long queue
// and many finished images, the user opens a 60-node workflow, and a run of ours sends
// previews at 10 Hz. EventLoopGap measures the longest stall throughout.
#include "comfyclient.h"
#include "comfyconnection.h"
#include "eventloopgap.h"
#include "parametereditor.h"
#include "prompttracker.h"
#include "workbenchfixture.h"
#include "workflowdocument.h"

#include <QAbstractItemView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

struct BusyFigures
{
    double worstStallMs = -1;
    double p99StallMs = -1;
    size_t samples = 0;
    double formBuildMs = -1;
    int queueRowsSeen = 0;
    int previewsSeen = 0;
    double connectStallMs = -1; // worst stall per phase
    double formStallMs = -1;
    double previewStallMs = -1;
    bool ok = false;
    QString failure;
};

// The simulator as a separate process, so its own work does not count as our stalls.
class SimProcess
{
public:
    bool start(const QStringList &extraArgs)
    {
        m_process.setProgram(QStringLiteral(COMFYDESK_SIM_EXECUTABLE));
        m_process.setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                           QStringLiteral("--data-dir"), m_dir.path()}
                               + extraArgs);
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return false;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 20000) {
            if (m_process.canReadLine()) {
                const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
                const qsizetype at = line.indexOf(QLatin1String("http://"));
                if (at >= 0) {
                    m_url = QUrl(line.mid(at).section(QLatin1Char(' '), 0, 0));
                    return true;
                }
            }
            m_process.waitForReadyRead(200);
        }
        return false;
    }
    ~SimProcess()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(3000);
    }
    QUrl url() const { return m_url; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
};

inline QJsonObject ksamplerGraph(int steps, const QString &prefix)
{
    QFile file(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/sd_txt2img.json"));
    file.open(QIODevice::ReadOnly);
    QJsonObject graph = QJsonDocument::fromJson(file.readAll()).object();
    QJsonObject sampler = graph.value(QLatin1String("3")).toObject();
    QJsonObject inputs = sampler.value(QLatin1String("inputs")).toObject();
    inputs.insert(QStringLiteral("steps"), steps);
    sampler.insert(QStringLiteral("inputs"), inputs);
    graph.insert(QStringLiteral("3"), sampler);
    QJsonObject save = graph.value(QLatin1String("9")).toObject();
    QJsonObject saveInputs = save.value(QLatin1String("inputs")).toObject();
    saveInputs.insert(QStringLiteral("filename_prefix"), prefix);
    save.insert(QStringLiteral("inputs"), saveInputs);
    graph.insert(QStringLiteral("9"), save);
    return graph;
}

// 60 nodes of the kinds artists stack: 20 samplers, 20 prompts, 20 latent sizes.
inline QByteArray sixtyNodeWorkflow()
{
    QJsonObject graph;
    for (int i = 0; i < 20; ++i) {
        const QString sampler = QString::number(i * 3 + 1);
        const QString text = QString::number(i * 3 + 2);
        const QString latent = QString::number(i * 3 + 3);
        graph.insert(text, QJsonObject{
            {QStringLiteral("class_type"), QStringLiteral("CLIPTextEncode")},
            {QStringLiteral("inputs"), QJsonObject{
                {QStringLiteral("text"), QStringLiteral("prompt %1, 山水画").arg(i)},
                {QStringLiteral("clip"), QJsonArray{QStringLiteral("100"), 1}}}}});
        graph.insert(latent, QJsonObject{
            {QStringLiteral("class_type"), QStringLiteral("EmptyLatentImage")},
            {QStringLiteral("inputs"), QJsonObject{{QStringLiteral("width"), 512},
                                                   {QStringLiteral("height"), 512},
                                                   {QStringLiteral("batch_size"), 1}}}});
        graph.insert(sampler, QJsonObject{
            {QStringLiteral("class_type"), QStringLiteral("KSampler")},
            {QStringLiteral("_meta"), QJsonObject{{QStringLiteral("title"),
                                                   QStringLiteral("Sampler %1").arg(i)}}},
            {QStringLiteral("inputs"), QJsonObject{
                {QStringLiteral("seed"), 1000 + i}, {QStringLiteral("steps"), 20},
                {QStringLiteral("cfg"), 7.5}, {QStringLiteral("sampler_name"),
                                                 QStringLiteral("euler")},
                {QStringLiteral("scheduler"), QStringLiteral("normal")},
                {QStringLiteral("denoise"), 1},
                {QStringLiteral("model"), QJsonArray{QStringLiteral("100"), 0}},
                {QStringLiteral("positive"), QJsonArray{text, 0}},
                {QStringLiteral("negative"), QJsonArray{text, 0}},
                {QStringLiteral("latent_image"), QJsonArray{latent, 0}}}}});
    }
    return QJsonDocument(graph).toJson();
}

// queued: prompts of another client waiting when the app connects; finished: history
// entries with images the catalogue imports; previewSeconds: how long our run sends
// previews at 10 Hz.
inline BusyFigures runBusyScenario(int queued, int finished, int previewSeconds)
{
    BusyFigures figures;
    SimProcess sim;
    if (!sim.start({QStringLiteral("--step-ms"), QStringLiteral("100"),
                    QStringLiteral("--preview-method"), QStringLiteral("auto"),
                    QStringLiteral("--fill-history"), QString::number(finished)})) {
        figures.failure = QStringLiteral("the simulator did not start");
        return figures;
    }

    // Another client fills the queue: a long run first, then many waiting.
    QNetworkAccessManager nam;
    ComfyClient other(nam);
    other.setEndpoint(ComfyEndpoint(sim.url(), {}, QStringLiteral("another-client")));
    int answered = 0;
    auto submit = [&](const QJsonObject &graph) {
        ComfyReply *reply = other.submitPrompt(graph);
        QObject::connect(reply, &ComfyReply::finished, reply, [&answered] { ++answered; });
    };
    submit(ksamplerGraph(10000, QStringLiteral("other_long")));
    for (int i = 0; i < queued - 1; ++i)
        submit(ksamplerGraph(2, QStringLiteral("other_%1").arg(i)));
    if (!QTest::qWaitFor([&] { return answered == queued; }, 120000)) {
        figures.failure = QStringLiteral("the queue was not filled");
        return figures;
    }

    EventLoopGap gap;
    gap.start();
    Workbench bench(sim.url());
    ComfyConnection &connection = bench.services->servers().current();
    QAbstractItemModel *queueModel = nullptr;
    if (auto *view = bench.window->findChild<QAbstractItemView *>(QStringLiteral("queueView")))
        queueModel = view->model();
    if (!QTest::qWaitFor([&] {
            return connection.state() == ComfyConnection::State::Connected
                   && !connection.nodeCatalogue().isEmpty() && queueModel
                   && queueModel->rowCount() >= queued;
        }, 60000)) {
        figures.failure = QStringLiteral("the queue view did not show the queue");
        return figures;
    }
    figures.queueRowsSeen = queueModel->rowCount();
    figures.connectStallMs = gap.takePhaseWorstMs();

    const WorkflowDocument document = WorkflowDocument::fromText(sixtyNodeWorkflow());
    QElapsedTimer formClock;
    formClock.start();
    bench.window->parameterEditor()->setDocument(QStringLiteral("sixty"), document);
    QCoreApplication::processEvents();
    figures.formBuildMs = formClock.nsecsElapsed() / 1e6;
    if (!QTest::qWaitFor([&] { return bench.window->parameterEditor()->isFormReady(); },
                         10000)) {
        figures.failure = QStringLiteral("the 60-node form was not built");
        return figures;
    }
    figures.formStallMs = gap.takePhaseWorstMs();

    // Our run goes first; the long one of the other client is interrupted for it.
    SubmitOptions front;
    front.front = true;
    ComfyReply *ours = connection.submit(ksamplerGraph(previewSeconds * 10,
                                                       QStringLiteral("ours")), front);
    QSignalSpy accepted(ours, &ComfyReply::finished);
    accepted.wait(10000);
    const QString ourId = ours->object().value(QLatin1String("prompt_id")).toString();
    other.interrupt();
    QObject::connect(&connection, &ComfyConnection::eventReceived, &gap,
                     [&figures](const ComfyEvent &event) {
        if (event.type == ComfyEvent::Type::PreviewImage)
            ++figures.previewsSeen;
    });
    if (!QTest::qWaitFor([&] {
            return connection.tracker().status(ourId).isFinal();
        }, previewSeconds * 1000 + 60000)) {
        figures.failure = QStringLiteral("our run did not finish");
        return figures;
    }
    QTest::qWait(200);
    gap.stop();
    figures.previewStallMs = gap.takePhaseWorstMs();
    figures.worstStallMs = gap.worstMs();
    figures.p99StallMs = gap.percentileMs(0.99);
    figures.samples = gap.samples();
    figures.ok = true;
    return figures;
}
