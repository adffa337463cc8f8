// The images of a split one at a time (core/data/imagesource.h): what the explorer browses. An
// image folder is an index that decodes a file when asked — the same pixels, labels and names as
// the folder read whole — and its statistics stream, equal to the CLI's.
#include <filesystem>

#include <QTemporaryDir>
#include <QtTest>

#include "core/common/error.h"
#include "core/data/datasetopener.h"
#include "core/data/formats/imagefolder/imagefolder.h"
#include "core/data/imagesource.h"
#include "core/stats/splitpair.h"
#include "tests/support/testdata.h"

using namespace normlab;
namespace fs = std::filesystem;

namespace {

// Image i of a colour set as a binary PPM (P6: interleaved RGB), which the decoder reads back
// exactly as stored.
void writePpm(const fs::path& path, const ImageSet& set, std::size_t i) {
    const int w = set.widthOf(i), h = set.heightOf(i);
    const std::string header = "P6\n" + std::to_string(w) + " " + std::to_string(h) + "\n255\n";
    std::vector<std::uint8_t> bytes(header.begin(), header.end());
    const std::size_t plane = set.pixelsPerChannel(i);
    for (std::size_t p = 0; p < plane; ++p)
        for (int c = 0; c < 3; ++c)
            bytes.push_back(set.image(i)[c * plane + p]);
    test::writeBytes(path, bytes);
}

// A folder of train/ and test/ with the images of two random mixed-size sets, class folders
// c0, c1, c2; file names keep each split's order (torchvision sorts them).
fs::path writeFolder(const fs::path& root, const ImageSet& train, const ImageSet& test) {
    for (const auto* set : {&train, &test})
        for (std::size_t i = 0; i < set->count; ++i) {
            const fs::path dir = root / (set == &train ? "train" : "test") / ("c" + std::to_string(set->labels[i]));
            fs::create_directories(dir);
            char name[16];
            std::snprintf(name, sizeof name, "%05zu.ppm", i);
            writePpm(dir / name, *set, i);
        }
    return root;
}

} // namespace

class TestImageSource : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void heldImagesGiveEachImageOfAMixedSet() {
        const ImageSet set = test::randomMixedSizeSet(30, 3, 5, 3, 9);
        const ImageSourcePtr source = heldImages(set);
        QVERIFY(source->held());
        QCOMPARE(source->count(), set.count);
        QVERIFY(source->about().pixels.empty()); // described, not copied
        const ImageSet back = test::wholeSplit(*source);
        QCOMPARE(back.pixels, set.pixels);
        for (std::size_t i = 0; i < set.count; ++i) {
            const ImagePixels image = source->pixels(i);
            QCOMPARE(image.width, set.widthOf(i));
            QCOMPARE(image.height, set.heightOf(i));
        }
    }

    void folderImagesDecodeWhatTheWholeFolderHolds() {
        QTemporaryDir tmp;
        const ImageSet train = test::randomMixedSizeSet(40, 3, 11, 3, 12);
        const ImageSet heldOut = test::randomMixedSizeSet(15, 3, 12, 3, 12);
        const fs::path root = writeFolder(tmp.path().toStdString(), train, heldOut);
        const ImageFolderSplit listing = listImageFolder(root, "train");
        const ImageSet whole = loadImageFolder(listing);
        const FolderImages source(listing);
        QVERIFY(!source.held());
        QCOMPARE(source.count(), whole.count);
        QCOMPARE(source.about().labels, whole.labels);
        QCOMPARE(source.about().classNames, whole.classNames);
        QCOMPARE(source.about().notes, whole.notes);
        for (std::size_t i = 0; i < whole.count; ++i) {
            const ImagePixels image = source.pixels(i);
            QCOMPARE(image.channels, 3);
            QCOMPARE(image.width, whole.widthOf(i));
            QCOMPARE(image.height, whole.heightOf(i));
            QVERIFY(std::equal(image.bytes.begin(), image.bytes.end(), whole.image(i)));
        }
    }

    void aFileGoneSinceListingIsNamed() {
        QTemporaryDir tmp;
        const ImageSet train = test::randomMixedSizeSet(6, 2, 3, 3, 5);
        const fs::path root = writeFolder(tmp.path().toStdString(), train, test::randomMixedSizeSet(2, 2, 4, 3, 5));
        const FolderImages source(listImageFolder(root, "train"));
        const fs::path gone = source.listing().files[2].path;
        fs::remove(gone);
        try {
            source.pixels(2);
            QFAIL("a removed file decoded");
        } catch (const Error& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(QString::fromStdString(gone.string())), e.what());
        }
        QCOMPARE(source.pixels(3).channels, 3); // the others still decode
    }

    // The explorer's statistics of a folder: one streamed pass per split, equal to the CLI's.
    void indexedFolderStatisticsEqualTheCli() {
        QTemporaryDir tmp;
        const fs::path root = writeFolder(tmp.path().toStdString(), test::randomMixedSizeSet(50, 3, 21, 3, 10),
                                          test::randomMixedSizeSet(20, 3, 22, 3, 10));
        DatasetRequest request;
        request.dataset = root.string();
        const auto sources = indexSplits(request);
        QVERIFY(sources.has_value());
        QCOMPARE(sources->train->count(), std::size_t(50));
        QCOMPARE(sources->test->count(), std::size_t(20));
        QCOMPARE(sources->test->about().split, std::string("test"));
        const auto stats = indexedPairStats(request, *sources);
        for (int s = 0; s < 2; ++s) {
            const SplitStats cli = splitStats(request, s == 0 ? "train" : "test");
            QCOMPARE(stats[s].count, cli.count);
            QCOMPARE(stats[s].imageMean, cli.imageMean);
            QCOMPARE(stats[s].params.mean, cli.params.mean);
            for (auto m : kAllMethods) {
                QCOMPARE(stats[s].method(m).channels.at(1).mean, cli.method(m).channels.at(1).mean);
                QCOMPARE(stats[s].method(m).channels.at(2).std, cli.method(m).channels.at(2).std);
            }
        }
        DatasetRequest synthetic;
        synthetic.dataset = "synthetic";
        QVERIFY(!indexSplits(synthetic).has_value()); // generated: held
    }

    // A plain IDX split larger than what is held is read an image at a time from its file, with the
    // same pixels, labels and statistics; a smaller one, or a compressed one, is held.
    void largePlainIdxIsReadFromItsFile() {
        QTemporaryDir tmp;
        const ImageSet train = test::randomImageSet(60, 10, 41, 1, 7, 5);
        const ImageSet heldOut = test::randomImageSet(25, 10, 42, 1, 7, 5);
        test::writeIdxDataset(tmp.path().toStdString(), train, heldOut, false);
        DatasetRequest request;
        request.dataset = tmp.path().toStdString();
        QVERIFY(!indexSplits(request).has_value()); // 2 KB: held
        const auto sources = indexSplits(request, 1);
        QVERIFY(sources.has_value());
        QVERIFY(!sources->train->held());
        for (const auto& [source, split] : {std::pair{sources->train, "train"}, std::pair{sources->test, "test"}}) {
            const ImageSet whole = openSplit(request, split);
            const ImageSet back = test::wholeSplit(*source);
            QCOMPARE(back.pixels, whole.pixels);
            QCOMPARE(back.labels, whole.labels);
            QCOMPARE(source->about().classNames, whole.classNames);
        }
        const auto stats = indexedPairStats(request, *sources);
        QCOMPARE(stats[0].imageMean, splitStats(request, "train").imageMean);
        QCOMPARE(stats[1].method(Method::ZScore).channels[0].mean,
                 splitStats(request, "test").method(Method::ZScore).channels[0].mean);
        request.limit = 10; // --limit: the first images and their labels
        QCOMPARE(indexSplits(request, 1)->train->about().labels.size(), std::size_t(10));

        QTemporaryDir gz;
        test::writeIdxDataset(gz.path().toStdString(), train, heldOut, true);
        request = {};
        request.dataset = gz.path().toStdString();
        QVERIFY(!indexSplits(request, 1).has_value()); // an image's place is known only once inflated
    }

    void aFolderWithoutHeldOutSplitHasAnEmptyOne() {
        QTemporaryDir tmp;
        const ImageSet train = test::randomMixedSizeSet(8, 2, 31, 3, 6);
        writeFolder(tmp.path().toStdString(), train, ImageSet{});
        DatasetRequest request;
        request.dataset = (fs::path(tmp.path().toStdString()) / "train").string(); // class folders only
        const auto sources = indexSplits(request);
        QVERIFY(sources.has_value());
        QCOMPARE(sources->test->count(), std::size_t(0));
        const auto stats = indexedPairStats(request, *sources);
        QCOMPARE(stats[0].count, std::uint64_t(8));
        QCOMPARE(stats[1].count, std::uint64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestImageSource)
#include "tst_imagesource.moc"
