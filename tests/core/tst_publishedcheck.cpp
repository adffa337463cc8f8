// Recognising the published MNIST/FashionMNIST files and their content when a repackager (Debian)
// recompressed them: the catalog's content digests, and the loader's verdict on real files.
#include <QTemporaryDir>
#include <QtTest>

#include "core/data/catalog/datasetcatalog.h"
#include "core/common/filebytes.h"
#include "core/data/formats/idx/idxsplitloader.h"
#include "core/data/catalog/publishedcheck.h"
#include "tests/support/testdata.h"

using namespace normlab;

namespace {

const RemoteFile& fashionFile(IdxRole role) {
    return findCatalogDataset("fashion-mnist")->files.at(static_cast<std::size_t>(role));
}

} // namespace

class TestPublishedCheck : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void publishedFileByMd5() {
        const auto& f = fashionFile(IdxRole::TestLabels);
        int digests = 0;
        const std::string verdict = describePublished({f.name, f.md5, true, f.contentBytes}, [&] {
            ++digests;
            return std::string();
        });
        QCOMPARE(verdict, std::string("published FashionMNIST file t10k-labels-idx1-ubyte.gz"));
        QCOMPARE(digests, 0); // the MD5 settles it; no second digest
    }
    void recompressedContentByDigest() {
        const auto& f = fashionFile(IdxRole::TrainImages);
        const StoredFile recompressed{f.name, "00000000000000000000000000000000", true, f.contentBytes};
        QCOMPARE(describePublished(recompressed, [&] { return f.contentSha256; }),
                 std::string("published FashionMNIST content (train-images-idx3-ubyte); file recompressed"));
        const StoredFile plain{"train-images-idx3-ubyte", "00000000000000000000000000000000", false, f.contentBytes};
        QCOMPARE(describePublished(plain, [&] { return f.contentSha256; }),
                 std::string("published FashionMNIST content (train-images-idx3-ubyte); file stored uncompressed"));
    }
    void otherContentIsNotPublished() {
        const auto& f = fashionFile(IdxRole::TrainImages);
        int digests = 0;
        const auto count = [&] {
            ++digests;
            return std::string(64, 'a');
        };
        // Same size, other bytes: the digest is computed once and does not match.
        QCOMPARE(describePublished({f.name, "x", true, f.contentBytes}, count),
                 std::string("does not match the published MNIST/FashionMNIST/KMNIST train-images-idx3-ubyte"));
        QCOMPARE(digests, 1);
        // Another size: no digest at all.
        QCOMPARE(describePublished({"my-images.gz", "x", true, 12345}, count),
                 std::string("not a published file of a catalog data set"));
        QCOMPARE(digests, 1);
    }
    void catalogContentDigestsAreWellFormed() {
        int withContent = 0;
        for (const auto& info : datasetCatalog())
            for (const auto& f : info.files) {
                if (f.contentSha256.empty()) continue;
                ++withContent;
                QCOMPARE(f.contentSha256.size(), std::size_t{64});
                QVERIFY(f.contentSha256.find_first_not_of("0123456789abcdef") == std::string::npos);
                QVERIFY(f.contentBytes > 8);
            }
        QCOMPARE(withContent, 4); // FashionMNIST's four files
    }
    // The loader's verdict on Debian's real files, recompressed once more by the test (level 9)
    // and stored uncompressed: both are recognised by content, not by name.
    void loaderRecognisesDebianFilesRecompressedAgain() {
        const auto debian = test::debianFashionMnist();
        if (debian.empty()) QSKIP("Debian's dataset-fashion-mnist is not installed (scripts/install-deps installs it)");
        QTemporaryDir dir;
        const std::filesystem::path out = dir.path().toStdString();
        const auto images = gunzip(readFileBytes(debian / "t10k-images-idx3-ubyte.gz"), "t10k-images");
        test::writeBytes(out / "images.gz", gzip(images, 9));
        test::writeBytes(out / "labels", gunzip(readFileBytes(debian / "t10k-labels-idx1-ubyte.gz"), "t10k-labels"));
        const ImageSet set = loadIdxSplit(out / "images.gz", out / "labels", {});
        QCOMPARE(set.sources.at(0).published,
                 std::string("published FashionMNIST content (t10k-images-idx3-ubyte); file recompressed"));
        QCOMPARE(set.sources.at(1).published,
                 std::string("published FashionMNIST content (t10k-labels-idx1-ubyte); file stored uncompressed"));
        // One pixel changed: no longer the published content.
        auto changed = images;
        changed.back() ^= 1;
        test::writeBytes(out / "changed.gz", gzip(changed, 9));
        const ImageSet other = loadIdxSplit(out / "changed.gz", out / "labels", {});
        QCOMPARE(other.sources.at(0).published, std::string("not a published file of a catalog data set"));
    }
};

QTEST_GUILESS_MAIN(TestPublishedCheck)
#include "tst_publishedcheck.moc"
