#include "resultsdock.h"

#include "comfyconnection.h"
#include "comfyevent.h"
#include "emptystatelistview.h"
#include "imagepreview.h"
#include "promptsummary.h"
#include "resultimages.h"
#include "resultsmodel.h"
#include "whenready.h"

#include <QAction>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>
#include <QSplitter>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {

constexpr int FullImagesKept = 4;
constexpr int SummariesKept = 1000;
constexpr int HandledKept = 5000;
constexpr int PrefetchesKept = 64;     // of prompts that never complete (failed later)
const QSize ThumbBox(96, 96);

} // namespace

ResultsDock::ResultsDock(QWidget *parent)
    : QDockWidget(tr("Results"), parent)
    , m_model(new ResultsModel(this))
    , m_cacheDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
                 + QStringLiteral("/results"))
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setObjectName(QStringLiteral("resultsDock"));
    setAccessibleName(tr("Results"));
    setAccessibleDescription(tr("Images of the prompts finished while ComfyDesk runs"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("resultsSplitter"));
    auto *top = new QWidget(splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(4, 4, 4, 4);
    m_preview = new ImagePreview(top);
    m_preview->setObjectName(QStringLiteral("resultPreview"));
    m_preview->setAccessibleName(tr("Selected result"));
    m_preview->setAccessibleDescription(tr("The selected image, fitted to the panel"));
    m_preview->setMessage(tr("Queue a workflow (Ctrl+Enter): its images show here as they "
                             "finish."));
    topLayout->addWidget(m_preview, 1);
    m_details = new QLabel(top);
    m_details->setObjectName(QStringLiteral("resultDetails"));
    m_details->setAccessibleName(tr("Result details"));
    m_details->setAccessibleDescription(tr("Prompt, seed, time and size of the selected image"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse
                                       | Qt::TextSelectableByKeyboard);
    m_details->setTextFormat(Qt::PlainText);
    topLayout->addWidget(m_details);

    m_list = new EmptyStateListView(splitter);
    m_list->setObjectName(QStringLiteral("resultsList"));
    m_list->setAccessibleName(tr("Finished images"));
    m_list->setAccessibleDescription(tr("Newest first; Enter or double-click opens one in "
                                        "the system's image viewer"));
    m_list->setViewMode(QListView::IconMode);
    m_list->setIconSize(ThumbBox);
    m_list->setGridSize(ThumbBox + QSize(16, 32));
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMovement(QListView::Static);
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEmptyText(tr("Finished images appear here."));
    m_list->setModel(m_model);
    splitter->addWidget(top);
    splitter->addWidget(m_list);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    setWidget(splitter);

    auto *open = new QAction(QIcon(QStringLiteral(":/icons/open-external.svg")),
                             tr("&Open in Image Viewer"), m_list);
    open->setObjectName(QStringLiteral("openResultAction"));
    open->setToolTip(tr("Open the selected image with the system's image viewer"));
    open->setStatusTip(open->toolTip());
    connect(open, &QAction::triggered, this, [this] { openSelected(); });
    m_list->addAction(open);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ResultsDock::showSelected);
    connect(m_list, &QAbstractItemView::activated, this, [this] { openSelected(); });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                const int row = m_list->currentIndex().row();
                if (row >= from.row() && row <= to.row())
                    showSelected();
            });
    connect(m_model, &ResultsModel::evicted, this, [this](quint64 key, const QString &path) {
        m_fullImages.removeIf([key](const Shown &entry) { return entry.key == key; });
        if (!path.isEmpty())
            (void)QtConcurrent::run([path] { QFile::remove(path); });
    });
    connect(m_preview, &ImagePreview::imagePainted, this, [this] {
        if (const ResultItem *item = m_model->item(m_shownKey))
            Q_EMIT previewPainted(item->promptId);
    });
}

ResultsDock::~ResultsDock() = default;

ComfyConnection *ResultsDock::connection() const
{
    return m_connection;
}

void ResultsDock::setCacheDir(const QString &dir)
{
    m_cacheDir = dir;
}

void ResultsDock::setOpener(Opener opener)
{
    m_opener = std::move(opener);
}

void ResultsDock::setConnection(ComfyConnection *connection)
{
    for (const QMetaObject::Connection &link : std::as_const(m_links))
        disconnect(link);
    m_links.clear();
    m_connection = connection;
    if (!connection)
        return;
    PromptTracker *tracker = &connection->tracker();
    m_links = {
        connect(tracker, &PromptTracker::statusChanged, this, &ResultsDock::onStatusChanged),
        connect(connection, &ComfyConnection::eventReceived, this,
                [this](const ComfyEvent &event) {
                    if (event.type == ComfyEvent::Type::Executed)
                        prefetch(event);
                }),
        connect(connection, &ComfyConnection::promptAccepted, this,
                [this](const QString &promptId, const QJsonObject &graph) {
                    rememberGraph(promptId, graph);
                }),
        // Other clients' graphs: seen while they run, or in their history.
        connect(tracker, &PromptTracker::queueChanged, this, [this, tracker] {
            for (const QueueEntry &entry : tracker->queue().running)
                rememberGraph(entry.promptId, entry.prompt);
        }),
        connect(connection, &ComfyConnection::historyRead, this,
                [this](const QJsonObject &history) {
                    for (auto it = history.begin(); it != history.end(); ++it) {
                        const QJsonArray item = it.value().toObject()
                                                    .value(QLatin1String("prompt")).toArray();
                        rememberGraph(it.key(), item.at(2).toObject());
                    }
                }),
    };
}

void ResultsDock::rememberGraph(const QString &promptId, const QJsonObject &graph)
{
    if (graph.isEmpty() || m_summaries.contains(promptId))
        return;
    if (m_summaries.size() >= SummariesKept)
        m_summaries.clear();    // rare; results already listed keep their own copy
    const PromptSummary summary = PromptSummary::fromGraph(graph);
    m_summaries.insert(promptId, summary);
    m_model->setSummary(promptId, summary);
}

void ResultsDock::onStatusChanged(const QString &promptId)
{
    if (!m_connection || m_handled.contains(promptId))
        return;
    const PromptStatus status = m_connection->tracker().status(promptId);
    if (status.state != PromptStatus::State::Completed || status.images.isEmpty())
        return;
    m_handled.insert(promptId);
    m_handledOrder.append(promptId);
    // The tracker forgets old finished prompts long before this, so none comes back.
    if (m_handledOrder.size() > HandledKept)
        m_handled.remove(m_handledOrder.takeFirst());
    const bool following = m_list->currentIndex().row() <= 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_outstanding.insert(promptId, int(status.images.size()));
    QList<quint64> keys;
    // Inserted last image first, so the prompt's first image ends on top.
    for (int i = int(status.images.size()) - 1; i >= 0; --i) {
        ResultItem item;
        item.promptId = promptId;
        item.imageIndex = i;
        item.image = status.images.at(i);
        item.finishedAtMs = now;
        item.executionTime = status.executionTime;
        item.hasSummary = m_summaries.contains(promptId);
        item.summary = m_summaries.value(promptId);
        keys.prepend(m_model->add(item));
    }
    if (following)
        selectRow(0);
    for (const quint64 key : std::as_const(keys))
        fetch(promptId, key);
}

static QString prefetchKey(const QString &promptId, const ImageRef &image)
{
    return promptId + QLatin1Char('\n') + image.type + QLatin1Char('\n') + image.subfolder
           + QLatin1Char('\n') + image.filename;
}

// ComfyUI's `executed` (sent to the submitting client only) names an output node's images
// as soon as they are written; the prompt is Completed only once its history is read. The
// fetch and decode start now, so the image is ready (or nearly) when the result is listed.
void ResultsDock::prefetch(const ComfyEvent &event)
{
    if (!m_connection || event.promptId.isEmpty() || m_handled.contains(event.promptId))
        return;
    const QJsonArray images = event.output.value(QLatin1String("images")).toArray();
    for (const QJsonValue &value : images) {
        const QJsonObject object = value.toObject();
        ImageRef ref;
        ref.filename = object.value(QLatin1String("filename")).toString();
        ref.subfolder = object.value(QLatin1String("subfolder")).toString();
        ref.type = object.value(QLatin1String("type")).toString();
        const QString key = prefetchKey(event.promptId, ref);
        if (ref.filename.isEmpty() || m_prefetched.contains(key))
            continue;
        if (m_prefetched.size() >= PrefetchesKept)
            m_prefetched.clear();   // rare: only prompts that failed after an output
        auto promise = std::make_shared<QPromise<ResultImages::Decoded>>();
        promise->start();
        m_prefetched.insert(key, promise->future());
        const QString path = m_cacheDir + QLatin1Char('/')
                             + ResultImages::fileNameFor(event.promptId, ref);
        ComfyReply *reply = m_connection->client().view(ref.filename, ref.subfolder, ref.type);
        const QSize fitBox = m_preview->fitSize();
        connect(reply, &ComfyReply::finished, this, [reply, promise, path, fitBox] {
            if (!reply->ok()) {
                ResultImages::Decoded failed;
                failed.error = reply->error().message;
                promise->addResult(failed);
                promise->finish();
                return;
            }
            QThreadPool::globalInstance()->start([promise, bytes = reply->data(), path, fitBox] {
                promise->addResult(ResultImages::storeAndDecode(bytes, path, ThumbBox, fitBox));
                promise->finish();
            });
        });
    }
}

void ResultsDock::fetch(const QString &promptId, quint64 key)
{
    const ResultItem *item = m_model->item(key);
    if (!item)
        return;
    const ImageRef ref = item->image;
    QFuture<ResultImages::Decoded> prefetched =
        m_prefetched.take(prefetchKey(promptId, ref));
    if (prefetched.isValid() && prefetched.isFinished()) {
        // Decoded while the history was read: shown now, not a turn of the event loop later
        // (busy with the new row then: 10-20 ms measured on a loaded machine).
        ResultImages::Decoded decoded;
        if (prefetched.resultCount() > 0)
            decoded = prefetched.result();
        else
            decoded.error = tr("the image could not be fetched");
        onDecoded(promptId, key, decoded);
        return;
    }
    if (prefetched.isValid()) {
        // A watcher, not QFuture::then(context): then() on a promise's future that may be
        // finished already was seen to crash in Qt 6.4 under load (the gallery's loader).
        auto *watcher = new QFutureWatcher<ResultImages::Decoded>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, promptId, key] {
            watcher->deleteLater();
            ResultImages::Decoded decoded;
            if (watcher->future().resultCount() > 0)
                decoded = watcher->result();
            else
                decoded.error = tr("the image could not be fetched");
            onDecoded(promptId, key, decoded);
        });
        watcher->setFuture(prefetched);
        return;
    }
    ComfyReply *reply = m_connection->client().view(ref.filename, ref.subfolder, ref.type);
    const QSize fitBox = m_preview->fitSize();
    connect(reply, &ComfyReply::finished, this, [this, reply, promptId, key, ref, fitBox] {
        if (!reply->ok()) {
            m_model->setFailed(key, reply->error().message);
            settle(promptId, false);
            return;
        }
        const QString path = m_cacheDir + QLatin1Char('/')
                             + ResultImages::fileNameFor(promptId, ref);
        whenReady(this, QtConcurrent::run(&ResultImages::storeAndDecode, reply->data(), path,
                                          ThumbBox, fitBox),
                  [this, promptId, key](const ResultImages::Decoded &decoded) {
            onDecoded(promptId, key, decoded);
        });
    });
}

void ResultsDock::onDecoded(const QString &promptId, quint64 key,
                            const ResultImages::Decoded &decoded)
{
    if (!decoded.error.isEmpty()) {
        m_model->setFailed(key, decoded.error);
        settle(promptId, false);
        return;
    }
    cacheFull(key, decoded.full, decoded.fitted);
    m_model->setReady(key, decoded.filePath, decoded.thumbnail, decoded.size);
    settle(promptId, true);
}

void ResultsDock::settle(const QString &promptId, bool loaded)
{
    if (loaded)
        ++m_loaded[promptId];
    if (--m_outstanding[promptId] > 0)
        return;
    m_outstanding.remove(promptId);
    Q_EMIT resultAdded(promptId, m_loaded.take(promptId));
}

void ResultsDock::cacheFull(quint64 key, const QImage &image, const QImage &fitted)
{
    m_fullImages.append({key, image, fitted});
    while (m_fullImages.size() > FullImagesKept)
        m_fullImages.removeFirst();
}

void ResultsDock::selectRow(int row)
{
    const QModelIndex index = m_model->index(row);
    m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
}

int ResultsDock::resultCount() const
{
    return m_model->rowCount();
}

QSize ResultsDock::selectedImageSize() const
{
    const ResultItem *item = m_model->itemAt(m_list->currentIndex().row());
    return item && item->state == ResultItem::State::Ready ? item->size : QSize();
}

QString ResultsDock::selectedPromptId() const
{
    const ResultItem *item = m_model->itemAt(m_list->currentIndex().row());
    return item ? item->promptId : QString();
}

bool ResultsDock::openSelected()
{
    const ResultItem *item = m_model->itemAt(m_list->currentIndex().row());
    if (!item || item->filePath.isEmpty() || !m_opener)
        return false;
    return m_opener(QUrl::fromLocalFile(item->filePath));
}

void ResultsDock::showSelected()
{
    showDetails();
    const ResultItem *item = m_model->itemAt(m_list->currentIndex().row());
    if (!item) {
        m_shownKey = 0;
        m_preview->setMessage(tr("Queue a workflow (Ctrl+Enter): its images show here as they "
                             "finish."));
        return;
    }
    if (item->key == m_shownKey && item->state == ResultItem::State::Ready
        && !m_preview->imageSize().isEmpty())
        return;     // a summary arrived: the image is the same
    m_shownKey = item->key;
    switch (item->state) {
    case ResultItem::State::Loading:
        m_preview->setMessage(tr("Loading %1…").arg(item->image.filename));
        return;
    case ResultItem::State::Failed:
        m_preview->setMessage(tr("Could not fetch %1:\n%2").arg(item->image.filename,
                                                                 item->error));
        return;
    case ResultItem::State::Ready:
        break;
    }
    for (const Shown &entry : std::as_const(m_fullImages)) {
        if (entry.key == item->key) {
            m_preview->setImage(entry.full, entry.fitted);
            return;
        }
    }
    // Not among the last few: read back from disk, off the UI thread.
    m_preview->setMessage(tr("Loading %1…").arg(item->image.filename));
    const quint64 key = item->key;
    const quint64 token = ++m_decodeToken;
    whenReady(this, QtConcurrent::run(&ResultImages::decodeFile, item->filePath),
              [this, key, token](const ResultImages::Decoded &decoded) {
        if (token != m_decodeToken || key != m_shownKey)
            return;     // another one was selected meanwhile
        if (!decoded.error.isEmpty()) {
            m_preview->setMessage(decoded.error);
            return;
        }
        cacheFull(key, decoded.full);
        m_preview->setImage(decoded.full);
    });
}

void ResultsDock::showDetails()
{
    const ResultItem *item = m_model->itemAt(m_list->currentIndex().row());
    if (!item) {
        m_details->clear();
        return;
    }
    QStringList lines;
    if (item->hasSummary && !item->summary.positive.isEmpty())
        lines.append(item->summary.positive);
    if (item->hasSummary && !item->summary.seed.isEmpty())
        lines.append(tr("Seed: %1").arg(item->summary.seed));
    const QDateTime finished = QDateTime::fromMSecsSinceEpoch(item->finishedAtMs);
    QString time = tr("Finished %1").arg(QLocale().toString(finished.time(),
                                                            QLocale::ShortFormat));
    if (item->executionTime >= 0)
        time += QStringLiteral(" · ")
                + tr("took %1 s").arg(QLocale().toString(item->executionTime, 'f', 1));
    if (item->state == ResultItem::State::Ready)
        time += QStringLiteral(" · ")
                + tr("%1 × %2").arg(item->size.width()).arg(item->size.height());
    lines.append(time);
    if (item->state == ResultItem::State::Failed)
        lines.append(tr("Fetch failed: %1").arg(item->error));
    m_details->setText(lines.join(QLatin1Char('\n')));
}
