// ImageMemory: images decoded into its huge-page buffers are the images QImageReader reads
// on its own, pixel for pixel, in every PNG colour type; broken files fail cleanly (the
// sanitizer build runs this too); halved() is the exact 2×2 mean; warming pages keeps their
// contents.
#include "imagememory.h"

#include <QBuffer>
#include <QImageReader>
#include <QImageWriter>
#include <QTest>

#include <cstdlib>
#include <memory>

namespace {

// A picture with every channel varying, and a gradient alpha where the format has one.
QImage picture(const QSize &size, QImage::Format format)
{
    QImage image(size, QImage::Format_ARGB32);
    for (int y = 0; y < size.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < size.width(); ++x)
            line[x] = qRgba((x * 7 + y) & 255, (y * 5 + x * 3) & 255, (x ^ y) & 255,
                            (x + y * 2) & 255);
    }
    if (format == QImage::Format_Indexed8)
        return image.convertToFormat(format, Qt::ThresholdDither | Qt::AvoidDither);
    return image.convertToFormat(format);
}

QByteArray encode(const QImage &image, const QByteArray &format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (!writer.write(image))
        qWarning("encode: %s", qPrintable(writer.errorString()));
    return bytes;
}

QImage plainRead(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return reader.read();
}

QImage memoryRead(const QByteArray &bytes, QString *error = nullptr)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAllocationLimit(1024);
    const QImage image = ImageMemory::read(reader);
    if (error)
        *error = reader.errorString();
    return image;
}

} // namespace

class TestImageMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAsQImageReader_data()
    {
        QTest::addColumn<QImage::Format>("format");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QByteArray>("fileFormat");
        // 1200×1000 and up: over HugePageMinBytes, so from the huge-page buffer.
        QTest::newRow("rgb png") << QImage::Format_RGB32 << QSize(1200, 1000) << QByteArray("png");
        QTest::newRow("rgb png small") << QImage::Format_RGB32 << QSize(37, 21)
                                       << QByteArray("png");
        QTest::newRow("rgba png") << QImage::Format_ARGB32 << QSize(1200, 1000)
                                  << QByteArray("png");
        QTest::newRow("gray png") << QImage::Format_Grayscale8 << QSize(2100, 2000)
                                  << QByteArray("png");
        QTest::newRow("palette png") << QImage::Format_Indexed8 << QSize(2100, 2000)
                                     << QByteArray("png");
        QTest::newRow("16-bit rgba png") << QImage::Format_RGBA64 << QSize(700, 800)
                                         << QByteArray("png");
        QTest::newRow("16-bit gray png") << QImage::Format_Grayscale16 << QSize(1500, 1500)
                                         << QByteArray("png");
        QTest::newRow("rgb888 png") << QImage::Format_RGB888 << QSize(1500, 1001)
                                    << QByteArray("png");
        QTest::newRow("jpeg") << QImage::Format_RGB32 << QSize(1200, 1000) << QByteArray("jpeg");
    }

    void readsAsQImageReader()
    {
        QFETCH(QImage::Format, format);
        QFETCH(QSize, size);
        QFETCH(QByteArray, fileFormat);
        const QByteArray bytes = encode(picture(size, format), fileFormat);
        QVERIFY(!bytes.isEmpty());
        const QImage expected = plainRead(bytes);
        QVERIFY(!expected.isNull());
        const QImage image = memoryRead(bytes);
        QCOMPARE(image.size(), expected.size());
        QCOMPARE(image.format(), expected.format());
        QCOMPARE(image.colorTable(), expected.colorTable());
        QVERIFY(image == expected);
        // An ordinary image to the code using it: copied on write, its copy independent.
        QImage copy = image;
        copy.setPixel(0, 0, 0);
        QVERIFY(image == expected);
    }

    void brokenFilesFailCleanly_data()
    {
        QTest::addColumn<int>("cut");
        QTest::addColumn<bool>("corrupt");
        QTest::newRow("header only") << 40 << false;
        QTest::newRow("half the data") << -2 << false;
        QTest::newRow("all but the end") << -100 << false;
        QTest::newRow("data overwritten") << 0 << true;
        QTest::newRow("empty") << 1 << false;
    }

    void brokenFilesFailCleanly()
    {
        QFETCH(int, cut);
        QFETCH(bool, corrupt);
        QByteArray bytes = encode(picture(QSize(1200, 1000), QImage::Format_RGB32), "png");
        if (cut > 0)
            bytes.truncate(cut == 1 ? 0 : cut);
        else if (cut == -2)
            bytes.truncate(bytes.size() / 2);
        else if (cut < 0)
            bytes.chop(-cut);
        if (corrupt) {
            for (qsizetype i = 200; i < bytes.size(); i += 997)
                bytes[i] = char(bytes.at(i) ^ 0x5a);
        }
        // A truncated PNG may come back partly decoded (as QImageReader gives it); what
        // matters is that nothing reads or writes outside the buffer, and that a null image
        // says why.
        QString error;
        const QImage image = memoryRead(bytes, &error);
        if (image.isNull())
            QVERIFY(!error.isEmpty());
        else
            QCOMPARE(image.size(), QSize(1200, 1000));
    }

    void halvedIsTheMeanOfEachBlock_data()
    {
        QTest::addColumn<QImage::Format>("format");
        QTest::addColumn<QSize>("size");
        QTest::newRow("rgb32") << QImage::Format_RGB32 << QSize(640, 480);
        QTest::newRow("premultiplied, odd size") << QImage::Format_ARGB32_Premultiplied
                                                 << QSize(301, 157);
    }

    void halvedIsTheMeanOfEachBlock()
    {
        QFETCH(QImage::Format, format);
        QFETCH(QSize, size);
        const QImage source = picture(size, format);
        const QImage half = ImageMemory::halved(source);
        QCOMPARE(half.size(), QSize(size.width() / 2, size.height() / 2));
        QCOMPARE(half.format(), format);
        for (int y = 0; y < half.height(); ++y) {
            for (int x = 0; x < half.width(); ++x) {
                // Raw values: pixel() would unpremultiply.
                const QRgb raw = reinterpret_cast<const QRgb *>(half.constScanLine(y))[x];
                const auto rawSource = [&](int sx, int sy) {
                    return reinterpret_cast<const QRgb *>(source.constScanLine(sy))[sx];
                };
                const QRgb ra = rawSource(2 * x, 2 * y), rb = rawSource(2 * x + 1, 2 * y);
                const QRgb rc = rawSource(2 * x, 2 * y + 1), rd = rawSource(2 * x + 1, 2 * y + 1);
                const auto rawMean = [&](int (*channel)(QRgb)) {
                    return (channel(ra) + channel(rb) + channel(rc) + channel(rd) + 2) / 4;
                };
                if (qRed(raw) != rawMean(qRed) || qGreen(raw) != rawMean(qGreen)
                    || qBlue(raw) != rawMean(qBlue) || qAlpha(raw) != rawMean(qAlpha)) {
                    QFAIL(qPrintable(QStringLiteral("pixel %1,%2: %3, expected the mean of "
                                                    "%4 %5 %6 %7")
                                         .arg(x).arg(y).arg(raw, 8, 16)
                                         .arg(ra, 8, 16).arg(rb, 8, 16).arg(rc, 8, 16)
                                         .arg(rd, 8, 16)));
                }
            }
        }
    }

    void blankIsAWritableImage()
    {
        QImage image = ImageMemory::blank(QSize(2048, 1024), QImage::Format_RGB32);
        QCOMPARE(image.size(), QSize(2048, 1024));
        QCOMPARE(image.bytesPerLine(), QImage(1, 1, QImage::Format_RGB32).bytesPerLine() * 2048);
        image.fill(Qt::red);
        QCOMPARE(image.pixel(2047, 1023), QColor(Qt::red).rgb());
        QVERIFY(ImageMemory::blank(QSize(), QImage::Format_RGB32).isNull());
    }

    void warmingKeepsWhatIsWritten()
    {
        // The decoder writes the start of a buffer while the warmer asks for its pages: what
        // is already there must survive, whichever runs first.
        constexpr qsizetype Bytes = 12 * 1024 * 1024 + 123;
        auto *buffer = static_cast<uchar *>(ImageMemory::allocate(Bytes));
        QVERIFY(buffer);
        std::unique_ptr<uchar, decltype(&std::free)> owner(buffer, &std::free);
        for (qsizetype i = 0; i < Bytes / 2; ++i)
            buffer[i] = uchar(i * 31 + 7);
        {
            ImageMemory::PageWarmer warmer({{buffer + 5, Bytes - 5}, {buffer + 1, 3}});
            for (qsizetype i = Bytes / 2; i < Bytes; ++i)
                buffer[i] = uchar(i * 31 + 7);
        }
        for (qsizetype i = 0; i < Bytes; ++i) {
            if (buffer[i] != uchar(i * 31 + 7))
                QFAIL(qPrintable(QStringLiteral("byte %1 changed").arg(i)));
        }
        // Dropped at once: the thread stops without touching anything else.
        { ImageMemory::PageWarmer warmer({{buffer, Bytes}}); }
        QCOMPARE(buffer[Bytes - 1], uchar((Bytes - 1) * 31 + 7));
        QVERIFY(!ImageMemory::allocate(0));
    }
};

QTEST_MAIN(TestImageMemory)
#include "tst_imagememory.moc"
