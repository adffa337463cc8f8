// Finding data sets: NormLab's layout, torchvision's layout, system folders ($XDG_DATA_DIRS, where
// Debian's dataset packages install), custom folders, and "auto".
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/error.h"
#include "core/data/catalog/datasetavailability.h"
#include "core/data/catalog/datasetcatalog.h"
#include "core/data/catalog/datasetlisting.h"
#include "core/data/catalog/datasetlocator.h"
#include "core/data/datasetopener.h"
#include "tests/support/testdata.h"

using namespace normlab;

namespace {

// Sets an environment variable for one scope (tests run under CTest's hermetic XDG_DATA_DIRS).
class ScopedEnv {
public:
    ScopedEnv(const char* name, const QByteArray& value)
        : m_name(name), m_old(qgetenv(name)), m_had(qEnvironmentVariableIsSet(name)) {
        qputenv(name, value);
    }
    ~ScopedEnv() { m_had ? qputenv(m_name, m_old) : qunsetenv(m_name); }

private:
    const char* m_name;
    QByteArray m_old;
    bool m_had;
};

} // namespace

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
        QCOMPARE(files->files.trainImages.filename().string(), std::string("train-images-idx3-ubyte.gz"));
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
        QCOMPARE(files->files.testLabels.filename().string(), std::string("t10k-labels-idx1-ubyte"));
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
    void systemDirsFollowXdgDataDirs() {
        {
            const ScopedEnv env("XDG_DATA_DIRS", "/opt/a:relative/b::/opt/c/");
            const auto dirs = systemDatasetDirs();
            QCOMPARE(dirs.size(), std::size_t{2}); // relative and empty entries are ignored, as the spec says
            QCOMPARE(dirs[0].string(), std::string("/opt/a/datasets"));
            QCOMPARE(dirs[1].string(), std::string("/opt/c/datasets"));
        }
        const ScopedEnv unset("XDG_DATA_DIRS", "");
        const auto dirs = systemDatasetDirs();
        QCOMPARE(dirs.size(), std::size_t{2});
        QCOMPARE(dirs[0].string(), std::string("/usr/local/share/datasets"));
        QCOMPARE(dirs[1].string(), std::string("/usr/share/datasets"));
    }
    // The user's data directory first, then each $XDG_DATA_DIRS entry in order.
    void discoveryOrder() {
        const auto first = root() / "order-sys1", second = root() / "order-sys2", user = root() / "order-user";
        const ScopedEnv env("XDG_DATA_DIRS", QByteArray::fromStdString(first.string() + ":" + second.string()));
        const auto* fashion = findCatalogDataset("fashion-mnist");
        QVERIFY(!locateCatalogDataset(*fashion, user));

        test::writeIdxDataset(second / "datasets" / "fashion-mnist", m_train, m_test, true);
        auto found = locateCatalogDataset(*fashion, user);
        QVERIFY(found);
        QCOMPARE(found->files.folder, second / "datasets" / "fashion-mnist");
        QCOMPARE(found->origin, "system data folder " + (second / "datasets" / "fashion-mnist").string());

        test::writeIdxDataset(first / "datasets" / "fashion-mnist", m_train, m_test, false);
        QCOMPARE(locateCatalogDataset(*fashion, user)->files.folder, first / "datasets" / "fashion-mnist");

        test::writeIdxDataset(user / "FashionMNIST" / "raw", m_train, m_test, false);
        found = locateCatalogDataset(*fashion, user);
        QCOMPARE(found->files.folder, user / "FashionMNIST" / "raw");
        QCOMPARE(found->origin, "torchvision folder " + (user / "FashionMNIST").string());

        test::writeIdxDataset(user / "fashion-mnist", m_train, m_test, false);
        found = locateCatalogDataset(*fashion, user);
        QCOMPARE(found->files.folder, user / "fashion-mnist");
        QCOMPARE(found->origin, "data directory " + user.string());

        // The loaded set says where it came from.
        DatasetRequest r;
        r.dataset = "fashion-mnist";
        r.dataDir = root() / "order-nothing-here";
        const ImageSet set = openSplit(r, "test");
        QCOMPARE(set.origin, "system data folder " + (first / "datasets" / "fashion-mnist").string());
        QCOMPARE(set.pixels, m_test.pixels);
    }
    // MNIST if found, else FashionMNIST if found (e.g. only Debian's package), else synthetic.
    void autoPrefersMnistThenFashionMnistThenSynthetic() {
        const auto system = root() / "auto-sys";
        const ScopedEnv env("XDG_DATA_DIRS", QByteArray::fromStdString(system.string()));
        DatasetRequest r;
        r.dataDir = root() / "auto-user";
        QCOMPARE(resolveDatasetId(r), std::string("synthetic"));
        test::writeIdxDataset(system / "datasets" / "fashion-mnist", m_train, m_test, true);
        QCOMPARE(resolveDatasetId(r), std::string("fashion-mnist"));
        QCOMPARE(openSplit(r, "train").dataset, std::string("fashion-mnist"));
        test::writeIdxDataset(system / "datasets" / "mnist", m_train, m_test, true);
        QCOMPARE(resolveDatasetId(r), std::string("mnist"));
    }
    void listSaysWhereEachSetIs() {
        const auto system = root() / "list-sys";
        const ScopedEnv env("XDG_DATA_DIRS", QByteArray::fromStdString(system.string()));
        test::writeIdxDataset(system / "datasets" / "fashion-mnist", m_train, m_test, true);
        const auto choices = listDatasets(root() / "list-user");
        QCOMPARE(choices.size(), datasetCatalog().size() + 1);
        QCOMPARE(choices[0].id, std::string("mnist"));
        QVERIFY(!choices[0].found);
        QCOMPARE(choices[0].fix, std::string("normlab-cli download --dataset mnist"));
        QCOMPARE(choices[1].id, std::string("fashion-mnist"));
        QVERIFY(choices[1].found);
        QCOMPARE(choices[1].folder, (system / "datasets" / "fashion-mnist").string());
        QCOMPARE(choices.back().id, std::string("synthetic"));
        QVERIFY(choices.back().found);
        // Where it is missing, the Debian package is offered first.
        const ScopedEnv none("XDG_DATA_DIRS", QByteArray::fromStdString((root() / "list-none").string()));
        QCOMPARE(listDatasets(root() / "list-user")[1].fix,
                 std::string("sudo apt-get install dataset-fashion-mnist, or normlab-cli download --dataset "
                             "fashion-mnist"));
    }
    void debianPackageIsNamed() {
        if (test::debianFashionMnist().empty())
            QSKIP("Debian's dataset-fashion-mnist is not installed (scripts/install-deps installs it)");
        const ScopedEnv env("XDG_DATA_DIRS", test::kDebianDataDirs);
        const auto found = locateCatalogDataset(*findCatalogDataset("fashion-mnist"), root() / "debian-user");
        QVERIFY(found);
        QCOMPARE(found->origin, std::string("Debian package dataset-fashion-mnist"));
        QCOMPARE(found->files.trainImages, test::debianFashionMnist() / "train-images-idx3-ubyte.gz");
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
            QVERIFY2(msg.find("no-system-data/datasets/fashion-mnist") != std::string::npos, e.what());
            QVERIFY2(msg.find("sudo apt-get install dataset-fashion-mnist") != std::string::npos, e.what());
            QVERIFY2(msg.find("normlab-cli download --dataset fashion-mnist") != std::string::npos, e.what());
        }
        r.dataset = (root() / "no-such-folder").string();
        QVERIFY_THROWS_EXCEPTION(Error, openSplit(r, "train"));
        QVERIFY_THROWS_EXCEPTION(Error, openSplit(DatasetRequest{}, "validation"));
    }
    // One answer to "is it here, where, and what is the fix", for the loader, the list and the GUI.
    void availabilityIsAnsweredOnce() {
        const auto system = root() / "avail-sys";
        const ScopedEnv env("XDG_DATA_DIRS", QByteArray::fromStdString(system.string()));
        DatasetAvailability missing = datasetAvailability("fashion-mnist", root() / "avail-user");
        QVERIFY(missing.catalog);
        QVERIFY(!missing.found);
        QCOMPARE(missing.displayName, std::string("FashionMNIST"));
        QCOMPARE(missing.debianPackage, std::string("dataset-fashion-mnist"));
        QCOMPARE(missing.fix, listDatasets(root() / "avail-user")[1].fix);
        QVERIFY(!missing.searched.empty());
        DatasetRequest r;
        r.dataset = "fashion-mnist";
        r.dataDir = root() / "avail-user";
        try {
            openSplit(r, "train");
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(std::string(e.what()), missing.notFoundMessage()); // the loader's words are the same
        }
        test::writeIdxDataset(system / "datasets" / "fashion-mnist", m_train, m_test, true);
        const DatasetAvailability found = datasetAvailability("fashion-mnist", root() / "avail-user");
        QVERIFY(found.found);
        QVERIFY(found.fix.empty());
        QCOMPARE(found.folder, system / "datasets" / "fashion-mnist");
        QCOMPARE(found.origin, listDatasets(root() / "avail-user")[1].origin);
        QVERIFY(datasetAvailability("synthetic", {}).found);
        const DatasetAvailability path = datasetAvailability((root() / "some-folder").string(), {});
        QVERIFY(path.found && !path.catalog); // a path is judged when it is read
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
        const auto isMd5 = [](const std::string& md5) {
            return md5.size() == 32 && md5.find_first_not_of("0123456789abcdef") == std::string::npos;
        };
        for (const auto& info : datasetCatalog()) {
            const QByteArray id = QByteArray::fromStdString(info.id);
            QVERIFY2(!info.mirrors.empty(), id);
            QVERIFY2(!info.about.empty(), id);
            for (const auto& mirror : info.mirrors)
                QVERIFY2(mirror.rfind("http", 0) == 0 && mirror.back() == '/', id);
            if (info.archive) {
                // One checked archive; its members' own checksums are not published.
                QVERIFY2(isMd5(info.archive->file.md5), id);
            } else {
                for (const auto& f : info.files) {
                    QVERIFY2(isMd5(f.md5), id);
                    QVERIFY2(f.name.size() > 3 && f.name.substr(f.name.size() - 3) == ".gz", id);
                }
            }
            // CIFAR's class names come from its meta file; every other entry names its classes.
            if (info.format == DatasetFormat::Idx) QVERIFY2(info.classNames.size() >= 10, id);
        }
        // torchvision's EMNIST classes: byclass 62, bymerge/balanced 47, letters 26 + N/A.
        QCOMPARE(findCatalogDataset("emnist-byclass")->classNames.size(), std::size_t{62});
        QCOMPARE(findCatalogDataset("emnist-balanced")->classNames.size(), std::size_t{47});
        QCOMPARE(findCatalogDataset("emnist-letters")->classNames.front(), std::string("N/A"));
        QCOMPARE(findCatalogDataset("emnist-letters")->classNames.size(), std::size_t{27});
        QCOMPARE(findCatalogDataset("emnist-byclass")->classNames[10], std::string("A"));
        QCOMPARE(findCatalogDataset("emnist-bymerge")->classNames.back(), std::string("t"));
    }
};

QTEST_GUILESS_MAIN(TestDatasetLocator)
#include "tst_datasetlocator.moc"
