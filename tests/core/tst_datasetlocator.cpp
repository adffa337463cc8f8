// Finding data sets: NormLab's layout, torchvision's layout, custom folders, and "auto".
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/error.h"
#include "core/data/datasetcatalog.h"
#include "core/data/datasetlocator.h"
#include "core/data/datasetopener.h"
#include "tests/support/testdata.h"

using namespace normlab;

class TestDatasetLocator : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::filesystem::path root() const { return m_dir.path().toStdString(); }
    ImageSet m_train = test::randomImageSet(40, 10, 1, 1, 28, 28);
    ImageSet m_test = test::randomImageSet(20, 10, 2, 1, 28, 28);

private Q_SLOTS:
    void torchvisionLayoutAsDataDir() {
        const auto data = root() / "tv";
        test::writeIdxDataset(data / "FashionMNIST" / "raw", m_train, m_test, true);
        const auto* fashion = findCatalogDataset("fashion-mnist");
        const auto files = locateCatalogDataset(*fashion, data);
        QVERIFY(files);
        QCOMPARE(files->trainImages.filename().string(), std::string("train-images-idx3-ubyte.gz"));
        DatasetRequest r;
        r.dataset = "fashion-mnist";
        r.dataDir = data;
        const ImageSet test = openSplit(r, "test");
        QCOMPARE(test.count, std::size_t{20});
        QCOMPARE(test.pixels, m_test.pixels);
        QCOMPARE(test.classNames.at(0), std::string("T-shirt/top"));
        QCOMPARE(test.dataset, std::string("fashion-mnist"));
    }
    void torchvisionRootAsDatasetPath() {
        const auto data = root() / "tv2";
        test::writeIdxDataset(data / "MNIST" / "raw", m_train, m_test, false);
        DatasetRequest r;
        r.dataset = data.string();
        const ImageSet train = openSplit(r, "train");
        QCOMPARE(train.dataset, std::string("mnist"));
        QCOMPARE(train.labels, m_train.labels);
    }
    void ownLayoutAndPlainPreferredOverGzip() {
        const auto data = root() / "own";
        test::writeIdxDataset(data / "mnist", m_train, m_test, true);
        test::writeIdxDataset(data / "mnist", m_train, m_test, false);
        const auto files = locateCatalogDataset(*findCatalogDataset("mnist"), data);
        QVERIFY(files);
        QCOMPARE(files->testLabels.filename().string(), std::string("t10k-labels-idx1-ubyte"));
    }
    void customFolderWithDottedNames() {
        const auto folder = root() / "custom";
        test::writeIdxDataset(folder, m_train, m_test, false);
        for (const char* name : {"train-images", "t10k-images"}) {
            std::filesystem::rename(folder / (std::string(name) + "-idx3-ubyte"),
                                    folder / (std::string(name) + ".idx3-ubyte"));
        }
        DatasetRequest r;
        r.dataset = folder.string();
        const ImageSet train = openSplit(r, "train");
        QCOMPARE(train.dataset, std::string("custom"));
        QCOMPARE(train.count, std::size_t{40});
    }
    void autoPicksMnistOnlyWhenPresent() {
        DatasetRequest r;
        r.dataDir = root() / "empty-data";
        QCOMPARE(resolveDatasetId(r), std::string("synthetic"));
        test::writeIdxDataset(root() / "empty-data" / "MNIST" / "raw", m_train, m_test, false);
        QCOMPARE(resolveDatasetId(r), std::string("mnist"));
    }
    void missingDatasetSaysWhereItLooked() {
        DatasetRequest r;
        r.dataset = "fashion-mnist";
        r.dataDir = root() / "nothing";
        try {
            openSplit(r, "train");
            QFAIL("no error");
        } catch (const Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find("FashionMNIST/raw") != std::string::npos, e.what());
            QVERIFY2(msg.find("normlab-cli download --dataset fashion-mnist") != std::string::npos, e.what());
        }
        r.dataset = (root() / "no-such-folder").string();
        QVERIFY_THROWS_EXCEPTION(Error, openSplit(r, "train"));
        QVERIFY_THROWS_EXCEPTION(Error, openSplit(DatasetRequest{}, "validation"));
    }
    void limitKeepsTheFirstImages() {
        DatasetRequest r;
        r.dataset = "synthetic";
        r.limit = 25;
        const ImageSet set = openSplit(r, "test");
        QCOMPARE(set.count, std::size_t{25});
        QCOMPARE(set.pixels.size(), std::size_t{25 * 784});
    }
    void dataDirFromEnvironment() {
        qputenv("NORMLAB_DATA_DIR", "/tmp/normlab-env-dir");
        QCOMPARE(defaultDataDir().string(), std::string("/tmp/normlab-env-dir"));
        qunsetenv("NORMLAB_DATA_DIR");
        qputenv("XDG_DATA_HOME", "/tmp/xdg");
        QCOMPARE(defaultDataDir().string(), std::string("/tmp/xdg/normlab"));
    }
    void catalogShape() {
        for (const auto& info : datasetCatalog()) {
            QVERIFY(!info.mirrors.empty());
            QCOMPARE(info.classNames.size(), std::size_t{10});
            for (const auto& mirror : info.mirrors)
                QVERIFY(mirror.rfind("http", 0) == 0 && mirror.back() == '/');
            for (const auto& f : info.files) {
                QCOMPARE(f.md5.size(), std::size_t{32});
                QVERIFY(f.md5.find_first_not_of("0123456789abcdef") == std::string::npos);
                QVERIFY(f.name.size() > 3 && f.name.substr(f.name.size() - 3) == ".gz");
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestDatasetLocator)
#include "tst_datasetlocator.moc"
