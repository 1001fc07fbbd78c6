#include "runprogresswatcher.h"

#include "comfyconnection.h"
#include "queuemodel.h"

RunProgressWatcher::RunProgressWatcher(QueueModel &model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
    connect(&m_decoder, &PreviewDecoder::decoded, this,
            [this](const QString &promptId, const QImage &image) {
                m_model.setPreview(promptId, image);
            });
}

void RunProgressWatcher::setConnection(ComfyConnection *connection)
{
    disconnect(m_eventConnection);
    m_connection = connection;
    m_promptId.clear();
    m_currentNode.clear();
    m_doneNodes.clear();
    if (connection)
        m_eventConnection = connect(connection, &ComfyConnection::eventReceived, this,
                                    &RunProgressWatcher::onEvent);
}

void RunProgressWatcher::onEvent(const ComfyEvent &event)
{
    using Type = ComfyEvent::Type;
    if (event.type == Type::PreviewImage) {
        QString promptId = event.promptId.isEmpty() ? m_promptId : event.promptId;
        if (promptId.isEmpty() && m_model.hasRunning())
            promptId = m_model.promptIdAt(0);
        if (!promptId.isEmpty())
            m_decoder.decode(promptId, event.image);
        return;
    }
    if (event.promptId.isEmpty())
        return;
    if (event.promptId != m_promptId) {
        m_promptId = event.promptId;
        m_currentNode.clear();
        m_doneNodes.clear();
    }
    switch (event.type) {
    case Type::ExecutionStart:
        m_currentNode.clear();
        m_doneNodes.clear();
        break;
    case Type::ExecutionCached:
        for (const QString &node : event.cachedNodes)
            m_doneNodes.insert(node);
        break;
    case Type::Executing:
        // A node starting means the one before it is done.
        if (!m_currentNode.isEmpty())
            m_doneNodes.insert(m_currentNode);
        m_currentNode = event.nodeIsNull ? QString() : event.node;
        break;
    case Type::Executed:
        m_doneNodes.insert(event.node);
        break;
    case Type::ProgressState: {
        const QJsonObject nodes = event.data.value(QLatin1String("nodes")).toObject();
        for (auto it = nodes.constBegin(); it != nodes.constEnd(); ++it) {
            const QString state = it.value().toObject().value(QLatin1String("state")).toString();
            if (state == QLatin1String("finished"))
                m_doneNodes.insert(it.key());
        }
        break;
    }
    default:
        return;
    }
    publish();
}

void RunProgressWatcher::publish()
{
    m_model.setNodesDone(m_promptId, int(m_doneNodes.size()));
}
