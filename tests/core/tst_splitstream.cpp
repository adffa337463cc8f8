// Streamed passes (core/data/splitstream.h, core/stats/streamstats.h) against the same data read
// whole: the chunks are the split's images in order, the statistics and sums equal those of the
// split in memory to the last bit, the files' digests are the same, and damaged files (a .gz cut
// short or with bytes after its data, a .npz entry cut short) are refused naming the file.
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/error.h"
#include "core/common/filebytes.h"
#include "core/data/datasetopener.h"
#include "core/data/formats/idx/idxsplitloader.h"
#include "core/data/formats/idx/idxsplitstream.h"
#include "core/data/imagesource.h"
#include "core/data/splitstream.h"
#include "core/stats/splitpair.h"
#include "core/stats/statsengine.h"
#include "core/stats/streamstats.h"
#include "tests/support/cifarfiles.h"
#include "tests/support/testdata.h"
#include "tests/support/zipfiles.h"

using namespace normlab;
namespace fs = std::filesystem;

namespace {

// A .npy file of uint8 data with this shape, as NumPy writes it (version 1.0, C order).
std::vector<std::uint8_t> npyU8(const std::vector<std::uint8_t>& data, const std::string& shape,
                                bool fortran = false) {
    std::string header = "{'descr': '|u1', 'fortran_order': " + std::string(fortran ? "True" : "False") +
                         ", 'shape': " + shape + ", }";
    header.append(63 - (10 + header.size()) % 64, ' ');
    header.push_back('\n');
    std::vector<std::uint8_t> out{0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, static_cast<std::uint8_t>(header.size()),
                                  static_cast<std::uint8_t>(header.size() >> 8)};
    out.insert(out.end(), header.begin(), header.end());
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

// N x C x H x W to N x H x W x C, as channels-last files store images.
std::vector<std::uint8_t> channelsLast(const ImageSet& set) {
    std::vector<std::uint8_t> out(set.pixels.size());
    const std::size_t plane = set.pixelsPerChannel();
    for (std::size_t n = 0; n < set.count; ++n)
        for (int c = 0; c < set.channels; ++c)
            for (std::size_t p = 0; p < plane; ++p)
                out[(n * plane + p) * set.channels + c] = set.image(n)[c * plane + p];
    return out;
}

std::string shapeOf(const ImageSet& set) {
    return "(" + std::to_string(set.count) + ", " + std::to_string(set.height) + ", " + std::to_string(set.width) +
           (set.channels > 1 ? ", " + std::to_string(set.channels) : std::string()) + ")";
}

void compareStats(const SplitStats& a, const SplitStats& b) {
    QCOMPARE(a.count, b.count);
    QCOMPARE(a.bytes.size(), b.bytes.size());
    for (std::size_t c = 0; c < a.bytes.size(); ++c)
        QVERIFY(a.bytes[c].counts == b.bytes[c].counts);
    QCOMPARE(a.methods.size(), b.methods.size());
    for (std::size_t m = 0; m < a.methods.size(); ++m)
        for (std::size_t c = 0; c < a.methods[m].channels.size(); ++c) {
            QCOMPARE(a.methods[m].channels[c].mean, b.methods[m].channels[c].mean);
            QCOMPARE(a.methods[m].channels[c].std, b.methods[m].channels[c].std);
            QVERIFY(a.methods[m].histograms[c].counts == b.methods[m].histograms[c].counts);
        }
    QCOMPARE(a.perClass.size(), b.perClass.size());
    for (std::size_t k = 0; k < a.perClass.size(); ++k)
        QCOMPARE(a.perClass[k].images, b.perClass[k].images);
    QVERIFY(a.pixelMean == b.pixelMean);
    QVERIFY(a.pixelStd == b.pixelStd);
    QVERIFY(a.imageMean == b.imageMean);
    QVERIFY(a.imageMax == b.imageMax);
    QCOMPARE(a.sources.size(), b.sources.size());
    for (std::size_t i = 0; i < a.sources.size(); ++i) {
        QCOMPARE(a.sources[i].path, b.sources[i].path);
        QCOMPARE(a.sources[i].bytes, b.sources[i].bytes);
        QCOMPARE(a.sources[i].sha256, b.sources[i].sha256);
        QCOMPARE(a.sources[i].md5, b.sources[i].md5);
        QCOMPARE(a.sources[i].published, b.sources[i].published);
    }
    QVERIFY(a.notes == b.notes);
    QCOMPARE(a.dataset, b.dataset);
    QCOMPARE(a.origin, b.origin);
}

// The chunks of a stream, put back together, are the split read whole.
void compareChunks(const DatasetRequest& request, const std::string& split, std::size_t perChunk) {
    const ImageSet whole = openSplit(request, split);
    auto stream = openSplitStream(request, split);
    QCOMPARE(stream->about().count, whole.count);
    QVERIFY(stream->about().classNames == whole.classNames);
    std::vector<std::uint8_t> pixels, labels;
    for (ImageSet chunk = stream->next(perChunk); chunk.count; chunk = stream->next(perChunk)) {
        QVERIFY(chunk.count <= perChunk);
        pixels.insert(pixels.end(), chunk.pixels.begin(), chunk.pixels.end());
        labels.insert(labels.end(), chunk.labels.begin(), chunk.labels.end());
    }
    QVERIFY(pixels == whole.pixels);
    QVERIFY(labels == whole.labels);
    const auto sources = stream->finish();
    QCOMPARE(sources.size(), whole.sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i)
        QCOMPARE(sources[i].sha256, whole.sources[i].sha256);
}

DatasetRequest requestFor(const fs::path& path) {
    DatasetRequest request;
    request.dataset = path.string();
    return request;
}

} // namespace

class TestSplitStream : public QObject {
    Q_OBJECT

private slots:
    void idxStreamsAsLoaded_data() {
        QTest::addColumn<bool>("gzipped");
        QTest::newRow("plain") << false;
        QTest::newRow("gz") << true;
    }
    void idxStreamsAsLoaded() {
        QFETCH(bool, gzipped);
        QTemporaryDir dir;
        const ImageSet train = test::randomImageSet(1000, 10, 3, 1, 28, 28);
        const ImageSet testSet = test::randomImageSet(300, 10, 4, 1, 28, 28);
        test::writeIdxDataset(dir.path().toStdString(), train, testSet, gzipped);
        const DatasetRequest request = requestFor(dir.path().toStdString());
        for (std::size_t perChunk : {1, 7, 1000, 5000})
            compareChunks(request, "train", perChunk);
        compareStats(splitStats(request, "train"), computeStats(openSplit(request, "train")));
        const auto params = normalizationParamsFrom(countBytes(openSplit(request, "train")));
        compareStats(splitStats(request, "test"), computeStats(openSplit(request, "test"), params));
        const SplitSums sums = splitSums(request, "test");
        const ChannelSums whole = sumChannels(openSplit(request, "test"));
        QCOMPARE(sums.sums.images, whole.images);
        QVERIFY(sums.sums.channels[0].sum == whole.channels[0].sum);
        QVERIFY(sums.sums.channels[0].sumSq == whole.channels[0].sumSq);
    }

    // Debian's FashionMNIST is stored recompressed: the stream recognises the published content
    // from the inflated bytes' digest, as the whole reader does. Its 47 MB of train images make
    // three chunks, one read while the one before is counted.
    void realFashionMnistStreamsAsLoaded() {
        const fs::path folder = test::debianFashionMnist();
        if (folder.empty()) QSKIP("dataset-fashion-mnist is not installed");
        const DatasetRequest request = requestFor(folder);
        const SplitStats streamed = splitStats(request, "train");
        compareStats(streamed, computeStats(openSplit(request, "train")));
        QVERIFY(QString::fromStdString(streamed.sources[0].published).contains(QStringLiteral("published FashionMNIST content")));
        QCOMPARE(streamed.bytes[0].mean() / 255.0, test::kFashionMnistMean);
    }

    void emnistIsTurnedUprightChunkByChunk() {
        QTemporaryDir dir;
        const ImageSet train = test::randomImageSet(50, 10, 5, 1, 4, 6);
        test::writeIdxDataset(dir.path().toStdString(), train, train, false);
        // A custom folder is not transposed, the catalog's EMNIST is: the stream of the same files
        // with the flag against the whole reader with it.
        const auto files = *idxSplitFiles(requestFor(dir.path().toStdString()), "train");
        const ImageSet whole = loadIdxSplit(files.images, files.labels, {}, true);
        QCOMPARE(whole.height, 6);
        IdxSplitStream stream(files.images, files.labels, {}, true);
        QCOMPARE(stream.about().height, 6);
        QCOMPARE(stream.about().width, 4);
        QVERIFY(stream.about().notes == whole.notes);
        // An image at a time from the file, upright too.
        QVERIFY(test::wholeSplit(ArrayFileImages(stream.about(), *stream.fileIndex())).pixels == whole.pixels);
        std::vector<std::uint8_t> pixels;
        for (ImageSet chunk = stream.next(3); chunk.count; chunk = stream.next(3))
            pixels.insert(pixels.end(), chunk.pixels.begin(), chunk.pixels.end());
        QVERIFY(pixels == whole.pixels);
    }

    void numpyStreamsAsLoaded_data() {
        QTest::addColumn<int>("channels");
        QTest::addColumn<bool>("fortran");
        QTest::newRow("grey") << 1 << false;
        QTest::newRow("rgb, channels last") << 3 << false;
        QTest::newRow("fortran order, read whole") << 1 << true;
    }
    void numpyStreamsAsLoaded() {
        QFETCH(int, channels);
        QFETCH(bool, fortran);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        const ImageSet set = test::randomImageSet(400, 7, 9, channels, 8, 5);
        std::vector<std::uint8_t> pixels = channelsLast(set);
        if (fortran) { // first index fastest: element (n, y, x) at n + N (y + H x)
            std::vector<std::uint8_t> f(pixels.size());
            const std::size_t n = set.count, h = set.height, w = set.width;
            for (std::size_t i = 0; i < n; ++i)
                for (std::size_t y = 0; y < h; ++y)
                    for (std::size_t x = 0; x < w; ++x)
                        f[i + n * (y + h * x)] = pixels[(i * h + y) * w + x];
            pixels = std::move(f);
        }
        test::writeBytes(root / "x_train.npy", npyU8(pixels, shapeOf(set), fortran));
        test::writeBytes(root / "y_train.npy", npyU8(set.labels, "(" + std::to_string(set.count) + ",)"));
        const DatasetRequest request = requestFor(root / "x_train.npy");
        for (std::size_t perChunk : {1, 33, 400})
            compareChunks(request, "train", perChunk);
        compareStats(splitStats(request, "train"), computeStats(openSplit(request, "train")));
        QVERIFY(openSplit(request, "train").pixels == set.pixels);
        // Read an image at a time from the file (the explorer on a large .npy): channels first.
        const auto stream = openSplitStream(request, "train");
        const auto index = stream->fileIndex();
        QCOMPARE(index.has_value(), !fortran);
        if (index) QVERIFY(test::wholeSplit(ArrayFileImages(stream->about(), *index)).pixels == set.pixels);
    }

    void npzStreamsAsLoaded_data() {
        QTest::addColumn<bool>("deflated");
        QTest::addColumn<bool>("labelsFirst");
        // np.savez's stored archives: tst_numpydata reads those NumPy writes; libarchive's writer
        // (tests/support/zipfiles.h) makes stored entries of this size that no libarchive reader takes.
        QTest::newRow("deflated") << true << false;
        QTest::newRow("deflated, labels before images") << true << true;
    }
    void npzStreamsAsLoaded() {
        QFETCH(bool, deflated);
        QFETCH(bool, labelsFirst);
        QTemporaryDir dir;
        const fs::path npz = fs::path(dir.path().toStdString()) / "bloodmnist.npz";
        const ImageSet set = test::randomImageSet(500, 8, 11, 3, 28, 28);
        const std::vector<std::pair<std::string, std::vector<std::uint8_t>>> images{
            {"train_images.npy", npyU8(channelsLast(set), shapeOf(set))}};
        const std::vector<std::pair<std::string, std::vector<std::uint8_t>>> labels{
            {"train_labels.npy", npyU8(set.labels, "(" + std::to_string(set.count) + ", 1)")}};
        auto entries = labelsFirst ? labels : images;
        entries.push_back(labelsFirst ? images[0] : labels[0]);
        test::writeBytes(npz, test::zipBytes(entries, deflated));
        const DatasetRequest request = requestFor(npz);
        for (std::size_t perChunk : {3, 500})
            compareChunks(request, "train", perChunk);
        compareStats(splitStats(request, "train"), computeStats(openSplit(request, "train")));
        try {
            openSplitStream(request, "val");
            QFAIL("a missing split was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("no 'val_")), e.what());
        }
    }

    // The end of a .gz file is known only once it is inflated: a file cut short and one with bytes
    // after its data are refused then, with the file's name.
    void damagedGzipIsRefusedNamingTheFile_data() {
        QTest::addColumn<int>("change"); // bytes cut from (< 0) or appended to (> 0) the content
        QTest::addColumn<QString>("expected");
        QTest::newRow("cut short") << -1000 << "truncated data";
        QTest::newRow("bytes after the data") << 5 << "unexpected bytes after the data";
    }
    void damagedGzipIsRefusedNamingTheFile() {
        QFETCH(int, change);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        const ImageSet set = test::randomImageSet(200, 10, 6, 1, 28, 28);
        test::writeIdxDataset(root, set, set, true);
        const fs::path images = root / "train-images-idx3-ubyte.gz";
        auto content = gunzip(readFileBytes(images), images);
        content.resize(static_cast<std::size_t>(static_cast<long>(content.size()) + change), 7);
        test::writeBytes(images, gzip(content));
        try {
            splitStats(requestFor(root), "train");
            QFAIL("a damaged file was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(QString::fromStdString(images.string())), e.what());
        }
    }

    // The gzip trailer, which libarchive leaves unchecked: a wrong CRC-32, or bytes appended to the
    // file, are refused as the whole reader refuses them (found by fuzz_idxstream).
    void gzipTrailerIsChecked_data() {
        QTest::addColumn<int>("damage"); // 0: CRC-32 flipped, else bytes appended
        QTest::newRow("CRC-32 of other data") << 0;
        QTest::newRow("bytes after the gzip stream") << 2;
    }
    void gzipTrailerIsChecked() {
        QFETCH(int, damage);
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        const ImageSet set = test::randomImageSet(50, 10, 16, 1, 28, 28);
        test::writeIdxDataset(root, set, set, true);
        const fs::path images = root / "train-images-idx3-ubyte.gz";
        auto bytes = readFileBytes(images);
        if (damage == 0)
            bytes[bytes.size() - 8] ^= 0xff;
        else
            bytes.insert(bytes.end(), static_cast<std::size_t>(damage), 'x');
        test::writeBytes(images, bytes);
        for (const bool whole : {true, false}) {
            try {
                whole ? (void)openSplit(requestFor(root), "train") : (void)splitStats(requestFor(root), "train");
                QFAIL(whole ? "the whole reader accepted a damaged file" : "the stream accepted a damaged file");
            } catch (const Error& e) {
                QVERIFY2(QString::fromUtf8(e.what()).startsWith(QString::fromStdString(images.string())), e.what());
                QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("corrupt gzip file")), e.what());
            }
        }
    }

    // CIFAR a batch file at a time: the chunks, cut anywhere across files, are the generated data;
    // digests and statistics are the whole reader's.
    void cifarStreamsABatchFileAtATime_data() {
        QTest::addColumn<int>("variant");
        QTest::addColumn<bool>("python");
        QTest::newRow("cifar10 python") << 10 << true;
        QTest::newRow("cifar10 binary") << 10 << false;
        QTest::newRow("cifar100 python") << 100 << true;
        QTest::newRow("cifar100 binary") << 100 << false;
    }
    void cifarStreamsABatchFileAtATime() {
        QFETCH(int, variant);
        QFETCH(bool, python);
        QTemporaryDir dir;
        const test::CifarData data = test::randomCifar(variant, 7, 5);
        const char* folder = variant == 10 ? (python ? "cifar-10-batches-py" : "cifar-10-batches-bin")
                                           : (python ? "cifar-100-python" : "cifar-100-binary");
        const fs::path batches = fs::path(dir.path().toStdString()) / folder;
        python ? test::writeCifarPython(batches, data) : test::writeCifarBinary(batches, data);
        DatasetRequest request = requestFor(dir.path().toStdString()); // a torchvision root
        for (bool coarse : {false, true}) {
            if (coarse && variant == 10) break;
            request.coarseLabels = coarse;
            for (std::size_t perChunk : {1, 5, 7, 100}) {
                auto stream = openSplitStream(request, "train");
                QCOMPARE(stream->about().count, data.train.count());
                QCOMPARE(stream->about().dataset, variant == 10 ? std::string("cifar10") : std::string("cifar100"));
                std::vector<std::uint8_t> pixels;
                std::vector<int> labels;
                for (ImageSet chunk = stream->next(perChunk); chunk.count; chunk = stream->next(perChunk)) {
                    pixels.insert(pixels.end(), chunk.pixels.begin(), chunk.pixels.end());
                    labels.insert(labels.end(), chunk.labels.begin(), chunk.labels.end());
                }
                QVERIFY(pixels == data.train.pixels);
                QVERIFY(labels == (coarse ? data.train.coarse : data.train.fine));
            }
            compareChunks(request, "test", 3);
            compareStats(splitStats(request, "train"), computeStats(openSplit(request, "train")));
        }
    }

    // --limit gives the first images, and the digests still describe the whole file.
    void limitKeepsTheFirstImagesAndWholeFileDigests() {
        QTemporaryDir dir;
        const ImageSet set = test::randomImageSet(300, 10, 8, 1, 28, 28);
        test::writeIdxDataset(dir.path().toStdString(), set, set, true);
        DatasetRequest request = requestFor(dir.path().toStdString());
        request.limit = 120;
        compareStats(splitStats(request, "train"), computeStats(openSplit(request, "train")));
        QCOMPARE(splitStats(request, "train").count, std::size_t{120});
    }
};

QTEST_GUILESS_MAIN(TestSplitStream)
#include "tst_splitstream.moc"
