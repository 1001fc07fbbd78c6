#include "imageviewer.h"

#include "imageview.h"
#include "viewerdetails.h"
#include "viewerfiles.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDrag>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QSplitter>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace {

constexpr int DefaultQuality = 90;

QList<QUrl> fileUrls(const ViewerImage &image)
{
    if (image.filePath.isEmpty() || !QFileInfo::exists(image.filePath))
        return {};
    return {QUrl::fromLocalFile(QFileInfo(image.filePath).absoluteFilePath())};
}

} // namespace

ImageViewer::ImageViewer(QWidget *parent)
    : QWidget(parent, Qt::Window)
{
    setObjectName(QStringLiteral("imageViewer"));
    setWindowTitle(tr("Image Viewer"));
    setAccessibleName(tr("Image Viewer"));
    setAccessibleDescription(tr("One image at full size with the details of the prompt that "
                                "made it."));

    m_view = new ImageView(this);
    m_view->setObjectName(QStringLiteral("viewerView"));
    m_compareView = new ImageView(this);
    m_compareView->setObjectName(QStringLiteral("viewerCompareView"));
    m_compareView->setAccessibleName(tr("Compared image"));
    m_compareView->hide();

    m_details = new QTextBrowser(this);
    m_details->setObjectName(QStringLiteral("viewerDetails"));
    m_details->setAccessibleName(tr("Image details"));
    m_details->setAccessibleDescription(tr("The prompt, seed, sampler, size, model, workflow, "
                                           "server and time of the image."));
    m_details->setOpenLinks(false);
    m_details->setMinimumWidth(240);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("viewerStatus"));
    m_status->setAccessibleName(tr("Image position and zoom"));
    m_status->setContentsMargins(6, 2, 6, 2);

    m_compareBox = new QComboBox(this);
    m_compareBox->setObjectName(QStringLiteral("viewerCompareMode"));
    m_compareBox->addItem(tr("No comparison"), int(CompareMode::Off));
    m_compareBox->addItem(tr("Side by side"), int(CompareMode::SideBySide));
    m_compareBox->addItem(tr("Slider"), int(CompareMode::Slider));
    m_compareBox->addItem(tr("Difference"), int(CompareMode::Difference));
    m_compareBox->setAccessibleName(tr("Compare mode"));
    m_compareBox->setAccessibleDescription(tr("How the compared image is shown: side by side, "
                                              "over the image with a split, or as the "
                                              "difference of the two."));
    m_compareBox->setToolTip(m_compareBox->accessibleDescription());
    connect(m_compareBox, &QComboBox::activated, this, [this](int row) {
        setCompareMode(CompareMode(m_compareBox->itemData(row).toInt()));
    });

    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("viewerToolBar"));
    m_toolBar->setAccessibleName(tr("Viewer tools"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    createActions();

    auto *views = new QWidget(this);
    auto *viewsLayout = new QHBoxLayout(views);
    viewsLayout->setContentsMargins(0, 0, 0, 0);
    viewsLayout->setSpacing(2);
    // The gap between two compared views is as dark as the views, not a bright line.
    views->setAutoFillBackground(true);
    QPalette dark = views->palette();
    dark.setColor(QPalette::Window, QColor(0x1a, 0x1a, 0x1d));
    views->setPalette(dark);
    viewsLayout->addWidget(m_view);
    viewsLayout->addWidget(m_compareView);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("viewerSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(views);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({760, 280});
    splitter->handle(1)->setAccessibleName(tr("Details width"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    // Side by side, either view leads: the other follows its zoom and position.
    connect(m_view, &ImageView::viewChanged, this, [this](double zoom, const QPointF &center) {
        if (m_mode == CompareMode::SideBySide && !m_compareView->image().isNull())
            m_compareView->setView(zoom, center);
        updateStatus();
    });
    connect(m_compareView, &ImageView::viewChanged, this,
            [this](double zoom, const QPointF &center) {
                if (m_mode == CompareMode::SideBySide && !m_view->image().isNull())
                    m_view->setView(zoom, center);
                updateStatus();
            });
    connect(m_view, &ImageView::dragOutRequested, this, [this] {
        if (const ViewerImage *image = currentImage())
            startDragOut(*image, m_pixels);
    });
    connect(m_compareView, &ImageView::dragOutRequested, this,
            [this] { startDragOut(m_other, m_otherPixels); });

    setDialogs({});
    resize(1100, 720);
    updateActions();
    updateStatus();
    m_view->setMessage(tr("No image."));
}

ImageViewer::~ImageViewer() = default;

QAction *ImageViewer::addViewerAction(const QString &objectName, const QString &text,
                                      const QString &description,
                                      const QList<QKeySequence> &keys, const QString &icon)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setToolTip(keys.isEmpty() ? description
                                      : tr("%1 (%2)").arg(description,
                                                          keys.first().toString(
                                                              QKeySequence::NativeText)));
    action->setStatusTip(description);
    if (!icon.isEmpty())
        action->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)));
    addAction(action);  // the shortcut works with the tool bar hidden (full screen) too
    return action;
}

void ImageViewer::createActions()
{
    m_previousAction = addViewerAction(QStringLiteral("viewerPreviousAction"), tr("Previous"),
                                       tr("Show the previous image"), {Qt::Key_Left});
    connect(m_previousAction, &QAction::triggered, this, &ImageViewer::showPrevious);
    m_nextAction = addViewerAction(QStringLiteral("viewerNextAction"), tr("Next"),
                                   tr("Show the next image"), {Qt::Key_Right});
    connect(m_nextAction, &QAction::triggered, this, &ImageViewer::showNext);

    m_fitAction = addViewerAction(QStringLiteral("viewerFitAction"), tr("Fit"),
                                  tr("Fit the whole image in the window"),
                                  {Qt::Key_F, QKeySequence(Qt::CTRL | Qt::Key_0)});
    connect(m_fitAction, &QAction::triggered, this, [this] {
        m_view->fit();
        if (m_compareView->isVisible())
            m_compareView->fit();
    });
    m_actualSizeAction = addViewerAction(QStringLiteral("viewerActualSizeAction"), tr("1:1"),
                                         tr("Show the image's true pixels, one per screen pixel"),
                                         {Qt::Key_1, QKeySequence(Qt::CTRL | Qt::Key_1)});
    m_actualSizeAction->setIconText(tr("1:1"));
    connect(m_actualSizeAction, &QAction::triggered, m_view, &ImageView::actualSize);
    m_zoomInAction = addViewerAction(QStringLiteral("viewerZoomInAction"), tr("Zoom In"),
                                     tr("Zoom in"),
                                     {Qt::Key_Plus, Qt::Key_Equal,
                                      QKeySequence(QKeySequence::ZoomIn)});
    m_zoomInAction->setIconText(tr("+"));
    connect(m_zoomInAction, &QAction::triggered, m_view, &ImageView::zoomIn);
    m_zoomOutAction = addViewerAction(QStringLiteral("viewerZoomOutAction"), tr("Zoom Out"),
                                      tr("Zoom out"),
                                      {Qt::Key_Minus, QKeySequence(QKeySequence::ZoomOut)});
    m_zoomOutAction->setIconText(tr("−"));
    connect(m_zoomOutAction, &QAction::triggered, m_view, &ImageView::zoomOut);

    m_copyAction = addViewerAction(QStringLiteral("viewerCopyAction"), tr("Copy"),
                                   tr("Copy the image and its file to the clipboard"),
                                   {QKeySequence(QKeySequence::Copy)}, QStringLiteral("copy"));
    connect(m_copyAction, &QAction::triggered, this, &ImageViewer::copyImage);
    m_saveAction = addViewerAction(QStringLiteral("viewerSaveAction"), tr("Save As…"),
                                   tr("Save the image as PNG (with its workflow), JPEG or WebP"),
                                   {QKeySequence(QKeySequence::Save),
                                    QKeySequence(QKeySequence::SaveAs)},
                                   QStringLiteral("save"));
    connect(m_saveAction, &QAction::triggered, this, &ImageViewer::saveAs);
    m_detailsAction = addViewerAction(QStringLiteral("viewerDetailsAction"), tr("Details"),
                                      tr("Show or hide the prompt's details"), {Qt::Key_I},
                                      QStringLiteral("info"));
    m_detailsAction->setCheckable(true);
    m_detailsAction->setChecked(true);
    connect(m_detailsAction, &QAction::toggled, m_details, &QWidget::setVisible);

    m_rerunAction = addViewerAction(QStringLiteral("viewerRerunAction"), tr("Re-run"),
                                    tr("Queue the prompt that made this image again"),
                                    {QKeySequence(Qt::CTRL | Qt::Key_R)},
                                    QStringLiteral("regenerate"));
    connect(m_rerunAction, &QAction::triggered, this, [this] {
        if (const ViewerImage *image = currentImage())
            Q_EMIT rerunRequested(image->entry);
    });
    m_openWorkflowAction = addViewerAction(QStringLiteral("viewerOpenWorkflowAction"),
                                           tr("Open Workflow"),
                                           tr("Open the workflow of this image in the editor"),
                                           {QKeySequence(Qt::CTRL | Qt::Key_O)},
                                           QStringLiteral("workflow"));
    connect(m_openWorkflowAction, &QAction::triggered, this, [this] {
        if (const ViewerImage *image = currentImage())
            Q_EMIT openWorkflowRequested(image->entry);
    });
    // The slider's split, from the keyboard too.
    m_splitLeftAction = addViewerAction(QStringLiteral("viewerSplitLeftAction"),
                                        tr("Move Split Left"),
                                        tr("Show more of the compared image"),
                                        {Qt::Key_BracketLeft});
    connect(m_splitLeftAction, &QAction::triggered, this,
            [this] { m_view->setSplitPosition(m_view->splitPosition() - 0.05); });
    m_splitRightAction = addViewerAction(QStringLiteral("viewerSplitRightAction"),
                                         tr("Move Split Right"),
                                         tr("Show more of the image"),
                                         {Qt::Key_BracketRight});
    connect(m_splitRightAction, &QAction::triggered, this,
            [this] { m_view->setSplitPosition(m_view->splitPosition() + 0.05); });

    m_fullScreenAction = addViewerAction(QStringLiteral("viewerFullScreenAction"),
                                         tr("Full Screen"),
                                         tr("Show the viewer on the whole screen"),
                                         {Qt::Key_F11});
    m_fullScreenAction->setCheckable(true);
    connect(m_fullScreenAction, &QAction::triggered, this, &ImageViewer::toggleFullScreen);
    m_leaveAction = addViewerAction(QStringLiteral("viewerLeaveAction"), tr("Leave"),
                                    tr("Leave full screen, or close the viewer"),
                                    {Qt::Key_Escape});
    connect(m_leaveAction, &QAction::triggered, this, [this] {
        if (isFullScreen())
            toggleFullScreen();
        else
            close();
    });

    m_toolBar->addAction(m_previousAction);
    m_toolBar->addAction(m_nextAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_fitAction);
    m_toolBar->addAction(m_actualSizeAction);
    m_toolBar->addAction(m_zoomInAction);
    m_toolBar->addAction(m_zoomOutAction);
    m_toolBar->addSeparator();
    m_toolBar->addWidget(m_compareBox);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_copyAction);
    m_toolBar->addAction(m_saveAction);
    m_toolBar->addAction(m_detailsAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_rerunAction);
    m_toolBar->addAction(m_openWorkflowAction);
    m_toolBar->addAction(m_fullScreenAction);
    // A reader hears what a button does, not only its one-word name.
    for (QAction *action : m_toolBar->actions()) {
        if (QWidget *button = m_toolBar->widgetForAction(action);
            button && qobject_cast<QToolButton *>(button)) {
            button->setAccessibleName(action->text().remove(QLatin1Char('&')));
            button->setAccessibleDescription(action->statusTip());
        }
    }
}

void ImageViewer::setDialogs(const Dialogs &dialogs)
{
    m_dialogs = dialogs;
    if (!m_dialogs.askSavePath) {
        m_dialogs.askSavePath = [this](const QString &suggested) {
            return QFileDialog::getSaveFileName(
                this, tr("Save Image As"), suggested,
                tr("PNG image, keeps the workflow (*.png);;JPEG image (*.jpg *.jpeg);;"
                   "WebP image (*.webp)"));
        };
    }
    if (!m_dialogs.askQuality) {
        m_dialogs.askQuality = [this](int initial) -> std::optional<int> {
            bool ok = false;
            const int quality = QInputDialog::getInt(
                this, tr("Image Quality"),
                tr("Quality, 1 to 100 (higher keeps more detail, makes a larger file):"),
                initial, 1, 100, 1, &ok);
            return ok ? std::optional<int>(quality) : std::nullopt;
        };
    }
    if (!m_dialogs.showProblem) {
        m_dialogs.showProblem = [this](const QString &problem) {
            QMessageBox::warning(this, tr("Image Viewer"), problem);
        };
    }
}

const ViewerImage *ImageViewer::currentImage() const
{
    return m_current >= 0 && m_current < m_images.size() ? &m_images.at(m_current) : nullptr;
}

void ImageViewer::setImages(const QList<ViewerImage> &images, int current)
{
    m_images = images;
    m_current = -1;
    setCurrentIndex(images.isEmpty() ? -1 : std::clamp(current, 0, int(images.size()) - 1));
}

void ImageViewer::setCurrentIndex(int index)
{
    if (index < -1 || index >= m_images.size())
        return;
    const bool changed = index != m_current;
    m_current = index;
    showCurrent();
    if (changed)
        Q_EMIT currentIndexChanged(index);
}

void ImageViewer::showPrevious()
{
    if (m_current > 0)
        setCurrentIndex(m_current - 1);
}

void ImageViewer::showNext()
{
    if (m_current + 1 < m_images.size())
        setCurrentIndex(m_current + 1);
}

void ImageViewer::decodeInPool(const QString &path, quint64 serial, bool other)
{
    auto *watcher = new QFutureWatcher<ViewerFiles::Decoded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, serial, other] {
        const ViewerFiles::Decoded decoded = watcher->result();
        watcher->deleteLater();
        if (other) {
            if (serial != m_otherSerial)
                return;     // the compared image changed meanwhile
            m_otherPixels = decoded.image;
            m_otherOverview = decoded.overview;
            m_otherProblem = decoded.error;
        } else {
            m_decodeRunning = false;
            if (serial != m_serial) {
                // The user stepped on meanwhile: now decode where they are.
                if (m_decoding)
                    decodeCurrent();
                return;
            }
            m_decoding = false;
            m_pixels = decoded.image;
            m_overview = decoded.overview;
            m_problem = decoded.error;
            if (!m_pixels.isNull())
                m_size = m_pixels.size();
        }
        applyCompareMode();
        updateStatus();
        updateActions();
    });
    watcher->setFuture(QtConcurrent::run(&ViewerFiles::decodeFile, path));
}

void ImageViewer::decodeCurrent()
{
    // One decode of the current image at a time: holding an arrow key over 8192×8192 images
    // must not start (and hold the memory of) a decode for every one passed.
    if (m_decodeRunning)
        return;     // its end starts the decode of whichever image is current then
    const ViewerImage *image = currentImage();
    if (!image)
        return;
    m_decodeRunning = true;
    decodeInPool(image->filePath, m_serial, false);
}

void ImageViewer::showCurrent()
{
    ++m_serial;
    ++m_differenceSerial;
    m_pixels = QImage();
    m_overview = QImage();
    m_difference = QImage();
    m_size = QSize();
    m_problem.clear();
    m_decoding = false;
    const ViewerImage *image = currentImage();
    if (!image) {
        m_problem = tr("No image.");
    } else {
        // The header only: the size is known (and shown) long before the pixels are.
        m_size = ViewerFiles::peekSize(image->filePath, &m_problem);
        if (m_problem.isEmpty()) {
            m_decoding = true;
            decodeCurrent();
        }
    }
    setWindowTitle(image && !image->filePath.isEmpty()
                       ? tr("%1 – Image Viewer").arg(QFileInfo(image->filePath).fileName())
                       : tr("Image Viewer"));
    updateDetails();
    applyCompareMode();
    updateStatus();
    updateActions();
}

void ImageViewer::compareWith(const ViewerImage &other)
{
    m_other = other;
    m_hasOther = true;
    m_otherPixels = QImage();
    m_difference = QImage();
    ++m_differenceSerial;
    loadOther();
    setCompareMode(m_mode == CompareMode::Off ? CompareMode::SideBySide : m_mode);
}

void ImageViewer::loadOther()
{
    ++m_otherSerial;
    m_otherPixels = QImage();
    m_otherOverview = QImage();
    QString problem;
    ViewerFiles::peekSize(m_other.filePath, &problem);
    m_otherProblem = problem;
    if (problem.isEmpty())
        decodeInPool(m_other.filePath, m_otherSerial, true);
}

void ImageViewer::setCompareMode(CompareMode mode)
{
    m_mode = m_hasOther ? mode : CompareMode::Off;
    m_compareBox->setCurrentIndex(m_compareBox->findData(int(m_mode)));
    applyCompareMode();
    updateActions();
    updateStatus();
}

void ImageViewer::applyCompareMode()
{
    auto show = [this](ImageView *view, const QImage &pixels, const QImage &overview,
                       const QString &problem, const QSize &size) {
        if (!pixels.isNull())
            view->setImage(pixels, overview);
        else if (!problem.isEmpty())
            view->setMessage(problem);
        else if (size.isValid())
            view->setMessage(tr("Loading… (%1 × %2)").arg(size.width()).arg(size.height()));
        else
            view->setMessage(tr("Loading…"));
    };
    const CompareMode mode = m_hasOther ? m_mode : CompareMode::Off;
    const bool sideBySide = mode == CompareMode::SideBySide;
    m_compareView->setVisible(sideBySide);
    if (mode == CompareMode::Difference) {
        if (!m_difference.isNull()) {
            m_view->setImage(m_difference);
        } else if (!m_problem.isEmpty() || !m_otherProblem.isEmpty()) {
            m_view->setMessage(m_problem.isEmpty() ? m_otherProblem : m_problem);
        } else if (!m_pixels.isNull() && !m_otherPixels.isNull()) {
            m_view->setMessage(tr("Computing the difference…"));
            startDifference();
        } else {
            m_view->setMessage(tr("Loading…"));
        }
        return;
    }
    show(m_view, m_pixels, m_overview, m_problem, m_size);
    m_view->setOverlay(mode == CompareMode::Slider && !m_pixels.isNull() ? m_otherPixels
                                                                         : QImage());
    if (sideBySide) {
        show(m_compareView, m_otherPixels, m_otherOverview, m_otherProblem, QSize());
        if (!m_view->isFitted())
            m_compareView->setView(m_view->zoom(), m_view->center());
    }
}

void ImageViewer::startDifference()
{
    const quint64 serial = m_differenceSerial;
    if (m_differenceStarted == serial)
        return;     // already computing this pair
    m_differenceStarted = serial;
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, serial] {
        const QImage difference = watcher->result();
        watcher->deleteLater();
        if (serial != m_differenceSerial)
            return;
        m_difference = difference;
        if (m_difference.isNull())
            m_view->setMessage(tr("The images do not overlap."));
        else if (m_mode == CompareMode::Difference)
            applyCompareMode();
    });
    watcher->setFuture(QtConcurrent::run(&ViewerFiles::difference, m_pixels, m_otherPixels));
}

void ImageViewer::updateDetails()
{
    const ViewerImage *image = currentImage();
    m_details->setHtml(image ? ViewerDetails::html(*image, m_size) : QString());
}

QString ImageViewer::detailsText() const
{
    return m_details->toPlainText();
}

void ImageViewer::updateStatus()
{
    QStringList parts;
    if (m_current >= 0)
        parts.append(tr("Image %1 of %2").arg(m_current + 1).arg(m_images.size()));
    if (m_size.isValid())
        parts.append(tr("%1 × %2").arg(m_size.width()).arg(m_size.height()));
    if (!m_view->image().isNull())
        parts.append(tr("%1 %").arg(qRound(m_view->zoom() * 100)));
    if (m_decoding)
        parts.append(tr("Loading…"));
    if (m_hasOther && m_mode != CompareMode::Off)
        parts.append(tr("Compared with %1").arg(QFileInfo(m_other.filePath).fileName()));
    parts.append(tr("Ctrl+drag the image to drag it out"));
    m_status->setText(parts.join(QStringLiteral("  ·  ")));
}

void ImageViewer::updateActions()
{
    const ViewerImage *image = currentImage();
    const bool shown = !m_view->image().isNull();
    m_previousAction->setEnabled(m_current > 0);
    m_nextAction->setEnabled(m_current + 1 < m_images.size());
    m_fitAction->setEnabled(shown);
    m_actualSizeAction->setEnabled(shown);
    m_zoomInAction->setEnabled(shown);
    m_zoomOutAction->setEnabled(shown);
    m_copyAction->setEnabled(image && (!m_pixels.isNull() || !fileUrls(*image).isEmpty()));
    m_saveAction->setEnabled(image && m_problem.isEmpty() && m_size.isValid());
    // A catalogued prompt can run again even when its graph is not loaded here: the
    // window that handles the request reads it from the catalogue.
    const bool runnable = image && (!image->entry.graph.isEmpty()
                                    || !image->entry.promptId.isEmpty());
    m_rerunAction->setEnabled(runnable);
    m_openWorkflowAction->setEnabled(runnable);
    m_compareBox->setEnabled(m_hasOther);
    m_splitLeftAction->setEnabled(m_hasOther && m_mode == CompareMode::Slider);
    m_splitRightAction->setEnabled(m_hasOther && m_mode == CompareMode::Slider);
}

void ImageViewer::copyImage()
{
    const ViewerImage *image = currentImage();
    if (!image)
        return;
    QGuiApplication::clipboard()->setMimeData(mimeDataFor(*image, m_pixels));
}

QMimeData *ImageViewer::mimeDataFor(const ViewerImage &image, const QImage &pixels)
{
    // Both: a file manager or chat takes the file (with its workflow), an image editor the
    // pixels.
    auto *mime = new QMimeData;
    mime->setUrls(fileUrls(image));
    if (!pixels.isNull())
        mime->setImageData(pixels);
    return mime;
}

void ImageViewer::startDragOut(const ViewerImage &image, const QImage &pixels)
{
    const QList<QUrl> urls = fileUrls(image);
    if (urls.isEmpty() && pixels.isNull())
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(mimeDataFor(image, pixels));
    if (!pixels.isNull()) {
        drag->setPixmap(QPixmap::fromImage(
            pixels.scaled(128, 128, Qt::KeepAspectRatio, Qt::FastTransformation)));
    }
    drag->exec(Qt::CopyAction);
}

void ImageViewer::saveAs()
{
    const ViewerImage *image = currentImage();
    if (!image || !m_problem.isEmpty() || !QFileInfo::exists(image->filePath)) {
        m_dialogs.showProblem(tr("There is no image file to save."));
        return;
    }
    const QString source = image->filePath;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    QString target = m_dialogs.askSavePath(QDir(folder).filePath(QFileInfo(source).fileName()));
    if (target.isEmpty())
        return;
    QByteArray format = ViewerFiles::formatForPath(target);
    if (format.isEmpty()) {
        target += QStringLiteral(".png");
        format = "png";
    }
    int quality = 100;
    if (format != "png") {
        const std::optional<int> chosen = m_dialogs.askQuality(DefaultQuality);
        if (!chosen)
            return;
        quality = *chosen;
    }
    // Encoding an 8192×8192 image takes seconds: written in the pool, reported when done.
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, target] {
        const QString error = watcher->result();
        watcher->deleteLater();
        if (!error.isEmpty())
            m_dialogs.showProblem(error);
        Q_EMIT saveFinished(target, error);
    });
    watcher->setFuture(
        QtConcurrent::run(&ViewerFiles::save, source, m_pixels, target, format, quality));
}

void ImageViewer::toggleFullScreen()
{
    if (isFullScreen())
        showNormal();
    else
        showFullScreen();
    m_fullScreenAction->setChecked(isFullScreen());
}
