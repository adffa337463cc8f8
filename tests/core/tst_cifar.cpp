// CIFAR-10 and CIFAR-100 in both published forms: files written here as Python 2 wrote them, files
// Python 3 writes (when python3 with numpy is installed), and every malformed case, each with a
// one-line message naming the file.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <functional>
#include <sstream>

#include "core/common/digest.h"
#include "core/common/error.h"
#include "core/common/filebytes.h"
#include "core/common/resourcelimits.h"
#include "core/data/formats/cifar/cifarreader.h"
#include "tests/support/cifarfiles.h"
#include "tests/support/testdata.h"

using namespace normlab;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kImageBytes = 3072;
constexpr std::size_t kChannelBytes = 1024;
constexpr std::size_t kWeightPeriod = 1009;

// What the Python 3 script prints for a split, computed here the same way: a brute-force check of
// every pixel's value and position, and of every label.
struct SplitChecksum {
    std::string split;
    std::int64_t count = 0;
    std::int64_t channelSums[3] = {0, 0, 0};
    std::int64_t weightedPixels = 0;
    std::int64_t weightedFine = 0;
    std::int64_t weightedCoarse = 0;
    bool operator==(const SplitChecksum&) const = default;
};

SplitChecksum checksumOf(const ImageSet& set, const ImageSet* coarse) {
    SplitChecksum c;
    c.split = set.split;
    c.count = static_cast<std::int64_t>(set.count);
    for (std::size_t i = 0; i < set.pixels.size(); ++i) {
        c.channelSums[(i % kImageBytes) / kChannelBytes] += set.pixels[i];
        c.weightedPixels += std::int64_t{set.pixels[i]} * static_cast<std::int64_t>(i % kWeightPeriod + 1);
    }
    for (std::size_t i = 0; i < set.labels.size(); ++i) {
        const auto w = static_cast<std::int64_t>(i % kWeightPeriod + 1);
        c.weightedFine += set.labels[i] * w;
        if (coarse) c.weightedCoarse += coarse->labels[i] * w;
    }
    return c;
}

// Writes a CIFAR folder with Python 3's pickle and prints each split's checksums.
const char* kPython3Script = R"(
import sys, pickle, numpy as np
folder, variant, protocol, keys, form, per, seed = sys.argv[1:8]
variant, protocol, per = int(variant), int(protocol), int(per)
rng = np.random.default_rng(int(seed))
k = (lambda s: s.encode()) if keys == 'bytes' else (lambda s: s)
def labels(values):
    if form == 'array': return np.array(values, dtype=np.int64)
    if form == 'scalars': return [np.int64(v) for v in values]
    return [int(v) for v in values]
def dump(name, d):
    with open(folder + '/' + name, 'wb') as f: pickle.dump(d, f, protocol=protocol)
def batch():
    data = rng.integers(0, 256, size=(per, 3072), dtype=np.uint8)
    fine, coarse = rng.integers(0, variant, size=per), rng.integers(0, 20, size=per)
    d = {k('batch_label'): k('a batch'), k('data'): data, k('filenames'): [k('f%d.png' % i) for i in range(per)]}
    if variant == 10: d[k('labels')] = labels(fine)
    else: d[k('fine_labels')], d[k('coarse_labels')] = labels(fine), labels(coarse)
    return d, data, fine, coarse
def report(split, parts):
    data = np.concatenate([p[1] for p in parts]).astype(np.int64)
    fine, coarse = np.concatenate([p[2] for p in parts]), np.concatenate([p[3] for p in parts])
    w, lw = np.arange(data.size) % 1009 + 1, np.arange(len(fine)) % 1009 + 1
    sums = data.reshape(-1, 3, 1024).sum(axis=(0, 2))
    print(split, len(fine), *sums.tolist(), int((data.ravel() * w).sum()), int((fine * lw).sum()),
          int((coarse * lw).sum()) if variant == 100 else 0)
if variant == 10:
    train, test = [batch() for _ in range(5)], [batch()]
    for i, b in enumerate(train): dump('data_batch_%d' % (i + 1), b[0])
    dump('test_batch', test[0][0])
    dump('batches.meta', {k('num_cases_per_batch'): per, k('label_names'): [k('name%d' % i) for i in range(10)],
                          k('num_vis'): 3072})
else:
    train, test = [batch()], [batch()]
    dump('train', train[0][0])
    dump('test', test[0][0])
    dump('meta', {k('fine_label_names'): [k('fine%d' % i) for i in range(100)],
                  k('coarse_label_names'): [k('coarse%d' % i) for i in range(20)]})
report('train', train)
report('test', test)
)";

std::vector<int> labelsOf(const ImageSet& set) {
    return {set.labels.begin(), set.labels.end()};
}

} // namespace

class TestCifar : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path path(const std::string& name) const { return fs::path(m_dir.path().toStdString()) / name; }

    // Asserts that f fails with a one-line message naming file and containing problem.
    void expectError(const std::function<void()>& f, const fs::path& file, const std::string& problem) {
        try {
            f();
            QFAIL(("no error; expected: " + problem).c_str());
        } catch (const Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.rfind(file.string() + ": ", 0) == 0, e.what());
            QVERIFY2(message.find(problem) != std::string::npos, e.what());
            QVERIFY2(message.find('\n') == std::string::npos, e.what());
        }
    }

    // A CIFAR-10 python folder of 7 images a batch, for the malformed-file cases to damage.
    fs::path cifar10Python(const std::string& name) {
        const fs::path folder = path(name) / "cifar-10-batches-py";
        test::writeCifarPython(folder, test::randomCifar(10, 7, 3));
        return folder;
    }
    fs::path cifar10Binary(const std::string& name) {
        const fs::path folder = path(name) / "cifar-10-batches-bin";
        test::writeCifarBinary(folder, test::randomCifar(10, 7, 3));
        return folder;
    }

    void compare(const ImageSet& set, const test::CifarSplitData& expected, const std::vector<int>& labels) {
        QCOMPARE(set.count, expected.count());
        QCOMPARE(set.channels, 3);
        QCOMPARE(set.height, 32);
        QCOMPARE(set.width, 32);
        QVERIFY(set.pixels == expected.pixels);
        QCOMPARE(labelsOf(set), labels);
    }

private Q_SLOTS:
    void cifar10PythonAsPython2WroteIt() {
        const auto data = test::randomCifar(10, 7, 1);
        const fs::path folder = path("c10py") / "cifar-10-batches-py";
        test::writeCifarPython(folder, data);
        const ImageSet train = readCifarPython(folder, "train");
        compare(train, data.train, data.train.fine);
        QCOMPARE(train.dataset, std::string("cifar10"));
        QCOMPARE(train.split, std::string("train"));
        QCOMPARE(train.classNames, data.fineNames);
        QCOMPARE(train.sources.size(), std::size_t{6}); // batches.meta, data_batch_1..5
        QCOMPARE(train.sources[0].path, (folder / "batches.meta").string());
        QCOMPARE(train.sources[5].path, (folder / "data_batch_5").string());
        const auto bytes = readFileBytes(folder / "data_batch_5");
        QCOMPARE(train.sources[5].bytes, std::uint64_t(bytes.size()));
        QVERIFY(train.sources[5].md5.empty()); // no published per-file MD5 is compared: not computed
        QCOMPARE(train.sources[5].sha256, sha256Hex(bytes));
        const ImageSet test = readCifarPython(folder, "test");
        compare(test, data.test, data.test.fine);
        QCOMPARE(test.sources.size(), std::size_t{2});
    }
    void cifar100PythonFineAndCoarse() {
        // 1001 images: list APPENDS in two batches of cPickle's 1000 and LONG_BINPUT memo indices.
        const auto data = test::randomCifar(100, 1001, 2);
        const fs::path folder = path("c100py") / "cifar-100-python";
        test::writeCifarPython(folder, data);
        const ImageSet fine = readCifarPython(folder, "train");
        compare(fine, data.train, data.train.fine);
        QCOMPARE(fine.dataset, std::string("cifar100"));
        QCOMPARE(fine.classNames, data.fineNames);
        const ImageSet coarse = readCifarPython(folder, "test", CifarLabels::Coarse);
        compare(coarse, data.test, data.test.coarse);
        QCOMPARE(coarse.classNames, data.coarseNames);
    }
    void binaryForms() {
        const auto c10 = test::randomCifar(10, 5, 4);
        test::writeCifarBinary(path("c10bin") / "cifar-10-batches-bin", c10);
        const ImageSet train = readCifarBinary(path("c10bin"), "train"); // a root holding the folder
        compare(train, c10.train, c10.train.fine);
        QCOMPARE(train.classNames, c10.fineNames);
        QCOMPARE(train.sources.size(), std::size_t{6});
        compare(readCifarBinary(path("c10bin"), "test"), c10.test, c10.test.fine);

        const auto c100 = test::randomCifar(100, 6, 5);
        test::writeCifarBinary(path("c100bin") / "cifar-100-binary", c100);
        const ImageSet fine = readCifarBinary(path("c100bin") / "cifar-100-binary", "train");
        compare(fine, c100.train, c100.train.fine);
        QCOMPARE(fine.classNames, c100.fineNames);
        const ImageSet coarse = readCifarBinary(path("c100bin") / "cifar-100-binary", "test", CifarLabels::Coarse);
        compare(coarse, c100.test, c100.test.coarse);
        QCOMPARE(coarse.classNames, c100.coarseNames);
        QCOMPARE(coarse.sources.front().path,
                 (path("c100bin") / "cifar-100-binary" / "coarse_label_names.txt").string());
    }
    void detection() {
        const auto data = test::randomCifar(10, 2, 6);
        test::writeCifarPython(path("root") / "cifar-10-batches-py", data);
        test::writeCifarBinary(path("root") / "cifar-100-binary", test::randomCifar(100, 2, 7));
        const auto found = findCifarLayouts(path("root"));
        QCOMPARE(found.size(), std::size_t{2});
        QCOMPARE(found[0].format, CifarFormat::Python);
        QCOMPARE(found[0].variant, 10);
        QCOMPARE(found[1].format, CifarFormat::Binary);
        QCOMPARE(found[1].variant, 100);
        QCOMPARE(detectCifarLayout(path("root"))->folder, path("root") / "cifar-10-batches-py");
        QCOMPARE(readCifar(found[1], "test").dataset, std::string("cifar100"));

        const auto itself = detectCifarLayout(path("root") / "cifar-100-binary/");
        QVERIFY(itself && itself->variant == 100 && itself->format == CifarFormat::Binary);
        test::writeCifarPython(path("renamed"), data); // no published name: found by its files
        QVERIFY(detectCifarLayout(path("renamed")).has_value());
        QCOMPARE(detectCifarLayout(path("renamed"))->variant, 10);
        fs::create_directories(path("empty"));
        QVERIFY(!isCifarFolder(path("empty")));
        QVERIFY(!isCifarFolder(path("does-not-exist")));
    }
    void progressPerFileAndStop() {
        const fs::path folder = cifar10Python("progress");
        std::vector<double> seen;
        readCifarPython(folder, "train", CifarLabels::Fine, Progress{[&](double f) { seen.push_back(f); }, {}});
        QCOMPARE(seen.size(), std::size_t{6});
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QCOMPARE(seen.back(), 1.0);

        std::stop_source stop;
        int reports = 0;
        const Progress stopAfterTwo{[&](double) {
                                        if (++reports == 2) stop.request_stop();
                                    },
                                    stop.get_token()};
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 readCifarBinary(cifar10Binary("stop"), "train", CifarLabels::Fine, stopAfterTwo));
        QCOMPARE(reports, 2);
    }

    void python3Pickles_data() {
        QTest::addColumn<int>("variant");
        QTest::addColumn<int>("protocol");
        QTest::addColumn<QString>("keys");
        QTest::addColumn<QString>("labels");
        QTest::newRow("cifar10 protocol 2, str keys") << 10 << 2 << "str"
                                                      << "list";
        QTest::newRow("cifar10 protocol 2, bytes keys") << 10 << 2 << "bytes"
                                                        << "list";
        QTest::newRow("cifar10 protocol 4, str keys") << 10 << 4 << "str"
                                                      << "list";
        QTest::newRow("cifar10 protocol 4, bytes keys") << 10 << 4 << "bytes"
                                                        << "list";
        QTest::newRow("cifar10 protocol 2, numpy scalar labels") << 10 << 2 << "str"
                                                                 << "scalars";
        QTest::newRow("cifar10 protocol 3, label array") << 10 << 3 << "bytes"
                                                         << "array";
        QTest::newRow("cifar100 protocol 2, bytes keys") << 100 << 2 << "bytes"
                                                         << "list";
        QTest::newRow("cifar100 protocol 4, label arrays") << 100 << 4 << "str"
                                                           << "array";
        QTest::newRow("cifar100 protocol 5, str keys") << 100 << 5 << "str"
                                                       << "list";
    }
    void python3Pickles() {
        QFETCH(int, variant);
        QFETCH(int, protocol);
        QFETCH(QString, keys);
        QFETCH(QString, labels);
        static const QString python = test::pythonWith({QStringLiteral("numpy")});
        if (python.isEmpty())
            QSKIP("python3 with numpy not found (Debian: python3-numpy): Python 3 pickles not checked");
        const std::string tag = QTest::currentDataTag();
        // 25 images a batch: 76,800 bytes of data, past protocol 4's 64 KiB frames, written outside them.
        const fs::path folder = path("py3 " + tag) / (variant == 10 ? "cifar-10-batches-py" : "cifar-100-python");
        fs::create_directories(folder);
        QProcess p;
        p.start(python, {QStringLiteral("-c"), QString::fromUtf8(kPython3Script),
                         QString::fromStdString(folder.string()), QString::number(variant), QString::number(protocol),
                         keys, labels, QStringLiteral("25"), QString::number(qHash(QString::fromStdString(tag)))});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        std::istringstream out(p.readAllStandardOutput().toStdString());
        for (int i = 0; i < 2; ++i) {
            SplitChecksum expected;
            out >> expected.split >> expected.count >> expected.channelSums[0] >> expected.channelSums[1] >>
                expected.channelSums[2] >> expected.weightedPixels >> expected.weightedFine >> expected.weightedCoarse;
            QVERIFY(out);
            const ImageSet fine = readCifarPython(folder.parent_path(), expected.split);
            const ImageSet coarse =
                variant == 100 ? readCifarPython(folder, expected.split, CifarLabels::Coarse) : fine;
            QCOMPARE(checksumOf(fine, variant == 100 ? &coarse : nullptr), expected);
            QCOMPARE(fine.classNames.size(), std::size_t(variant));
            QCOMPARE(fine.classNames[1], variant == 10 ? std::string("name1") : std::string("fine1"));
            QCOMPARE(coarse.classNames.back(), variant == 10 ? std::string("name9") : std::string("coarse19"));
        }
    }

    void truncatedPickle() {
        const fs::path file = cifar10Python("trunc") / "data_batch_2";
        const auto full = readFileBytes(file);
        test::writeBytes(file, {full.begin(), full.begin() + static_cast<std::ptrdiff_t>(full.size() / 2)});
        expectError([&] { readCifarPython(file.parent_path(), "train"); }, file,
                    "pickle declares a 21504-byte string at offset 140, but the file has only 10777 bytes left");
        test::writeBytes(file, {full.begin(), full.end() - 3}); // in the file names, after the images
        expectError([&] { readCifarPython(file.parent_path(), "train"); }, file, "pickle ends");
        test::writeBytes(file, {}); // an empty file maps to no bytes at all
        expectError([&] { readCifarPython(file.parent_path(), "train"); }, file, "empty file");
    }
    void damagedOpcode() {
        const fs::path file = cifar10Python("damaged") / "data_batch_1";
        auto bytes = readFileBytes(file);
        bytes[2] = 0xff;
        test::writeBytes(file, bytes);
        expectError([&] { readCifarPython(file.parent_path(), "train"); }, file,
                    "unknown pickle opcode 0xff at offset 2");
    }
    void hugeDeclaredString() {
        const fs::path file = cifar10Python("huge") / "test_batch";
        const std::string bytes("\x80\x02}q\x01(U\x04"
                                "dataq\x02\x8d\x00\x00\x00\x00\x00\x01\x00\x00"
                                "abc",
                                26);
        test::writeBytes(file, {bytes.begin(), bytes.end()});
        expectError([&] { readCifarPython(file.parent_path(), "test"); }, file,
                    "pickle declares a 1099511627776-byte string at offset 14, but the file has only 3 bytes left");
    }
    void wrongDtypeAndShape() {
        const fs::path file = cifar10Python("dtype") / "test_batch";
        test::writeBytes(file, test::py2BatchPickle(std::vector<std::uint8_t>(2 * 3072 * 8), {2, 3072},
                                                    {{"labels", {1, 2}}}, "i8", '<'));
        expectError([&] { readCifarPython(file.parent_path(), "test"); }, file,
                    "'data' has dtype <i8, not CIFAR's uint8");
        test::writeBytes(file,
                         test::py2BatchPickle(std::vector<std::uint8_t>(2 * 3071), {2, 3071}, {{"labels", {1, 2}}}));
        expectError([&] { readCifarPython(file.parent_path(), "test"); }, file,
                    "'data' has shape (2, 3071), not CIFAR's");
        test::writeBytes(file, test::py2BatchPickle(std::vector<std::uint8_t>(2 * 3072), {2, 3072}, {{"labels", {1}}}));
        expectError([&] { readCifarPython(file.parent_path(), "test"); }, file, "has 1 labels for 2 images");
        test::writeBytes(file,
                         test::py2BatchPickle(std::vector<std::uint8_t>(2 * 3072), {2, 3072}, {{"fine", {1, 1}}}));
        expectError([&] { readCifarPython(file.parent_path(), "test"); }, file, "has no 'labels' entry");
    }
    void labelOutOfRange() {
        const fs::path file = cifar10Python("label") / "data_batch_4";
        test::writeBytes(file, test::py2BatchPickle(std::vector<std::uint8_t>(7 * 3072), {7, 3072},
                                                    {{"labels", {0, 1, 2, 3, 4, 12, 6}}}));
        expectError([&] { readCifarPython(file.parent_path(), "train"); }, file,
                    "label 12 at index 5 is outside CIFAR-10's 10 classes");
        const fs::path c100 = path("label100") / "cifar-100-python";
        test::writeCifarPython(c100, test::randomCifar(100, 3, 8));
        test::writeBytes(c100 / "test", test::py2BatchPickle(std::vector<std::uint8_t>(2 * 3072), {2, 3072},
                                                             {{"fine_labels", {99, 1}}, {"coarse_labels", {3, 25}}}));
        QCOMPARE(readCifarPython(c100, "test").labels, (std::vector<std::uint8_t>{99, 1}));
        expectError([&] { readCifarPython(c100, "test", CifarLabels::Coarse); }, c100 / "test",
                    "label 25 at index 1 is outside CIFAR-100's 20 coarse classes");
    }
    void missingFiles() {
        const fs::path folder = cifar10Python("missing");
        fs::remove(folder / "data_batch_3");
        expectError([&] { readCifarPython(folder, "train"); }, folder / "data_batch_3",
                    "file not found (CIFAR-10's python train split needs data_batch_1, data_batch_2, data_batch_3, "
                    "data_batch_4, data_batch_5, batches.meta)");
        QCOMPARE(readCifarPython(folder, "test").count, std::size_t{7}); // the other split is still there
        fs::remove(folder / "batches.meta");
        expectError([&] { readCifarPython(folder, "test"); }, folder / "batches.meta", "file not found");
        expectError([&] { readCifarPython(path("empty-folder"), "test"); }, path("empty-folder"),
                    "no CIFAR python files here");
    }
    void binaryPartialRecordAndBadLabel() {
        const fs::path folder = cifar10Binary("partial");
        auto bytes = readFileBytes(folder / "data_batch_2.bin");
        bytes.resize(bytes.size() + 5, 0);
        test::writeBytes(folder / "data_batch_2.bin", bytes);
        expectError([&] { readCifarBinary(folder, "train"); }, folder / "data_batch_2.bin",
                    "21516 bytes are not a whole number of CIFAR-10 records of 3073 bytes: the last record is partial "
                    "(5 bytes)");
        bytes = readFileBytes(folder / "test_batch.bin");
        bytes[2 * 3073] = 10;
        test::writeBytes(folder / "test_batch.bin", bytes);
        expectError([&] { readCifarBinary(folder, "test"); }, folder / "test_batch.bin",
                    "label 10 at index 2 is outside CIFAR-10's 10 classes");
        test::writeBytes(folder / "batches.meta.txt", {'a', '\n', 'b', '\n'});
        expectError([&] { readCifarBinary(folder, "train"); }, folder / "batches.meta.txt",
                    "has 2 class names (one a line), CIFAR-10 has 10");
    }
    // A class name is a word or a few: a names file whose line runs to kilobytes is damaged, and
    // is refused naming the limit rather than widening every combo box (resourcelimits.h).
    void overlongClassNamesAreRefused() {
        const fs::path binary = cifar10Binary("longname");
        std::vector<std::uint8_t> names;
        for (int k = 0; k < 10; ++k) {
            const std::string line = k == 3 ? std::string(kMaxNameBytes + 1, 'x') : "class" + std::to_string(k);
            names.insert(names.end(), line.begin(), line.end());
            names.push_back('\n');
        }
        test::writeBytes(binary / "batches.meta.txt", names);
        expectError([&] { readCifarBinary(binary, "test"); }, binary / "batches.meta.txt",
                    "class name 3 is 1025 bytes long; NormLab takes names of at most 1024 bytes (kMaxNameBytes in "
                    "core/common/resourcelimits.h)");
        auto data = test::randomCifar(10, 3, 9);
        data.fineNames[7] = std::string(kMaxNameBytes, 'y'); // at the limit: read
        const fs::path python = path("longname-py") / "cifar-10-batches-py";
        test::writeCifarPython(python, data);
        QCOMPARE(readCifarPython(python, "test").classNames[7].size(), kMaxNameBytes);
        data.fineNames[7] += 'y';
        test::writeCifarPython(python, data);
        expectError([&] { readCifarPython(python, "test"); }, python / "batches.meta",
                    "class name 7 is 1025 bytes long");
    }
    void requestsTheFolderCannotMeet() {
        const fs::path folder = cifar10Python("requests");
        expectError([&] { readCifarPython(folder, "train", CifarLabels::Coarse); }, folder,
                    "CIFAR-10 has no coarse labels");
        expectError([&] { readCifarPython(folder, "valid"); }, folder, "CIFAR has no split 'valid'");
        expectError([&] { readCifarBinary(folder, "test"); }, folder, "no CIFAR binary files here");
    }
};

QTEST_GUILESS_MAIN(TestCifar)
#include "tst_cifar.moc"
