// The gallery over a real catalogue in a temporary folder: prompts recorded through
// Catalogue::record, their originals stored with Catalogue::storeImage, thumbnails made in
// the pool, written once and recorded.
#include "catalogue.h"
#include "emptystatelistview.h"
#include "gallerymodel.h"
#include "galleryview.h"
#include "historydock.h"
#include "historymodel.h"
#include "thumbnailloader.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QListView>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSlider>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>
#include <optional>

namespace {

constexpr int TimeoutMs = 20000;
const QString Server = QStringLiteral("http://127.0.0.1:8188");
const qint64 BaseMs = 1767225600000;   // 2026-01-01

const char *const Subjects[] = {"misty mountain lake at dawn", "neon city street at night",
                                "portrait of a fox in autumn leaves", "golden desert dunes",
                                "a castle under the aurora", "jellyfish in a deep blue sea"};

QString promptId(int i)
{
    return QStringLiteral("prompt-%1").arg(i, 5, 10, QLatin1Char('0'));
}

QString promptText(int i)
{
    return QString::fromLatin1(Subjects[i % int(std::size(Subjects))])
           + QStringLiteral(", detailed, number%1").arg(i);
}

// A small API-format graph whose summary has the prompt text and a seed.
QJsonObject graph(int i)
{
    auto node = [](const char *type, const QJsonObject &inputs) {
        return QJsonObject{{QStringLiteral("class_type"), QString::fromLatin1(type)},
                           {QStringLiteral("inputs"), inputs}};
    };
    return {
        {QStringLiteral("3"),
         node("KSampler", {{QStringLiteral("seed"), 1000 + i},
                           {QStringLiteral("steps"), 20},
                           {QStringLiteral("cfg"), 7},
                           {QStringLiteral("sampler_name"), QStringLiteral("euler")},
                           {QStringLiteral("scheduler"), QStringLiteral("normal")},
                           {QStringLiteral("denoise"), 1},
                           {QStringLiteral("positive"), QJsonArray{QStringLiteral("6"), 0}},
                           {QStringLiteral("negative"), QJsonArray{QStringLiteral("7"), 0}}})},
        {QStringLiteral("6"), node("CLIPTextEncode", {{QStringLiteral("text"), promptText(i)}})},
        {QStringLiteral("7"), node("CLIPTextEncode", {{QStringLiteral("text"),
                                                       QStringLiteral("blurry")}})},
    };
}

PromptRecord record(int i, int images)
{
    PromptRecord r;
    r.server = Server;
    r.promptId = promptId(i);
    r.workflow = QStringLiteral("sd_txt2img");
    r.graph = graph(i);
    r.hasStatus = true;
    r.status = QStringLiteral("completed");
    r.queuedAtMs = BaseMs + i * 60000LL;
    r.startedAtMs = r.queuedAtMs + 1000;
    r.finishedAtMs = r.startedAtMs + 5000;
    r.executionTime = 5;
    r.hasImages = true;
    for (int k = 0; k < images; ++k)
        r.images.append({QStringLiteral("ComfyUI_%1_%2.png").arg(i).arg(k), QString(),
                         QStringLiteral("output"), QStringLiteral("9")});
    return r;
}

// A colourful picture, different for each image: a gradient sky, a sun and hills.
QByteArray picture(int seed, const QSize &size)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const int hue = (seed * 47) % 360;
    QLinearGradient sky(0, 0, 0, size.height());
    sky.setColorAt(0, QColor::fromHsv(hue, 180, 250));
    sky.setColorAt(1, QColor::fromHsv((hue + 60) % 360, 200, 120));
    painter.fillRect(image.rect(), sky);
    QRadialGradient sun(size.width() * (0.25 + (seed % 5) * 0.12), size.height() * 0.35,
                        size.height() * 0.22);
    sun.setColorAt(0, QColor::fromHsv((hue + 180) % 360, 80, 255));
    sun.setColorAt(1, Qt::transparent);
    painter.fillRect(image.rect(), sun);
    QPainterPath hills(QPointF(0, size.height()));
    for (int x = 0; x <= size.width(); x += 8)
        hills.lineTo(x, size.height() * (0.7 + 0.12 * std::sin(x / 30.0 + seed)));
    hills.lineTo(size.width(), size.height());
    painter.fillPath(hills, QColor::fromHsv((hue + 120) % 360, 160, 90));
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

class TestGallery : public QObject
{
    Q_OBJECT

    std::optional<QTemporaryDir> m_dir;
    Catalogue *m_catalogue = nullptr;

    bool flush()
    {
        bool done = false;
        m_catalogue->flush(this, [&](bool) { done = true; });
        return QTest::qWaitFor([&] { return done; }, TimeoutMs);
    }

    CataloguePage search(const CatalogueQuery &query)
    {
        std::optional<CataloguePage> page;
        m_catalogue->search(query, this, [&](const CataloguePage &p) { page = p; });
        if (!QTest::qWaitFor([&] { return page.has_value(); }, TimeoutMs))
            qWarning("no answer to a search");
        return page.value_or(CataloguePage());
    }

    // Records prompts [first, first + count) with `images` images each; their originals are
    // stored unless told not to.
    void make(int first, int count, int images, bool store = true,
              const QSize &size = QSize(192, 144))
    {
        QList<PromptRecord> records;
        for (int i = first; i < first + count; ++i)
            records.append(record(i, images));
        m_catalogue->record(records);
        QVERIFY(flush());
        if (!store)
            return;
        CatalogueQuery query;
        query.limit = 100000;
        const CataloguePage page = search(query);
        QVERIFY(page.error.isEmpty());
        for (const CatalogueEntry &entry : page.entries) {
            const int i = entry.promptId.section(QLatin1Char('-'), 1).toInt();
            if (i < first || i >= first + count)
                continue;
            for (const CatalogueImage &image : entry.images)
                m_catalogue->storeImage(image.rowId, picture(i * 3 + image.index, size));
        }
        QVERIFY(flush());
    }

    // Waits until every cell on screen has its thumbnail or its missing mark.
    bool settled(GalleryView &view)
    {
        return QTest::qWaitFor([&] {
            GalleryModel *model = view.model();
            if (!model->hasLoadedFirstPage() || model->loader()->pendingCount() > 0)
                return false;
            const QRect area = view.listView()->viewport()->rect();
            const QModelIndex first = view.listView()->indexAt(area.topLeft() + QPoint(8, 8));
            if (!first.isValid())
                return model->rowCount() == 0;
            for (int row = first.row(); row < qMin(first.row() + 8, model->rowCount()); ++row) {
                const int state = model->index(row).data(GalleryModel::ThumbnailStateRole).toInt();
                if (state != int(ThumbnailLoader::State::Ready)
                    && state != int(ThumbnailLoader::State::Missing))
                    return false;
            }
            return true;
        }, TimeoutMs);
    }

private Q_SLOTS:
    void init()
    {
        m_dir.emplace();
        QVERIFY(m_dir->isValid());
        m_catalogue = new Catalogue(this);
        QSignalSpy opened(m_catalogue, &Catalogue::opened);
        m_catalogue->open(m_dir->filePath(QStringLiteral("catalogue.sqlite")),
                          m_dir->filePath(QStringLiteral("cache")));
        QVERIFY(opened.wait(TimeoutMs));
        QVERIFY(m_catalogue->isOpen());
    }

    void cleanup()
    {
        delete m_catalogue;
        m_catalogue = nullptr;
        m_dir.reset();
    }

    void newestFirstThumbnailsWrittenOnce()
    {
        make(0, 150, 2);
        GalleryView view;
        view.resize(1000, 650);
        view.setCatalogue(m_catalogue);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(settled(view));
        GalleryModel *model = view.model();
        QCOMPARE(model->entryAt(0).promptId, promptId(149));   // the newest prompt
        QCOMPARE(model->imageIndexAt(0), 0);                   // its first image
        QCOMPARE(model->entryAt(2).promptId, promptId(148));
        QVERIFY(model->rowCount() >= 100);
        const QImage first = model->index(0).data(Qt::DecorationRole).value<QImage>();
        QVERIFY(!first.isNull());
        QVERIFY(first.width() <= model->thumbnailSize());
        QVERIFY(first.pixel(first.width() / 2, 4) != 0);   // a picture, not the blank tile
        QCOMPARE(model->index(0).data(GalleryModel::ThumbnailStateRole).toInt(),
                 int(ThumbnailLoader::State::Ready));
        QVERIFY(model->index(0).data(Qt::ToolTipRole).toString().contains(promptText(149)));
        QVERIFY(model->index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("1149")));

        ThumbnailLoader *loader = model->loader();
        const int written = loader->writeCount();
        QVERIFY(written > 0);
        QCOMPARE(loader->decodeCount(), written);
        QVERIFY(flush());
        CatalogueQuery newest;
        newest.limit = 1;
        const CatalogueImage recorded = search(newest).entries.value(0).images.value(0);
        QVERIFY(recorded.thumbnailPath.startsWith(m_catalogue->imageCacheDir()
                                                  + QStringLiteral("/thumbnails/")));
        QVERIFY(QFileInfo::exists(recorded.thumbnailPath));
        const QDateTime writtenAt = QFileInfo(recorded.thumbnailPath).lastModified();
        QTest::qWait(20);

        // A second gallery (the app started again): read from the files, none written.
        GalleryView again;
        again.resize(1000, 650);
        again.setCatalogue(m_catalogue);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(settled(again));
        QVERIFY(again.model()->loader()->loadCount() > 0);
        QCOMPARE(again.model()->loader()->writeCount(), 0);
        QCOMPARE(again.model()->loader()->decodeCount(), 0);
        QCOMPARE(QFileInfo(recorded.thumbnailPath).lastModified(), writtenAt);
        QVERIFY(!again.model()->index(0).data(Qt::DecorationRole).value<QImage>().isNull());
    }

    void onlyVisibleItemsDecoded()
    {
        make(0, 250, 2);
        GalleryView view;
        view.resize(420, 300);
        view.setThumbnailSize(64);
        view.setCatalogue(m_catalogue);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(settled(view));
        QTest::qWait(200);   // anything else that would start has started
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->loader()->pendingCount(), 0, TimeoutMs);
        const int decodes = view.model()->loader()->decodeCount();
        qInfo("%d images, %d rows read, %d decoded", 500, view.model()->rowCount(), decodes);
        QVERIFY(decodes > 0);
        QVERIFY2(decodes < 60, qPrintable(QString::number(decodes)));

        // Scrolled to the end at once: what was passed over is not decoded.
        QScrollBar *bar = view.listView()->verticalScrollBar();
        for (int step = 0; step < 30 && bar->value() < bar->maximum(); ++step) {
            bar->setValue(bar->maximum());
            QTest::qWait(20);   // pages are read as the end comes near
        }
        QVERIFY(settled(view));
        const int after = view.model()->loader()->decodeCount();
        qInfo("after scrolling to the end: %d rows, %d decoded", view.model()->rowCount(), after);
        QVERIFY2(after < 150, qPrintable(QString::number(after)));
    }

    void sizeSliderResizesTheGrid()
    {
        make(0, 40, 1);
        GalleryView view;
        view.resize(900, 600);
        view.setCatalogue(m_catalogue);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(settled(view));
        GalleryModel *model = view.model();
        QListView *list = view.listView();
        const int before = view.thumbnailSize();
        const QRect cellBefore = list->visualRect(model->index(0));
        const QRect secondBefore = list->visualRect(model->index(1));
        QVERIFY(secondBefore.left() > cellBefore.left());      // side by side

        // Two page steps up with the keyboard, as a user would on the focused slider.
        auto *slider = view.findChild<QSlider *>(QStringLiteral("gallerySizeSlider"));
        QVERIFY(slider);
        QCOMPARE(slider->value(), before);
        QVERIFY(!slider->accessibleName().isEmpty());
        slider->setFocus();
        QTest::keyClick(slider, Qt::Key_PageUp);
        QTest::keyClick(slider, Qt::Key_PageUp);
        const int after = before + 2 * slider->pageStep();
        QCOMPARE(view.thumbnailSize(), after);
        QCOMPARE(model->thumbnailSize(), after);
        QCOMPARE(list->iconSize(), QSize(after, after));
        QTRY_VERIFY_WITH_TIMEOUT(list->visualRect(model->index(1)).left()
                                     - list->visualRect(model->index(0)).left()
                                     > secondBefore.left() - cellBefore.left(), TimeoutMs);
        // The thumbnails are made again at the new size (the files hold 192 px pictures).
        QVERIFY(settled(view));
        QTRY_VERIFY_WITH_TIMEOUT(
            model->index(0).data(Qt::DecorationRole).value<QImage>().width() > before, TimeoutMs);
        QVERIFY(model->index(0).data(Qt::DecorationRole).value<QImage>().width() <= after);

        // Out of range asks are held to the slider's range.
        view.setThumbnailSize(10000);
        QCOMPARE(view.thumbnailSize(), GalleryView::MaxThumbnailSize);
        QCOMPARE(slider->value(), GalleryView::MaxThumbnailSize);
        view.setThumbnailSize(1);
        QCOMPARE(view.thumbnailSize(), GalleryView::MinThumbnailSize);
    }

    // The history browser's small thumbnails: rows scrolled past drop their queued loads,
    // as the gallery's cells do.
    void historyDropsThumbnailsScrolledPast()
    {
        make(0, 400, 1);
        HistoryDock dock;
        dock.resize(900, 320);
        dock.setCatalogue(m_catalogue);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        QTableView *table = dock.view();
        HistoryModel *model = dock.model();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, TimeoutMs);
        ThumbnailLoader *loader = dock.thumbnailLoader();
        QVERIFY(loader);
        // The first screen is settled once its top row shows a thumbnail and nothing is
        // queued. (Waiting for "nothing queued" alone can pass before the first paint has
        // asked for anything, as it did once on a slow sanitizer build.)
        QTRY_VERIFY_WITH_TIMEOUT(
            !model->index(0, HistoryModel::PromptColumn).data(Qt::DecorationRole).isNull(),
            TimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(loader->pendingCount(), 0, TimeoutMs);
        const int firstScreen = loader->decodeCount();
        QVERIFY(firstScreen > 0);

        // A quick drag down over a slow disk (one load at a time): every screen passed is
        // painted, and asks for its thumbnails, but stays only a moment.
        loader->setMaxConcurrentLoads(1);
        QScrollBar *bar = table->verticalScrollBar();
        int painted = 0;
        for (int step = 0; step < 400; ++step) {
            if (bar->value() >= bar->maximum()) {
                if (model->rowCount() >= 400)
                    break;
                QTest::qWait(5);        // the next page is being read
                continue;
            }
            bar->setValue(bar->value() + bar->pageStep());      // a screen further
            table->viewport()->repaint();
            const int bottom = table->rowAt(table->viewport()->height() - 1);
            painted += (bottom < 0 ? model->rowCount() - 1 : bottom) - table->rowAt(0) + 1;
            QCoreApplication::processEvents();
        }
        QCOMPARE(model->rowCount(), 400);
        QVERIFY2(painted > 150, qPrintable(QString::number(painted)));
        QTRY_COMPARE_WITH_TIMEOUT(loader->pendingCount(), 0, TimeoutMs);
        QTest::qWait(100);
        const int decodes = loader->decodeCount();
        qInfo("%d rows passed, %d thumbnails decoded, %d loads", painted, decodes, loader->loadCount());
        QVERIFY2(decodes < painted / 2, qPrintable(QString::number(decodes)));
        // The rows in sight at the end have theirs.
        const int last = table->rowAt(0);
        QTRY_VERIFY_WITH_TIMEOUT(
            !model->index(last, HistoryModel::PromptColumn).data(Qt::DecorationRole).isNull(),
            TimeoutMs);
    }

    void growsLive()
    {
        make(0, 20, 2);
        GalleryView view;
        view.resize(800, 500);
        view.setCatalogue(m_catalogue);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(settled(view));
        GalleryModel *model = view.model();
        QCOMPARE(model->rowCount(), 40);
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        make(20, 1, 3);   // a prompt finishes with three images
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 43, TimeoutMs);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 2);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model->entryAt(0).promptId, promptId(20));
        QCOMPARE(model->entryAt(3).promptId, promptId(19));
        // Its stored originals reach the rows (the thumbnail appears).
        QVERIFY(settled(view));
        QTRY_VERIFY_WITH_TIMEOUT(
            !model->index(0).data(Qt::DecorationRole).value<QImage>().isNull()
                && model->index(0).data(GalleryModel::ThumbnailStateRole).toInt()
                       == int(ThumbnailLoader::State::Ready),
            TimeoutMs);

        // Removed from the catalogue (the owner confirmed a delete): its rows go.
        QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
        int answered = -1;
        m_catalogue->remove({promptId(20)}, this, [&](int count) { answered = count; });
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 40, TimeoutMs);
        QCOMPARE(answered, 1);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model->entryAt(0).promptId, promptId(19));
        QCOMPARE(reset.size(), 0);

        // A prompt that no longer matches goes (unstarred under a starred filter).
        CatalogueQuery starred;
        starred.starred = 1;
        m_catalogue->setStarred({promptId(5), promptId(6)}, true);
        QVERIFY(flush());
        view.setQuery(starred);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 4, TimeoutMs);
        m_catalogue->setStarred({promptId(6)}, false);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, TimeoutMs);
        QCOMPARE(model->entryAt(0).promptId, promptId(5));
    }

    void searchShowsOnlyMatches()
    {
        make(0, 60, 2);
        GalleryView view;
        view.resize(800, 500);
        view.setCatalogue(m_catalogue);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(settled(view));
        CatalogueQuery query;
        query.text = QStringLiteral("number17");
        view.setQuery(query);
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->hasLoadedFirstPage(), TimeoutMs);
        QCOMPARE(view.model()->rowCount(), 2);
        QCOMPARE(view.model()->entryAt(0).promptId, promptId(17));
        QCOMPARE(view.model()->entryAt(1).promptId, promptId(17));
        QCOMPARE(view.model()->imageIndexAt(1), 1);

        query.text = QStringLiteral("nosuchwordanywhere");
        view.setQuery(query);
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->hasLoadedFirstPage(), TimeoutMs);
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(view.listView()->isShowingEmptyText());
        QVERIFY(view.listView()->emptyText().contains(QStringLiteral("match")));
    }

    void emptyCatalogueSaysWhy()
    {
        GalleryView view;
        view.resize(600, 400);
        view.setCatalogue(m_catalogue);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->hasLoadedFirstPage(), TimeoutMs);
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(view.listView()->isShowingEmptyText());
        QVERIFY(view.listView()->emptyText().contains(QStringLiteral("appear")));
        make(0, 1, 1);   // the first image made: the gallery shows it at once
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, TimeoutMs);
        QVERIFY(!view.listView()->isShowingEmptyText());
    }

    void missingImagesAreMarked()
    {
        make(0, 4, 1);
        make(4, 1, 1, false);   // never fetched, and ComfyUI no longer has it
        // Cached, then its file deleted behind the catalogue's back.
        CatalogueQuery query;
        query.text = QStringLiteral("number2");
        const QString gone = search(query).entries.value(0).images.value(0).cachedPath;
        QVERIFY(QFile::remove(gone));

        GalleryView view;
        view.resize(800, 500);
        view.setCatalogue(m_catalogue);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(settled(view));
        GalleryModel *model = view.model();
        QCOMPARE(model->rowCount(), 5);
        const auto state = [&](int row) {
            return ThumbnailLoader::State(
                model->index(row).data(GalleryModel::ThumbnailStateRole).toInt());
        };
        QCOMPARE(model->entryAt(0).promptId, promptId(4));
        QCOMPARE(state(0), ThumbnailLoader::State::Missing);
        QCOMPARE(model->entryAt(2).promptId, promptId(2));
        QTRY_COMPARE_WITH_TIMEOUT(state(2), ThumbnailLoader::State::Missing, TimeoutMs);
        QCOMPARE(state(1), ThumbnailLoader::State::Ready);
        const QImage mark = model->index(0).data(Qt::DecorationRole).value<QImage>();
        QVERIFY(!mark.isNull());
        QCOMPARE(model->index(2).data(Qt::DecorationRole).value<QImage>(), mark);
        QVERIFY(model->index(0).data(Qt::AccessibleTextRole).toString().startsWith(
            QStringLiteral("Missing")));
        QTest::qWait(100);
        QCOMPARE(model->loader()->pendingCount(), 0);   // no endless retry
    }

    void selectionAndSignals()
    {
        make(0, 5, 2);
        GalleryView view;
        view.resize(800, 500);
        view.setCatalogue(m_catalogue);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(settled(view));
        QCOMPARE(view.objectName(), QStringLiteral("galleryView"));
        QVERIFY(!view.listView()->accessibleName().isEmpty());
        QAbstractItemView *list = view.listView();
        GalleryModel *model = view.model();
        QSignalSpy activated(&view, &GalleryView::imageActivated);
        list->setCurrentIndex(model->index(1));
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().at(0).value<CatalogueEntry>().promptId, promptId(4));
        QCOMPARE(activated.first().at(1).toInt(), 1);

        list->selectionModel()->select(model->index(0), QItemSelectionModel::ClearAndSelect);
        list->selectionModel()->select(model->index(3), QItemSelectionModel::Select);
        const auto selected = view.selectedImages();
        QCOMPARE(selected.size(), 2);
        QCOMPARE(selected.at(1).first.promptId, promptId(3));
        QCOMPARE(selected.at(1).second, 1);
        QSignalSpy compare(&view, &GalleryView::compareRequested);
        view.findChild<QAction *>(QStringLiteral("galleryCompareAction"))->trigger();
        QCOMPARE(compare.size(), 1);
        QSignalSpy deleting(&view, &GalleryView::deleteRequested);
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(deleting.size(), 1);
        QCOMPARE(deleting.first().at(0).toStringList(),
                 QStringList({promptId(4), promptId(3)}));
    }

    // A gallery full of real-looking images: every visible cell has its thumbnail (the
    // README's screenshot when COMFYDESK_SCREENSHOT_DIR is set).
    void fullOfThumbnails()
    {
        make(0, 40, 2, true, QSize(512, 384));
        GalleryView view;
        view.resize(1000, 650);
        view.setThumbnailSize(160);
        view.setCatalogue(m_catalogue);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(settled(view));
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->loader()->pendingCount(), 0, TimeoutMs);
        QTest::qWait(200);
        for (int row = 0; row < 10; ++row) {
            QVERIFY2(view.model()->index(row).data(GalleryModel::ThumbnailStateRole).toInt()
                         == int(ThumbnailLoader::State::Ready),
                     qPrintable(QStringLiteral("row %1 has no thumbnail").arg(row)));
        }
        view.listView()->selectionModel()->select(view.model()->index(2),
                                                  QItemSelectionModel::Select);
        const QString dir = qEnvironmentVariable("COMFYDESK_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            QVERIFY(view.grab().save(dir + QStringLiteral("/gallery-en.png")));
        }
    }
};

QTEST_MAIN(TestGallery)
#include "tst_gallery.moc"
