#pragma once

#include <QAbstractListModel>
#include <QHash>
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
        StartedAtRole    // ms since the epoch, 0 if not started
    };

    explicit QueueModel(QObject *parent = nullptr);

    // The tracker to show (nullptr: none). ourClientId tells our prompts from others'.
    void setTracker(PromptTracker *tracker, const QString &ourClientId);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString promptIdAt(int row) const;
    int rowOf(const QString &promptId) const;

private:
    struct Row
    {
        QString promptId;
        QString clientId;
        QString workflow;
        bool running = false;
        int position = 0;
        bool operator==(const Row &other) const = default;
    };
    QList<Row> rowsFromTracker() const;
    void refresh();
    void onProgress(const QString &promptId);

    QPointer<PromptTracker> m_tracker;
    QString m_ourClientId;
    QList<Row> m_rows;
    QList<QMetaObject::Connection> m_connections;
};
