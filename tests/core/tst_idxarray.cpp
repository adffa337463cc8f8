// IDX reading: round trips and every malformed-file case, each with a message naming the file.
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/digest.h"
#include "core/common/error.h"
#include "core/common/filebytes.h"
#include "core/common/resourcelimits.h"
#include "core/data/formats/idx/idxarray.h"
#include "core/data/formats/idx/idxsplitloader.h"
#include "core/data/formats/numpy/numpydataset.h"
#include "tests/support/testdata.h"

using namespace normlab;

namespace {

std::vector<std::uint8_t> idxBytesOfType(std::uint8_t type, const std::vector<std::uint32_t>& dims, std::size_t data) {
    auto bytes = encodeIdxHeader(dims, type);
    bytes.resize(bytes.size() + data, 0);
    return bytes;
}

} // namespace

class TestIdxArray : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::filesystem::path path(const char* name) const {
        return std::filesystem::path(m_dir.path().toStdString()) / name;
    }

    // Asserts that reading fails with a message containing the file name and `problem`.
    void expectError(const std::filesystem::path& file, const std::string& problem) {
        try {
            readIdx(file);
            QFAIL(qPrintable(QString::fromStdString("no error for " + file.string())));
        } catch (const Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.find(file.string()) != std::string::npos, e.what());
            QVERIFY2(message.find(problem) != std::string::npos, e.what());
        }
    }

private Q_SLOTS:
    void roundTripPlainAndGzip_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << QStringLiteral("a-idx3-ubyte");
        QTest::newRow("gzip") << QStringLiteral("a-idx3-ubyte.gz");
    }
    void roundTripPlainAndGzip() {
        QFETCH(QString, name);
        IdxArray a{{3, 4, 5}, {}};
        for (int i = 0; i < 60; ++i)
            a.data.push_back(static_cast<std::uint8_t>(i * 13));
        const auto file = path(name.toUtf8().constData());
        writeIdx(file, a);
        FileDigests digests;
        const IdxArray b = readIdx(file, &digests);
        QCOMPARE(b.dims, a.dims);
        QCOMPARE(b.data, a.data);
        QCOMPARE(digests.sha256.size(), std::size_t{64});
        QCOMPARE(digests.md5, md5Hex(readFileBytes(file)));
        QCOMPARE(looksGzipped(readFileBytes(file)), name.endsWith(QStringLiteral(".gz")));
    }
    void oneDimensionalLabels() {
        writeIdx(path("l"), IdxArray{{4}, {1, 2, 3, 9}});
        QCOMPARE(readIdx(path("l")).data, (std::vector<std::uint8_t>{1, 2, 3, 9}));
    }

    void emptyFile() {
        test::writeBytes(path("empty"), {});
        expectError(path("empty"), "empty file");
    }
    void missingFile() { expectError(path("does-not-exist"), "cannot open"); }
    void directoryInsteadOfFile() {
        std::filesystem::create_directories(path("adir"));
        expectError(path("adir"), "is a directory");
    }
    void truncatedHeader() {
        test::writeBytes(path("th"), {0, 0, 8});
        expectError(path("th"), "truncated header");
        auto b = test::idxBytes(8, {10, 28, 28}, 0);
        b.resize(9); // dims cut off
        test::writeBytes(path("th2"), b);
        expectError(path("th2"), "truncated header");
    }
    void truncatedData() {
        test::writeBytes(path("td"), test::idxBytes(8, {10, 28, 28}, 28 * 28 * 10 - 1));
        expectError(path("td"), "truncated data");
    }
    void trailingBytes() {
        test::writeBytes(path("tb"), test::idxBytes(8, {2, 2}, 5));
        expectError(path("tb"), "unexpected bytes");
    }
    void wrongMagic() {
        auto b = test::idxBytes(8, {2}, 2);
        b[0] = 0x50;
        test::writeBytes(path("wm"), b);
        expectError(path("wm"), "bad magic");
    }
    void wrongTypeCode() {
        test::writeBytes(path("wt"), test::idxBytes(0x0D, {2}, 8));
        expectError(path("wt"), "type code 0x0d");
    }
    void badDimensionCount() {
        test::writeBytes(path("bd"), test::idxBytes(8, {1, 1, 1, 1, 1}, 1));
        expectError(path("bd"), "dimension count 5");
    }
    void oversizedDimsAreAnErrorNotAnAllocation() {
        // 2^31 images of 28x28 in a 20-byte file must be refused from the header alone.
        test::writeBytes(path("huge"), test::idxBytes(8, {0x80000000u, 28, 28}, 4));
        expectError(path("huge"), "truncated data");
        test::writeBytes(path("huge2"), test::idxBytes(8, {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}, 4));
        expectError(path("huge2"), "truncated data");
    }
    void corruptGzip() {
        writeIdx(path("c.gz"), IdxArray{{100}, std::vector<std::uint8_t>(100, 7)});
        auto b = readFileBytes(path("c.gz"));
        b[b.size() / 2] ^= 0xff;
        test::writeBytes(path("c.gz"), b);
        expectError(path("c.gz"), "corrupt gzip");
    }
    void truncatedGzip() {
        writeIdx(path("t.gz"), IdxArray{{1000}, std::vector<std::uint8_t>(1000, 3)});
        auto b = readFileBytes(path("t.gz"));
        b.resize(b.size() - 5);
        test::writeBytes(path("t.gz"), b);
        expectError(path("t.gz"), "corrupt gzip");
    }
    void gzipWithForgedHugeTrailer() {
        writeIdx(path("f.gz"), IdxArray{{10}, std::vector<std::uint8_t>(10, 3)});
        auto b = readFileBytes(path("f.gz"));
        b[b.size() - 1] = 0xff; // ISIZE ~ 4 GB from a tiny file
        test::writeBytes(path("f.gz"), b);
        expectError(path("f.gz"), "corrupt gzip");
    }

    void splitCountMismatch() {
        writeIdx(path("im"), IdxArray{{3, 2, 2}, std::vector<std::uint8_t>(12, 1)});
        writeIdx(path("lb"), IdxArray{{4}, {0, 1, 2, 3}});
        try {
            loadIdxSplit(path("im"), path("lb"), {"a", "b", "c", "d"});
            QFAIL("mismatch accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("4 labels but") != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).find(path("lb").string()) != std::string::npos, e.what());
        }
    }
    void labelOutOfRange() {
        writeIdx(path("im2"), IdxArray{{3, 2, 2}, std::vector<std::uint8_t>(12, 1)});
        writeIdx(path("lb2"), IdxArray{{3}, {0, 10, 2}});
        try {
            loadIdxSplit(path("im2"), path("lb2"), std::vector<std::string>(10, "x"));
            QFAIL("label 10 accepted with 10 classes");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("label 10 at index 1 is out of range") != std::string::npos, e.what());
        }
    }
    void imagesNeedThreeOrFourDims() {
        writeIdx(path("im3"), IdxArray{{12}, std::vector<std::uint8_t>(12, 1)});
        writeIdx(path("lb3"), IdxArray{{12}, std::vector<std::uint8_t>(12, 0)});
        QVERIFY_THROWS_EXCEPTION(Error, loadIdxSplit(path("im3"), path("lb3"), {}));
    }
    // The array formats' image side limit (resourcelimits.h): a shape beyond it is refused by its
    // header, before anything of that size is allocated, and the message names the limit.
    void imagesBeyondTheSideLimitAreRefused() {
        try {
            checkIdxImages({1, 28, static_cast<std::uint32_t>(kMaxArrayImageSide + 1)}, kIdxUnsignedByte, "big-images");
            QFAIL("a 4097-pixel side was accepted");
        } catch (const Error& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("big-images: unsupported image shape 1x28x4097 (1 to 4 channels, "
                                 "1 to 4096 pixels a side: kMaxArrayImageSide in "
                                 "core/common/resourcelimits.h)"));
        }
        QCOMPARE(checkIdxImages({1, 28, static_cast<std::uint32_t>(kMaxArrayImageSide)}, kIdxUnsignedByte, "ok").width,
                 std::uint32_t(kMaxArrayImageSide));
        try {
            checkNpyImages("|u1", {2, kMaxArrayImageSide + 1, 3}, "big.npy");
            QFAIL("a 4097-pixel side was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("big.npy: unsupported image size 4097x3 (1 to 4096 pixels a side: "
                                                "kMaxArrayImageSide") == 0,
                     e.what());
        }
    }
    void loadedSplitRecordsSources() {
        writeIdx(path("im4.gz"), IdxArray{{2, 2, 3}, std::vector<std::uint8_t>(12, 9)});
        writeIdx(path("lb4"), IdxArray{{2}, {1, 3}});
        const ImageSet set = loadIdxSplit(path("im4.gz"), path("lb4"), {});
        QCOMPARE(set.count, std::size_t{2});
        QCOMPARE(set.height, 2);
        QCOMPARE(set.width, 3);
        QCOMPARE(set.classCount(), 4); // custom folder: classes 0..max label
        QCOMPARE(set.sources.size(), std::size_t{2});
        QCOMPARE(set.sources[0].bytes, std::uint64_t(std::filesystem::file_size(path("im4.gz"))));
        // Labels 1 and 3 of classes 0..3: the unused 0 and 2 are a gap, said in a note.
        QCOMPARE(set.notes.size(), std::size_t{1});
        QVERIFY2(set.notes[0].find("1, 3 are used, so 2 classes in between (0, 2) have no images") != std::string::npos,
                 set.notes[0].c_str());
    }

    // QMNIST: labels are N x 8 big-endian int32, the class in column 0; the rest is metadata.
    void int32LabelsTakeTheFirstColumn() {
        writeIdx(path("qim"), IdxArray{{3, 2, 2}, std::vector<std::uint8_t>(12, 5)});
        IdxArray labels{{3, 8}, std::vector<std::uint8_t>(3 * 8 * 4, 0), kIdxInt32};
        const int classes[3] = {7, 0, 9};
        for (int i = 0; i < 3; ++i) {
            labels.data[i * 32 + 3] = static_cast<std::uint8_t>(classes[i]);
            labels.data[i * 32 + 7] = 200; // a writer id, not a class
        }
        writeIdx(path("qlb.gz"), labels);
        const ImageSet set = loadIdxSplit(path("qim"), path("qlb.gz"), std::vector<std::string>(10, "d"));
        QCOMPARE(set.labels, (std::vector<std::uint8_t>{7, 0, 9}));
        QCOMPARE(readIdx(path("qlb.gz")).int32At(1), 200);

        labels.data[32 + 0] = 0xff; // class -16777216
        writeIdx(path("qbad"), labels);
        try {
            loadIdxSplit(path("qim"), path("qbad"), std::vector<std::string>(10, "d"));
            QFAIL("negative label accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("qbad: label -16777216 at index 1") != std::string::npos, e.what());
        }
        // An int32 file that declares more data than it has is refused like any other.
        test::writeBytes(path("qshort"), idxBytesOfType(kIdxInt32, {3, 8}, 95));
        expectError(path("qshort"), "truncated data");
    }

    // EMNIST stores each image transposed; loading it transposed shows it upright.
    void transposedImagesAreShownUpright() {
        // 2 images of 2 x 3 as stored (column-major 3 x 2 when upright).
        writeIdx(path("tim"), IdxArray{{2, 2, 3}, {1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60}});
        writeIdx(path("tlb"), IdxArray{{2}, {0, 1}});
        const ImageSet set = loadIdxSplit(path("tim"), path("tlb"), {"a", "b"}, true);
        QCOMPARE(set.height, 3);
        QCOMPARE(set.width, 2);
        QCOMPARE(set.pixels, (std::vector<std::uint8_t>{1, 4, 2, 5, 3, 6, 10, 40, 20, 50, 30, 60}));
        QVERIFY(!set.notes.empty() && set.notes[0].find("transposed") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestIdxArray)
#include "tst_idxarray.moc"
