// The image viewer: true pixels at 1:1, zoom around the cursor, stepping with the arrow
// keys, linked side-by-side compare and the difference, copy, save as, the details, and an
// 8192×8192 PNG that opens without freezing the window.
#include "imageview.h"
#include "imageviewer.h"

#include <QAccessible>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImageReader>
#include <QImageWriter>
#include <QJsonObject>
#include <QMimeData>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWheelEvent>

namespace {

constexpr int TimeoutMs = 30000;

// Every pixel differs from its neighbours, so an off-by-one or a smoothed pixel shows.
QImage pattern(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb((x * 37) % 256, (y * 53) % 256, (x * 11 + y * 29) % 256));
    }
    return image;
}

bool writePng(const QString &path, const QImage &image, const QString &prompt = {})
{
    QImageWriter writer(path, "png");
    if (!prompt.isEmpty()) {
        writer.setText(QStringLiteral("prompt"), prompt);
        writer.setText(QStringLiteral("workflow"), QStringLiteral("{\"nodes\":[]}"));
    }
    return writer.write(image);
}

CatalogueEntry entry(const QString &promptId, const QString &text)
{
    CatalogueEntry e;
    e.promptId = promptId;
    e.server = QStringLiteral("http://127.0.0.1:8188");
    e.workflow = QStringLiteral("sd_txt2img");
    e.graph = QJsonObject{{QStringLiteral("3"),
                           QJsonObject{{QStringLiteral("class_type"), QStringLiteral("KSampler")}}}};
    e.summary.positive = text;
    e.summary.negative = QStringLiteral("blurry, low quality");
    e.summary.seed = QStringLiteral("123456789012345678");
    e.summary.steps = 28;
    e.summary.cfg = 6.5;
    e.summary.sampler = QStringLiteral("dpmpp_2m");
    e.summary.scheduler = QStringLiteral("karras");
    e.summary.width = 300;
    e.summary.height = 200;
    e.summary.checkpoint = QStringLiteral("sd_xl_base_1.0.safetensors");
    e.queuedAtMs = 1764640000000;
    e.finishedAtMs = 1764640012000;
    e.executionTime = 12.0;
    return e;
}

// Whether the grabbed view shows image's pixels exactly, one per screen pixel, where the
// view maps image point (0, 0).
QString samePixels(ImageView &view, const QImage &image, const QRect &area)
{
    const QImage shot = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QPoint origin = view.mapFromImage(QPointF(0, 0)).toPoint();
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QPoint at = origin + QPoint(x, y);
            if (!shot.rect().contains(at))
                return QStringLiteral("pixel %1,%2 is off screen").arg(x).arg(y);
            if (shot.pixel(at) != image.pixel(x, y)) {
                return QStringLiteral("pixel %1,%2: screen %3, file %4")
                    .arg(x).arg(y).arg(shot.pixel(at), 8, 16).arg(image.pixel(x, y), 8, 16);
            }
        }
    }
    return {};
}

} // namespace

class TestImageViewer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ImageViewer *m_viewer = nullptr;
    QStringList m_problems;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    ViewerImage image(const QString &name, const QImage &pixels, const QString &text = {})
    {
        const QString file = path(name);
        if (!writePng(file, pixels, QStringLiteral("{\"3\":{\"class_type\":\"KSampler\"}}")))
            qWarning() << "could not write" << file;
        return {file, entry(name, text.isEmpty() ? QStringLiteral("a red fox in snow") : text),
                0};
    }

    QAction *action(const char *name)
    {
        return m_viewer->findChild<QAction *>(QString::fromLatin1(name));
    }

    bool showAndWaitForPixels(const QList<ViewerImage> &images, int current = 0)
    {
        m_viewer->setImages(images, current);
        return QTest::qWaitFor([&] { return !m_viewer->view()->image().isNull(); }, TimeoutMs);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_problems.clear();
        m_viewer = new ImageViewer;
        m_viewer->setDialogs({nullptr, nullptr,
                              [this](const QString &problem) { m_problems.append(problem); }});
        m_viewer->resize(1000, 650);
        m_viewer->show();
        m_viewer->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_viewer));
    }

    void cleanup()
    {
        delete m_viewer;
        m_viewer = nullptr;
    }

    void actualSizeShowsTruePixels()
    {
        const QImage pixels = pattern(300, 200);
        QVERIFY(showAndWaitForPixels({image(QStringLiteral("pattern.png"), pixels)}));
        ImageView &view = *m_viewer->view();
        QCOMPARE(m_viewer->objectName(), QStringLiteral("imageViewer"));
        QVERIFY(m_viewer->isWindow());
        QVERIFY(view.isFitted());

        action("viewerActualSizeAction")->trigger();
        QCOMPARE(view.zoom(), 1.0);
        const QString wrong = samePixels(view, pixels, pixels.rect());
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong));

        // Zoomed in and back with the keys, it lands on 1:1 again and still shows true pixels.
        QTest::keyClick(m_viewer, Qt::Key_Plus);
        QVERIFY(view.zoom() > 1);
        QTest::keyClick(m_viewer, Qt::Key_Minus);
        QCOMPARE(view.zoom(), 1.0);
        const QString after = samePixels(view, pixels, pixels.rect());
        QVERIFY2(after.isEmpty(), qPrintable(after));
    }

    void wheelZoomKeepsThePixelUnderTheCursor()
    {
        QVERIFY(showAndWaitForPixels({image(QStringLiteral("wheel.png"), pattern(300, 200))}));
        ImageView &view = *m_viewer->view();
        view.actualSize();
        const QPointF cursor = view.mapFromImage(QPointF(70.5, 40.5));
        const double before = view.zoom();
        for (int i = 0; i < 3; ++i) {
            QWheelEvent wheel(cursor, view.mapToGlobal(cursor), QPoint(), QPoint(0, 120),
                              Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
            QCoreApplication::sendEvent(&view, &wheel);
            const QPointF under = view.mapToImage(cursor);
            // Within the rounding to whole screen pixels.
            QVERIFY2(std::abs(under.x() - 70.5) <= 1.0 / view.zoom()
                         && std::abs(under.y() - 40.5) <= 1.0 / view.zoom(),
                     qPrintable(QStringLiteral("%1,%2 at zoom %3")
                                    .arg(under.x()).arg(under.y()).arg(view.zoom())));
        }
        QVERIFY(view.zoom() > before * 1.9);
        // Dragging pans: the image point under the cursor follows the mouse.
        const QPointF start = view.mapToImage(cursor);
        QTest::mousePress(&view, Qt::LeftButton, {}, cursor.toPoint());
        QTest::mouseMove(&view, cursor.toPoint() + QPoint(40, 25));
        QTest::mouseRelease(&view, Qt::LeftButton, {}, cursor.toPoint() + QPoint(40, 25));
        const QPointF moved = view.mapToImage(cursor + QPointF(40, 25));
        QVERIFY(std::abs(moved.x() - start.x()) < 1 && std::abs(moved.y() - start.y()) < 1);
    }

    void ctrlDragCarriesTheImageOutInsteadOfPanning()
    {
        // A bare view: in the viewer the request starts a QDrag, whose loop a test cannot end.
        ImageView view;
        view.resize(300, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setImage(pattern(600, 400));
        view.actualSize();
        const QPointF center = view.center();
        QSignalSpy dragOut(&view, &ImageView::dragOutRequested);
        QTest::mousePress(&view, Qt::LeftButton, Qt::ControlModifier, QPoint(150, 100));
        QTest::mouseMove(&view, QPoint(190, 130));
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::ControlModifier, QPoint(190, 130));
        QCOMPARE(dragOut.size(), 1);
        QCOMPARE(view.center(), center);
        // Without Ctrl the same drag pans.
        QTest::mousePress(&view, Qt::LeftButton, {}, QPoint(150, 100));
        QTest::mouseMove(&view, QPoint(190, 130));
        QTest::mouseRelease(&view, Qt::LeftButton, {}, QPoint(190, 130));
        QCOMPARE(dragOut.size(), 1);
        QCOMPARE(view.center(), center - QPointF(40, 30));
    }

    void arrowKeysStepThroughTheImages()
    {
        QList<ViewerImage> images;
        for (int i = 0; i < 3; ++i) {
            QImage pixels(40 + i * 10, 30, QImage::Format_RGB32);
            pixels.fill(QColor::fromHsv(i * 100, 200, 200));
            images.append(image(QStringLiteral("step%1.png").arg(i), pixels,
                                QStringLiteral("prompt number %1").arg(i)));
        }
        QVERIFY(showAndWaitForPixels(images, 0));
        QTest::keyClick(m_viewer, Qt::Key_Right);
        QTest::keyClick(m_viewer, Qt::Key_Right);
        QCOMPARE(m_viewer->currentIndex(), 2);
        QTest::keyClick(m_viewer, Qt::Key_Left);
        QCOMPARE(m_viewer->currentIndex(), 1);
        QVERIFY(m_viewer->detailsText().contains(QStringLiteral("prompt number 1")));
        QTRY_COMPARE_WITH_TIMEOUT(m_viewer->view()->image().size(), QSize(50, 30), TimeoutMs);

        // The ends stop rather than wrap.
        QTest::keyClick(m_viewer, Qt::Key_Left);
        QTest::keyClick(m_viewer, Qt::Key_Left);
        QCOMPARE(m_viewer->currentIndex(), 0);
        QVERIFY(!action("viewerPreviousAction")->isEnabled());
        QTest::keyClick(m_viewer, Qt::Key_Right);
        QTest::keyClick(m_viewer, Qt::Key_Right);
        QTest::keyClick(m_viewer, Qt::Key_Right);
        QCOMPARE(m_viewer->currentIndex(), 2);
        QVERIFY(!action("viewerNextAction")->isEnabled());
    }

    void detailsShowBeforeThePixels()
    {
        m_viewer->setImages({image(QStringLiteral("details.png"), pattern(300, 200))}, 0);
        // Right away, before any decode could have finished.
        QVERIFY(m_viewer->view()->image().isNull());
        const QString details = m_viewer->detailsText();
        for (const char *expected : {"a red fox in snow", "blurry, low quality",
                                     "123456789012345678", "28", "6.5", "dpmpp_2m, karras",
                                     "300 × 200", "sd_xl_base_1.0.safetensors", "sd_txt2img",
                                     "http://127.0.0.1:8188"}) {
            QVERIFY2(details.contains(QString::fromUtf8(expected)), expected);
        }
        // The details panel toggles with I.
        QWidget *panel = m_viewer->findChild<QWidget *>(QStringLiteral("viewerDetails"));
        QVERIFY(panel->isVisible());
        QTest::keyClick(m_viewer, Qt::Key_I);
        QVERIFY(!panel->isVisible());
        QTest::keyClick(m_viewer, Qt::Key_I);
        QVERIFY(panel->isVisible());
    }

    void aMissingFileSaysSo()
    {
        ViewerImage gone{path(QStringLiteral("gone.png")), entry(QStringLiteral("gone"), {}), 0};
        ViewerImage unknown;    // neither a file nor a prompt
        m_viewer->setImages({gone, unknown}, 0);
        QVERIFY(m_viewer->view()->message().contains(QStringLiteral("gone.png")));
        QVERIFY(m_viewer->view()->message().contains(QStringLiteral("no longer exists")));
        QVERIFY(m_viewer->detailsText().contains(QStringLiteral("a red fox")) == false);
        QTest::keyClick(m_viewer, Qt::Key_Right);
        QVERIFY(m_viewer->view()->message().contains(QStringLiteral("not on this computer")));
        QVERIFY(m_viewer->detailsText().contains(QStringLiteral("not known")));
        QVERIFY(!action("viewerRerunAction")->isEnabled());
        QVERIFY(!action("viewerSaveAction")->isEnabled());
    }

    void sideBySideLinksZoomAndPan()
    {
        const QImage a = pattern(300, 200);
        QImage b = a.mirrored(true, false);
        QVERIFY(showAndWaitForPixels({image(QStringLiteral("left.png"), a)}));
        m_viewer->compareWith(image(QStringLiteral("right.png"), b));
        QCOMPARE(m_viewer->compareMode(), CompareMode::SideBySide);
        ImageView &left = *m_viewer->view();
        ImageView &right = *m_viewer->compareView();
        QVERIFY(right.isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!right.image().isNull(), TimeoutMs);

        left.setZoom(2, QPointF(100, 80));
        QCOMPARE(right.zoom(), 2.0);
        QCOMPARE(right.center(), left.center());
        // And the other way: panning the right one moves the left one.
        QTest::mousePress(&right, Qt::LeftButton, {}, QPoint(200, 200));
        QTest::mouseMove(&right, QPoint(150, 170));
        QTest::mouseRelease(&right, Qt::LeftButton, {}, QPoint(150, 170));
        QCOMPARE(left.center(), right.center());
        QVERIFY(left.center() != QPointF(150, 100));
        // Both show the same image point at the same place, so the screens line up.
        QCOMPARE(left.mapToImage(QPointF(50, 60)), right.mapToImage(QPointF(50, 60)));

        if (const QString dir = qEnvironmentVariable("COMFYDESK_SCREENSHOT_DIR"); !dir.isEmpty()) {
            m_viewer->setImages({image(QStringLiteral("fox.png"), foxLike(QColor(0xc8, 0x5a, 0x28)),
                                       QStringLiteral("a red fox in snow, golden hour, 35mm"))},
                                0);
            m_viewer->compareWith(image(QStringLiteral("fox2.png"),
                                        foxLike(QColor(0x7a, 0x5a, 0xc8))));
            QTRY_VERIFY_WITH_TIMEOUT(!left.image().isNull() && !right.image().isNull(),
                                     TimeoutMs);
            left.fit();
            m_viewer->resize(1000, 650);
            QTest::qWait(50);
            QVERIFY(m_viewer->grab().save(dir + QStringLiteral("/viewer-compare-en.png")));
        }
    }

    void differenceShowsOnlyTheChangedRegion()
    {
        const QImage a = pattern(200, 120);
        QImage b = a;
        const QRect changed(50, 40, 30, 20);
        for (int y = changed.top(); y <= changed.bottom(); ++y) {
            for (int x = changed.left(); x <= changed.right(); ++x)
                b.setPixel(x, y, qRgb(qRed(a.pixel(x, y)) ^ 0x80, qGreen(a.pixel(x, y)),
                                      qBlue(a.pixel(x, y))));
        }
        QVERIFY(showAndWaitForPixels({image(QStringLiteral("a.png"), a)}));
        m_viewer->compareWith(image(QStringLiteral("b.png"), b));
        m_viewer->setCompareMode(CompareMode::Difference);
        QVERIFY(!m_viewer->compareView()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(m_viewer->view()->message().isEmpty()
                                     && m_viewer->view()->image().size() == a.size(),
                                 TimeoutMs);
        ImageView &view = *m_viewer->view();
        view.actualSize();
        QCOMPARE(view.center(), QPointF(100, 60));    // the whole image in view
        const QImage shot = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        const QPoint origin = view.mapFromImage(QPointF(0, 0)).toPoint();
        for (int y = 0; y < a.height(); ++y) {
            for (int x = 0; x < a.width(); ++x) {
                const QRgb seen = shot.pixel(origin + QPoint(x, y));
                const bool black = seen == qRgb(0, 0, 0);
                QVERIFY2(black != changed.contains(x, y),
                         qPrintable(QStringLiteral("%1,%2: %3").arg(x).arg(y).arg(seen, 8, 16)));
            }
        }

        // The slider lays the other image over the right part of the view; its split moves
        // with the mouse and with [ and ].
        m_viewer->setCompareMode(CompareMode::Slider);
        QTRY_VERIFY(!view.overlay().isNull());
        QCOMPARE(view.image().size(), a.size());
        QCOMPARE(view.splitPosition(), 0.5);
        const QPoint split(view.width() / 2, view.height() / 2);
        QTest::mousePress(&view, Qt::LeftButton, {}, split);
        QTest::mouseMove(&view, split - QPoint(view.width() / 4, 0));
        QTest::mouseRelease(&view, Qt::LeftButton, {}, split - QPoint(view.width() / 4, 0));
        QVERIFY(std::abs(view.splitPosition() - 0.25) < 0.01);
        QTest::keyClick(m_viewer, Qt::Key_BracketRight);
        QVERIFY(std::abs(view.splitPosition() - 0.30) < 0.01);
        // Left of the split the image, right of it the other one: split the changed region.
        view.setSplitPosition(view.mapFromImage(QPointF(65, 0)).x() / view.width());
        const QImage sliderShot = view.grab().toImage().convertToFormat(QImage::Format_RGB32);
        // At 1:1 an image pixel's top left corner is a whole screen pixel.
        QCOMPARE(sliderShot.pixel(view.mapFromImage(QPointF(60, 45)).toPoint()),
                 a.pixel(60, 45));
        QCOMPARE(sliderShot.pixel(view.mapFromImage(QPointF(70, 45)).toPoint()),
                 b.pixel(70, 45));
        QVERIFY(a.pixel(70, 45) != b.pixel(70, 45));
    }

    void copyPutsTheImageAndItsFileOnTheClipboard()
    {
        const QImage pixels = pattern(64, 48);
        const ViewerImage shown = image(QStringLiteral("copy.png"), pixels);
        QVERIFY(showAndWaitForPixels({shown}));
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(m_viewer, Qt::Key_C, Qt::ControlModifier);
        const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
        QVERIFY(mime);
        QCOMPARE(QGuiApplication::clipboard()->image().convertToFormat(QImage::Format_RGB32),
                 pixels);
        QCOMPARE(mime->urls(), QList<QUrl>{QUrl::fromLocalFile(shown.filePath)});
    }

    void saveAsPngKeepsThePromptAndJpegWritesJpeg()
    {
        const ViewerImage shown = image(QStringLiteral("save.png"), pattern(120, 80));
        QVERIFY(showAndWaitForPixels({shown}));
        QString target = path(QStringLiteral("saved.png"));
        std::optional<int> quality = 80;
        int qualityAsked = 0;
        m_viewer->setDialogs({[&](const QString &) { return target; },
                              [&](int initial) {
                                  ++qualityAsked;
                                  return initial > 0 ? quality : std::nullopt;
                              },
                              [this](const QString &problem) { m_problems.append(problem); }});
        QSignalSpy saved(m_viewer, &ImageViewer::saveFinished);
        action("viewerSaveAction")->trigger();
        QVERIFY(saved.wait(TimeoutMs));
        QCOMPARE(saved.last().at(1).toString(), QString());
        QCOMPARE(qualityAsked, 0);
        QImageReader png(target);
        QCOMPARE(png.format(), QByteArray("png"));
        QCOMPARE(png.text(QStringLiteral("prompt")),
                 QStringLiteral("{\"3\":{\"class_type\":\"KSampler\"}}"));
        QCOMPARE(png.text(QStringLiteral("workflow")), QStringLiteral("{\"nodes\":[]}"));

        target = path(QStringLiteral("saved.jpg"));
        action("viewerSaveAction")->trigger();
        QVERIFY(saved.wait(TimeoutMs));
        QCOMPARE(saved.last().at(0).toString(), target);
        QCOMPARE(saved.last().at(1).toString(), QString());
        QCOMPARE(qualityAsked, 1);
        QImageReader jpeg(target);
        jpeg.setDecideFormatFromContent(true);
        QCOMPARE(jpeg.format(), QByteArray("jpeg"));
        QCOMPARE(jpeg.size(), QSize(120, 80));

        target = path(QStringLiteral("saved.webp"));
        action("viewerSaveAction")->trigger();
        QVERIFY(saved.wait(TimeoutMs));
        QCOMPARE(saved.last().at(1).toString(), QString());
        QImageReader webp(target);
        webp.setDecideFormatFromContent(true);
        QCOMPARE(webp.format(), QByteArray("webp"));

        // Cancelling the quality writes nothing.
        target = path(QStringLiteral("cancelled.jpg"));
        quality = std::nullopt;
        action("viewerSaveAction")->trigger();
        QTest::qWait(50);
        QVERIFY(!QFileInfo::exists(target));
        QVERIFY(m_problems.isEmpty());
    }

    void aLargeImageOpensWithoutFreezing()
    {
        const QString file = path(QStringLiteral("large.png"));
        {
            QImage big(8192, 8192, QImage::Format_RGB32);
            big.fill(QColor(0x20, 0x40, 0x60));
            for (int i = 0; i < 8192; i += 512)
                big.setPixel(i, i, qRgb(255, 255, 255));
            QVERIFY(writePng(file, big, QStringLiteral("{}")));
        }
        // The UI thread's longest gap between 5 ms ticks while the image loads.
        QElapsedTimer sinceTick;
        qint64 longest = 0;
        QTimer ticker;
        ticker.setInterval(5);
        connect(&ticker, &QTimer::timeout, this, [&] {
            longest = std::max(longest, sinceTick.restart());
        });

        QElapsedTimer call;
        call.start();
        m_viewer->setImages({{file, entry(QStringLiteral("large"), {}), 0}}, 0);
        const qint64 setImagesMs = call.elapsed();
        sinceTick.start();
        ticker.start();
        QVERIFY(m_viewer->view()->image().isNull());
        QVERIFY(m_viewer->view()->message().contains(QStringLiteral("Loading")));
        QVERIFY(m_viewer->detailsText().contains(QStringLiteral("8192 × 8192")));
        QVERIFY(m_viewer->isDecoding());
        QTRY_COMPARE_WITH_TIMEOUT(m_viewer->view()->image().size(), QSize(8192, 8192), 120000);
        QTest::qWait(100);    // the first paint of the fitted image
        ticker.stop();
        qInfo("8192x8192 PNG: setImages %lld ms, loaded after %lld ms, longest UI stall %lld ms",
              setImagesMs, call.elapsed(), longest);
        QVERIFY2(setImagesMs < 200, qPrintable(QString::number(setImagesMs)));
        QVERIFY2(longest < 200, qPrintable(QString::number(longest)));
    }

    void rerunAndOpenWorkflowEmitTheEntry()
    {
        const ViewerImage shown = image(QStringLiteral("rerun.png"), pattern(32, 32));
        m_viewer->setImages({shown}, 0);
        QSignalSpy rerun(m_viewer, &ImageViewer::rerunRequested);
        QSignalSpy open(m_viewer, &ImageViewer::openWorkflowRequested);
        QTest::keyClick(m_viewer, Qt::Key_R, Qt::ControlModifier);
        QCOMPARE(rerun.size(), 1);
        QCOMPARE(rerun.first().first().value<CatalogueEntry>().promptId, shown.entry.promptId);
        QCOMPARE(rerun.first().first().value<CatalogueEntry>().graph, shown.entry.graph);
        action("viewerOpenWorkflowAction")->trigger();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().value<CatalogueEntry>().workflow,
                 QStringLiteral("sd_txt2img"));
    }

    void fullScreenAndBack()
    {
        QTest::keyClick(m_viewer, Qt::Key_F11);
        QTRY_VERIFY(m_viewer->isFullScreen());
        QTest::keyClick(m_viewer, Qt::Key_Escape);
        QTRY_VERIFY(!m_viewer->isFullScreen());
        QVERIFY(m_viewer->isVisible());
    }

    void everyControlHasAnAccessibleName()
    {
        QVERIFY(showAndWaitForPixels({image(QStringLiteral("a11y.png"), pattern(32, 32))}));
        m_viewer->compareWith(image(QStringLiteral("a11y2.png"), pattern(32, 32)));
        QStringList missing;
        for (QWidget *widget : m_viewer->findChildren<QWidget *>()) {
            if (widget->focusPolicy() == Qt::NoFocus || !widget->isVisibleTo(m_viewer)
                || widget->objectName().startsWith(QLatin1String("qt_")))
                continue;
            QAccessibleInterface *face = QAccessible::queryAccessibleInterface(widget);
            if (!face || face->text(QAccessible::Name).trimmed().isEmpty()
                || face->text(QAccessible::Description).trimmed().isEmpty()) {
                missing.append(QStringLiteral("%1 \"%2\"").arg(
                    QString::fromLatin1(widget->metaObject()->className()),
                    widget->objectName()));
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
        for (QAction *action : m_viewer->actions())
            QVERIFY2(!action->shortcuts().isEmpty(), qPrintable(action->objectName()));
    }

private:
    // Something that reads as a picture in the screenshot: a sky, hills and a sun.
    static QImage foxLike(const QColor &accent)
    {
        QImage image(768, 512, QImage::Format_RGB32);
        QPainter painter(&image);
        QLinearGradient sky(0, 0, 0, 512);
        sky.setColorAt(0, QColor(0x1d, 0x3b, 0x6e));
        sky.setColorAt(1, QColor(0xf0, 0xb8, 0x7a));
        painter.fillRect(image.rect(), sky);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setBrush(QColor(0xff, 0xe6, 0xa0));
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(QPointF(540, 200), 60, 60);
        painter.setBrush(QColor(0x2c, 0x3e, 0x34));
        painter.drawEllipse(QPointF(200, 620), 420, 260);
        painter.setBrush(QColor(0x3d, 0x55, 0x45));
        painter.drawEllipse(QPointF(640, 660), 380, 260);
        painter.setBrush(accent);
        painter.drawRoundedRect(QRectF(300, 330, 140, 70), 30, 30);
        painter.drawEllipse(QPointF(450, 330), 38, 34);
        return image;
    }
};

QTEST_MAIN(TestImageViewer)
#include "tst_imageviewer.moc"
