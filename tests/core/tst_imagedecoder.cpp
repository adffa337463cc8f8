// Image decoding: every format and mode compared byte for byte with Pillow's
// Image.open(f).convert("RGB") on files Pillow writes (tests/support/make_images.py), and malformed
// files crafted here, each refused with a one-line message naming the file.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>
#include <thread>

#include "core/common/error.h"
#include "core/common/filebytes.h"
#include "core/data/formats/codecs/imagedecoder.h"
#include "tests/support/testdata.h"

using namespace normlab;

namespace {

using Bytes = std::vector<std::uint8_t>;

std::uint32_t crc32(const Bytes& data, std::size_t from) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = from; i < data.size(); ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

void putBe32(Bytes& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void appendChunk(Bytes& png, const char* type, const Bytes& data) {
    putBe32(png, static_cast<std::uint32_t>(data.size()));
    const std::size_t typeAt = png.size();
    png.insert(png.end(), type, type + 4);
    png.insert(png.end(), data.begin(), data.end());
    putBe32(png, crc32(png, typeAt));
}

// An 8-bit RGB PNG whose IDAT is one stored (uncompressed) deflate block, rows with filter 0.
Bytes makePng(std::uint32_t width, std::uint32_t height, const Bytes& rgb) {
    Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    Bytes ihdr;
    putBe32(ihdr, width);
    putBe32(ihdr, height);
    ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});
    appendChunk(png, "IHDR", ihdr);
    Bytes raw;
    for (std::uint32_t y = 0; y < height && !rgb.empty(); ++y) {
        raw.push_back(0);
        raw.insert(raw.end(), rgb.begin() + y * width * 3, rgb.begin() + (y + 1) * width * 3);
    }
    Bytes zlib = {0x78,
                  0x01,
                  0x01,
                  static_cast<std::uint8_t>(raw.size()),
                  static_cast<std::uint8_t>(raw.size() >> 8),
                  static_cast<std::uint8_t>(~raw.size()),
                  static_cast<std::uint8_t>(~raw.size() >> 8)};
    zlib.insert(zlib.end(), raw.begin(), raw.end());
    std::uint32_t a = 1, b = 0;
    for (const std::uint8_t v : raw) {
        a = (a + v) % 65521;
        b = (b + a) % 65521;
    }
    putBe32(zlib, b << 16 | a);
    appendChunk(png, "IDAT", zlib);
    appendChunk(png, "IEND", {});
    return png;
}

// A 16x8 grey JPEG of flat 128 (Pillow, quality 90, optimized), 141 bytes.
Bytes flatGreyJpeg() {
    const std::string hex =
        "ffd8ffdb0043000302020302020303030304030304050805050404050a070706080c0a0c0c0b0a0b0b0d0e12100d0e110e0b0b10161011"
        "13141515150c0f171816141812141514ffc0000b080008001001011100ffc40014000100000000000000000000000000000000ffc40014"
        "100100000000000000000000000000000000ffda0008010100003f000fffd9";
    Bytes out;
    for (std::size_t i = 0; i < hex.size(); i += 2)
        out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

struct Expected {
    std::string name;
    std::string mode; // "!" when the file must be refused
    std::string refusal;
    int width = 0;
    int height = 0;
};

} // namespace

class TestImageDecoder : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::filesystem::path m_generated;
    std::vector<Expected> m_expected;
    QString m_skipReason;

    std::filesystem::path path(const char* name) const {
        return std::filesystem::path(m_dir.path().toStdString()) / name;
    }

    // Asserts that decoding fails with a one-line message naming the file and containing `problem`.
    void expectError(const std::filesystem::path& file, const std::string& problem) {
        try {
            decodeImageFile(file);
            QFAIL(qPrintable(QString::fromStdString("no error for " + file.string())));
        } catch (const Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.rfind(file.string() + ": ", 0) == 0, e.what());
            QVERIFY2(message.find(problem) != std::string::npos, e.what());
            QVERIFY2(message.find('\n') == std::string::npos, e.what());
        }
    }

    void expectBytesError(const Bytes& bytes, const char* name, const std::string& problem) {
        test::writeBytes(path(name), bytes);
        expectError(path(name), problem);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString python = test::pythonWith({QStringLiteral("PIL"), QStringLiteral("numpy")});
        if (python.isEmpty()) {
            m_skipReason = QStringLiteral("no python3 with Pillow and NumPy (Debian: python3-pil python3-numpy)");
            return;
        }
        const QString sourceDir = qEnvironmentVariable("NORMLAB_SOURCE_DIR");
        if (sourceDir.isEmpty()) {
            m_skipReason = QStringLiteral("NORMLAB_SOURCE_DIR is not set (ctest sets it) to find make_images.py");
            return;
        }
        m_generated = path("generated");
        const QString script = sourceDir + QStringLiteral("/tests/support/make_images.py");
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(python, {script, QString::fromStdString(m_generated.string())});
        QVERIFY2(p.waitForFinished(120000) && p.exitCode() == 0, "make_images.py failed");
        std::ifstream manifest(m_generated / "manifest.tsv");
        for (std::string line; std::getline(manifest, line);) {
            std::istringstream fields(line);
            Expected e;
            std::getline(fields, e.name, '\t');
            std::getline(fields, e.mode, '\t');
            if (e.mode == "!")
                std::getline(fields, e.refusal);
            else
                fields >> e.width >> e.height;
            m_expected.push_back(e);
        }
        QVERIFY(m_expected.size() > 50);
    }

    void matchesPillow_data() {
        QTest::addColumn<int>("index");
        if (m_expected.empty()) QTest::newRow("no-python") << -1;
        for (std::size_t i = 0; i < m_expected.size(); ++i)
            QTest::newRow(m_expected[i].name.c_str()) << static_cast<int>(i);
    }
    void matchesPillow() {
        QFETCH(int, index);
        if (index < 0) QSKIP(qPrintable(m_skipReason));
        const Expected& e = m_expected[static_cast<std::size_t>(index)];
        const auto file = m_generated / e.name;
        if (e.mode == "!") {
            expectError(file, e.refusal);
            return;
        }
        DecodedImage image;
        try {
            image = decodeImageFile(file);
        } catch (const Error& error) {
            QFAIL(error.what());
        }
        QCOMPARE(image.width, e.width);
        QCOMPARE(image.height, e.height);
        QCOMPARE(image.sourceMode, e.mode);
        const Bytes pillow = readFileBytes(m_generated / (e.name + ".rgb"));
        QCOMPARE(image.planar.size(), pillow.size());
        for (std::size_t i = 0; i < pillow.size(); ++i)
            if (image.planar[i] != pillow[i])
                QFAIL(qPrintable(QStringLiteral("byte %1 (plane %2, pixel %3) is %4, Pillow says %5")
                                     .arg(i)
                                     .arg(i / (pillow.size() / 3))
                                     .arg(i % (pillow.size() / 3))
                                     .arg(image.planar[i])
                                     .arg(pillow[i])));
        const auto size = readImageSize(readFileBytes(file));
        QVERIFY(size.has_value());
        QCOMPARE(size->first, e.width);
        QCOMPARE(size->second, e.height);
    }

    // Decodes run on every core at once: results must not depend on which thread did the work.
    void concurrentDecodesAgree() {
        if (m_expected.empty()) QSKIP(qPrintable(m_skipReason));
        std::vector<std::filesystem::path> files;
        for (const Expected& e : m_expected)
            if (e.mode != "!") files.push_back(m_generated / e.name);
        std::vector<Bytes> serial;
        for (const auto& f : files)
            serial.push_back(decodeImageFile(f).planar);
        constexpr int kThreads = 4;
        std::vector<int> mismatches(kThreads, 0);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                for (int round = 0; round < 3; ++round)
                    for (std::size_t i = 0; i < files.size(); ++i)
                        if (decodeImageFile(files[(i + t) % files.size()]).planar != serial[(i + t) % files.size()])
                            ++mismatches[t];
            });
        for (auto& t : threads)
            t.join();
        for (int t = 0; t < kThreads; ++t)
            QCOMPARE(mismatches[t], 0);
    }

    // Independent of Python: exact values known by construction.
    void craftedPngDecodes() {
        const Bytes rgb = {255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90};
        const DecodedImage image = decodeImage(makePng(3, 2, rgb), "crafted.png");
        QCOMPARE(image.width, 3);
        QCOMPARE(image.height, 2);
        QCOMPARE(image.sourceMode, std::string("RGB"));
        QCOMPARE(image.planar, (Bytes{255, 0, 0, 10, 40, 70, 0, 255, 0, 20, 50, 80, 0, 0, 255, 30, 60, 90}));
        QCOMPARE(readImageSize(makePng(3, 2, rgb)), (std::optional<std::pair<int, int>>{{3, 2}}));
    }
    void flatJpegDecodes() {
        const DecodedImage image = decodeImage(flatGreyJpeg(), "flat.jpg");
        QCOMPARE(image.width, 16);
        QCOMPARE(image.height, 8);
        QCOMPARE(image.sourceMode, std::string("L"));
        QCOMPARE(image.planar, Bytes(3 * 16 * 8, 128));
    }

    void emptyFile() { expectBytesError({}, "empty.png", "empty file"); }
    void missingFile() { expectError(path("does-not-exist.png"), "cannot open"); }
    void unknownFormat() {
        const std::string text = "just some text, not an image";
        expectBytesError(Bytes(text.begin(), text.end()), "notes.jpg", "unknown image format");
        expectBytesError({'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0}, "anim.png", "GIF");
    }
    void truncatedPng() {
        Bytes png = makePng(3, 2, Bytes(18, 7));
        png.resize(png.size() - 30); // into IDAT
        expectBytesError(png, "truncated.png", "PNG");
        expectBytesError(Bytes(png.begin(), png.begin() + 20), "header-only.png", "PNG");
    }
    void truncatedJpeg() {
        Bytes jpeg = flatGreyJpeg();
        jpeg.resize(jpeg.size() - 4);
        expectBytesError(jpeg, "truncated.jpg", "truncated");
        expectBytesError(Bytes(jpeg.begin(), jpeg.begin() + 30), "header-only.jpg", "JPEG");
    }
    void hugeDeclaredSizeIsRefusedBeforeAllocating() {
        // 10^10 pixels declared in a 60-byte file: refused from the header alone.
        expectBytesError(makePng(100000, 100000, {}), "huge.png", "decompression bomb");
        // The limit is the caller's: a fuzzer sets a small one.
        try {
            decodeImage(makePng(3, 2, Bytes(18, 7)), "small.png", 5);
            QFAIL("6 pixels accepted with a limit of 5");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("limit of 5 pixels") != std::string::npos, e.what());
        }
    }
    void zeroSized() {
        expectBytesError(makePng(0, 5, {}), "zero.png", "zero-sized");
        Bytes bmp(58, 0);
        bmp[0] = 'B';
        bmp[1] = 'M';
        bmp[10] = 54;
        bmp[14] = 40;
        bmp[22] = 5; // width 0, height 5
        bmp[26] = 1;
        bmp[28] = 24;
        expectBytesError(bmp, "zero.bmp", "zero-sized");
        const std::string pgm = "P5\n0 4\n255\n";
        expectBytesError(Bytes(pgm.begin(), pgm.end()), "zero.pgm", "zero-sized");
    }
    void corruptTiffAndWebpHeaders() {
        expectBytesError({'I', 'I', '*', 0, 0xff, 0xff, 0xff, 0x7f}, "bad.tif", "TIFF");
        expectBytesError({'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'E', 'B', 'P'}, "bad.webp", "WebP");
        const std::string ppm = "P6\n4 4\n255\nabc";
        expectBytesError(Bytes(ppm.begin(), ppm.end()), "short.ppm", "truncated");
    }

    void torchvisionExtensions() {
        for (const char* name :
             {"a.jpg", "a.JPEG", "b.png", "c.ppm", "d.bmp", "e.pgm", "f.tif", "g.TIFF", "h.webp", "dir/x.Png", ".png"})
            QVERIFY2(hasImageExtension(name), name);
        for (const char* name : {"a.gif", "b.txt", "c.png.bak", "jpg", "d.jpe", "e.pbm"})
            QVERIFY2(!hasImageExtension(name), name);
    }
};

QTEST_GUILESS_MAIN(TestImageDecoder)
#include "tst_imagedecoder.moc"
