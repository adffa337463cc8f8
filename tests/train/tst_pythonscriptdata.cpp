// Exported Python scripts read every format NormLab trains on exactly as NormLab reads it: the same
// bytes in the same order and layout, the same labels, the same split held out, --limit honoured;
// every normalization gives NormLab's values and every network runs. One Python process imports all
// the scripts (tests/support/script_readers.py) with Debian's python3-torch; skipped, saying so,
// where it is not installed.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>

#include "core/common/digest.h"
#include "core/data/formats/idx/idxarray.h"
#include "core/train/script/pythonscript.h"
#include "tests/support/cifarfiles.h"
#include "tests/support/testdata.h"
#include "tests/support/zipfiles.h"

using namespace normlab;
namespace fs = std::filesystem;

namespace {

constexpr int kNormalizedImages = 4; // script_readers.py sums the first 4 train images per method

// A .npy file of little-endian data in C order.
std::vector<std::uint8_t> npy(const std::string& descr, const std::string& shape,
                              const std::vector<std::uint8_t>& data) {
    std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    const std::size_t preamble = 10;
    header += std::string((64 - (preamble + header.size() + 1) % 64) % 64, ' ') + "\n";
    const std::string start = std::string("\x93NUMPY\x01\x00", 8) + static_cast<char>(header.size() & 0xFF) +
                              static_cast<char>(header.size() >> 8) + header;
    std::vector<std::uint8_t> out(start.begin(), start.end());
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

std::vector<std::uint8_t> int64Labels(const std::vector<std::uint8_t>& labels) {
    std::vector<std::uint8_t> out;
    for (auto l : labels) {
        out.push_back(l);
        out.insert(out.end(), 7, 0);
    }
    return out;
}

// N x C x H x W bytes as NumPy stores images: N x H x W x C.
std::vector<std::uint8_t> channelsLast(const ImageSet& set) {
    std::vector<std::uint8_t> out(set.pixels.size());
    const std::size_t plane = set.pixelsPerChannel();
    for (std::size_t n = 0; n < set.count; ++n)
        for (std::size_t p = 0; p < plane; ++p)
            for (int c = 0; c < set.channels; ++c)
                out[(n * plane + p) * set.channels + c] = set.pixels[(n * set.channels + c) * plane + p];
    return out;
}

std::string shapeOf(const ImageSet& set) {
    return "(" + std::to_string(set.count) + ", " + std::to_string(set.height) + ", " + std::to_string(set.width) +
           (set.channels > 1 ? ", " + std::to_string(set.channels) : std::string()) + ")";
}

// A MedMNIST .npz as np.savez_compressed writes it: one deflated NAME.npy member per array.
void writeNpz(const fs::path& path, const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& arrays) {
    std::vector<std::pair<std::string, std::vector<std::uint8_t>>> members;
    for (const auto& [name, bytes] : arrays)
        members.emplace_back(name + ".npy", bytes);
    test::writeBytes(path, test::zipBytes(members, true));
}

// One image of a set as a binary PPM (RGB), which NormLab, Pillow and ImageFolder all read.
void writePpm(const fs::path& path, const ImageSet& set, std::size_t index) {
    const std::string header = "P6\n" + std::to_string(set.width) + " " + std::to_string(set.height) + "\n255\n";
    std::vector<std::uint8_t> bytes(header.begin(), header.end());
    const std::size_t plane = set.pixelsPerChannel();
    for (std::size_t p = 0; p < plane; ++p)
        for (int c = 0; c < 3; ++c)
            bytes.push_back(set.image(index)[c * plane + p]);
    test::writeBytes(path, bytes);
}

struct Expected {
    std::map<std::string, std::string> data;   // split -> "N C H W sha sha"
    std::map<std::string, double> sum, absSum; // method -> over the first train images
    std::string model, outputs;
};

std::string describe(const ImageSet& set) {
    return std::to_string(set.count) + " " + std::to_string(set.channels) + " " + std::to_string(set.height) + " " +
           std::to_string(set.width) + " " + sha256Hex(set.pixels) + " " + sha256Hex(set.labels);
}

} // namespace

class TestPythonScriptData : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::map<std::string, Expected> m_expected;
    QStringList m_scripts;

    fs::path path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }

    // Loads the data as NormLab trains on it, exports the script and records what it must read.
    void exportCase(const std::string& name, const TrainConfig& config) {
        const TrainingData data = loadTrainingData(config);
        Experiment experiment{config, {{"normalize", {}}}, 1, data.train.origin};
        for (Method m : kAllMethods)
            experiment.grid[0].values.push_back(methodName(m));
        const std::string script = pythonScript(experiment, scriptDataFor(config, data), "tst_pythonscriptdata");
        const fs::path file = path("scripts") / (name + ".py");
        fs::create_directories(file.parent_path());
        std::ofstream(file) << script;
        m_scripts << QString::fromStdString(file.string());

        Expected& e = m_expected[name];
        const ImageSet& heldOut = config.testSplit == "train" ? data.train : data.test;
        e.data["train"] = describe(data.train);
        e.data[config.testSplit == "train" ? "train" : heldOut.split] = describe(heldOut);
        const std::size_t n = std::min<std::size_t>(kNormalizedImages, data.train.count);
        std::vector<float> values(data.train.pixelsPerImage());
        for (Method m : kAllMethods)
            for (std::size_t i = 0; i < n; ++i) {
                normalizeImage(m, data.params, data.train.image(i), data.train.channels, data.train.pixelsPerChannel(),
                               values.data());
                for (float v : values) {
                    e.sum[methodName(m)] += v;
                    e.absSum[methodName(m)] += std::abs(v);
                }
            }
        e.model = config.model;
        e.outputs = "2x" + std::to_string(data.train.classCount());
    }

    static TrainConfig config(const fs::path& dataset, const std::string& model, std::size_t limit = 0) {
        TrainConfig c;
        c.dataset = dataset.string();
        c.model = model;
        c.limit = limit;
        return c;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // The MNIST family: a folder of .gz files; EMNIST (stored transposed: images that are not square
        // show it) and QMNIST (N x 8 int32 labels) found in a data directory by their published names.
        test::writeIdxDataset(path("idx"), test::randomImageSet(30, 10, 1, 1, 28, 28),
                              test::randomImageSet(20, 10, 2, 1, 28, 28), true);
        exportCase("idx_gz", config(path("idx"), "lesson-cnn"));

        const fs::path emnist = path("data") / "emnist";
        fs::create_directories(emnist);
        fs::create_directories(path("data") / "qmnist");
        for (const char* split : {"train", "test"}) {
            const ImageSet set = test::randomImageSet(15, 10, split[1], 1, 16, 20);
            const std::string stem = std::string("emnist-digits-") + split;
            writeIdx(emnist / (stem + "-images-idx3-ubyte"), IdxArray{{15, 16, 20}, set.pixels});
            writeIdx(emnist / (stem + "-labels-idx1-ubyte.gz"), IdxArray{{15}, set.labels});

            const ImageSet q = test::randomImageSet(12, 10, split[1], 1, 12, 12);
            const std::string qstem = std::string("qmnist-") + split;
            writeIdx(path("data") / "qmnist" / (qstem + "-images-idx3-ubyte.gz"), IdxArray{{12, 12, 12}, q.pixels});
            IdxArray labels{{12, 8}, {}, kIdxInt32};
            for (std::size_t i = 0; i < 12 * 8; ++i) // the class first, then writer ids and the like
                labels.data.insert(labels.data.end(), {0, 0, static_cast<std::uint8_t>(i % 8 ? i : 0),
                                                       static_cast<std::uint8_t>(i % 8 ? 77 : q.labels[i / 8])});
            writeIdx(path("data") / "qmnist" / (qstem + "-labels-idx2-int"), labels);
        }
        TrainConfig emnistConfig = config("emnist-digits", "mlp", 10);
        emnistConfig.dataDir = path("data");
        exportCase("emnist", emnistConfig);
        TrainConfig qmnistConfig = config("qmnist", "mlp");
        qmnistConfig.dataDir = path("data");
        exportCase("qmnist", qmnistConfig);

        // CIFAR as published: the python pickles, and CIFAR-100's binary records (evaluated on the train
        // split itself, --test-split train).
        test::writeCifarPython(path("cifar") / "cifar-10-batches-py", test::randomCifar(10, 3, 5));
        exportCase("cifar10_pickle", config(path("cifar") / "cifar-10-batches-py", "cifar-cnn"));
        test::writeCifarBinary(path("cifar") / "cifar-100-binary", test::randomCifar(100, 6, 6));
        TrainConfig binary = config(path("cifar") / "cifar-100-binary", "lenet5", 4);
        binary.testSplit = "train";
        exportCase("cifar100_binary", binary);

        // NumPy: a pair of channels-last colour arrays with (N, 1) labels, and a MedMNIST .npz (train,
        // val and test; test held out).
        for (const char* split : {"train", "test"}) {
            const ImageSet set = test::randomImageSet(9, 4, split[1], 3, 14, 13);
            test::writeBytes(path("numpy") / (std::string("x_") + split + ".npy"),
                             npy("|u1", shapeOf(set), channelsLast(set)));
            test::writeBytes(path("numpy") / (std::string("y_") + split + ".npy"),
                             npy("<i8", "(9, 1)", int64Labels(set.labels)));
        }
        exportCase("numpy_pair", config(path("numpy") / "x_train.npy", "mlp"));
        std::vector<std::pair<std::string, std::vector<std::uint8_t>>> arrays;
        for (const char* split : {"train", "val", "test"}) {
            const ImageSet set = test::randomImageSet(7, 8, split[1], 1, 14, 14);
            arrays.push_back({std::string(split) + "_images", npy("|u1", shapeOf(set), set.pixels)});
            arrays.push_back({std::string(split) + "_labels", npy("|u1", "(7, 1)", set.labels)});
        }
        writeNpz(path("bloodmnist.npz"), arrays);
        exportCase("medmnist", config(path("bloodmnist.npz"), "mlp", 5));

        // An image folder with train and val (held out, as there is no test): ImageFolder's order.
        for (const char* split : {"train", "val"}) {
            const ImageSet set = test::randomImageSet(6, 2, split[0], 3, 13, 12);
            for (std::size_t i = 0; i < set.count; ++i)
                writePpm(path("images") / split / (set.labels[i] ? "bee" : "ant") / (std::to_string(i) + ".ppm"), set,
                         i);
        }
        exportCase("image_folder", config(path("images"), "mlp"));
    }

    void everyScriptReadsWhatNormLabRead() {
        const QString python = test::pythonWith({QStringLiteral("torch"), QStringLiteral("torchvision")});
        if (python.isEmpty())
            QSKIP("no python3 with torch and torchvision: install python3-torch python3-torchvision "
                  "(scripts/install-deps does) to run the exported scripts");
        QProcess p;
        p.start(python, QStringList{QFINDTESTDATA("../support/script_readers.py")} + m_scripts);
        QVERIFY(p.waitForFinished(120000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, err.constData());
        std::map<std::string, Expected> seen;
        for (const QByteArray& line : p.readAllStandardOutput().trimmed().split('\n')) {
            const QList<QByteArray> f = line.split(' ');
            const std::string kind = f[0].toStdString(), name = f.value(1).toStdString();
            if (kind == "data") {
                seen[name].data[f[2].toStdString()] =
                    line.mid(f[0].size() + f[1].size() + f[2].size() + 3).toStdString();
            } else if (kind == "norm") {
                seen[name].sum[f[2].toStdString()] = f[3].toDouble();
                seen[name].absSum[f[2].toStdString()] = f[4].toDouble();
            } else if (kind == "model") {
                seen[name].model = f[2].toStdString();
                seen[name].outputs = f[3].toStdString();
            }
        }
        QCOMPARE(seen.size(), m_expected.size());
        for (const auto& [name, want] : m_expected) {
            const Expected& got = seen[name];
            QVERIFY2(got.data == want.data, (name + ": the script read other images or labels than NormLab").c_str());
            QCOMPARE(got.model, want.model);
            QCOMPARE(got.outputs, want.outputs);
            QCOMPARE(got.sum.size(), std::size_t(5));
            for (const auto& [method, sum] : want.sum) {
                // float32 arithmetic in another order: equal to a few parts per million of the values' size
                const double tolerance = 1e-5 * want.absSum.at(method);
                QVERIFY2(std::abs(got.sum.at(method) - sum) <= tolerance,
                         (name + " " + method + ": " + std::to_string(got.sum.at(method)) + " vs NormLab's " +
                          std::to_string(sum))
                             .c_str());
                QVERIFY(std::abs(got.absSum.at(method) - want.absSum.at(method)) <= tolerance);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPythonScriptData)
#include "tst_pythonscriptdata.moc"
