#pragma once

#include "promptstatus.h"
#include "promptsummary.h"

#include <QAbstractListModel>
#include <QPixmap>
#include <QSize>

// One image a finished prompt made, as the results panel lists it.
struct ResultItem
{
    enum class State { Loading, Ready, Failed };

    quint64 key = 0;            // stable while rows shift (newest are inserted on top)
    QString promptId;
    int imageIndex = 0;         // among the prompt's images
    ImageRef image;
    State state = State::Loading;
    QString error;              // Failed: why, in words for the user
    QString filePath;           // Ready: the bytes on disk, for the system viewer
    QPixmap thumbnail;
    QSize size;                 // of the full image
    qint64 finishedAtMs = 0;
    double executionTime = -1;  // seconds
    bool hasSummary = false;
    PromptSummary summary;
};

// The images of prompts finished while the app runs, newest first, at most limit() of
// them (the oldest go, and evicted() names their files so their owner can delete them).
// Only thumbnails are kept in memory; full images are read back from disk when shown.
class ResultsModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        PromptIdRole = Qt::UserRole + 1,
        StateRole,      // int(ResultItem::State)
        ErrorRole,
        FilePathRole,
        ImageSizeRole,
        SeedRole,
        PromptTextRole,
        FinishedAtRole
    };

    explicit ResultsModel(QObject *parent = nullptr);

    void setLimit(int limit);
    int limit() const { return m_limit; }

    // Inserts on top; returns its key.
    quint64 add(ResultItem item);
    void setReady(quint64 key, const QString &filePath, const QImage &thumbnail,
                  const QSize &size);
    void setFailed(quint64 key, const QString &error);
    void setSummary(const QString &promptId, const PromptSummary &summary);

    int rowOfKey(quint64 key) const;
    const ResultItem *itemAt(int row) const;
    const ResultItem *item(quint64 key) const { return itemAt(rowOfKey(key)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void evicted(quint64 key, const QString &filePath);

private:
    void trim();

    QList<ResultItem> m_items;
    quint64 m_nextKey = 1;
    int m_limit = 200;
};
