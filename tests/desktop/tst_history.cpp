// The history browser as an artist uses it, on the real catalogue the app keeps, against
// the simulator: what was made survives restarts of ComfyUI and of the app, search finds
// it, stars and tags stay, re-run and re-queue run to completion, delete forgets exactly
// what was asked.
#include "workbenchfixture.h"

#include "catalogue.h"
#include "comfyclient.h"
#include "comfyconnection.h"
#include "emptystatelistview.h"
#include "emptystatetableview.h"
#include "gallerymodel.h"
#include "galleryview.h"
#include "historydock.h"
#include "historymodel.h"
#include "uilanguage.h"
#include "imageview.h"
#include "imageviewer.h"
#include "parametereditor.h"
#include "workflowdocument.h"
#include "jsonnumberliteral.h"
#include "simprompts.h"

#include <QAction>
#include <QDirIterator>
#include <QHeaderView>
#include <QJsonArray>
#include <QListView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDockWidget>
#include <QPixmap>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QSlider>
#include <QTest>
#include <QTextBrowser>

using namespace SimPrompts;

namespace {

constexpr int Timeout = 30000;

QAction *historyAction(MainWindow &window, const char *name)
{
    return window.historyDock()->findChild<QAction *>(QLatin1String(name));
}

// Selects the rows of these prompts in the history view, as clicks with Ctrl would.
bool selectPrompts(HistoryDock &dock, const QStringList &ids)
{
    QItemSelection selection;
    for (const QString &id : ids) {
        const int row = dock.model()->rowOf(id);
        if (row < 0)
            return false;
        selection.select(dock.model()->index(row, 0),
                         dock.model()->index(row, HistoryModel::ColumnCount - 1));
    }
    dock.view()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    dock.view()->selectionModel()->setCurrentIndex(selection.indexes().value(0),
                                                   QItemSelectionModel::NoUpdate);
    return true;
}

// Waits for the catalogue to hold every write so far.
bool flushCatalogue(Catalogue &catalogue)
{
    bool done = false;
    catalogue.flush(&catalogue, [&done](bool) { done = true; });
    return QTest::qWaitFor([&] { return done; }, Timeout);
}

std::optional<CatalogueEntry> readEntry(Catalogue &catalogue, const QString &id)
{
    std::optional<CatalogueEntry> found;
    bool done = false;
    catalogue.entry(id, &catalogue, [&](const std::optional<CatalogueEntry> &entry) {
        found = entry;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, Timeout))
        qWarning() << "the catalogue did not answer for" << id;
    return found;
}

// The prompt has finished and the catalogue has its images on disk.
bool finishedWithImages(Catalogue &catalogue, const QString &id)
{
    return QTest::qWaitFor([&] {
        const std::optional<CatalogueEntry> entry = readEntry(catalogue, id);
        return entry && entry->status == QLatin1String("completed") && !entry->images.isEmpty()
               && !entry->images.first().cachedPath.isEmpty();
    }, Timeout);
}

HistoryDock::Dialogs answering(const QString &text)
{
    HistoryDock::Dialogs dialogs;
    dialogs.confirm = [](const QString &) { return true; };
    dialogs.askText = [text](const QString &, const QString &, const QString &, bool) {
        return std::optional<QString>(text);
    };
    dialogs.askSaveFile = [](const QString &, const QString &, const QString &) {
        return QString();
    };
    return dialogs;
}

} // namespace

class TestHistory final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Three prompts run; ComfyUI restarts (its history is gone) and so does the app: all
    // three are in the history with their images; a word of one prompt finds exactly it;
    // its star and tag are still there.
    void survivesRestartsSearchStarsAndTags()
    {
        QTemporaryDir kept;
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        const QStringList texts{QStringLiteral("a lighthouse at dusk"),
                                QStringLiteral("a quiet forest lake"),
                                QStringLiteral("山水画, misty mountains")};
        QStringList ids;
        {
            Workbench bench(sim.baseUrl(), kept.path());
            ComfyConnection &connection = bench.services->servers().current();
            QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected,
                                      Timeout);
            for (int i = 0; i < texts.size(); ++i) {
                SubmitOptions options;
                options.workflowName = QStringLiteral("sd_txt2img");
                ids.append(submit(connection, txt2img(1000 + i, 2, 64, 64, texts.at(i)),
                                  options));
                QVERIFY(!ids.last().isEmpty());
            }
            Catalogue &catalogue = *bench.services->catalogue();
            for (const QString &id : std::as_const(ids))
                QVERIFY2(finishedWithImages(catalogue, id), qPrintable(id));

            HistoryDock &dock = *bench.window->historyDock();
            dock.setDialogs(answering(QStringLiteral("keeper, 灯塔")));
            QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowCount(), 3, Timeout);
            QCOMPARE(dock.model()->entryAt(0)->promptId, ids.last());   // newest first
            QVERIFY(selectPrompts(dock, {ids.first()}));
            historyAction(*bench.window, "historyStarAction")->trigger();
            historyAction(*bench.window, "historyTagsAction")->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(
                dock.model()->entryAt(dock.model()->rowOf(ids.first()))->starred, Timeout);
            QVERIFY(flushCatalogue(catalogue));
            keepScreenshot(*bench.window, QStringLiteral("history-en"));
            // Larger thumbnails, chosen with the gallery's slider, are kept for next time.
            auto *slider = bench.window->galleryView()->findChild<QSlider *>(
                QStringLiteral("gallerySizeSlider"));
            QVERIFY(slider);
            slider->setValue(192);
            QCOMPARE(bench.window->galleryView()->thumbnailSize(), 192);
            QVERIFY(bench.window->close());
        }
        sim.restart();      // ComfyUI forgets its history

        Workbench bench(sim.baseUrl(), kept.path());
        HistoryDock &dock = *bench.window->historyDock();
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowCount(), 3, Timeout);
        for (const QString &id : std::as_const(ids)) {
            const CatalogueEntry *entry = dock.model()->entryAt(dock.model()->rowOf(id));
            QVERIFY(entry);
            QCOMPARE(entry->status, QStringLiteral("completed"));
            QCOMPARE(entry->images.size(), 1);
            QVERIFY(QFile::exists(entry->images.first().cachedPath));
        }
        // The gallery too: one image per prompt, newest first, at the size chosen before.
        QCOMPARE(bench.window->galleryView()->thumbnailSize(), 192);
        GalleryModel &gallery = *bench.window->galleryView()->model();
        QTRY_COMPARE_WITH_TIMEOUT(gallery.rowCount(), 3, Timeout);
        QCOMPARE(gallery.entryAt(0).promptId, ids.last());
        const CatalogueEntry *starred = dock.model()->entryAt(dock.model()->rowOf(ids.first()));
        QVERIFY(starred->starred);
        QCOMPARE(starred->tags, (QStringList{QStringLiteral("keeper"), QStringLiteral("灯塔")}));

        // A word of one prompt, typed as a user types: exactly that prompt.
        auto *search = dock.findChild<QLineEdit *>(QStringLiteral("historySearch"));
        QVERIFY(search);
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("lighthouse"));
        QTRY_VERIFY_WITH_TIMEOUT(dock.model()->rowCount() == 1
                                     && dock.model()->entryAt(0)->promptId == ids.first(),
                                 Timeout);
        // The gallery follows the same search.
        QTRY_VERIFY_WITH_TIMEOUT(gallery.rowCount() == 1
                                     && gallery.entryAt(0).promptId == ids.first(), Timeout);
        // Chinese words find theirs too.
        search->setText(QStringLiteral("山水画"));
        QTRY_VERIFY_WITH_TIMEOUT(dock.model()->rowCount() == 1
                                     && dock.model()->entryAt(0)->promptId == ids.last(),
                                 Timeout);
        // No match: the list says so rather than showing an empty grid.
        search->setText(QStringLiteral("zeppelin"));
        auto *table = static_cast<EmptyStateTableView *>(dock.view());
        QTRY_VERIFY_WITH_TIMEOUT(dock.model()->rowCount() == 0
                                     && table->emptyText()
                                            == QLatin1String("No prompts match this search."),
                                 Timeout);
        QVERIFY(table->isShowingEmptyText());
        search->clear();
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowCount(), 3, Timeout);

        // The details say what differs from the workflow file: the prompt text we wrote.
        QVERIFY(selectPrompts(dock, {ids.first()}));
        auto *details = dock.findChild<QTextBrowser *>(QStringLiteral("historyDetails"));
        QTRY_VERIFY_WITH_TIMEOUT(details->toPlainText().contains(
                                     QLatin1String("Changed from the workflow file")), Timeout);
        QVERIFY(details->toPlainText().contains(QLatin1String("a lighthouse at dusk")));
        search->setText(QStringLiteral("lighthouse"));
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowCount(), 1, Timeout);
        QVERIFY(selectPrompts(dock, {ids.first()}));
        keepScreenshot(*bench.window, QStringLiteral("history-search-en"));
    }

    // A prompt that finishes while the history is open appears on top, without a reload.
    void growsLiveWithoutReset()
    {
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected,
                                  Timeout);
        HistoryDock &dock = *bench.window->historyDock();
        const QString first = submit(connection, txt2img(1, 1));
        QTRY_VERIFY_WITH_TIMEOUT(dock.model()->rowOf(first) >= 0, Timeout);
        GalleryModel &gallery = *bench.window->galleryView()->model();
        QTRY_VERIFY_WITH_TIMEOUT(gallery.rowCount() == 1, Timeout);
        QSignalSpy resets(dock.model(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(dock.model(), &QAbstractItemModel::rowsInserted);
        QSignalSpy galleryResets(&gallery, &QAbstractItemModel::modelReset);
        QSignalSpy galleryInserted(&gallery, &QAbstractItemModel::rowsInserted);
        const QString second = submit(connection, txt2img(2, 1));
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowOf(second), 0, Timeout);
        QCOMPARE(resets.count(), 0);
        QVERIFY(inserted.count() >= 1);
        // The gallery grows by the new image, on top, without a reload.
        QTRY_VERIFY_WITH_TIMEOUT(gallery.rowCount() == 2
                                     && gallery.entryAt(0).promptId == second, Timeout);
        QCOMPARE(galleryResets.count(), 0);
        QVERIFY(galleryInserted.count() >= 1);
        // Its row follows it to the end: completed, with a thumbnail of its image.
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->data(dock.model()->index(0, 0),
                                                     HistoryModel::StatusNameRole).toString(),
                                  QStringLiteral("completed"), Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(!dock.model()->index(0, HistoryModel::PromptColumn)
                                      .data(Qt::DecorationRole).value<QImage>().isNull(),
                                 Timeout);

        // Enter on the gallery's first image opens the viewer over the gallery's images.
        bench.window->galleryDock()->raise();
        QListView *grid = bench.window->galleryView()->listView();
        grid->setFocus();
        grid->setCurrentIndex(gallery.index(0));
        QTest::keyClick(grid, Qt::Key_Return);
        ImageViewer *viewer = bench.window->imageViewer();
        QVERIFY(viewer);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->isVisible(), Timeout);
        QCOMPARE(viewer->count(), 2);
        QCOMPARE(viewer->currentIndex(), 0);
        viewer->showNext();
        QCOMPARE(viewer->currentIndex(), 1);
    }

    // Re-run from the history queues the same graph, every digit of a 64-bit seed kept,
    // and it completes.
    void rerunQueuesTheSameGraph()
    {
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected,
                                  Timeout);
        QJsonObject graph = txt2img(0, 2, 64, 64, QStringLiteral("re-run me"));
        // The largest seed ComfyUI takes, as digits: a double would round it.
        setInput(graph, QStringLiteral("3"), QStringLiteral("seed"),
                 JsonNumberLiteral::mark(QStringLiteral("18446744073709551615")));
        SubmitOptions options;
        options.workflowName = QStringLiteral("sd_txt2img");
        const QString original = submit(connection, graph, options);
        Catalogue &catalogue = *bench.services->catalogue();
        QVERIFY(finishedWithImages(catalogue, original));
        HistoryDock &dock = *bench.window->historyDock();
        QTRY_VERIFY_WITH_TIMEOUT(dock.model()->rowOf(original) >= 0, Timeout);
        QVERIFY(selectPrompts(dock, {original}));
        QSignalSpy queued(bench.window.get(), &MainWindow::runsQueued);
        historyAction(*bench.window, "historyRerunAction")->trigger();
        QVERIFY(queued.wait(Timeout));
        const QString again = queued.first().first().toStringList().value(0);
        QVERIFY(!again.isEmpty() && again != original);
        QVERIFY(finishedWithImages(catalogue, again));
        // What ComfyUI ran: the same graph, the seed's every digit.
        QNetworkAccessManager nam;
        ComfyClient client(nam);
        client.setBaseUrl(sim.baseUrl());
        ComfyReply *reply = client.historyFor(again);
        QSignalSpy read(reply, &ComfyReply::finished);
        QVERIFY(read.wait(Timeout));
        QVERIFY(reply->data().contains("\"seed\":18446744073709551615")
                || reply->data().contains("\"seed\": 18446744073709551615"));
        const std::optional<CatalogueEntry> first = readEntry(catalogue, original);
        const std::optional<CatalogueEntry> second = readEntry(catalogue, again);
        QVERIFY(first && second);
        QCOMPARE(second->summary.seed, QStringLiteral("18446744073709551615"));
        QCOMPARE(second->graph, first->graph);
    }

    // Enter on a history row opens its images in the viewer; the viewer's Re-run queues
    // the same graph, and it completes.
    void viewerOpensFromHistoryAndReruns()
    {
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected,
                                  Timeout);
        SubmitOptions options;
        options.workflowName = QStringLiteral("sd_txt2img");
        const QString original = submit(connection, txt2img(99, 2, 96, 64,
                                                            QStringLiteral("from the viewer")),
                                        options);
        Catalogue &catalogue = *bench.services->catalogue();
        QVERIFY(finishedWithImages(catalogue, original));
        HistoryDock &dock = *bench.window->historyDock();
        QTRY_VERIFY_WITH_TIMEOUT(dock.model()->rowOf(original) >= 0
                                     && !dock.model()->entryAt(dock.model()->rowOf(original))
                                             ->images.isEmpty(), Timeout);
        QVERIFY(selectPrompts(dock, {original}));
        dock.view()->setFocus();
        QTest::keyClick(dock.view(), Qt::Key_Return);
        ImageViewer *viewer = bench.window->imageViewer();
        QVERIFY(viewer);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->isVisible(), Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(viewer->view()->image().size(), QSize(96, 64), Timeout);

        QSignalSpy queued(bench.window.get(), &MainWindow::runsQueued);
        viewer->findChild<QAction *>(QStringLiteral("viewerRerunAction"))->trigger();
        QVERIFY(queued.wait(Timeout));
        const QString again = queued.first().first().toStringList().value(0);
        QVERIFY(!again.isEmpty() && again != original);
        QVERIFY(finishedWithImages(catalogue, again));
        QCOMPARE(readEntry(catalogue, again)->graph, readEntry(catalogue, original)->graph);
    }

    // ComfyUI restarts while a prompt waits: it shows as lost with its reason, and
    // "Re-queue Lost" runs it to completion.
    void lostPromptIsRequeued()
    {
        SimServer sim;
        sim.setStepDelayMs(100);
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected,
                                  Timeout);
        SubmitOptions options;
        options.workflowName = QStringLiteral("sd_txt2img");
        const QString running = submit(connection, txt2img(1, 200), options);
        const QString waiting = submit(connection, txt2img(2, 2, 64, 64,
                                                           QStringLiteral("lost then found")),
                                       options);
        QVERIFY(!waiting.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(connection.tracker().status(waiting).state
                                     == PromptStatus::State::Pending, Timeout);
        sim.restart();
        HistoryDock &dock = *bench.window->historyDock();
        QTRY_VERIFY_WITH_TIMEOUT(
            dock.model()->rowOf(waiting) >= 0
                && dock.model()->entryAt(dock.model()->rowOf(waiting))->status
                       == QLatin1String("lost"), Timeout);
        const QModelIndex status = dock.model()->index(dock.model()->rowOf(waiting),
                                                       HistoryModel::StatusColumn);
        QVERIFY2(status.data().toString().contains(QLatin1String("Lost:")),
                 qPrintable(status.data().toString()));
        sim.setStepDelayMs(5);
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected,
                                  Timeout);
        QVERIFY(selectPrompts(dock, {waiting}));
        QAction *requeue = historyAction(*bench.window, "historyRequeueAction");
        QVERIFY(requeue->isEnabled());
        requeue->trigger();
        QString again;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(again = dock.model()->entryAt(dock.model()->rowOf(waiting))->requeuedAs)
                 .isEmpty(), Timeout);
        QVERIFY(finishedWithImages(*bench.services->catalogue(), again));
        QTRY_VERIFY_WITH_TIMEOUT(dock.model()->rowOf(again) >= 0, Timeout);
    }

    // "Load into Editor" opens the workflow file with the run's values written over it:
    // the editor shows them as unsaved edits of that file, the rest of the file unchanged.
    void loadIntoEditorWritesTheRunsValues()
    {
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected,
                                  Timeout);
        SubmitOptions options;
        options.workflowName = QStringLiteral("sd_txt2img");
        QJsonObject graph = txt2img(424242, 3, 64, 64, QStringLiteral("a red kite over dunes"));
        const QString id = submit(connection, graph, options);
        QVERIFY(finishedWithImages(*bench.services->catalogue(), id));
        HistoryDock &dock = *bench.window->historyDock();
        QTRY_VERIFY_WITH_TIMEOUT(dock.model()->rowOf(id) >= 0, Timeout);
        QVERIFY(selectPrompts(dock, {id}));
        historyAction(*bench.window, "historyLoadAction")->trigger();
        ParameterEditor &editor = *bench.window->parameterEditor();
        QTRY_VERIFY_WITH_TIMEOUT(editor.isModified(), Timeout);
        const WorkflowDocument document = editor.document();
        QCOMPARE(document.inputValue(QStringLiteral("6"), QStringLiteral("text")).toString(),
                 QStringLiteral("a red kite over dunes"));
        QCOMPARE(document.inputLiteral(QStringLiteral("3"), QStringLiteral("seed")),
                 QByteArray("424242"));
        QCOMPARE(document.inputLiteral(QStringLiteral("3"), QStringLiteral("steps")),
                 QByteArray("3"));
        // Only those values changed: the file's other bytes are as they were.
        QFile file(bench.workflowsDir() + QStringLiteral("/sd_txt2img.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray original = file.readAll();
        QCOMPARE(document.originalText(), original);
        const QList<QByteArray> before = original.split('\n');
        const QList<QByteArray> after = document.text().split('\n');
        QCOMPARE(after.size(), before.size());
        int differing = 0;
        for (int i = 0; i < before.size(); ++i)
            differing += before.at(i) != after.at(i);
        QCOMPARE(differing, 5);     // seed, steps, width, height and the prompt text
    }

    // The history in Chinese, with a search (the README's screenshot).
    void worksInChinese()
    {
        // As the app runs with --language zh_CN: words, dates and numbers in Chinese.
        const UiLanguage chinese(QStringLiteral("zh_CN"));
        QVERIFY(chinese.hasTranslation());
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected,
                                  Timeout);
        SubmitOptions options;
        options.workflowName = QStringLiteral("sd_txt2img");
        QStringList ids;
        for (const QString &text : {QStringLiteral("江南水乡，清晨薄雾"),
                                    QStringLiteral("雪山日出，油画"),
                                    QStringLiteral("竹林小径，水墨风格")}) {
            ids.append(submit(connection, txt2img(7, 2, 64, 64, text), options));
            QVERIFY(finishedWithImages(*bench.services->catalogue(), ids.last()));
        }
        HistoryDock &dock = *bench.window->historyDock();
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowCount(), 3, Timeout);
        QCOMPARE(dock.model()->headerData(HistoryModel::StatusColumn, Qt::Horizontal)
                     .toString(), QStringLiteral("状态"));
        QTRY_COMPARE_WITH_TIMEOUT(
            dock.model()->index(0, HistoryModel::StatusColumn).data().toString(),
            QStringLiteral("已完成"), Timeout);
        // The time is written as Chinese writes it ("2026/12/2 11:28"), not "2 Dec 2026".
        const QString time = dock.model()->index(0, HistoryModel::TimeColumn).data().toString();
        const QDateTime queued = QDateTime::fromMSecsSinceEpoch(
                dock.model()->entryAt(0)->queuedAtMs);
        QCOMPARE(time, QLocale(QLocale::Chinese, QLocale::China)
                           .toString(queued, QLocale::ShortFormat));
        QVERIFY2(time.startsWith(QString::number(queued.date().year()) + QLatin1Char('/')),
                 qPrintable(time));
        auto *search = dock.findChild<QLineEdit *>(QStringLiteral("historySearch"));
        search->setText(QStringLiteral("水墨"));
        QTRY_VERIFY_WITH_TIMEOUT(dock.model()->rowCount() == 1
                                     && dock.model()->entryAt(0)->promptId == ids.last(),
                                 Timeout);
        QVERIFY(selectPrompts(dock, {ids.last()}));
        auto *details = dock.findChild<QTextBrowser *>(QStringLiteral("historyDetails"));
        QTRY_VERIFY_WITH_TIMEOUT(details->toPlainText().contains(QStringLiteral("相对工作流文件的改动")),
                                 Timeout);
        keepScreenshot(*bench.window, QStringLiteral("history-search-zh_CN"));

        // The viewer in Chinese, comparing two of them side by side.
        search->clear();
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowCount(), 3, Timeout);
        bench.window->galleryDock()->raise();
        GalleryModel &gallery = *bench.window->galleryView()->model();
        QTRY_COMPARE_WITH_TIMEOUT(gallery.rowCount(), 3, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(
            !gallery.index(0).data(Qt::DecorationRole).value<QImage>().isNull()
                || !gallery.index(0).data(Qt::DecorationRole).value<QPixmap>().isNull(),
            Timeout);
        QTest::qWait(300);
        keepScreenshot(*bench.window, QStringLiteral("gallery-zh_CN"));
        const CatalogueEntry first = *dock.model()->entryAt(dock.model()->rowOf(ids.at(0)));
        const CatalogueEntry second = *dock.model()->entryAt(dock.model()->rowOf(ids.at(1)));
        ImageViewer *viewer = bench.window->showImages(
            {{first.images.first().cachedPath, first, 0}}, 0);
        viewer->compareWith({second.images.first().cachedPath, second, 0});
        viewer->setCompareMode(CompareMode::SideBySide);
        viewer->resize(1000, 650);
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->view()->image().isNull()
                                     && !viewer->isDecoding(), Timeout);
        QVERIFY(viewer->detailsText().contains(QStringLiteral("江南水乡")));
        QTest::qWait(100);
        keepScreenshot(*viewer, QStringLiteral("viewer-compare-zh_CN"));
    }

    // Export… writes the search's prompts to the file asked for; "Delete from ComfyUI's
    // History" removes them there and keeps them in the catalogue; sorting by duration.
    void exportDeleteFromServerAndSort()
    {
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected,
                                  Timeout);
        Catalogue &catalogue = *bench.services->catalogue();
        const QString shortRun = submit(connection, txt2img(1, 1, 64, 64,
                                                            QStringLiteral("short owl")));
        QVERIFY(finishedWithImages(catalogue, shortRun));
        sim.setStepDelayMs(60);
        const QString longRun = submit(connection, txt2img(2, 10, 64, 64,
                                                           QStringLiteral("long owl")));
        QVERIFY(finishedWithImages(catalogue, longRun));
        HistoryDock &dock = *bench.window->historyDock();
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowCount(), 2, Timeout);

        // Longest first, then shortest first, by clicking the Duration header.
        dock.view()->horizontalHeader()->setSortIndicator(HistoryModel::DurationColumn,
                                                          Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(dock.model()->rowCount() == 2
                                     && dock.model()->entryAt(0)->promptId == longRun, Timeout);
        dock.view()->horizontalHeader()->setSortIndicator(HistoryModel::DurationColumn,
                                                          Qt::AscendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(dock.model()->rowCount() == 2
                                     && dock.model()->entryAt(0)->promptId == shortRun, Timeout);

        // Export of the search "owl" as JSON, without images.
        QTemporaryDir out;
        HistoryDock::Dialogs dialogs = answering({});
        dialogs.confirm = [](const QString &) { return false; };   // no images
        dialogs.askSaveFile = [&out](const QString &, const QString &, const QString &) {
            return out.filePath(QStringLiteral("owls.json"));
        };
        dock.setDialogs(dialogs);
        dock.findChild<QLineEdit *>(QStringLiteral("historySearch"))->setText(
            QStringLiteral("long"));
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowCount(), 1, Timeout);
        QSignalSpy said(&dock, &HistoryDock::statusMessage);
        historyAction(*bench.window, "historyExportAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!said.isEmpty(), Timeout);
        QFile exported(out.filePath(QStringLiteral("owls.json")));
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QJsonArray rows = QJsonDocument::fromJson(exported.readAll()).array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value(QLatin1String("prompt_id")).toString(), longRun);

        // Export Selected…: only the selected row, though the search shows both.
        dock.findChild<QLineEdit *>(QStringLiteral("historySearch"))->clear();
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowCount(), 2, Timeout);
        QAction *exportSelected = historyAction(*bench.window, "historyExportSelectedAction");
        QVERIFY(selectPrompts(dock, {shortRun}));
        QVERIFY(exportSelected->isEnabled());
        const auto exportedIds = [&](const QString &name, QAction *action) {
            dialogs.askSaveFile = [&out, name](const QString &, const QString &,
                                               const QString &) { return out.filePath(name); };
            dock.setDialogs(dialogs);
            said.clear();
            action->trigger();
            QStringList ids;
            if (!said.wait(Timeout) && said.isEmpty())
                return ids;
            QFile file(out.filePath(name));
            if (!file.open(QIODevice::ReadOnly))
                return ids;
            for (const QJsonValue row : QJsonDocument::fromJson(file.readAll()).array())
                ids.append(row.toObject().value(QLatin1String("prompt_id")).toString());
            return ids;
        };
        QCOMPARE(exportedIds(QStringLiteral("selected.json"), exportSelected),
                 QStringList{shortRun});

        // The gallery's Export… writes the prompts of the images selected there.
        GalleryView &gallery = *bench.window->galleryView();
        QTRY_COMPARE_WITH_TIMEOUT(gallery.model()->rowCount(), 2, Timeout);
        const int longRow = gallery.model()->entryAt(0).promptId == longRun ? 0 : 1;
        QCOMPARE(gallery.model()->entryAt(longRow).promptId, longRun);
        gallery.listView()->selectionModel()->select(gallery.model()->index(longRow),
                                                     QItemSelectionModel::ClearAndSelect);
        auto *galleryExport = gallery.findChild<QAction *>(QStringLiteral("galleryExportAction"));
        QVERIFY(galleryExport);
        QTRY_VERIFY_WITH_TIMEOUT(galleryExport->isEnabled(), Timeout);
        QCOMPARE(exportedIds(QStringLiteral("gallery.json"), galleryExport),
                 QStringList{longRun});

        // Delete from ComfyUI's history: gone there, still in the catalogue.
        dock.setDialogs(answering({}));
        QVERIFY(selectPrompts(dock, {longRun}));
        historyAction(*bench.window, "historyDeleteFromServerAction")->trigger();
        QNetworkAccessManager nam;
        ComfyClient client(nam);
        client.setBaseUrl(sim.baseUrl());
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            ComfyReply *reply = client.historyFor(longRun);
            QSignalSpy read(reply, &ComfyReply::finished);
            return read.wait(Timeout) && reply->ok() && reply->object().isEmpty();
        }(), Timeout);
        QVERIFY(readEntry(catalogue, longRun));
        QCOMPARE(dock.model()->rowCount(), 2);      // both still listed (no search now)
    }

    // Deleting from the catalogue removes those rows and their cached files, nothing else.
    void deleteRemovesRowsAndFilesOnly()
    {
        SimServer sim;
        QVERIFY(sim.listen() != 0);
        Workbench bench(sim.baseUrl());
        ComfyConnection &connection = bench.services->servers().current();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ComfyConnection::State::Connected,
                                  Timeout);
        Catalogue &catalogue = *bench.services->catalogue();
        QStringList ids;
        for (int i = 0; i < 3; ++i) {
            ids.append(submit(connection, txt2img(10 + i, 1)));
            QVERIFY(finishedWithImages(catalogue, ids.last()));
        }
        HistoryDock &dock = *bench.window->historyDock();
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowCount(), 3, Timeout);
        const QString doomed = readEntry(catalogue, ids.at(1))->images.first().cachedPath;
        const QString kept0 = readEntry(catalogue, ids.at(0))->images.first().cachedPath;
        const QString kept2 = readEntry(catalogue, ids.at(2))->images.first().cachedPath;
        QVERIFY(QFile::exists(doomed));

        dock.setDialogs(answering({}));
        QVERIFY(selectPrompts(dock, {ids.at(1)}));
        historyAction(*bench.window, "historyDeleteAction")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(dock.model()->rowCount(), 2, Timeout);
        QCOMPARE(dock.model()->rowOf(ids.at(1)), -1);
        QVERIFY(!readEntry(catalogue, ids.at(1)));
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(doomed), Timeout);
        QVERIFY(QFile::exists(kept0));
        QVERIFY(QFile::exists(kept2));
        QVERIFY(readEntry(catalogue, ids.at(0)));
        QVERIFY(readEntry(catalogue, ids.at(2)));
    }
};

QTEST_MAIN(TestHistory)
#include "tst_history.moc"
