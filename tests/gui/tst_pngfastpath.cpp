// PngFastPath: the PNGs it takes (8-bit RGB and RGBA, as ComfyUI writes them) decode to
// exactly what QImageReader gives, with every row filter and however the IDAT data is
// split; everything else is declined (and the viewer then reads it with QImageReader);
// damaged files are declined without a crash (the sanitizer build runs this too).
#include "imagememory.h"
#include "pngfastpath.h"
#include "viewerfiles.h"

#include <QFile>
#include <QImageReader>
#include <QImageWriter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cstdlib>

namespace {

quint32 crc32(const QByteArray &bytes)
{
    quint32 crc = 0xffffffffu;
    for (const char c : bytes) {
        crc ^= uchar(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xffffffffu;
}

QByteArray chunk(const char *type, const QByteArray &body)
{
    QByteArray typed = QByteArray(type, 4) + body;
    QByteArray out(4, '\0');
    qToBigEndian<quint32>(quint32(body.size()), out.data());
    out += typed;
    QByteArray crc(4, '\0');
    qToBigEndian<quint32>(crc32(typed), crc.data());
    return out + crc;
}

int paeth(int a, int b, int c)
{
    const int pa = std::abs(b - c), pb = std::abs(a - c), pc = std::abs(a + b - 2 * c);
    return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
}

// A PNG written by hand, so that each row's filter is chosen (row y uses filter y % 5) and
// the IDAT data can be split anywhere.
struct Png
{
    int width = 37;
    int height = 23;
    int channels = 3;
    int depth = 8;
    int colourType = 2;
    int interlace = 0;
    QByteArray samples;                 // rows of width · channels bytes
    QList<QByteArray> extraChunks;      // whole chunks, placed before IDAT
    int idatPiece = 0;                  // 0: one IDAT chunk

    // coarse: samples of three levels only, where Paeth's predictors tie often.
    static Png random(int width, int height, int channels, bool coarse = false)
    {
        Png png;
        png.width = width;
        png.height = height;
        png.channels = channels;
        png.colourType = channels == 4 ? 6 : 2;
        png.samples.resize(qsizetype(width) * height * channels);
        QRandomGenerator random(width * 1000 + height + channels);
        for (qsizetype i = 0; i < png.samples.size(); ++i) {
            // Smooth with a little noise, so every filter has something to do; some alpha
            // fully opaque and some fully clear.
            const qsizetype pixel = i / channels;
            int value = int((pixel % width) * 3 + (pixel / width) * 5 + random.bounded(9));
            if (coarse)
                value = int(random.bounded(3)) * 100;
            else if (channels == 4 && i % 4 == 3)
                value = pixel % 7 == 0 ? 255 : (pixel % 11 == 0 ? 0 : int(random.bounded(256)));
            png.samples[i] = char(value & 255);
        }
        return png;
    }

    QByteArray filtered() const
    {
        const qsizetype line = qsizetype(width) * channels;
        QByteArray out;
        for (int y = 0; y < height; ++y) {
            const int filter = y % 5;
            out += char(filter);
            for (qsizetype i = 0; i < line; ++i) {
                const int x = uchar(samples[y * line + i]);
                const int a = i >= channels ? uchar(samples[y * line + i - channels]) : 0;
                const int b = y > 0 ? uchar(samples[(y - 1) * line + i]) : 0;
                const int c = y > 0 && i >= channels
                                  ? uchar(samples[(y - 1) * line + i - channels]) : 0;
                const int predicted = filter == 0 ? 0
                                      : filter == 1 ? a
                                      : filter == 2 ? b
                                      : filter == 3 ? (a + b) / 2
                                                    : paeth(a, b, c);
                out += char((x - predicted) & 255);
            }
        }
        return out;
    }

    QByteArray bytes() const
    {
        QByteArray header(13, '\0');
        qToBigEndian<quint32>(quint32(width), header.data());
        qToBigEndian<quint32>(quint32(height), header.data() + 4);
        header[8] = char(depth);
        header[9] = char(colourType);
        header[12] = char(interlace);
        QByteArray out("\x89PNG\r\n\x1a\n", 8);
        out += chunk("IHDR", header);
        for (const QByteArray &extra : extraChunks)
            out += extra;
        const QByteArray stream = qCompress(filtered(), 6).mid(4);  // the zlib stream
        const qsizetype piece = idatPiece > 0 ? idatPiece : stream.size();
        for (qsizetype at = 0; at < stream.size(); at += piece)
            out += chunk("IDAT", stream.mid(at, piece));
        out += chunk("IEND", {});
        return out;
    }

    // The picture the samples describe, as the fast path returns it.
    QImage expected() const
    {
        QImage image(width, height, channels == 4 ? QImage::Format_ARGB32 : QImage::Format_RGB32);
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                const char *s = samples.constData() + (qsizetype(y) * width + x) * channels;
                image.setPixel(x, y, qRgba(uchar(s[0]), uchar(s[1]), uchar(s[2]),
                                           channels == 4 ? uchar(s[3]) : 255));
            }
        }
        return channels == 4 ? image.convertToFormat(QImage::Format_ARGB32_Premultiplied)
                             : image;
    }
};

} // namespace

class TestPngFastPath : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString write(const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(QStringLiteral("%1.png").arg(++m_files));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static QImage qtRead(const QString &path, QImage::Format format)
    {
        QImageReader reader(path);
        const QImage image = reader.read();
        if (image.isNull())
            qWarning("QImageReader: %s", qPrintable(reader.errorString()));
        return image.convertToFormat(format);
    }

private Q_SLOTS:
    void everyFilterDecodesAsQtDoes_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("idatPiece");
        QTest::addColumn<bool>("coarse");
        QTest::newRow("RGB, one IDAT") << 37 << 23 << 3 << 0 << false;
        QTest::newRow("RGBA, one IDAT") << 37 << 23 << 4 << 0 << false;
        QTest::newRow("RGB, three levels") << 37 << 23 << 3 << 0 << true;
        QTest::newRow("RGBA, three levels") << 37 << 23 << 4 << 0 << true;
        QTest::newRow("RGB, 7-byte IDATs") << 37 << 23 << 3 << 7 << false;
        QTest::newRow("RGBA, 1-byte IDATs") << 9 << 5 << 4 << 1 << false;
        QTest::newRow("RGB, one pixel") << 1 << 1 << 3 << 0 << false;
        QTest::newRow("RGB, one column") << 1 << 40 << 3 << 0 << false;
        QTest::newRow("RGBA, one row") << 300 << 1 << 4 << 100 << false;
        QTest::newRow("RGB, 1000 x 700 in 8 KB IDATs") << 1000 << 700 << 3 << 8192 << false;
    }

    void everyFilterDecodesAsQtDoes()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, channels);
        QFETCH(int, idatPiece);
        QFETCH(bool, coarse);
        Png png = Png::random(width, height, channels, coarse);
        png.idatPiece = idatPiece;
        const QString path = write(png.bytes());

        const QImage image = PngFastPath::read(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(width, height));
        const QImage::Format format = channels == 4 ? QImage::Format_ARGB32_Premultiplied
                                                    : QImage::Format_RGB32;
        QCOMPARE(image.format(), format);
        QCOMPARE(image, png.expected());
        QCOMPARE(image, qtRead(path, format));
    }

    void ancillaryChunksAreSkipped()
    {
        // What ComfyUI and Qt put in their files: text (the prompt), physical size.
        Png png = Png::random(20, 10, 3);
        png.extraChunks = {chunk("tEXt", "prompt\0{\"3\": {}}"), chunk("pHYs", QByteArray(9, 1)),
                           chunk("zzZz", "private")};
        const QImage image = PngFastPath::read(write(png.bytes()));
        QCOMPARE(image, png.expected());
    }

    void halfIsTheTwoByTwoMean_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("channels");
        QTest::newRow("even, RGB") << 64 << 48 << 3;
        QTest::newRow("odd, RGBA") << 37 << 23 << 4;
        QTest::newRow("too narrow to halve") << 1 << 9 << 3;
    }

    void halfIsTheTwoByTwoMean()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, channels);
        const Png png = Png::random(width, height, channels);
        QImage half;
        const QImage image = PngFastPath::read(write(png.bytes()), 1 << 30, &half);
        QVERIFY(!image.isNull());
        if (width < 2 || height < 2) {
            QVERIFY(half.isNull());
            return;
        }
        QCOMPARE(half.size(), QSize(width / 2, height / 2));
        QCOMPARE(half, ImageMemory::halved(image));
    }

    void aQtWrittenPngDecodesAsQtReadsIt()
    {
        // Written as the benchmark writes its 4096 px picture (zlib level 4, libpng's own
        // choice of filters), smaller.
        QImage picture(640, 360, QImage::Format_RGB32);
        QRandomGenerator random(7);
        for (int y = 0; y < picture.height(); ++y) {
            for (int x = 0; x < picture.width(); ++x) {
                picture.setPixel(x, y, qRgb((x + int(random.bounded(8))) & 255,
                                            (y * 2) & 255, ((x + y) / 4) & 255));
            }
        }
        const QString path = m_dir.filePath(QStringLiteral("qt.png"));
        QImageWriter writer(path, "png");
        writer.setCompression(50);
        QVERIFY(writer.write(picture));
        QCOMPARE(PngFastPath::read(path), picture);
    }

    void declinesWhatItDoesNotRead_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("qtReadsIt");
        const auto variant = [](auto change) {
            Png png = Png::random(12, 8, 3);
            change(png);
            return png.bytes();
        };
        QTest::newRow("16 bits") << variant([](Png &p) {
            p.depth = 16;
            p.channels = 6;             // bytes per pixel, which the filters work on
            p.samples += p.samples;
        }) << true;
        QTest::newRow("greyscale") << variant([](Png &p) {
            p.colourType = 0;
            p.channels = 1;
            p.samples.truncate(12 * 8);
        }) << true;
        QTest::newRow("interlaced") << variant([](Png &p) { p.interlace = 1; }) << false;
        QTest::newRow("gamma") << variant([](Png &p) {
            p.extraChunks = {chunk("gAMA", QByteArray::fromHex("0000b18f"))};
        }) << true;
        QTest::newRow("sRGB") << variant([](Png &p) {
            p.extraChunks = {chunk("sRGB", QByteArray(1, '\0'))};
        }) << true;
        QTest::newRow("transparency key") << variant([](Png &p) {
            p.extraChunks = {chunk("tRNS", QByteArray(6, '\0'))};
        }) << true;
        QTest::newRow("unknown critical chunk") << variant([](Png &p) {
            p.extraChunks = {chunk("ABCD", "x")};
        }) << false;
        QTest::newRow("not a PNG") << QByteArray("GIF89a and then some bytes") << false;
        QTest::newRow("empty") << QByteArray() << false;
    }

    void declinesWhatItDoesNotRead()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, qtReadsIt);
        const QString path = write(bytes);
        QVERIFY(PngFastPath::read(path).isNull());
        // The viewer then reads it with QImageReader, or says why it cannot.
        const ViewerFiles::Decoded decoded = ViewerFiles::decodeFile(path);
        QCOMPARE(!decoded.image.isNull(), qtReadsIt);
        QCOMPARE(decoded.error.isEmpty(), qtReadsIt);
    }

    void palettePngStillOpensInTheViewer()
    {
        QImage indexed = Png::random(30, 20, 3).expected().convertToFormat(
            QImage::Format_Indexed8, Qt::ThresholdDither);
        const QString path = m_dir.filePath(QStringLiteral("palette.png"));
        QVERIFY(indexed.save(path));
        QVERIFY(PngFastPath::read(path).isNull());
        const ViewerFiles::Decoded decoded = ViewerFiles::decodeFile(path);
        QCOMPARE(decoded.image.convertToFormat(QImage::Format_RGB32),
                 indexed.convertToFormat(QImage::Format_RGB32));
    }

    void damagedFilesAreDeclined_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray good = Png::random(40, 30, 3).bytes();
        QTest::newRow("cut in half") << good.left(good.size() / 2);
        QTest::newRow("no IEND") << good.left(good.size() - 12);
        QByteArray badHeaderCrc = good;
        badHeaderCrc[8 + 8 + 13] = char(badHeaderCrc[8 + 8 + 13] ^ 0x55);
        QTest::newRow("IHDR CRC wrong") << badHeaderCrc;
        QByteArray badAdler = good;
        badAdler[badAdler.size() - 12 - 4 - 1] = char(badAdler[badAdler.size() - 17] ^ 1);
        QTest::newRow("zlib checksum wrong") << badAdler;

        Png badFilter = Png::random(40, 30, 3);
        QByteArray rows = badFilter.filtered();
        rows[(40 * 3 + 1) * 5] = char(7);      // row 5's filter type
        QByteArray file = badFilter.bytes();
        const QByteArray wrongStream = qCompress(rows, 6).mid(4);
        const qsizetype at = file.indexOf("IDAT") - 4;
        file = file.left(at) + chunk("IDAT", wrongStream) + chunk("IEND", {});
        QTest::newRow("unknown row filter") << file;

        Png shortRows = Png::random(40, 30, 3);
        QByteArray fewer = shortRows.bytes();
        const QByteArray lessData = qCompress(shortRows.filtered().left((40 * 3 + 1) * 29), 6).mid(4);
        fewer = fewer.left(fewer.indexOf("IDAT") - 4) + chunk("IDAT", lessData) + chunk("IEND", {});
        QTest::newRow("a row short") << fewer;
        QByteArray more = shortRows.bytes();
        const QByteArray moreData = qCompress(shortRows.filtered() + QByteArray(500, 'x'), 6).mid(4);
        more = more.left(more.indexOf("IDAT") - 4) + chunk("IDAT", moreData) + chunk("IEND", {});
        QTest::newRow("more data than rows") << more;

        QByteArray huge = good;
        qToBigEndian<quint32>(60000, huge.data() + 16);
        qToBigEndian<quint32>(60000, huge.data() + 20);
        const QByteArray typed = huge.mid(12, 17);
        qToBigEndian<quint32>(crc32(typed), huge.data() + 29);
        QTest::newRow("claims 60000 x 60000") << huge;
        QByteArray lying = good;
        qToBigEndian<quint32>(0x7fffff00u, lying.data() + 8 + 25);   // first chunk's length
        QTest::newRow("chunk longer than the file") << lying;
    }

    void damagedFilesAreDeclined()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(PngFastPath::read(write(bytes)).isNull());
    }

    void allocationLimitIsKept()
    {
        const QString path = write(Png::random(100, 100, 4).bytes());
        QVERIFY(PngFastPath::read(path, 100 * 100 * 4 - 1).isNull());
        QVERIFY(!PngFastPath::read(path, 100 * 100 * 4).isNull());
    }

    void missingFileIsDeclined()
    {
        QVERIFY(PngFastPath::read(m_dir.filePath(QStringLiteral("none.png"))).isNull());
    }
};

QTEST_GUILESS_MAIN(TestPngFastPath)
#include "tst_pngfastpath.moc"
