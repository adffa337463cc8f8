// The downloader against a local mirror: a clean download, every failure case, cancel, and the
// guarantee that the data directory never holds a partial or corrupt file.
#include <chrono>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/digest.h"
#include "core/common/error.h"
#include "core/data/catalog/datasetlocator.h"
#include "core/common/filebytes.h"
#include "core/data/formats/idx/idxsplitloader.h"
#include "core/download/downloader.h"
#include "tests/support/mirrorserver.h"
#include "tests/support/testdata.h"

using namespace normlab;
using Clock = std::chrono::steady_clock;

class TestDownloader : public QObject {
    Q_OBJECT

    QTemporaryDir m_served;
    std::unique_ptr<test::MirrorServer> m_server;
    DatasetInfo m_info;
    std::unique_ptr<QTemporaryDir> m_data;

    std::filesystem::path dataDir() const { return m_data->path().toStdString(); }
    std::filesystem::path folder() const { return dataDir() / m_info.id; }
    std::string mirror(const char* mode) const { return m_server->url(QLatin1String(mode)).toStdString(); }

    DownloadOptions options(std::vector<std::string> mirrors) const {
        DownloadOptions o;
        o.extraMirrors = std::move(mirrors);
        o.stallTimeoutSeconds = 2;
        o.connectTimeoutSeconds = 2;
        return o;
    }
    // Nothing the loader could pick up: no target file and no partial file.
    void expectCleanDataDir() {
        for (const auto& name : test::filesIn(dataDir())) {
            QVERIFY2(name.find(".part") == std::string::npos, name.c_str());
            for (const auto& f : m_info.files)
                QVERIFY2(name.find(f.name) == std::string::npos, name.c_str());
        }
    }
    void expectFailure(const std::vector<std::string>& mirrors, const char* reason) {
        try {
            downloadDataset(m_info, dataDir(), options(mirrors));
            QFAIL("download succeeded");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(reason) != std::string::npos, e.what());
        }
        expectCleanDataDir();
    }

private Q_SLOTS:
    void initTestCase() {
        const std::filesystem::path served = m_served.path().toStdString();
        // Big enough (random bytes do not compress) that the slow mirror takes seconds.
        test::writeIdxDataset(served, test::randomImageSet(400, 10, 1, 1, 28, 28),
                              test::randomImageSet(50, 10, 2, 1, 28, 28), true);
        m_info.id = "testset";
        m_info.displayName = "Test set";
        const char* names[] = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                               "t10k-labels-idx1-ubyte.gz"};
        for (int i = 0; i < 4; ++i)
            m_info.files[i] = {names[i], md5Hex(readFileBytes(served / names[i]))};
        m_server = std::make_unique<test::MirrorServer>(m_served.path());
        QVERIFY(m_server->started());
    }
    void init() { m_data = std::make_unique<QTemporaryDir>(); }

    void cleanDownloadThenLoads() {
        std::vector<double> fractions;
        auto o = options({mirror("good")});
        o.onProgress = [&](const DownloadProgress& p) { fractions.push_back(p.overall); };
        const DownloadReport report = downloadDataset(m_info, dataDir(), o);
        QCOMPARE(report.files.size(), std::size_t{4});
        QVERIFY(!fractions.empty());
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        const auto files = findIdxFilesIn(folder());
        QVERIFY(files);
        const ImageSet set = loadIdxSplit(files->trainImages, files->trainLabels, {});
        QCOMPARE(set.count, std::size_t{400});
        const auto sources = readManifestSources(folder());
        QCOMPARE(sources.size(), std::size_t{4});
        QCOMPARE(sources[0].second, mirror("good"));
    }
    void checksumMismatchFallsBackToTheNextMirror() {
        std::vector<std::string> messages;
        auto o = options({mirror("corrupt"), mirror("good")});
        o.onMessage = [&](const std::string& m) { messages.push_back(m); };
        downloadDataset(m_info, dataDir(), o);
        QCOMPARE(messages.size(), std::size_t{4});
        QVERIFY(messages[0].find("checksum mismatch") != std::string::npos);
        QCOMPARE(readManifestSources(folder())[2].second, mirror("good"));
    }
    void notFound() { expectFailure({mirror("404")}, "HTTP 404"); }
    void connectionRefused() { expectFailure({"http://127.0.0.1:1/"}, "127.0.0.1:1/train-images"); }
    void stalledServerTimesOut() {
        const auto start = Clock::now();
        expectFailure({mirror("stall")}, "timed out");
        QVERIFY(Clock::now() - start < std::chrono::seconds(15));
    }
    void serverClosingMidFile() { expectFailure({mirror("close")}, "train-images-idx3-ubyte.gz: every mirror failed"); }
    void allMirrorsNamedInTheError() {
        expectFailure({mirror("404"), mirror("corrupt")}, "HTTP 404");
        expectFailure({mirror("404"), mirror("corrupt")}, "checksum mismatch");
    }

    void cancelMidDownloadEndsWithinASecond() {
        std::stop_source stop;
        auto o = options({mirror("slow")});
        o.stop = stop.get_token();
        Clock::time_point requested{};
        o.onProgress = [&](const DownloadProgress& p) {
            if (p.fileBytes > 20000 && !stop.stop_requested()) {
                requested = Clock::now();
                stop.request_stop();
            }
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled, downloadDataset(m_info, dataDir(), o));
        QVERIFY(requested != Clock::time_point{});
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - requested).count();
        qInfo("cancel took %lld ms", static_cast<long long>(ms));
        QVERIFY(ms < 1000);
        expectCleanDataDir();
    }

    void validFilesAreNotDownloadedAgain() {
        downloadDataset(m_info, dataDir(), options({mirror("good")}));
        const DownloadReport again = downloadDataset(m_info, dataDir(), options({mirror("404")}));
        for (const auto& f : again.files)
            QVERIFY(f.alreadyPresent);
        // --force goes to the network; when that fails the valid files stay as they were.
        auto forced = options({mirror("404")});
        forced.force = true;
        QVERIFY_THROWS_EXCEPTION(Error, downloadDataset(m_info, dataDir(), forced));
        for (const auto& f : m_info.files)
            QCOMPARE(md5Hex(readFileBytes(folder() / f.name)), f.md5);
    }
    void corruptExistingFileIsReplaced() {
        downloadDataset(m_info, dataDir(), options({mirror("good")}));
        test::writeBytes(folder() / m_info.files[0].name, {1, 2, 3});
        const DownloadReport report = downloadDataset(m_info, dataDir(), options({mirror("good")}));
        QVERIFY(!report.files[0].alreadyPresent);
        QVERIFY(report.files[1].alreadyPresent);
        QCOMPARE(md5Hex(readFileBytes(folder() / m_info.files[0].name)), m_info.files[0].md5);
    }

    // A data set published as one archive (EMNIST's zip, CIFAR's tar.gz): fetched, checked,
    // unpacked under the data set's folder with the prefix stripped, and the archive removed.
    void archiveIsUnpacked() {
        const std::filesystem::path served = m_served.path().toStdString();
        const QString script = QStringLiteral(
            "import sys, zipfile, tarfile, io\n"
            "d = sys.argv[1]\n"
            "names = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', "
            "'t10k-labels-idx1-ubyte.gz']\n"
            "with zipfile.ZipFile(d + '/bundle.zip', 'w') as z:\n"
            "    z.writestr('README', 'not unpacked')\n"
            "    for n in names: z.write(d + '/' + n, 'gzip/arch-' + n)\n"
            "with tarfile.open(d + '/evil.tar.gz', 'w:gz') as t:\n"
            "    data = b'x'\n"
            "    info = tarfile.TarInfo('gzip/../../escaped'); info.size = 1\n"
            "    t.addfile(info, io.BytesIO(data))\n");
        QProcess python;
        python.start(QStringLiteral("python3"), {QStringLiteral("-c"), script, m_served.path()});
        QVERIFY(python.waitForFinished(30000));
        QCOMPARE(python.exitCode(), 0);

        DatasetInfo info = m_info;
        info.id = "archived";
        for (auto& f : info.files)
            f = {"arch-" + f.name, ""};
        info.archive = RemoteArchive{{"bundle.zip", md5Hex(readFileBytes(served / "bundle.zip"))}, "gzip/", "gzip/"};
        const DownloadReport report = downloadDataset(info, dataDir(), options({mirror("good")}));
        QCOMPARE(report.files.size(), std::size_t{1});
        const auto files = findCatalogFilesIn(dataDir() / "archived", info);
        QVERIFY(files);
        QCOMPARE(loadIdxSplit(files->testImages, files->testLabels, {}).count, std::size_t{50});
        QVERIFY(!std::filesystem::exists(dataDir() / "archived" / "bundle.zip"));
        QVERIFY(!std::filesystem::exists(dataDir() / "archived" / "README"));
        // Present now: a second call fetches nothing.
        QVERIFY(downloadDataset(info, dataDir(), options({mirror("404")})).files[0].alreadyPresent);

        // A member that climbs out of the folder is refused, and nothing lands outside it.
        info.id = "evil";
        info.archive = RemoteArchive{{"evil.tar.gz", md5Hex(readFileBytes(served / "evil.tar.gz"))}, "gzip/", "gzip/"};
        try {
            downloadDataset(info, dataDir(), options({mirror("good")}));
            QFAIL("an escaping member was unpacked");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("outside the folder") != std::string::npos, e.what());
        }
        QVERIFY(!std::filesystem::exists(dataDir() / "escaped"));
        QVERIFY(!std::filesystem::exists(dataDir().parent_path() / "escaped"));
    }
};

QTEST_GUILESS_MAIN(TestDownloader)
#include "tst_downloader.moc"
