// IDX reading: round trips and every malformed-file case, each with a message naming the file.
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/digest.h"
#include "core/common/error.h"
#include "core/data/filebytes.h"
#include "core/data/idxarray.h"
#include "core/data/idxsplitloader.h"
#include "tests/support/testdata.h"

using namespace normlab;

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
    }
};

QTEST_GUILESS_MAIN(TestIdxArray)
#include "tst_idxarray.moc"
