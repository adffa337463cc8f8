// Faults: a full disk during export and download, data changing under the reader, cancel at
// random moments (many times over), and two exports racing for one path. Each must end with a
// clear message or a clean cancel, and never leave a partial file. Also run under TSan in CI.
#include <atomic>
#include <random>
#include <thread>

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>

#include "core/common/digest.h"
#include "core/common/error.h"
#include "core/data/catalog/datasetlocator.h"
#include "core/common/filebytes.h"
#include "core/data/formats/idx/idxsplitloader.h"
#include "core/download/downloader.h"
#include "core/common/atomicfile.h"
#include "core/stats/statsengine.h"
#include "tests/support/mirrorserver.h"
#include "tests/support/testdata.h"

using namespace normlab;
using Clock = std::chrono::steady_clock;

namespace {

// A "full disk" for this process: writes past `bytes` fail with EFBIG, as they would on a full
// file system, without needing one. SIGXFSZ is ignored so the failure is an error, not a kill.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &m_old);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{bytes, m_old.rlim_max};
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
};

bool noPartialFiles(const std::filesystem::path& dir) {
    for (const auto& name : test::filesIn(dir))
        if (name.find(".tmp-") != std::string::npos || name.find(".part-") != std::string::npos) return false;
    return true;
}

} // namespace

class TestFaults : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::filesystem::path root() const { return m_dir.path().toStdString(); }

private Q_SLOTS:
    void diskFullDuringExport() {
        const auto path = root() / "export" / "stats.json";
        std::filesystem::create_directories(path.parent_path());
        writeFileAtomically(path, "old complete file");
        {
            FileSizeLimit full(4096);
            try {
                writeFileAtomically(path, std::string(100000, 'x'));
                QFAIL("write past the limit succeeded");
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).find(path.string()) != std::string::npos, e.what());
                QVERIFY2(std::string(e.what()).find("cannot write") != std::string::npos, e.what());
            }
        }
        const auto bytes = readFileBytes(path);
        QCOMPARE(std::string(bytes.begin(), bytes.end()), std::string("old complete file"));
        QVERIFY(noPartialFiles(path.parent_path()));
    }

    void diskFullDuringDownload() {
        const std::filesystem::path served = root() / "served";
        test::writeIdxDataset(served, test::randomImageSet(300, 10, 1, 1, 28, 28),
                              test::randomImageSet(20, 10, 2, 1, 28, 28), true);
        DatasetInfo info;
        info.id = "faulty";
        const char* names[] = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                               "t10k-labels-idx1-ubyte.gz"};
        for (int i = 0; i < 4; ++i)
            info.files[i] = {names[i], md5Hex(readFileBytes(served / names[i]))};
        test::MirrorServer server(QString::fromStdString(served.string()));
        QVERIFY(server.started());
        DownloadOptions options;
        options.extraMirrors = {server.url(QStringLiteral("good")).toStdString()};
        const auto dataDir = root() / "download-full";
        {
            FileSizeLimit full(8192); // the images file is ~230 KB
            QVERIFY_THROWS_EXCEPTION(Error, downloadDataset(info, dataDir, options));
        }
        QVERIFY(noPartialFiles(dataDir));
        QVERIFY(!std::filesystem::exists(dataDir / info.id / names[0]));

        // Cancel at random points, many times: always Cancelled, never a partial file.
        std::mt19937 rng(7);
        for (int round = 0; round < 8; ++round) {
            std::stop_source stop;
            DownloadOptions slow;
            slow.extraMirrors = {server.url(QStringLiteral("slow")).toStdString()};
            slow.force = true;
            slow.stop = stop.get_token();
            const std::uint64_t at = std::uniform_int_distribution<std::uint64_t>(0, 60000)(rng);
            slow.onProgress = [&](const DownloadProgress& p) {
                if (p.fileBytes >= at) stop.request_stop();
            };
            QVERIFY_THROWS_EXCEPTION(Cancelled, downloadDataset(info, dataDir, slow));
            QVERIFY(noPartialFiles(dataDir));
        }
    }

    void datasetChangedOrRemovedWhileBeingRead() {
        const auto folder = root() / "changing";
        test::writeIdxDataset(folder, test::randomImageSet(50, 10, 1), test::randomImageSet(10, 10, 2), false);
        const auto files = findIdxFilesIn(folder);
        QVERIFY(files);
        std::filesystem::remove(files->trainLabels); // removed after it was found
        try {
            loadIdxSplit(files->trainImages, files->trainLabels, {});
            QFAIL("loaded a removed file");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(files->trainLabels.string() + ": cannot open") != std::string::npos,
                     e.what());
        }
        test::writeBytes(files->trainImages, {0, 0, 8, 3, 0, 0, 0, 50}); // replaced by a cut-off copy
        QVERIFY_THROWS_EXCEPTION(Error, loadIdxSplit(files->trainImages, files->testLabels, {}));
    }

    void statsCancelledAtRandomMomentsManyTimes() {
        const ImageSet set = test::randomImageSet(20000, 10, 3, 1, 28, 28);
        std::mt19937 rng(11);
        int cancelled = 0, finished = 0;
        for (int round = 0; round < 30; ++round) {
            std::stop_source stop;
            std::atomic<bool> done{false};
            std::thread worker([&] {
                try {
                    computeStats(set, std::nullopt, Progress{{}, stop.get_token()});
                    ++finished;
                } catch (const Cancelled&) {
                    ++cancelled;
                }
                done = true;
            });
            std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 20000)(rng)));
            const auto asked = Clock::now();
            stop.request_stop();
            worker.join();
            QVERIFY(Clock::now() - asked < std::chrono::seconds(1));
            QVERIFY(done);
        }
        qInfo("30 rounds: %d cancelled mid-way, %d finished first", cancelled, finished);
        QCOMPARE(cancelled + finished, 30);
    }

    void twoExportsToTheSamePathAtOnce() {
        const auto path = root() / "race.json";
        const std::string a(50000, 'a'), b(70000, 'b');
        std::atomic<bool> stopReading{false};
        std::atomic<int> badReads{0};
        std::thread reader([&] {
            while (!stopReading) {
                try {
                    const auto bytes = readFileBytes(path);
                    const std::string text(bytes.begin(), bytes.end());
                    if (!text.empty() && text != a && text != b)
                        ++badReads; // a reader must never see a mix or a partial file
                } catch (const Error&) {
                    // not written yet
                }
            }
        });
        auto writer = [&](const std::string& content) {
            for (int i = 0; i < 100; ++i)
                writeFileAtomically(path, content);
        };
        std::thread first(writer, a), second(writer, b);
        first.join();
        second.join();
        stopReading = true;
        reader.join();
        QCOMPARE(badReads.load(), 0);
        const auto bytes = readFileBytes(path);
        const std::string final(bytes.begin(), bytes.end());
        QVERIFY(final == a || final == b);
        QVERIFY(noPartialFiles(root()));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
