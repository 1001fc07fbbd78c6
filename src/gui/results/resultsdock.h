#pragma once

#include "resultimages.h"

#include <QDockWidget>
#include <QFuture>
#include <QHash>
#include <QImage>
#include <QPointer>
#include <QSet>

#include <functional>

class ComfyConnection;
struct ComfyEvent;
class EmptyStateListView;
class ImagePreview;
class QLabel;
class ResultsModel;
struct PromptSummary;

// The images of prompts finished while the app runs (any client's), newest first, as they
// finish: thumbnails below, the selected one fitted above with its prompt, seed, time and
// size. Each image is fetched once from the server, kept on disk in the cache folder (so
// the system viewer can open it) and decoded in the thread pool.
class ResultsDock final : public QDockWidget
{
    Q_OBJECT
public:
    // Opens a file with the system's viewer; tests replace it.
    using Opener = std::function<bool(const QUrl &url)>;

    explicit ResultsDock(QWidget *parent = nullptr);
    ~ResultsDock() override;

    void setConnection(ComfyConnection *connection);
    ComfyConnection *connection() const;
    // Where fetched images are written; default <CacheLocation>/results.
    void setCacheDir(const QString &dir);
    QString cacheDir() const { return m_cacheDir; }
    void setOpener(Opener opener);

    ResultsModel *model() const { return m_model; }
    int resultCount() const;
    // Of the selected result; invalid when none (or not loaded yet).
    QSize selectedImageSize() const;
    QString selectedPromptId() const;
    void selectRow(int row);
    // Opens the selected image with the opener; false if there is none or it failed.
    bool openSelected();

Q_SIGNALS:
    // Every image of a finished prompt has been fetched (imageCount of them loaded; the
    // others failed and say why on their items).
    void resultAdded(const QString &promptId, int imageCount);
    // The preview painted a newly selected image (for measuring how soon results show).
    void previewPainted(const QString &promptId);

private:
    void onStatusChanged(const QString &promptId);
    void fetch(const QString &promptId, quint64 key);
    void prefetch(const ComfyEvent &event);
    void onDecoded(const QString &promptId, quint64 key, const ResultImages::Decoded &decoded);
    void settle(const QString &promptId, bool loaded);
    void rememberGraph(const QString &promptId, const QJsonObject &graph);
    void showSelected();
    void showDetails();
    void cacheFull(quint64 key, const QImage &image, const QImage &fitted = {});

    QPointer<ComfyConnection> m_connection;
    QList<QMetaObject::Connection> m_links;
    ResultsModel *m_model = nullptr;
    EmptyStateListView *m_list = nullptr;
    ImagePreview *m_preview = nullptr;
    QLabel *m_details = nullptr;
    QString m_cacheDir;
    Opener m_opener;

    QSet<QString> m_handled;                        // prompts whose images were asked for
    QStringList m_handledOrder;                     // the same, oldest first (bounded)
    QHash<QString, int> m_outstanding;              // prompt -> images still being fetched
    QHash<QString, int> m_loaded;                   // prompt -> images loaded so far
    QHash<QString, PromptSummary> m_summaries;      // graphs seen, by prompt id
    struct Shown
    {
        quint64 key;
        QImage full;
        QImage fitted;  // full fitted to the preview when it was decoded (may be stale)
    };
    QList<Shown> m_fullImages;                      // the few last full images, newest last
    quint64 m_shownKey = 0;
    quint64 m_decodeToken = 0;
    // Decodes started when ComfyUI's `executed` named an image, by prompt and image: the
    // prompt is Completed only after its history is read, tens of ms later.
    QHash<QString, QFuture<ResultImages::Decoded>> m_prefetched;
};
