// MainWindow, part three: the history browser over the local catalogue, and what its
// actions ask of the workbench (re-run, load into the editor, delete from ComfyUI).
#include "mainwindow.h"

#include "catalogue.h"
#include "comfyconnection.h"
#include "historydetails.h"
#include "gallerymodel.h"
#include "galleryview.h"
#include "historydock.h"
#include "imageviewer.h"
#include "viewerimage.h"
#include "jsonnumberliteral.h"
#include "parametereditor.h"
#include "workflowlistdock.h"
#include "workflowstore.h"

#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QStatusBar>

void MainWindow::createHistoryDock()
{
    m_historyDock = new HistoryDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
    resizeDocks({m_historyDock}, {260}, Qt::Vertical);
    m_historyDock->setWorkflowStore(&m_workflows);
    m_historyDock->setWorkflowNames(m_workflows.names());
    connect(m_workflowDock, &WorkflowListDock::workflowFileChanged, this,
            [this] { m_historyDock->setWorkflowNames(m_workflows.names()); });
    connect(m_historyDock, &HistoryDock::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_historyDock, &HistoryDock::rerunRequested, this, &MainWindow::rerunEntries);
    connect(m_historyDock, &HistoryDock::loadRequested, this,
            &MainWindow::loadEntryIntoEditor);
    connect(m_historyDock, &HistoryDock::openRequested, this, [this](const CatalogueEntry &entry) {
        QList<ViewerImage> images;
        for (int i = 0; i < entry.images.size(); ++i)
            images.append({entry.images.at(i).cachedPath, entry, i});
        if (images.isEmpty())
            announce(tr("This prompt has no images to show."));
        else
            showImages(images, 0);
    });
    connect(m_historyDock, &HistoryDock::deleteFromServerRequested, this,
            [this](const QStringList &ids) {
        if (!m_connection)
            return;
        ComfyReply *reply = m_connection->client().deleteHistory(ids);
        connect(reply, &ComfyReply::finished, this, [this, reply, count = ids.size()] {
            announce(reply->ok()
                         ? tr("Removed %n prompt(s) from ComfyUI's history.", nullptr,
                              int(count))
                         : tr("ComfyUI did not remove them: %1").arg(reply->error().message));
        });
    });
}

namespace {
// How far the viewer's arrows reach on either side of an image opened from the gallery.
constexpr int ViewerNeighbours = 500;
}

void MainWindow::createGalleryDock()
{
    m_galleryDock = new QDockWidget(tr("Gallery"), this);
    m_galleryDock->setObjectName(QStringLiteral("galleryDock"));
    m_galleryDock->setAccessibleName(tr("Gallery"));
    m_galleryDock->setAccessibleDescription(tr("Every image in the catalogue, newest first"));
    m_gallery = new GalleryView(m_galleryDock);
    m_galleryDock->setWidget(m_gallery);
    addDockWidget(Qt::BottomDockWidgetArea, m_galleryDock);
    tabifyDockWidget(m_historyDock, m_galleryDock);
    m_historyDock->raise();
    // One search for both: the gallery shows the images of the prompts the history lists.
    connect(m_historyDock, &HistoryDock::queryChanged, m_gallery, &GalleryView::setQuery);
    connect(m_gallery, &GalleryView::imageActivated, this,
            [this](const CatalogueEntry &entry, int imageIndex) {
        // Arrows step through the selection when several are selected, else through
        // every image the gallery has loaded (the current search), in its order.
        const QList<QPair<CatalogueEntry, int>> selected = m_gallery->selectedImages();
        QList<ViewerImage> images;
        int current = 0;
        auto add = [&](const CatalogueEntry &e, int index) {
            if (e.promptId == entry.promptId && index == imageIndex)
                current = int(images.size());
            images.append({e.images.value(index).cachedPath, e, index});
        };
        if (selected.size() > 1) {
            for (const auto &[e, index] : selected)
                add(e, index);
        } else {
            // The images around it (after scrolling through everything the gallery may
            // hold 200,000; copying them all would stall the window).
            const GalleryModel *model = m_gallery->model();
            const int at = qMax(0, model->rowOfImage(entry.images.value(imageIndex).rowId));
            const int last = qMin(model->rowCount(), at + ViewerNeighbours + 1);
            for (int row = qMax(0, at - ViewerNeighbours); row < last; ++row)
                add(model->entryAt(row), model->imageIndexAt(row));
        }
        if (images.isEmpty())
            images.append({entry.images.value(imageIndex).cachedPath, entry, imageIndex});
        showImages(images, current);
    });
    connect(m_gallery, &GalleryView::compareRequested, this,
            [this](const CatalogueEntry &first, int firstImage, const CatalogueEntry &second,
                   int secondImage) {
        ImageViewer *viewer = showImages(
            {{first.images.value(firstImage).cachedPath, first, firstImage}}, 0);
        viewer->compareWith({second.images.value(secondImage).cachedPath, second, secondImage});
        viewer->setCompareMode(CompareMode::SideBySide);
    });
    connect(m_gallery, &GalleryView::deleteRequested, m_historyDock,
            &HistoryDock::deletePrompts);
    connect(m_gallery, &GalleryView::exportRequested, m_historyDock,
            &HistoryDock::exportPrompts);
}

void MainWindow::setCatalogue(Catalogue *catalogue)
{
    m_catalogue = catalogue;
    m_historyDock->setCatalogue(catalogue);
    m_gallery->setCatalogue(catalogue);
    m_gallery->setQuery(m_historyDock->currentQuery());
}

ImageViewer *MainWindow::showImages(const QList<ViewerImage> &images, int current)
{
    if (!m_viewer) {
        m_viewer = new ImageViewer(this);
        m_viewer->resize(1100, 750);
        connect(m_viewer, &ImageViewer::rerunRequested, this,
                [this](const CatalogueEntry &entry) {
            withGraph(entry, [this](const CatalogueEntry &full) { rerunEntries({full}); });
        });
        connect(m_viewer, &ImageViewer::openWorkflowRequested, this,
                [this](const CatalogueEntry &entry) {
            withGraph(entry, [this](const CatalogueEntry &full) {
                loadEntryIntoEditor(full);
                activateWindow();
            });
        });
    }
    m_viewer->setImages(images, current);
    m_viewer->show();
    m_viewer->raise();
    m_viewer->activateWindow();
    return m_viewer;
}

void MainWindow::withGraph(const CatalogueEntry &entry,
                           const std::function<void(const CatalogueEntry &)> &done)
{
    if (!entry.graph.isEmpty() || !m_catalogue) {
        done(entry);
        return;
    }
    m_catalogue->entry(entry.promptId, this,
                       [this, done, id = entry.promptId](const std::optional<CatalogueEntry> &full) {
        if (full)
            done(*full);
        else
            announce(tr("Prompt %1 is no longer in the catalogue.").arg(id));
    });
}

// As it ran: the same graph, seed included (its digits kept: the catalogue reads big
// integers back marked, and submit() writes them out as they were).
void MainWindow::rerunEntries(const QList<CatalogueEntry> &entries)
{
    if (!m_connection || entries.isEmpty())
        return;
    QPointer<ComfyConnection> connection = m_connection;
    for (const CatalogueEntry &entry : entries) {
        if (entry.graph.isEmpty()) {
            announce(tr("Prompt %1 has no graph to run again.").arg(entry.promptId));
            continue;
        }
        SubmitOptions options;
        options.workflowName = entry.workflow;
        ComfyReply *reply = connection->submit(entry.graph, options);
        const QString workflow = entry.workflow.isEmpty() ? tr("another client's prompt")
                                                          : entry.workflow;
        connect(reply, &ComfyReply::finished, this, [this, reply, workflow] {
            if (!reply->ok()) {
                announce(tr("ComfyUI refused “%1”: %2").arg(workflow, reply->error().message));
                return;
            }
            const QString id = reply->object().value(QLatin1String("prompt_id")).toString();
            m_ourRuns.insert(id, workflow);
            announce(tr("Queued “%1” again.").arg(workflow));
            Q_EMIT runsQueued({id});
        });
    }
}

// The workflow file opens as usual, then the run's values are written over it input by
// input, so the file's layout stays and saving shows just these edits.
void MainWindow::loadEntryIntoEditor(const CatalogueEntry &entry)
{
    if (entry.workflow.isEmpty() || !m_workflows.contains(entry.workflow)) {
        announce(entry.workflow.isEmpty()
                     ? tr("This prompt came from another client: it has no workflow file. "
                          "Re-run it, or save its image and import that.")
                     : tr("The workflow “%1” is no longer in the folder.").arg(entry.workflow));
        return;
    }
    if (!openWorkflow(entry.workflow))
        return;
    WorkflowDocument document = m_editor->document();
    int changed = 0;
    for (const HistoryDetails::Difference &difference :
         HistoryDetails::differences(entry.graph, document.graph())) {
        const QJsonValue value = entry.graph.value(difference.node).toObject()
                                     .value(QLatin1String("inputs")).toObject()
                                     .value(difference.input);
        const QByteArray literal = JsonNumberLiteral::unmark(
            QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
        // "[value]": the value's own literal is between the brackets.
        if (document.setInputLiteral(difference.node, difference.input,
                                     literal.mid(1, literal.size() - 2)))
            ++changed;
    }
    m_editor->setDocument(entry.workflow, document);
    announce(tr("Loaded the parameters of %1 into “%2” (%n value(s) changed).", nullptr,
                changed).arg(entry.promptId, entry.workflow));
}
