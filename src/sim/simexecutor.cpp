#include "simexecutor.h"

#include "simimages.h"
#include "simnodecatalog.h"
#include "simstorage.h"
#include "simwebsockethub.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSet>
#include <QTimer>
#include <QtEndian>

#include <algorithm>

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString nodeClass(const SimJson &prompt, const QString &id)
{
    return prompt.value(id).value(u"class_type").toString();
}

SimJson nodeInputs(const SimJson &prompt, const QString &id)
{
    return prompt.value(id).value(u"inputs");
}

SimJson progressEntry(const QString &nodeId, const QString &promptId, const SimJson &value,
                      const SimJson &max, bool finished)
{
    return SimJson::object({{QStringLiteral("value"), value}, {QStringLiteral("max"), max},
                            {QStringLiteral("state"), finished ? QStringLiteral("finished")
                                                               : QStringLiteral("running")},
                            {QStringLiteral("node_id"), nodeId},
                            {QStringLiteral("prompt_id"), promptId},
                            {QStringLiteral("display_node_id"), nodeId},
                            {QStringLiteral("parent_node_id"), nullptr},
                            {QStringLiteral("real_node_id"), nodeId}});
}

bool idLess(const QString &a, const QString &b)
{
    bool okA = false;
    bool okB = false;
    const qlonglong na = a.toLongLong(&okA);
    const qlonglong nb = b.toLongLong(&okB);
    return (okA && okB) ? na < nb : a < b;
}

QByteArray bigEndian32(quint32 value)
{
    QByteArray bytes(4, '\0');
    qToBigEndian<quint32>(value, bytes.data());
    return bytes;
}

// Python repr of an input as ComfyUI puts it into execution_error's current_inputs.
SimJson currentInputRepr(const SimValue &value, const SimJson &literal)
{
    if (!literal.isUndefined() && !literal.isArray())
        return literal;
    switch (value.kind) {
    case SimValue::Kind::Images:
    case SimValue::Kind::Mask: {
        const QImage first = value.images.value(0);
        return QStringLiteral("tensor of shape [%1, %2, %3, 3]")
                .arg(value.images.size()).arg(first.height()).arg(first.width());
    }
    case SimValue::Kind::Number:
        return value.isInt ? SimJson(qint64(value.number)) : SimJson(value.number);
    case SimValue::Kind::Latent:
        return QStringLiteral("{'samples': tensor of shape [%1, 4, %2, %3]}")
                .arg(value.batch).arg(value.height / 8).arg(value.width / 8);
    default:
        return QStringLiteral("<%1>").arg(value.text);
    }
}

} // namespace

SimExecutor::SimExecutor(SimWebSocketHub *hub, const SimNodeCatalog *catalog,
                         const SimStorage *storage, QObject *parent)
    : QObject(parent), m_hub(hub), m_catalog(catalog), m_storage(storage)
{
}

void SimExecutor::abort()
{
    ++m_generation;
    m_running = false;
    m_currentNode.clear();
}

void SimExecutor::schedule(int ms, void (SimExecutor::*step)())
{
    const quint64 generation = m_generation;
    QTimer::singleShot(qMax(0, ms), this, [this, generation, step] {
        if (generation == m_generation && m_running)
            (this->*step)();
    });
}

void SimExecutor::addMessage(const QString &event, SimJson data)
{
    data.insert(QStringLiteral("timestamp"), nowMs());
    m_messages.append(SimJson::array({event, data}));
    sendToClient(event, data);
}

void SimExecutor::sendToClient(const QString &type, const SimJson &data)
{
    // ComfyUI sends execution messages only when the prompt came with a client_id.
    if (!clientId().isEmpty())
        m_hub->send(type, data, clientId());
}

void SimExecutor::sendProgressState()
{
    // Sent to the prompt's client, or to everybody when it has none (ComfyUI does that).
    m_hub->send(QStringLiteral("progress_state"),
                SimJson::object({{QStringLiteral("prompt_id"), m_item.promptId},
                                 {QStringLiteral("nodes"), m_progress}}),
                clientId());
}

void SimExecutor::setProgress(const QString &nodeId, const SimJson &value, const SimJson &max,
                              bool finished, bool send)
{
    m_progress.insert(nodeId, progressEntry(nodeId, m_item.promptId, value, max, finished));
    if (send)
        sendProgressState();
}

void SimExecutor::addOutput(const QString &nodeId, const SimJson &ui)
{
    m_uiOutputs.insert(nodeId, ui);
    m_meta.insert(nodeId, SimJson::object({{QStringLiteral("node_id"), nodeId},
                                           {QStringLiteral("display_node"), nodeId},
                                           {QStringLiteral("parent_node"), nullptr},
                                           {QStringLiteral("real_node_id"), nodeId}}));
}

QString SimExecutor::signature(const QString &nodeId, QHash<QString, QString> *memo) const
{
    if (memo->contains(nodeId))
        return memo->value(nodeId);
    const QString classType = nodeClass(m_item.prompt, nodeId);
    QString sig = classType + QLatin1Char('(');
    const SimJson inputs = nodeInputs(m_item.prompt, nodeId);
    QList<SimJson::Member> sorted = inputs.members();
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
        return a.first < b.first;
    });
    for (const SimJson::Member &input : std::as_const(sorted)) {
        sig += input.first + QLatin1Char('=');
        const SimJson &v = input.second;
        if (v.isArray() && v.size() == 2) {
            sig += QLatin1Char('<') + signature(v.at(0).toString(), memo)
                    + QLatin1Char('#') + QString::number(v.at(1).toInt()) + QLatin1Char('>');
        } else {
            sig += QString::fromLatin1(v.toJson());
        }
        sig += QLatin1Char(';');
    }
    sig += QLatin1Char(')');
    // IS_CHANGED: SaveImageWebsocket always re-runs, LoadImage re-runs when the file changes.
    if (classType == QLatin1String("SaveImageWebsocket")) {
        sig += QStringLiteral("#nocache") + QString::number(
                const_cast<SimExecutor *>(this)->m_uncacheableCounter++);
    } else if (classType == QLatin1String("LoadImage")) {
        const QFileInfo info(m_storage->annotatedInputPath(
                inputs.value(u"image").toString()));
        sig += QString::number(info.lastModified().toMSecsSinceEpoch())
                + QLatin1Char('/') + QString::number(info.size());
    } else if (classType == QLatin1String("GetImageSize")) {
        sig += QLatin1Char('@') + nodeId; // hidden UNIQUE_ID is part of the key
    }
    memo->insert(nodeId, sig);
    return sig;
}

void SimExecutor::buildOrder(const QString &nodeId, QStringList *order,
                             QSet<QString> *seen) const
{
    if (seen->contains(nodeId))
        return;
    seen->insert(nodeId);
    const SimJson inputs = nodeInputs(m_item.prompt, nodeId);
    QList<SimJson::Member> sorted = inputs.members();
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
        return a.first < b.first;
    });
    for (const SimJson::Member &input : std::as_const(sorted)) {
        const SimJson &v = input.second;
        if (!v.isArray())
            continue;
        const QString source = v.at(0).toString();
        // Cached inputs are not scheduled at all (ComfyUI's ExecutionList skips them).
        if (!m_cache.contains(m_signatures.value(source)))
            buildOrder(source, order, seen);
    }
    order->append(nodeId);
}

void SimExecutor::start(const SimQueueItem &item)
{
    ++m_generation;
    m_running = true;
    m_interrupted = false;
    m_item = item;
    m_index = 0;
    m_currentNode.clear();
    m_values.clear();
    m_progress = SimJson::object();
    m_messages = SimJson::array();
    m_executed.clear();
    m_uiOutputs = SimJson::object();
    m_meta = SimJson::object();

    addMessage(QStringLiteral("execution_start"),
               SimJson::object({{QStringLiteral("prompt_id"), item.promptId}}));

    QHash<QString, QString> memo;
    QStringList ids = item.prompt.keys();
    std::sort(ids.begin(), ids.end(), idLess);
    m_signatures.clear();
    QSet<QString> live;
    for (const QString &id : std::as_const(ids)) {
        m_signatures.insert(id, signature(id, &memo));
        live.insert(m_signatures.value(id));
    }
    // clean_unused(): only what the current prompt could reuse stays cached.
    for (auto it = m_cache.begin(); it != m_cache.end();) {
        if (live.contains(it.key()))
            ++it;
        else
            it = m_cache.erase(it);
    }
    SimJson cached = SimJson::array();
    for (const QString &id : std::as_const(ids)) {
        const auto entry = m_cache.constFind(m_signatures.value(id));
        if (entry != m_cache.constEnd()) {
            cached.append(id);
            m_values.insert(id, entry->outputs);
        }
    }
    addMessage(QStringLiteral("execution_cached"),
               SimJson::object({{QStringLiteral("nodes"), cached},
                                {QStringLiteral("prompt_id"), item.promptId}}));

    m_order.clear();
    QSet<QString> seen;
    QStringList outputs;
    for (const SimJson &o : item.outputs.items())
        outputs.append(o.toString());
    std::sort(outputs.begin(), outputs.end(), idLess);
    for (const QString &output : std::as_const(outputs))
        buildOrder(output, &m_order, &seen);
    schedule(0, &SimExecutor::runNext);
}

void SimExecutor::runNext()
{
    if (m_index >= m_order.size()) {
        finish(true);
        return;
    }
    const QString nodeId = m_order.at(m_index);
    const auto entry = m_cache.constFind(m_signatures.value(nodeId));
    if (entry != m_cache.constEnd()) {
        // A cached output node: its UI output is re-sent, nothing runs.
        sendToClient(QStringLiteral("executed"),
                     SimJson::object({{QStringLiteral("node"), nodeId},
                                      {QStringLiteral("display_node"), nodeId},
                                      {QStringLiteral("output"), entry->ui.isEmpty()
                                               ? SimJson(nullptr) : entry->ui},
                                      {QStringLiteral("prompt_id"), m_item.promptId}}));
        if (!entry->ui.isEmpty())
            addOutput(nodeId, entry->ui);
        setProgress(nodeId, 1, 1, true);
        m_executed.prepend(nodeId);
        ++m_index;
        schedule(0, &SimExecutor::runNext);
        return;
    }
    m_currentNode = nodeId;
    setProgress(nodeId, 0.0, 1.0, false);
    sendToClient(QStringLiteral("executing"),
                 SimJson::object({{QStringLiteral("node"), nodeId},
                                  {QStringLiteral("display_node"), nodeId},
                                  {QStringLiteral("prompt_id"), m_item.promptId}}));
    if (m_interrupted) {
        interrupted();
        return;
    }
    m_step = 0;
    m_steps = 0;
    schedule(m_nodeDelayMs, &SimExecutor::executeCurrent);
}

QHash<QString, SimValue> SimExecutor::resolveInputs(const QString &nodeId,
                                                    SimJson *current) const
{
    QHash<QString, SimValue> values;
    const QString classType = nodeClass(m_item.prompt, nodeId);
    const SimJson inputs = nodeInputs(m_item.prompt, nodeId);
    const SimJson def = m_catalog->definition(classType).value(u"input");
    const SimJson required = def.value(u"required");
    const SimJson optional = def.value(u"optional");
    for (const SimJson::Member &input : inputs.members()) {
        const QString &name = input.first;
        const SimJson &v = input.second;
        SimValue value;
        if (v.isArray()) {
            value = m_values.value(v.at(0).toString()).value(v.at(1).toInt());
        } else {
            const SimJson type = required.contains(name) ? required.value(name).at(0)
                                                         : optional.value(name).at(0);
            const QString typeName = type.toString();
            if (typeName == QLatin1String("INT") || typeName == QLatin1String("FLOAT")) {
                const double n = v.isString() ? v.toString().toDouble() : v.toDouble();
                const bool isInt = typeName == QLatin1String("INT");
                value = SimValue::fromNumber(isInt ? std::trunc(n) : n, isInt);
            } else if (v.isBool()) {
                value = SimValue::fromNumber(v.toBool() ? 1 : 0, true);
                value.kind = SimValue::Kind::Bool;
            } else if (v.isNumber()) {
                value = SimValue::fromNumber(v.toDouble(), v.isInteger());
            } else {
                value = SimValue::fromText(SimValue::Kind::Text, v.toString());
            }
        }
        values.insert(name, value);
        if (current)
            current->insert(name, SimJson::array({currentInputRepr(value, v)}));
    }
    return values;
}

SimNodes::Context SimExecutor::context() const
{
    SimNodes::Context context;
    context.storage = m_storage;
    context.prompt = m_item.prompt;
    context.extraPngInfo = m_item.extraData.value(u"extra_pnginfo");
    return context;
}

void SimExecutor::executeCurrent()
{
    const QString classType = nodeClass(m_item.prompt, m_currentNode);
    if (!m_failingClass.isEmpty() && classType == m_failingClass) {
        fail(QStringLiteral("RuntimeError"),
             QStringLiteral("Simulated failure in %1 (node %2)\n").arg(classType, m_currentNode));
        return;
    }
    const QHash<QString, SimValue> inputs = resolveInputs(m_currentNode, nullptr);
    m_step = 0;
    if (classType == QLatin1String("KSampler")) {
        m_steps = qMax(1, int(inputs.value(QStringLiteral("steps")).number));
        // The sampler reports step k when step k is done: the first report comes one
        // step's time after the node started.
        schedule(m_stepDelayMs, &SimExecutor::runStep);
        return;
    }
    if (classType == QLatin1String("SaveImageWebsocket")) {
        m_steps = int(inputs.value(QStringLiteral("images")).images.size());
        if (m_steps > 0) {
            runStep();
            return;
        }
    }
    if (classType == QLatin1String("GetImageSize")) {
        const QList<QImage> images = inputs.value(QStringLiteral("image")).images;
        const QByteArray id = m_currentNode.toUtf8();
        const QByteArray text = QStringLiteral("width: %1, height: %2\n batch size: %3")
                .arg(images.value(0).width()).arg(images.value(0).height())
                .arg(images.size()).toUtf8();
        // send_progress_text() has no sid here: ComfyUI broadcasts it.
        m_hub->sendBinary(bigEndian32(3) + bigEndian32(quint32(id.size())) + id + text,
                          QString());
    }
    completeNode(SimNodes::run(classType, inputs, context()));
}

void SimExecutor::runStep()
{
    const QString classType = nodeClass(m_item.prompt, m_currentNode);
    const QHash<QString, SimValue> inputs = resolveInputs(m_currentNode, nullptr);
    const bool sampler = classType == QLatin1String("KSampler");
    if (m_interrupted) {
        interrupted();
        return;
    }
    if (m_step >= m_steps) {
        completeNode(SimNodes::run(classType, inputs, context()));
        return;
    }
    // The sampler's callback reports step+1 of N once a step is done; SaveImageWebsocket
    // reports 0..N-1 with each image it sends.
    const int value = sampler ? m_step + 1 : m_step;
    setProgress(m_currentNode, value, m_steps, false);
    QImage preview;
    if (sampler && m_previews) {
        SimValue latent = SimNodes::run(classType, inputs, SimNodes::Context()).outputs.value(0);
        const int w = qMax(8, latent.width / 8);
        const int h = qMax(8, latent.height / 8);
        preview = SimImages::noisyBlend(SimNodes::decodeLatent(latent, 0, w, h),
                                        latent.seed ^ quint64(m_step), double(value) / m_steps);
    } else if (!sampler) {
        preview = inputs.value(QStringLiteral("images")).images.value(m_step);
    }
    const bool metadata = m_hub->supportsPreviewMetadata(clientId());
    if (metadata && !preview.isNull())
        sendPreview(preview, sampler);
    m_hub->send(QStringLiteral("progress"),
                SimJson::object({{QStringLiteral("value"), value},
                                 {QStringLiteral("max"), m_steps},
                                 {QStringLiteral("prompt_id"), m_item.promptId},
                                 {QStringLiteral("node"), m_currentNode}}),
                clientId());
    if (!metadata && !preview.isNull())
        sendPreview(preview, sampler);
    ++m_step;
    if (sampler && m_step >= m_steps) {
        runStep(); // the last step is done: the node finishes now
        return;
    }
    schedule(sampler ? m_stepDelayMs : 0, &SimExecutor::runStep);
}

void SimExecutor::sendPreview(const QImage &image, bool jpeg)
{
    const QByteArray bytes = SimImages::encode(image, jpeg ? "jpeg" : "png", jpeg ? 95 : -1);
    if (m_hub->supportsPreviewMetadata(clientId())) {
        const QByteArray meta = SimJson::object(
                {{QStringLiteral("node_id"), m_currentNode},
                 {QStringLiteral("prompt_id"), m_item.promptId},
                 {QStringLiteral("display_node_id"), m_currentNode},
                 {QStringLiteral("parent_node_id"), nullptr},
                 {QStringLiteral("real_node_id"), m_currentNode},
                 {QStringLiteral("image_type"), jpeg ? QStringLiteral("image/jpeg")
                                                     : QStringLiteral("image/png")}})
                .toJson();
        m_hub->sendBinary(bigEndian32(4) + bigEndian32(quint32(meta.size())) + meta + bytes,
                          clientId());
    } else {
        m_hub->sendBinary(bigEndian32(1) + bigEndian32(jpeg ? 1 : 2) + bytes, clientId());
    }
}

void SimExecutor::completeNode(const SimNodeRun &run)
{
    if (!run.errorType.isEmpty()) {
        fail(run.errorType, run.errorMessage, run.traceback);
        return;
    }
    const QString nodeId = m_currentNode;
    m_values.insert(nodeId, run.outputs);
    m_cache.insert(m_signatures.value(nodeId), CacheEntry{run.outputs, run.ui});
    if (!run.ui.isEmpty()) {
        sendToClient(QStringLiteral("executed"),
                     SimJson::object({{QStringLiteral("node"), nodeId},
                                      {QStringLiteral("display_node"), nodeId},
                                      {QStringLiteral("output"), run.ui},
                                      {QStringLiteral("prompt_id"), m_item.promptId}}));
        addOutput(nodeId, run.ui);
    }
    // A progress bar ends at its own (int) max; nodes without one at 1.0 of 1.0.
    if (m_steps > 0)
        setProgress(nodeId, m_steps, m_steps, true);
    else
        setProgress(nodeId, 1.0, 1.0, true);
    m_executed.prepend(nodeId);
    ++m_index;
    schedule(0, &SimExecutor::runNext);
}

void SimExecutor::fail(const QString &type, const QString &message, const QStringList &traceback)
{
    SimJson current = SimJson::object();
    resolveInputs(m_currentNode, &current);
    QStringList ids = m_item.prompt.keys();
    std::sort(ids.begin(), ids.end(), [](const QString &a, const QString &b) {
        return idLess(b, a);
    });
    const SimJson lines = traceback.isEmpty()
            ? SimJson::array({QStringLiteral(
                      "  File \"<COMFYDESK_SIM>/simexecutor.cpp\", in execute\n"
                      "    simulated node raised\n")})
            : SimJson::fromStringList(traceback);
    addMessage(QStringLiteral("execution_error"), SimJson::object({
            {QStringLiteral("prompt_id"), m_item.promptId},
            {QStringLiteral("node_id"), m_currentNode},
            {QStringLiteral("node_type"), nodeClass(m_item.prompt, m_currentNode)},
            {QStringLiteral("executed"), SimJson::fromStringList(m_executed)},
            {QStringLiteral("exception_message"), message},
            {QStringLiteral("exception_type"), type},
            {QStringLiteral("traceback"), lines},
            {QStringLiteral("current_inputs"), current},
            {QStringLiteral("current_outputs"), SimJson::fromStringList(ids)}}));
    finish(false);
}

void SimExecutor::interrupted()
{
    addMessage(QStringLiteral("execution_interrupted"), SimJson::object({
            {QStringLiteral("prompt_id"), m_item.promptId},
            {QStringLiteral("node_id"), m_currentNode},
            {QStringLiteral("node_type"), nodeClass(m_item.prompt, m_currentNode)},
            {QStringLiteral("executed"), SimJson::fromStringList(m_executed)}}));
    finish(false);
}

void SimExecutor::finish(bool success)
{
    if (success) {
        addMessage(QStringLiteral("execution_success"),
                   SimJson::object({{QStringLiteral("prompt_id"), m_item.promptId}}));
    }
    const SimJson status = SimJson::object(
            {{QStringLiteral("status_str"), success ? QStringLiteral("success")
                                                    : QStringLiteral("error")},
             {QStringLiteral("completed"), success},
             {QStringLiteral("messages"), m_messages}});
    const SimJson history = SimJson::object({{QStringLiteral("outputs"), m_uiOutputs},
                                             {QStringLiteral("status"), status},
                                             {QStringLiteral("meta"), m_meta}});
    ++m_generation;
    m_running = false;
    m_currentNode.clear();
    Q_EMIT finished(m_item.promptId, history);
}
