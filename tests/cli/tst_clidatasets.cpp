// Every data set format opened by normlab-cli as a user would: generated files of each format, the
// per-channel statistics against brute-force sums over the same pixels, shards merged back into the
// whole, and bad input as one line naming the file.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "core/common/splitmix.h"
#include "core/data/formats/idx/idxarray.h"
#include "core/export/npywriter.h"
#include "tests/support/cifarfiles.h"
#include "tests/support/testdata.h"

using namespace normlab;
namespace fs = std::filesystem;

namespace {

struct Result {
    int exitCode = -1;
    QByteArray out, err;
};

Result runCli(const QStringList& args) {
    QProcess p;
    p.start(qEnvironmentVariable("NORMLAB_CLI"), args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QJsonObject statsOf(const QStringList& args) {
    const Result r = runCli(QStringList{QStringLiteral("stats")} + args);
    if (r.exitCode != 0) qWarning("%s", r.err.constData());
    return QJsonDocument::fromJson(r.out).object();
}

std::vector<double> doubles(const QJsonValue& array) {
    std::vector<double> v;
    for (const auto& x : array.toArray())
        v.push_back(x.toDouble());
    return v;
}

std::vector<double> noneStat(const QJsonObject& stats, const char* what) {
    return doubles(
        stats[QStringLiteral("normalizations")].toObject()[QStringLiteral("none")].toObject()[QLatin1String(what)]);
}

// Per-channel mean and population std of pixel/255 over planar images (each C x P bytes).
struct Moments {
    std::vector<double> sum, sumSq;
    std::vector<std::uint64_t> n;

    explicit Moments(int channels) : sum(channels), sumSq(channels), n(channels) {}
    void add(const std::uint8_t* planes, std::size_t pixels) {
        for (std::size_t c = 0; c < sum.size(); ++c)
            for (std::size_t i = 0; i < pixels; ++i) {
                const double x = planes[c * pixels + i] / 255.0;
                sum[c] += x, sumSq[c] += x * x, ++n[c];
            }
    }
    double mean(int c) const { return sum[c] / n[c]; }
    double std(int c) const { return std::sqrt(sumSq[c] / n[c] - mean(c) * mean(c)); }
};

void expectMoments(const QJsonObject& stats, const Moments& m, double tolerance) {
    const auto mean = noneStat(stats, "mean"), std = noneStat(stats, "std");
    QCOMPARE(mean.size(), m.sum.size());
    for (std::size_t c = 0; c < mean.size(); ++c) {
        QVERIFY2(std::abs(mean[c] - m.mean(c)) < tolerance, qPrintable(QString::number(mean[c] - m.mean(c))));
        QVERIFY2(std::abs(std[c] - m.std(c)) < tolerance, qPrintable(QString::number(std[c] - m.std(c))));
    }
}

// `normalize` beside `stats` on the same data: in its JSON the very doubles of stats' 'none' mean,
// std, min and max (both come from exact integer sums); for the train split the same lines (stats
// describes another split with the train split's parameters, normalize gives that split's own).
void expectNormalizeMatchesStats(const QStringList& data, const QJsonObject& stats) {
    if (stats[QStringLiteral("split")].toString() == QStringLiteral("train")) {
        const Result line = runCli(QStringList{QStringLiteral("normalize")} + data);
        QVERIFY2(line.exitCode == 0, line.err.constData());
        QCOMPARE(QString::fromUtf8(line.out), stats[QStringLiteral("torchvision")].toString() + QLatin1Char('\n'));
        const Result exact =
            runCli(QStringList{QStringLiteral("normalize")} + data + QStringList{QStringLiteral("--full-precision")});
        QCOMPARE(QString::fromUtf8(exact.out),
                 stats[QStringLiteral("torchvision_full_precision")].toString() + QLatin1Char('\n'));
    }
    const Result json = runCli(QStringList{QStringLiteral("normalize")} + data +
                               QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(json.exitCode == 0, json.err.constData());
    const QJsonObject n = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(n[QStringLiteral("format")].toString(), QStringLiteral("normlab-normalize/1"));
    QCOMPARE(n[QStringLiteral("count")], stats[QStringLiteral("count")]);
    QCOMPARE(n[QStringLiteral("split")], stats[QStringLiteral("split")]);
    QCOMPARE(n[QStringLiteral("found_in")], stats[QStringLiteral("found_in")]);
    for (const char* what : {"mean", "std", "min", "max"})
        QCOMPARE(doubles(n[QLatin1String(what)]), noneStat(stats, what));
}

} // namespace

class TestCliDatasets : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    fs::path dir(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }
    static QString q(const fs::path& p) { return QString::fromStdString(p.string()); }

private Q_SLOTS:
    // CIFAR-10 in a torchvision root, by catalog id; CIFAR-100's binary records by folder, with
    // the coarse labels on request.
    void cifar() {
        auto data = test::randomCifar(10, 300, 5);
        // Darker and brighter photographs: the images' means differ, so the per-image recipe differs
        // from the pooled one (as in real CIFAR, 0.2023 against 0.2470).
        for (std::size_t i = 0; i < data.train.count(); ++i)
            for (std::size_t k = 0; k < 3072; ++k)
                data.train.pixels[i * 3072 + k] =
                    static_cast<std::uint8_t>(data.train.pixels[i * 3072 + k] * (1 + i % 4) / 4);
        test::writeCifarPython(dir("root") / "cifar-10-batches-py", data);
        const QJsonObject s = statsOf(
            {QStringLiteral("--dataset"), QStringLiteral("cifar10"), QStringLiteral("--data-dir"), q(dir("root"))});
        QCOMPARE(s[QStringLiteral("count")].toInt(), 1500);
        QCOMPARE(s[QStringLiteral("channels")].toInt(), 3);
        QCOMPARE(s[QStringLiteral("found_in")].toString(), QStringLiteral("torchvision folder ") + q(dir("root")));
        Moments m(3);
        for (std::size_t i = 0; i < data.train.count(); ++i)
            m.add(data.train.pixels.data() + i * 3072, 1024);
        expectMoments(s, m, 1e-12);
        QCOMPARE(s[QStringLiteral("per_class")].toArray()[0].toObject()[QStringLiteral("name")].toString(),
                 QString::fromStdString(data.fineNames[0]));
        QVERIFY(s[QStringLiteral("torchvision")].toString().count(QLatin1Char(',')) >= 5); // three values each
        expectNormalizeMatchesStats(
            {QStringLiteral("--dataset"), QStringLiteral("cifar10"), QStringLiteral("--data-dir"), q(dir("root"))}, s);

        // check on colour data: constants made by the per-image recipe are recognised as such.
        const auto perImage = doubles(s[QStringLiteral("recipes")]
                                          .toObject()[QStringLiteral("mean_of_image_std")]
                                          .toObject()[QStringLiteral("std")]);
        const auto mean = noneStat(s, "mean");
        QString line = QStringLiteral("transforms.Normalize((%1, %2, %3), (%4, %5, %6))")
                           .arg(mean[0], 0, 'f', 6)
                           .arg(mean[1], 0, 'f', 6)
                           .arg(mean[2], 0, 'f', 6)
                           .arg(perImage[0], 0, 'f', 6)
                           .arg(perImage[1], 0, 'f', 6)
                           .arg(perImage[2], 0, 'f', 6);
        const Result check = runCli({QStringLiteral("check"), QStringLiteral("--dataset"), QStringLiteral("cifar10"),
                                     QStringLiteral("--data-dir"), q(dir("root")), QStringLiteral("--normalize"), line,
                                     QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(check.exitCode == 0, check.err.constData());
        const QJsonObject verdict = QJsonDocument::fromJson(check.out).object();
        QCOMPARE(verdict[QStringLiteral("matches")].toObject()[QStringLiteral("name")].toString(),
                 QStringLiteral("mean_of_image_std"));
        QCOMPARE(verdict[QStringLiteral("after")].toObject()[QStringLiteral("std")].toArray().size(), 3);

        const auto hundred = test::randomCifar(100, 400, 6);
        test::writeCifarBinary(dir("c100") / "cifar-100-binary", hundred);
        const QJsonObject coarse =
            statsOf({QStringLiteral("--dataset"), q(dir("c100")), QStringLiteral("--split"), QStringLiteral("test"),
                     QStringLiteral("--labels"), QStringLiteral("coarse")});
        QCOMPARE(coarse[QStringLiteral("count")].toInt(), int(hundred.test.count()));
        QCOMPARE(coarse[QStringLiteral("per_class")].toArray().size(), 20);
        Moments t(3);
        for (std::size_t i = 0; i < hundred.test.count(); ++i)
            t.add(hundred.test.pixels.data() + i * 3072, 1024);
        expectMoments(coarse, t, 1e-12);
    }

    // x_train.npy (N x H x W x 3) with y_train.npy beside it; the test split by name; no val split.
    void numpyPair() {
        fs::create_directories(dir("npy"));
        const std::size_t n = 50, h = 6, w = 5;
        std::vector<std::int64_t> labels(n);
        for (std::size_t i = 0; i < n; ++i)
            labels[i] = static_cast<std::int64_t>(i % 4);
        SplitMix64 rng(11);
        std::vector<std::uint8_t> bytes(n * h * w * 3);
        for (auto& b : bytes)
            b = static_cast<std::uint8_t>(rng.below(256));
        // A .npy v1.0 header for uint8 (N, H, W, 3), padded as NumPy pads it (to 64 bytes).
        std::string dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + std::to_string(n) + ", " +
                           std::to_string(h) + ", " + std::to_string(w) + ", 3), }";
        dict.append(64 - (10 + dict.size() + 1) % 64, ' ').push_back('\n');
        std::vector<std::uint8_t> file = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, static_cast<std::uint8_t>(dict.size()),
                                          0};
        file.insert(file.end(), dict.begin(), dict.end());
        file.insert(file.end(), bytes.begin(), bytes.end());
        test::writeBytes(dir("npy") / "x_train.npy", file);
        test::writeBytes(dir("npy") / "x_test.npy", file);
        const std::string y = encodeNpy(labels, {n});
        test::writeBytes(dir("npy") / "y_train.npy", std::vector<std::uint8_t>(y.begin(), y.end()));
        test::writeBytes(dir("npy") / "y_test.npy", std::vector<std::uint8_t>(y.begin(), y.end()));

        const QJsonObject s = statsOf({QStringLiteral("--dataset"), q(dir("npy") / "x_train.npy")});
        QCOMPARE(s[QStringLiteral("count")].toInt(), int(n));
        QCOMPARE(s[QStringLiteral("height")].toInt(), int(h));
        Moments m(3);
        std::vector<std::uint8_t> planar(3 * h * w);
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t p = 0; p < h * w; ++p)
                for (int c = 0; c < 3; ++c)
                    planar[c * h * w + p] = bytes[(i * h * w + p) * 3 + c];
            m.add(planar.data(), h * w);
        }
        expectMoments(s, m, 1e-12);
        const QJsonObject test = statsOf({QStringLiteral("--dataset"), q(dir("npy") / "x_train.npy"),
                                          QStringLiteral("--split"), QStringLiteral("test")});
        QCOMPARE(test[QStringLiteral("split")].toString(), QStringLiteral("test"));
        const Result val = runCli({QStringLiteral("stats"), QStringLiteral("--dataset"), q(dir("npy") / "x_train.npy"),
                                   QStringLiteral("--split"), QStringLiteral("val")});
        QCOMPARE(val.exitCode, 1);
        QVERIFY2(val.err.contains("no val split beside it"), val.err.constData());
    }

    // An ImageFolder tree of mixed sizes and modes, against Pillow's convert("RGB") summed in
    // Python; shards merged back equal the whole pass.
    void imageFolderAndShards() {
        const QString python = test::pythonWith({QStringLiteral("PIL"), QStringLiteral("numpy")});
        if (python.isEmpty()) QSKIP("no python3 with Pillow and NumPy (Debian: python3-pil python3-numpy)");
        const QString script = QStringLiteral(R"(
import sys, os, numpy as np
from PIL import Image
root = sys.argv[1]
rng = np.random.default_rng(7)
sums = np.zeros(3); squares = np.zeros(3); n = 0
for split in ['train', 'val']:
    for cls in ['b_dog', 'a_cat', 'c_owl']:
        os.makedirs(f'{root}/{split}/{cls}/nested', exist_ok=True)
        for i in range(14):
            h, w = (int(v) for v in rng.integers(3, 30, 2))
            mode = ['RGB', 'L', 'P', 'RGBA'][i % 4]
            a = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
            im = Image.fromarray(a).convert(mode) if mode != 'P' else Image.fromarray(a).quantize(16)
            ext = ['png', 'bmp', 'png', 'webp'][i % 4] if mode != 'RGBA' else 'png'
            path = f'{root}/{split}/{cls}/' + ('nested/' if i % 5 == 0 else '') + f'{i}.{ext}'
            im.save(path, lossless=True) if ext == 'webp' else im.save(path)
            if split == 'train':
                x = np.asarray(Image.open(path).convert('RGB'), dtype=np.float64).reshape(-1, 3) / 255
                sums += x.sum(0); squares += (x * x).sum(0); n += len(x)
mean = sums / n
print(' '.join(repr(v) for v in list(mean) + list(np.sqrt(squares / n - mean * mean))))
)");
        QProcess p;
        p.start(python, {QStringLiteral("-c"), script, q(dir("folder"))});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QStringList expected = QString::fromUtf8(p.readAllStandardOutput()).trimmed().split(QLatin1Char(' '));
        QCOMPARE(expected.size(), 6);

        const QStringList data = {QStringLiteral("--dataset"), q(dir("folder"))};
        const QJsonObject s = statsOf(data);
        QCOMPARE(s[QStringLiteral("count")].toInt(), 42);
        QCOMPARE(s[QStringLiteral("height")].toInt(), 0); // mixed sizes
        QVERIFY(s[QStringLiteral("per_pixel")].toObject()[QStringLiteral("shape")].isNull());
        const auto mean = noneStat(s, "mean"), std = noneStat(s, "std");
        for (int c = 0; c < 3; ++c) {
            QVERIFY(std::abs(mean[c] - expected[c].toDouble()) < 1e-12);
            QVERIFY(std::abs(std[c] - expected[3 + c].toDouble()) < 1e-12);
        }
        // Classes are the sorted folder names, as torchvision's class_to_idx.
        const auto classes = s[QStringLiteral("per_class")].toArray();
        QCOMPARE(classes[0].toObject()[QStringLiteral("name")].toString(), QStringLiteral("a_cat"));
        QCOMPARE(classes[2].toObject()[QStringLiteral("name")].toString(), QStringLiteral("c_owl"));
        QVERIFY(s[QStringLiteral("notes")].toArray()[0].toString().contains(QStringLiteral("convert(\"RGB\")")));

        QStringList parts;
        for (int k = 0; k < 3; ++k) {
            const QString part = q(dir("folder-part") += std::to_string(k) + ".json");
            const Result r = runCli(
                QStringList{QStringLiteral("stats")} + data +
                QStringList{QStringLiteral("--shard"), QStringLiteral("%1/3").arg(k), QStringLiteral("--out"), part});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            parts.prepend(part); // any order
        }
        const Result merged = runCli(QStringList{QStringLiteral("merge")} + parts);
        QVERIFY2(merged.exitCode == 0, merged.err.constData());
        const QJsonObject m = QJsonDocument::fromJson(merged.out).object();
        QCOMPARE(m[QStringLiteral("count")].toInt(), 42);
        for (const char* method : {"raw255", "none", "minmax", "zscore"})
            QCOMPARE(m[QStringLiteral("normalizations")].toObject()[QLatin1String(method)],
                     s[QStringLiteral("normalizations")].toObject()[QLatin1String(method)]);
        QCOMPARE(m[QStringLiteral("per_class")].toArray()[1].toObject()[QStringLiteral("count")],
                 classes[1].toObject()[QStringLiteral("count")]);
        const Result missing = runCli({QStringLiteral("merge"), parts[0], parts[1]});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("missing"), missing.err.constData());
        const Result twice = runCli({QStringLiteral("merge"), parts[0], parts[0], parts[1], parts[2]});
        QCOMPARE(twice.exitCode, 1);
        QVERIFY2(twice.err.contains("is given twice"), twice.err.constData());
        const QString damaged = q(dir("damaged-part.json"));
        test::writeBytes(damaged.toStdString(), {'{', '"', 'f'});
        const Result bad = runCli({QStringLiteral("merge"), damaged});
        QCOMPARE(bad.exitCode, 1);
        QCOMPARE(bad.err.count('\n'), 1);
        QVERIFY2(bad.err.contains("damaged-part.json: not a valid statistics part"), bad.err.constData());

        // The val split is described with the train split's parameters.
        const QJsonObject val = statsOf(data + QStringList{QStringLiteral("--split"), QStringLiteral("val")});
        QCOMPARE(val[QStringLiteral("count")].toInt(), 42);
        QCOMPARE(doubles(val[QStringLiteral("normalizations")]
                             .toObject()[QStringLiteral("zscore")]
                             .toObject()[QStringLiteral("params")]
                             .toObject()[QStringLiteral("mean")]),
                 mean);

        // normalize streams the folder too: the lines stats gives, for either split, and the
        // folder's total size in the stats export comes from that pass without a stat per file.
        expectNormalizeMatchesStats(data, s);
        expectNormalizeMatchesStats(data + QStringList{QStringLiteral("--split"), QStringLiteral("val")}, val);
        std::uint64_t trainBytes = 0;
        for (const auto& entry : fs::recursive_directory_iterator(dir("folder") / "train"))
            if (entry.is_regular_file()) trainBytes += entry.file_size();
        QCOMPARE(s[QStringLiteral("source")].toArray()[0].toObject()[QStringLiteral("bytes")].toInteger(),
                 static_cast<qint64>(trainBytes));

        // One broken image among the others: an error naming it, and no output file.
        test::writeBytes(dir("folder") / "train" / "a_cat" / "zz-broken.png", {0x89, 'P', 'N', 'G', 1, 2, 3});
        const QString out = q(dir("never.json"));
        for (const char* command : {"stats", "normalize"}) {
            const Result broken =
                runCli(QStringList{QLatin1String(command)} + data + QStringList{QStringLiteral("--out"), out});
            QCOMPARE(broken.exitCode, 1);
            QCOMPARE(broken.err.count('\n'), 1);
            QVERIFY2(broken.err.contains("zz-broken.png"), broken.err.constData());
            QVERIFY(!fs::exists(out.toStdString()));
        }
    }

    // Folders that are not data sets say what is wrong with them.
    void badFolders() {
        fs::create_directories(dir("empty-class") / "cat");
        fs::create_directories(dir("empty-class") / "dog");
        test::writeBytes(dir("empty-class") / "cat" / "x.png", {1});
        const Result empty = runCli({QStringLiteral("stats"), QStringLiteral("--dataset"), q(dir("empty-class"))});
        QCOMPARE(empty.exitCode, 1);
        QVERIFY2(empty.err.contains("dog: class folder holds no image"), empty.err.constData());

        fs::create_directories(dir("nothing") / "a");
        const Result nothing = runCli({QStringLiteral("stats"), QStringLiteral("--dataset"), q(dir("nothing"))});
        QCOMPARE(nothing.exitCode, 1);
        QVERIFY2(nothing.err.contains("no data set here"), nothing.err.constData());
    }

    // Unknown data whose labels leave gaps: a warning on stderr and a note in the export.
    void labelGapsAreWarned() {
        ImageSet train = test::randomImageSet(40, 3, 9), testSet = test::randomImageSet(10, 3, 10);
        train.labels[5] = 9;
        test::writeIdxDataset(dir("gaps"), train, testSet, false);
        const Result r = runCli({QStringLiteral("stats"), QStringLiteral("--dataset"), q(dir("gaps"))});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("warning: labels leave gaps: 0-2, 9 are used, so 6 classes in between (3-8)"),
                 r.err.constData());
        const QJsonObject s = QJsonDocument::fromJson(r.out).object();
        QVERIFY(s[QStringLiteral("notes")].toArray()[0].toString().startsWith(QStringLiteral("labels leave gaps")));
    }

    // QMNIST (int32 N x 8 labels) and EMNIST (transposed) by catalog id, in their download folders.
    void mnistFamily() {
        const fs::path q1 = dir("fam") / "QMNIST" / "raw";
        fs::create_directories(q1);
        const ImageSet set = test::randomImageSet(30, 10, 3, 1, 28, 28);
        IdxArray labels{{30, 8}, std::vector<std::uint8_t>(30 * 32, 0), kIdxInt32};
        for (std::size_t i = 0; i < 30; ++i)
            labels.data[i * 32 + 3] = set.labels[i];
        for (const char* part : {"train", "test"}) {
            writeIdx(q1 / (std::string("qmnist-") + part + "-images-idx3-ubyte.gz"),
                     IdxArray{{30, 28, 28}, set.pixels});
            writeIdx(q1 / (std::string("qmnist-") + part + "-labels-idx2-int.gz"), labels);
        }
        const QJsonObject qs = statsOf(
            {QStringLiteral("--dataset"), QStringLiteral("qmnist"), QStringLiteral("--data-dir"), q(dir("fam"))});
        QCOMPARE(qs[QStringLiteral("count")].toInt(), 30);
        int counted = 0;
        for (const auto& c : qs[QStringLiteral("per_class")].toArray())
            counted += c.toObject()[QStringLiteral("count")].toInt();
        QCOMPARE(counted, 30);
        QCOMPARE(qs[QStringLiteral("per_class")].toArray()[set.labels[0]].toObject()[QStringLiteral("count")].toInt(),
                 int(std::count(set.labels.begin(), set.labels.end(), set.labels[0])));

        const fs::path e = dir("fam") / "emnist";
        fs::create_directories(e);
        for (const char* part : {"train", "test"}) {
            writeIdx(e / (std::string("emnist-digits-") + part + "-images-idx3-ubyte"),
                     IdxArray{{30, 28, 28}, set.pixels});
            writeIdx(e / (std::string("emnist-digits-") + part + "-labels-idx1-ubyte"), IdxArray{{30}, set.labels});
        }
        const QJsonObject es = statsOf({QStringLiteral("--dataset"), QStringLiteral("emnist-digits"),
                                        QStringLiteral("--data-dir"), q(dir("fam"))});
        QVERIFY(es[QStringLiteral("notes")].toArray()[0].toString().contains(QStringLiteral("transposed")));
        // The per-pixel map is the stored one flipped about its diagonal: pixel (y=0, x=1) upright is
        // stored at (y=1, x=0).
        double stored = 0;
        for (std::size_t i = 0; i < 30; ++i)
            stored += set.pixels[i * 784 + 28] / 255.0;
        const double upright = es[QStringLiteral("per_pixel")]
                                   .toObject()[QStringLiteral("mean")]
                                   .toArray()[0]
                                   .toArray()[0]
                                   .toArray()[1]
                                   .toDouble();
        QVERIFY(std::abs(upright - stored / 30) < 1e-12);
    }
};

QTEST_GUILESS_MAIN(TestCliDatasets)
#include "tst_clidatasets.moc"
