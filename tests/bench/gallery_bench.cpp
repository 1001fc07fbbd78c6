// gallery_bench: the gallery (issue 9) over a synthetic catalogue at the size of its
// targets (100,000 prompts, 200,000 images, every thumbnail cached), printed against them:
//   - first screen of thumbnails painted after the gallery is opened      target <= 200 ms
//   - scrolling through 10,000 images at a steady pace: worst and 99th-percentile frame
//     time (scroll + paint on the UI thread)                              target <= 16 ms
//   - RSS after scrolling through every image                             target <= 400 MB
//   - the viewer opening a 4096x4096 PNG: pixels shown (median, slowest of 5) target <= 300 ms
//     and the longest UI stall meanwhile                                  target <= 50 ms
//   - the history browser updated after a search word is typed            target <= 100 ms
//     (from the last key to the new first page listed: the typing debounce included)
// Figures, never pass/fail on speed: the exit status is non-zero only when the run is
// broken (no thumbnails, a wrong count), so the small CTest run checks it still works.
//
// Thumbnails: --thumbnail-files distinct small JPEG files, shared round-robin by the images
// (writing 200,000 files would take longer than the measurement; each image still loads
// its own file path in the pool).
//
//   gallery_bench [--prompts N] [--images-per-prompt M] [--scroll-images N]
//                 [--thumbnail-files N] [--size PX] [--keep DIR] [--no-all]

#include "catalogue.h"
#include "emptystatelistview.h"
#include "gallerymodel.h"
#include "historydock.h"
#include "imageview.h"
#include "imageviewer.h"
#include "viewerimage.h"
#include "historymodel.h"
#include "galleryview.h"
#include "syntheticcatalogue.h"
#include "thumbnailloader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QImageWriter>
#include <QLineEdit>
#include <QTimer>
#include <QSignalSpy>
#include <QTableView>
#include <QPainter>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numeric>
#include <optional>

using namespace SyntheticCatalogue;

namespace {

int g_failures = 0;

void fail(const QString &what)
{
    std::printf("FAIL: %s\n", qPrintable(what));
    std::fflush(stdout);
    ++g_failures;
}

void row(const QString &figure, const QString &target, const QString &actual, bool pass)
{
    std::printf("  %-52s %-12s %-14s %s\n", qPrintable(figure), qPrintable(target),
                qPrintable(actual), pass ? "PASS" : "MISS");
    std::fflush(stdout);
}

QString ms(double value)
{
    return QString::number(value, 'f', value < 10 ? 2 : 1) + QStringLiteral(" ms");
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype at = qBound<qsizetype>(0, qsizetype(std::ceil(p * values.size())) - 1,
                                           values.size() - 1);
    return values.at(at);
}

qint64 statusKb(const char *field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool flushed(Catalogue &catalogue)
{
    QEventLoop loop;
    bool ok = false;
    catalogue.flush(&loop, [&](bool done) {
        ok = done;
        loop.quit();
    });
    loop.exec();
    return ok;
}

bool open(Catalogue &catalogue, const QString &file, const QString &cacheDir)
{
    QEventLoop loop;
    QObject::connect(&catalogue, &Catalogue::opened, &loop, &QEventLoop::quit);
    catalogue.open(file, cacheDir);
    loop.exec();
    if (!catalogue.isOpen())
        std::printf("gallery_bench: error: %s\n", qPrintable(catalogue.problemDetail()));
    return catalogue.isOpen();
}

// A small thumbnail as the loader writes them: a colourful gradient, 256 on its long side.
bool writeThumbnail(const QString &path, int seed)
{
    QImage image(256, 192, QImage::Format_RGB32);
    QPainter painter(&image);
    const int hue = (seed * 37) % 360;
    QLinearGradient gradient(0, 0, 256, 192);
    gradient.setColorAt(0, QColor::fromHsv(hue, 200, 240));
    gradient.setColorAt(1, QColor::fromHsv((hue + 90) % 360, 220, 110));
    painter.fillRect(image.rect(), gradient);
    painter.setBrush(QColor::fromHsv((hue + 180) % 360, 120, 250));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(QPoint(60 + seed % 140, 70), 34, 34);
    painter.end();
    return image.save(path, "JPG", 85);
}

// Every cell in sight has its thumbnail (or its missing mark).
bool screenReady(GalleryView &view)
{
    GalleryModel *model = view.model();
    EmptyStateListView *list = view.listView();
    const QRect area = list->viewport()->rect();
    const QModelIndex first = list->indexAt(area.topLeft() + QPoint(8, 8));
    if (!first.isValid())
        return false;
    const QModelIndex last = list->indexAt(area.bottomRight() - QPoint(8, 8));
    const int lastRow = last.isValid() ? last.row() : model->rowCount() - 1;
    for (int row = first.row(); row <= lastRow; ++row) {
        const auto state = ThumbnailLoader::State(
            model->index(row).data(GalleryModel::ThumbnailStateRole).toInt());
        if (state != ThumbnailLoader::State::Ready && state != ThumbnailLoader::State::Missing)
            return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Benchmark of the gallery"));
    parser.addHelpOption();
    const QCommandLineOption promptsOption(QStringLiteral("prompts"),
                                           QStringLiteral("Prompts in the catalogue."),
                                           QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption imagesOption(QStringLiteral("images-per-prompt"),
                                          QStringLiteral("Images per prompt, on average."),
                                          QStringLiteral("M"), QStringLiteral("2.0"));
    const QCommandLineOption scrollOption(QStringLiteral("scroll-images"),
                                          QStringLiteral("Images scrolled through at a steady"
                                                         " pace."),
                                          QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption filesOption(QStringLiteral("thumbnail-files"),
                                         QStringLiteral("Distinct thumbnail files."),
                                         QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("Thumbnail size (64..256)."),
                                        QStringLiteral("PX"), QStringLiteral("128"));
    const QCommandLineOption keepOption(
        QStringLiteral("keep"),
        QStringLiteral("Keep the built catalogue and thumbnails in DIR and reuse them."),
        QStringLiteral("DIR"));
    const QCommandLineOption noAllOption(QStringLiteral("no-all"),
                                         QStringLiteral("Do not scroll through every image."));
    const QCommandLineOption viewerOption(QStringLiteral("viewer-size"),
                                          QStringLiteral("Side of the PNG the viewer opens."),
                                          QStringLiteral("px"), QStringLiteral("4096"));
    parser.addOptions({promptsOption, imagesOption, scrollOption, filesOption, sizeOption,
                       keepOption, noAllOption, viewerOption});
    parser.process(app);
    const int prompts = qMax(100, parser.value(promptsOption).toInt());
    const double imagesPerPrompt = qBound(0.0, parser.value(imagesOption).toDouble(), 3.0);
    const int scrollImages = qMax(100, parser.value(scrollOption).toInt());
    const int thumbnailFiles = qMax(1, parser.value(filesOption).toInt());
    const int size = qBound(64, parser.value(sizeOption).toInt(), 256);

    QFile templateFile(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/sd_txt2img.json"));
    if (!templateFile.open(QIODevice::ReadOnly)) {
        std::printf("gallery_bench: error: cannot read %s\n", qPrintable(templateFile.fileName()));
        return 2;
    }
    const QJsonObject graphTemplate = QJsonDocument::fromJson(templateFile.readAll()).object();

    QTemporaryDir temp;
    QString base = temp.path();
    bool build = true;
    if (parser.isSet(keepOption)) {
        base = QStringLiteral("%1/gallery-%2-%3").arg(parser.value(keepOption)).arg(prompts)
                   .arg(imagesPerPrompt);
        build = !QFileInfo::exists(base + QStringLiteral("/built"));
        if (build)
            QDir(base).removeRecursively();
    }
    QDir().mkpath(base);
    const QString file = base + QStringLiteral("/catalogue.sqlite");
    const QString cacheDir = base + QStringLiteral("/images");
    const QString thumbnailDir = cacheDir + QStringLiteral("/thumbnails");
    std::printf("gallery_bench: %d prompts, %.2f images per prompt, %d thumbnail files; in %s\n",
                prompts, imagesPerPrompt, thumbnailFiles, qPrintable(base));
    std::fflush(stdout);

    if (build) {
        QElapsedTimer clock;
        clock.start();
        QDir().mkpath(thumbnailDir);
        for (int i = 0; i < thumbnailFiles; ++i) {
            if (!writeThumbnail(QStringLiteral("%1/synthetic-%2.jpg").arg(thumbnailDir).arg(i), i)) {
                fail(QStringLiteral("cannot write thumbnails in %1").arg(thumbnailDir));
                return 2;
            }
        }
        Catalogue catalogue;
        if (!open(catalogue, file, cacheDir))
            return 2;
        Generator generator(graphTemplate, prompts, imagesPerPrompt,
                            QDateTime::currentMSecsSinceEpoch());
        qint64 images = 0;
        constexpr int Chunk = 1000;
        for (int first = 0; first < prompts; first += Chunk) {
            QList<PromptRecord> batch;
            for (int i = first; i < qMin(prompts, first + Chunk); ++i) {
                Generated made;
                batch.append(generator.record(i, &made));
                images += made.images;
            }
            catalogue.record(batch);
            if ((first / Chunk) % 4 == 3 && !flushed(catalogue))
                fail(QStringLiteral("flush failed while building"));
            if ((first / Chunk) % 20 == 19) {
                std::printf("  %d prompts, %.0f s\n", first + Chunk, clock.elapsed() / 1000.0);
                std::fflush(stdout);
            }
        }
        if (!flushed(catalogue))
            fail(QStringLiteral("flush failed after building"));
        // A fresh catalogue numbers its images 1, 2, ... in the order recorded.
        for (qint64 id = 1; id <= images; ++id) {
            catalogue.setThumbnailPath(id, QStringLiteral("%1/synthetic-%2.jpg")
                                               .arg(thumbnailDir).arg(id % thumbnailFiles));
            if (id % 20000 == 0 && !flushed(catalogue))
                fail(QStringLiteral("flush failed while recording thumbnails"));
        }
        if (!flushed(catalogue))
            fail(QStringLiteral("flush failed after recording thumbnails"));
        QFile stamp(base + QStringLiteral("/built"));
        if (stamp.open(QIODevice::WriteOnly))
            stamp.write(QByteArray::number(images));
        std::printf("built %d prompts and %lld images with thumbnails in %.1f s\n", prompts,
                    images, clock.elapsed() / 1000.0);
        std::fflush(stdout);
    } else {
        std::printf("reusing %s\n", qPrintable(base));
    }

    Catalogue catalogue;
    if (!open(catalogue, file, cacheDir))
        return 2;
    const qint64 rssBeforeKb = statusKb("VmRSS");

    // ---- opened: the first screen of thumbnails
    std::printf("\n== Opening the gallery (1000x650, %d px thumbnails) ==\n", size);
    std::fflush(stdout);
    GalleryView view;
    view.resize(1000, 650);
    view.setThumbnailSize(size);
    QElapsedTimer openClock;
    openClock.start();
    view.setCatalogue(&catalogue);
    view.show();
    {
        QElapsedTimer wait;
        wait.start();
        while (!screenReady(view) && wait.elapsed() < 30000)
            app.processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    view.listView()->viewport()->repaint();   // the paint that shows them all
    const double firstScreenMs = openClock.nsecsElapsed() / 1e6;
    GalleryModel *model = view.model();
    ThumbnailLoader *loader = model->loader();
    if (!screenReady(view) || model->rowCount() == 0)
        fail(QStringLiteral("the first screen did not show its thumbnails"));
    const int firstScreenLoads = loader->loadCount();
    std::printf("  %d rows read, %d thumbnails loaded, %.1f ms\n", model->rowCount(),
                firstScreenLoads, firstScreenMs);

    // ---- scrolling at a steady pace, a frame every 16 ms
    QScrollBar *bar = view.listView()->verticalScrollBar();
    const int cell = size + 12;
    const int perLine = qMax(1, view.listView()->viewport()->width() / cell);
    const int lines = (scrollImages + perLine - 1) / perLine;
    // Two lines a frame: 10,000 images of 128 px in about 12 s, a brisk scroll.
    const int step = 2 * cell;
    std::printf("\n== Scrolling through %d images (%d lines, %d px a frame) ==\n", scrollImages,
                lines, step);
    std::fflush(stdout);
    QList<double> frameMs;
    QList<double> gapMs;
    QList<int> rowsAtFrame;   // to tell a frame that laid out a new page
    int stuckFrames = 0;
    {
        const int target = lines * cell;
        QEventLoop loop;
        QTimer frames;
        frames.setTimerType(Qt::PreciseTimer);
        frames.setInterval(16);
        QElapsedTimer sinceLast;
        sinceLast.start();
        QObject::connect(&frames, &QTimer::timeout, &loop, [&] {
            gapMs.append(sinceLast.nsecsElapsed() / 1e6);
            sinceLast.restart();
            QElapsedTimer frame;
            frame.start();
            const int before = bar->value();
            bar->setValue(before + step);
            view.listView()->viewport()->repaint();
            frameMs.append(frame.nsecsElapsed() / 1e6);
            rowsAtFrame.append(model->rowCount());
            if (bar->value() == before)
                ++stuckFrames;   // waiting at the end for the next page
            if (bar->value() >= target || stuckFrames > 300)
                loop.quit();
        });
        frames.start();
        loop.exec();
    }
    const double worstFrame = percentile(frameMs, 1.0);
    const double p99Frame = percentile(frameMs, 0.99);
    const double worstGap = percentile(gapMs.mid(1), 1.0);
    std::printf("  %lld frames; frame p50 %.2f ms, p99 %.2f ms, worst %.2f ms; between frames"
                " worst %.1f ms; %d frames waited for a page; %d loads, %d pending\n",
                (long long)frameMs.size(), percentile(frameMs, 0.5), p99Frame, worstFrame, worstGap,
                stuckFrames, loader->loadCount(), loader->pendingCount());
    {
        QList<int> order(frameMs.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            return frameMs.at(a) > frameMs.at(b);
        });
        std::printf("  slowest frames:");
        for (int k = 0; k < qMin<qsizetype>(5, order.size()); ++k) {
            const int i = order.at(k);
            const bool newPage = i > 0 && rowsAtFrame.at(i) != rowsAtFrame.at(i - 1);
            std::printf(" #%d %.1f ms (%d rows%s)", i, frameMs.at(i), rowsAtFrame.at(i),
                        newPage ? ", a page came" : "");
        }
        std::printf("\n");
    }
    if (stuckFrames > 300)
        fail(QStringLiteral("the scroll stopped at %1 rows").arg(model->rowCount()));
    std::fflush(stdout);

    // ---- through every image, a screen at a time (pages read as it goes)
    int allRows = model->rowCount();
    if (!parser.isSet(noAllOption)) {
        std::printf("\n== Through every image, a screen at a time ==\n");
        std::fflush(stdout);
        QElapsedTimer clock;
        clock.start();
        int still = 0;
        while (still < 200 && clock.elapsed() < 600000) {
            const int before = bar->value();
            bar->setValue(before + view.listView()->viewport()->height());
            view.listView()->viewport()->repaint();
            app.processEvents(QEventLoop::AllEvents, 2);
            if (bar->value() == before && !model->canFetchMore({}) && !model->isLoading())
                ++still;
            else if (bar->value() == before)
                app.processEvents(QEventLoop::WaitForMoreEvents, 5);
            else
                still = 0;
        }
        allRows = model->rowCount();
        std::printf("  %d rows in %.1f s; %d loads\n", allRows, clock.elapsed() / 1000.0,
                    loader->loadCount());
        QFile stamp(base + QStringLiteral("/built"));
        if (stamp.open(QIODevice::ReadOnly)) {
            const qint64 expected = stamp.readAll().toLongLong();
            if (expected > 0 && allRows != expected)
                fail(QStringLiteral("the gallery has %1 rows, the catalogue %2 images")
                         .arg(allRows).arg(expected));
        }
    }
    const qint64 rssKb = statusKb("VmRSS");
    const qint64 hwmKb = statusKb("VmHWM");

    // ---- the viewer: a large PNG, from setImages() to its pixels painted, and the longest
    // gap between turns of the event loop meanwhile (a 5 ms timer).
    const int viewerSide = qBound(256, parser.value(viewerOption).toInt(), 8192);
    std::printf("\n== Viewer: a %dx%d PNG ==\n", viewerSide, viewerSide);
    double viewerShownMs = -1;
    double viewerStallMs = -1;
    double viewerSlowestMs = -1;
    {
        // Named by how it is written: a kept folder from before the level was right holds a
        // stored (uncompressed) viewer-N.png, which must not be measured again.
        const QString png = base + QStringLiteral("/viewer-%1-zlib4.png").arg(viewerSide);
        if (!QFileInfo::exists(png)) {
            // A smooth picture with fine noise, compressed as ComfyUI's PNGs are.
            QImage picture(viewerSide, viewerSide, QImage::Format_RGB32);
            quint32 noise = 12345;
            for (int y = 0; y < viewerSide; ++y) {
                auto *line = reinterpret_cast<QRgb *>(picture.scanLine(y));
                for (int x = 0; x < viewerSide; ++x) {
                    noise = noise * 1664525u + 1013904223u;
                    const int n = int(noise >> 29);
                    line[x] = qRgb((x * 255 / viewerSide + n) & 255,
                                   (y * 255 / viewerSide + n) & 255, ((x + y) / 32 + n) & 255);
                }
            }
            // ComfyUI's SaveImage writes zlib level 4. Qt 6 reads the PNG compression as a
            // percentage (4 gave level 0: a stored, 50 MB file that decodes unrealistically
            // fast); 50 maps to zlib level 4.
            QImageWriter writer(png, "png");
            writer.setCompression(50);
            if (!writer.write(picture))
                fail(QStringLiteral("cannot write %1").arg(png));
        }
        // Opened five times, each in a new viewer (nothing is kept between them): the
        // median is the figure, the slowest is shown beside it; the longest stall is the
        // longest of all five.
        QList<double> shown;
        double worstGap = 0;
        for (int open = 0; open < 5; ++open) {
            ImageViewer viewer;
            viewer.resize(1200, 800);
            viewer.show();
            app.processEvents();
            QTimer ticks;
            ticks.setTimerType(Qt::PreciseTimer);
            ticks.setInterval(5);
            QElapsedTimer sinceTick;
            QObject::connect(&ticks, &QTimer::timeout, &viewer, [&] {
                worstGap = qMax(worstGap, sinceTick.nsecsElapsed() / 1e6 - 5);
                sinceTick.restart();
            });
            sinceTick.start();
            ticks.start();
            QElapsedTimer clock;
            clock.start();
            viewer.setImages({{png, CatalogueEntry(), 0}}, 0);
            while ((viewer.isDecoding() || viewer.view()->image().isNull())
                   && clock.elapsed() < 60000)
                app.processEvents(QEventLoop::WaitForMoreEvents, 5);
            viewer.view()->repaint();
            shown.append(clock.nsecsElapsed() / 1e6);
            ticks.stop();
            if (viewer.view()->image().size() != QSize(viewerSide, viewerSide))
                fail(QStringLiteral("the viewer did not show the %1 px PNG").arg(viewerSide));
        }
        QStringList each;
        for (const double one : shown)
            each.append(QString::number(one, 'f', 1));
        std::printf("  opens, in order: %s ms\n", qPrintable(each.join(QStringLiteral(", "))));
        std::sort(shown.begin(), shown.end());
        viewerShownMs = shown.at(shown.size() / 2);
        viewerSlowestMs = shown.last();
        viewerStallMs = worstGap;
        std::printf("  pixels shown after %.1f ms (median of %d opens; slowest %.1f ms); "
                    "longest UI stall meanwhile %.1f ms\n",
                    viewerShownMs, int(shown.size()), viewerSlowestMs, viewerStallMs);
    }

    // ---- the history browser: a word typed into its search box, until the list shows
    // the first page of what matches (a common word, a rare one, a Chinese one, a seed).
    std::printf("\n== History search, as typed ==\n");
    double worstSearch = 0;
    {
        HistoryDock history;
        history.resize(1000, 400);
        history.setCatalogue(&catalogue);
        history.show();
        HistoryModel *rows = history.model();
        auto waitLoaded = [&](QSignalSpy &spy) {
            QElapsedTimer wait;
            wait.start();
            while (spy.isEmpty() && wait.elapsed() < 30000)
                app.processEvents(QEventLoop::WaitForMoreEvents, 5);
            return !spy.isEmpty();
        };
        {
            QSignalSpy first(rows, &HistoryModel::loaded);
            if (!waitLoaded(first))
                fail(QStringLiteral("the history did not list its first page"));
        }
        auto *search = history.findChild<QLineEdit *>(QStringLiteral("historySearch"));
        for (const QString &word : {QStringLiteral("dragon"), SyntheticCatalogue::RareWord,
                                    SyntheticCatalogue::RareChinese, QStringLiteral("castle"),
                                    QString()}) {
            QSignalSpy loaded(rows, &HistoryModel::loaded);
            QElapsedTimer clock;
            clock.start();
            search->setText(word);   // the last key of the word
            if (!waitLoaded(loaded))
                fail(QStringLiteral("the history did not answer a search for %1").arg(word));
            history.view()->viewport()->repaint();
            const double took = clock.nsecsElapsed() / 1e6;
            worstSearch = qMax(worstSearch, took);
            std::printf("  \"%s\": %d rows listed in %.1f ms\n",
                        qPrintable(word.isEmpty() ? QStringLiteral("(cleared)") : word),
                        rows->rowCount(), took);
        }
    }

    std::printf("\n== Targets (%d prompts, %d images listed, 2 cores shared) ==\n", prompts,
                allRows);
    row(QStringLiteral("first screen of thumbnails painted after opening"),
        QStringLiteral("<= 200 ms"), ms(firstScreenMs), firstScreenMs <= 200);
    row(QStringLiteral("scroll %1 images: frame time p99").arg(scrollImages),
        QStringLiteral("<= 16 ms"), ms(p99Frame), p99Frame <= 16);
    row(QStringLiteral("scroll %1 images: worst frame time").arg(scrollImages),
        QStringLiteral("<= 16 ms"), ms(worstFrame), worstFrame <= 16);
    row(QStringLiteral("viewer: a %1 px PNG shown (median of 5)").arg(viewerSide),
        QStringLiteral("<= 300 ms"), ms(viewerShownMs), viewerShownMs <= 300);
    row(QStringLiteral("viewer: a %1 px PNG shown (slowest of 5)").arg(viewerSide),
        QStringLiteral("<= 300 ms"), ms(viewerSlowestMs), viewerSlowestMs <= 300);
    row(QStringLiteral("viewer: longest UI stall while it loads"), QStringLiteral("<= 50 ms"),
        ms(viewerStallMs), viewerStallMs <= 50);
    row(QStringLiteral("history updated after a search word is typed (worst)"),
        QStringLiteral("<= 100 ms"), ms(worstSearch), worstSearch <= 100);
    row(parser.isSet(noAllOption) ? QStringLiteral("memory: VmRSS after the scroll")
                                  : QStringLiteral("memory: VmRSS after scrolling through all"),
        QStringLiteral("<= 400 MB"), QStringLiteral("%1 MB").arg(rssKb / 1024.0, 0, 'f', 1),
        rssKb <= 400 * 1024);
    std::printf("  (VmRSS with the catalogue open, before the gallery: %.1f MB; VmHWM %.1f MB;"
                " thumbnail cache %.1f MB of %.1f MB)\n",
                rssBeforeKb / 1024.0, hwmKb / 1024.0, loader->cachedBytes() / 1048576.0,
                loader->cacheCapBytes() / 1048576.0);
    std::printf("\ngallery_bench: done, %d failures\n", g_failures);
    return g_failures == 0 ? 0 : 1;
}
