#pragma once

#include "previewdecoder.h"

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QSet>

class ComfyConnection;
struct ComfyEvent;
class QueueModel;

// What the websocket tells about the prompt running now that the tracker does not keep:
// how many of its graph's nodes are done (cached ones count) and its live previews. Feeds
// both into the queue model. Previews of ComfyUI's older binary format carry no prompt
// id: they belong to the prompt running when they arrive.
class RunProgressWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit RunProgressWatcher(QueueModel &model, QObject *parent = nullptr);

    void setConnection(ComfyConnection *connection);
    PreviewDecoder &decoder() { return m_decoder; }

private:
    void onEvent(const ComfyEvent &event);
    void publish();

    QueueModel &m_model;
    QPointer<ComfyConnection> m_connection;
    QMetaObject::Connection m_eventConnection;
    PreviewDecoder m_decoder;
    QString m_promptId;         // the prompt the last execution event was about
    QString m_currentNode;
    QSet<QString> m_doneNodes;
};
