#pragma once

#include "viewerimage.h"

#include <QImage>
#include <QList>
#include <QWidget>

#include <functional>
#include <optional>

class ImageView;
class QAction;
class QComboBox;
class QLabel;
class QMimeData;
class QTextBrowser;
class QToolBar;

// The image viewer window: one image of the history or the gallery at full size, with its
// prompt's details beside it, stepping through a list with the arrow keys, comparing with a
// second image (side by side, slider, difference), copying, saving, dragging out, re-running.
// Files are decoded in the thread pool: the window shows the details and the size (read from
// the file's header) at once and the pixels when they are ready; the UI thread never decodes.
// Previous/Next stop at the ends of the list (they do not wrap).
class ImageViewer final : public QWidget
{
    Q_OBJECT
public:
    // The dialogs the viewer asks; replaced by tests. Defaults: QFileDialog, QInputDialog,
    // QMessageBox.
    struct Dialogs
    {
        // Where to save, starting from suggestedPath; empty when cancelled.
        std::function<QString(const QString &suggestedPath)> askSavePath;
        // JPEG / WebP quality 1-100, or nullopt when cancelled.
        std::function<std::optional<int>(int initialQuality)> askQuality;
        std::function<void(const QString &problem)> showProblem;
    };

    explicit ImageViewer(QWidget *parent = nullptr);
    ~ImageViewer() override;

    void setDialogs(const Dialogs &dialogs);

    void setImages(const QList<ViewerImage> &images, int current);
    int currentIndex() const { return m_current; }
    int count() const { return int(m_images.size()); }
    void setCurrentIndex(int index);

    // Shows other next to the current image (side by side unless a compare mode is on).
    void compareWith(const ViewerImage &other);
    void setCompareMode(CompareMode mode);
    CompareMode compareMode() const { return m_mode; }

    ImageView *view() const { return m_view; }              // the left / main view
    ImageView *compareView() const { return m_compareView; } // the right one, side by side
    QString detailsText() const;                            // the details panel, as plain text
    bool isDecoding() const { return m_decoding; }

public Q_SLOTS:
    void showPrevious();
    void showNext();
    void copyImage();
    void saveAs();
    void toggleFullScreen();

Q_SIGNALS:
    void rerunRequested(const CatalogueEntry &entry);
    void openWorkflowRequested(const CatalogueEntry &entry);
    void currentIndexChanged(int index);
    // A save finished: error is empty when the file was written.
    void saveFinished(const QString &path, const QString &error);

private:
    void createActions();
    QAction *addViewerAction(const QString &objectName, const QString &text,
                             const QString &description, const QList<QKeySequence> &keys,
                             const QString &icon = {});
    void showCurrent();
    void loadOther();
    void applyCompareMode();
    void startDifference();
    void updateDetails();
    void updateStatus();
    void updateActions();
    void startDragOut(const ViewerImage &image, const QImage &pixels);
    static QMimeData *mimeDataFor(const ViewerImage &image, const QImage &pixels);
    const ViewerImage *currentImage() const;
    void decodeInPool(const QString &path, quint64 serial, bool other);
    void decodeCurrent();

    Dialogs m_dialogs;
    QList<ViewerImage> m_images;
    int m_current = -1;
    QImage m_pixels;            // the current image, decoded; null while loading
    QImage m_overview;          // m_pixels shrunk, for large images (ViewerFiles::Decoded)
    QSize m_size;               // its size from the file's header (known before decoding)
    QString m_problem;          // why the current image cannot be shown
    ViewerImage m_other;
    bool m_hasOther = false;
    QImage m_otherPixels;
    QImage m_otherOverview;
    QString m_otherProblem;
    QImage m_difference;
    CompareMode m_mode = CompareMode::Off;
    quint64 m_serial = 0;       // increases with every load, so a late decode is dropped
    quint64 m_otherSerial = 0;
    quint64 m_differenceSerial = 0;
    quint64 m_differenceStarted = 0;
    bool m_decoding = false;        // the current image's pixels are awaited
    bool m_decodeRunning = false;   // a decode for the current slot is in the pool

    QToolBar *m_toolBar = nullptr;
    ImageView *m_view = nullptr;
    ImageView *m_compareView = nullptr;
    QTextBrowser *m_details = nullptr;
    QLabel *m_status = nullptr;
    QComboBox *m_compareBox = nullptr;
    QAction *m_previousAction = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_fitAction = nullptr;
    QAction *m_actualSizeAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_detailsAction = nullptr;
    QAction *m_rerunAction = nullptr;
    QAction *m_openWorkflowAction = nullptr;
    QAction *m_splitLeftAction = nullptr;
    QAction *m_splitRightAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_leaveAction = nullptr;
};
