#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QPixmap>
#include <QPointer>

class PromptTracker;

// The running and pending prompts of one ComfyUI server, ours and other clients', in the
// order ComfyUI runs them: a list model over the tracker's typed queue (it never reads
// ComfyUI JSON). A queue change becomes row removals, moves and insertions (a view keeps
// its selection and scroll position); a progress tick repaints only its own row.
class QueueModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        PromptIdRole = Qt::UserRole + 1,
        OwnRole,         // bool: queued under our client id
        WorkflowRole,    // the workflow name ComfyDesk sent with it; empty if unknown
        RunningRole,     // bool
        PositionRole,    // 0 running, 1 runs next, ...
        NodeRole,        // the node running now
        StepRole,
        MaxStepsRole,
        StartedAtRole,   // ms since the epoch, 0 if not started
        NodeLabelRole,   // the running node's title (or class) from the graph, else its id
        NodesDoneRole,   // nodes finished of this run (-1: unknown, e.g. other clients')
        NodesTotalRole,  // nodes of its graph (0: unknown)
        PreviewRole,     // QPixmap: the latest live preview of the running prompt (or null)
        RunningSinceRole // ms since the epoch: execution start, or when we saw it running
    };

    explicit QueueModel(QObject *parent = nullptr);

    // The tracker to show (nullptr: none). ourClientId tells our prompts from others'.
    void setTracker(PromptTracker *tracker, const QString &ourClientId);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString promptIdAt(int row) const;
    int rowOf(const QString &promptId) const;
    bool hasRunning() const;
    int pendingCount() const;

    // What only the websocket tells (RunProgressWatcher feeds them): how far the run got
    // over the whole graph, and its live preview (decoded off the UI thread already).
    void setNodesDone(const QString &promptId, int done);
    void setPreview(const QString &promptId, const QImage &image);

private:
    // More rows coming or going than this in one update: the model resets instead.
    static constexpr qsizetype BulkChangeRows = 64;

    struct Row
    {
        QString promptId;
        QString clientId;
        QString workflow;
        bool running = false;
        int position = 0;
        int nodeTotal = 0;
        bool operator==(const Row &other) const = default;
    };
    // Per prompt, only while it is in the queue.
    struct Extra
    {
        int nodesDone = -1;
        QPixmap preview;
        qint64 seenRunningMs = 0;
    };
    QList<Row> rowsFromTracker() const;
    void refresh();
    void onProgress(const QString &promptId);
    void noteRunning();
    QVariant trackerData(const Row &row, int role) const;

    QPointer<PromptTracker> m_tracker;
    QString m_ourClientId;
    QList<Row> m_rows;
    QHash<QString, Extra> m_extras;
    QList<QMetaObject::Connection> m_connections;
};
