// normlab-cli stats and export, run as a user would run them.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "core/common/filebytes.h"
#include "tests/support/testdata.h"

using namespace normlab;

namespace {

struct Result {
    int exitCode = -1;
    QByteArray out, err;
};

Result runCli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("NORMLAB_CLI"), args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace

class TestCliStats : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    // Memory does not grow with the data (#25): stats and normalize on a 2 GB IDX data set (a
    // sparse file: all-zero images cost no disk) peak under 300 MB, where reading the split whole
    // took its size. Each is its own child, waited for with wait4, whose ru_maxrss is its peak.
    void statsOnDataLargerThanTheBudgetKeepsABoundedPeak() {
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("AddressSanitizer's shadow memory makes peaks meaningless");
#endif
        const std::uint32_t count = 2'600'000; // x 784 bytes = 2.04 GB
        const auto header = [](std::vector<std::uint32_t> dims, std::uint8_t ndims) {
            std::string h{0, 0, 8, static_cast<char>(ndims)};
            for (auto d : dims)
                for (int shift = 24; shift >= 0; shift -= 8)
                    h.push_back(static_cast<char>(d >> shift));
            return h;
        };
        const QString folder = path(QStringLiteral("large"));
        QVERIFY(QDir().mkpath(folder));
        const auto sparse = [&folder](const std::string& name, const std::string& head, std::uint64_t dataBytes) {
            const std::string file = folder.toStdString() + "/" + name;
            std::ofstream(file, std::ios::binary) << head;
            return ::truncate(file.c_str(), static_cast<off_t>(head.size() + dataBytes)) == 0;
        };
        for (const std::string split : {"train", "t10k"}) {
            const std::uint32_t n = split == "train" ? count : 1000;
            QVERIFY(sparse(split + "-images-idx3-ubyte", header({n, 28, 28}, 3), std::uint64_t{n} * 784));
            QVERIFY(sparse(split + "-labels-idx1-ubyte", header({n}, 1), n));
        }
        for (const char* command : {"stats", "normalize"}) {
            const pid_t child = ::fork();
            if (child == 0) {
                const QByteArray cli = qEnvironmentVariable("NORMLAB_CLI").toLocal8Bit();
                const QByteArray data = folder.toLocal8Bit();
                ::execl(cli.constData(), cli.constData(), command, "--dataset", data.constData(), "--out", "/dev/null",
                        static_cast<char*>(nullptr));
                ::_exit(127);
            }
            int status = 0;
            rusage usage{};
            QCOMPARE(::wait4(child, &status, 0, &usage), child);
            QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, command);
            const long peakMb = usage.ru_maxrss / 1024;
            qInfo("%s on %u images (2.04 GB): peak %ld MB", command, count, peakMb);
            QVERIFY2(peakMb < 300, qPrintable(QStringLiteral("%1 peaked at %2 MB").arg(QString::fromLatin1(command)).arg(peakMb)));
        }
    }

    // A fresh Debian machine: no data directory, no network, only the dataset-fashion-mnist
    // package. The default data set is FashionMNIST, found there, with the lesson's exact figures.
    void debianFashionMnistOutOfTheBox() {
        if (test::debianFashionMnist().empty())
            QSKIP("Debian's dataset-fashion-mnist is not installed (scripts/install-deps installs it)");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_DIRS"), QString::fromLatin1(test::kDebianDataDirs));
        env.insert(QStringLiteral("NORMLAB_DATA_DIR"), path(QStringLiteral("empty-user-data")));
        for (const QString& dataset : {QStringLiteral("fashion-mnist"), QStringLiteral("auto")}) {
            const Result r = runCli({QStringLiteral("stats"), QStringLiteral("--dataset"), dataset}, env);
            QVERIFY2(r.exitCode == 0, r.err.constData());
            const QJsonObject o = QJsonDocument::fromJson(r.out).object();
            QCOMPARE(o[QStringLiteral("dataset")].toString(), QStringLiteral("fashion-mnist"));
            QCOMPARE(o[QStringLiteral("found_in")].toString(), QStringLiteral("Debian package dataset-fashion-mnist"));
            QCOMPARE(o[QStringLiteral("count")].toInt(), 60000);
            const QJsonObject none = o[QStringLiteral("normalizations")].toObject()[QStringLiteral("none")].toObject();
            QCOMPARE(none[QStringLiteral("mean")].toArray()[0].toDouble(), test::kFashionMnistMean);
            QCOMPARE(none[QStringLiteral("std")].toArray()[0].toDouble(), test::kFashionMnistStd);
            QVERIFY(o[QStringLiteral("torchvision")].toString().contains(
                QStringLiteral("Normalize((0.2860,), (0.3530,))")));
            const QJsonObject images = o[QStringLiteral("source")].toArray()[0].toObject();
            QCOMPARE(images[QStringLiteral("published")].toString(),
                     QStringLiteral("published FashionMNIST content (train-images-idx3-ubyte); file recompressed"));
        }
        // The line alone, from the sums pass: the real data's published constants.
        const Result line =
            runCli({QStringLiteral("normalize"), QStringLiteral("--dataset"), QStringLiteral("fashion-mnist"),
                    QStringLiteral("--format"), QStringLiteral("json")},
                   env);
        QVERIFY2(line.exitCode == 0, line.err.constData());
        const QJsonObject n = QJsonDocument::fromJson(line.out).object();
        QCOMPARE(n[QStringLiteral("mean")].toArray()[0].toDouble(), test::kFashionMnistMean);
        QCOMPARE(n[QStringLiteral("std")].toArray()[0].toDouble(), test::kFashionMnistStd);
        QCOMPARE(n[QStringLiteral("pixels")].toArray()[0].toInteger(), qint64{60000} * 28 * 28);
        QCOMPARE(n[QStringLiteral("torchvision")].toString(),
                 QStringLiteral("transforms.Normalize((0.2860,), (0.3530,))"));
        const Result list = runCli({QStringLiteral("datasets")}, env);
        QVERIFY2(list.exitCode == 0, list.err.constData());
        QVERIFY2(list.out.contains(
                     "FashionMNIST — Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist)"),
                 list.out.constData());
        QVERIFY2(list.out.contains("MNIST — not found"), list.out.constData());
        QVERIFY2(list.out.contains("default (--dataset auto): fashion-mnist"), list.out.constData());
    }
    void syntheticJson() {
        const Result r = runCli({QStringLiteral("stats"), QStringLiteral("--dataset"), QStringLiteral("synthetic"),
                                 QStringLiteral("--limit"), QStringLiteral("2000")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o[QStringLiteral("dataset")].toString(), QStringLiteral("synthetic"));
        QCOMPARE(o[QStringLiteral("count")].toInt(), 2000);
        const double std = o[QStringLiteral("normalizations")]
                               .toObject()[QStringLiteral("zscore")]
                               .toObject()[QStringLiteral("std")]
                               .toArray()[0]
                               .toDouble();
        QVERIFY(std::abs(std - 1.0) < 1e-12);
    }
    // stats names each std recipe; check says what a Normalize does and where it comes from.
    void checkSaysWhereConstantsComeFrom() {
        const QStringList data = {QStringLiteral("--dataset"), QStringLiteral("synthetic"), QStringLiteral("--limit"),
                                  QStringLiteral("2000")};
        const Result stats = runCli(QStringList{QStringLiteral("stats")} + data);
        QVERIFY2(stats.exitCode == 0, stats.err.constData());
        const QJsonObject s = QJsonDocument::fromJson(stats.out).object();
        const QJsonObject population = s[QStringLiteral("recipes")].toObject()[QStringLiteral("population")].toObject();
        const double mean = population[QStringLiteral("mean")].toArray()[0].toDouble();
        const double std = population[QStringLiteral("std")].toArray()[0].toDouble();
        const QJsonObject parts = s[QStringLiteral("variance_decomposition")].toObject();
        const double within = parts[QStringLiteral("within")].toArray()[0].toDouble();
        const double between = parts[QStringLiteral("between")].toArray()[0].toDouble();
        QVERIFY(std::abs(within + between - std * std) < 1e-12);
        QVERIFY(s[QStringLiteral("conventions")].toString().contains(QStringLiteral("pooled population recipe")));
        const double perImage = s[QStringLiteral("recipes")]
                                    .toObject()[QStringLiteral("mean_of_image_std")]
                                    .toObject()[QStringLiteral("std")]
                                    .toArray()[0]
                                    .toDouble();
        QVERIFY(perImage < std);

        const auto check = [&](const QStringList& constants) {
            const Result r = runCli(QStringList{QStringLiteral("check")} + data + constants +
                                    QStringList{QStringLiteral("--format"), QStringLiteral("json")});
            [&] { QVERIFY2(r.exitCode == 0, r.err.constData()); }();
            return QJsonDocument::fromJson(r.out).object();
        };
        const QJsonObject own = check({QStringLiteral("--mean"), QString::number(mean, 'g', 17),
                                       QStringLiteral("--std"), QString::number(std, 'g', 17)});
        const QJsonObject after = own[QStringLiteral("after")].toObject();
        QVERIFY(std::abs(after[QStringLiteral("mean")].toArray()[0].toDouble()) < 1e-12);
        QVERIFY(std::abs(after[QStringLiteral("std")].toArray()[0].toDouble() - 1) < 1e-12);
        QCOMPARE(own[QStringLiteral("matches")].toObject()[QStringLiteral("name")].toString(),
                 QStringLiteral("population"));

        const QJsonObject perImageCheck =
            check({QStringLiteral("--normalize"),
                   QStringLiteral("transforms.Normalize((%1,), (%2,))").arg(mean, 0, 'f', 6).arg(perImage, 0, 'f', 6)});
        QCOMPARE(perImageCheck[QStringLiteral("matches")].toObject()[QStringLiteral("name")].toString(),
                 QStringLiteral("mean_of_image_std"));
        QVERIFY(perImageCheck[QStringLiteral("verdict")].toString().contains(QStringLiteral("mean of per-image stds")));

        const QJsonObject mnist = check({QStringLiteral("--published"), QStringLiteral("mnist")});
        QCOMPARE(mnist[QStringLiteral("matches")].toObject()[QStringLiteral("name")].toString(),
                 QStringLiteral("mnist"));

        const Result list = runCli({QStringLiteral("check"), QStringLiteral("--list-published")});
        QVERIFY(list.out.contains("cifar10-common: CIFAR-10") && list.out.contains("source: "));

        for (const QString& bad : {QStringLiteral("Normalize((0.5,), (0.5,)"), QStringLiteral("Normalize(0.5)")}) {
            const Result r =
                runCli(QStringList{QStringLiteral("check")} + data + QStringList{QStringLiteral("--normalize"), bad});
            QCOMPARE(r.exitCode, 1);
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY2(r.err.contains("expected transforms.Normalize"), r.err.constData());
        }
    }

    void torchvisionFolderTestSplitCsvAndNpy() {
        const auto train = test::randomImageSet(60, 10, 1, 1, 28, 28);
        const auto testSet = test::randomImageSet(30, 10, 2, 1, 28, 28);
        test::writeIdxDataset(path(QStringLiteral("data/MNIST/raw")).toStdString(), train, testSet, true);
        const Result r =
            runCli({QStringLiteral("stats"), QStringLiteral("--dataset"), QStringLiteral("mnist"),
                    QStringLiteral("--data-dir"), path(QStringLiteral("data")), QStringLiteral("--split"),
                    QStringLiteral("test"), QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--out"),
                    path(QStringLiteral("s.csv")), QStringLiteral("--npy"), path(QStringLiteral("npy"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile csv(path(QStringLiteral("s.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.readAll().contains("all,,mnist test,zscore,0,30,"));
        QVERIFY(QFile::exists(path(QStringLiteral("npy/pixel_mean.npy"))));
    }
    void badFileGivesOneLineErrorNamingIt() {
        const auto folder = path(QStringLiteral("bad")).toStdString();
        test::writeIdxDataset(folder, test::randomImageSet(5, 10, 1), test::randomImageSet(5, 10, 2), false);
        test::writeBytes(folder + "/train-images-idx3-ubyte", {0, 0, 8, 3, 0, 0});
        const Result r = runCli({QStringLiteral("stats"), QStringLiteral("--dataset"), QString::fromStdString(folder)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains("train-images-idx3-ubyte: truncated header"), r.err.constData());
    }
    void unwritableOutputLeavesNoFile() {
        const Result r = runCli({QStringLiteral("stats"), QStringLiteral("--dataset"), QStringLiteral("synthetic"),
                                 QStringLiteral("--limit"), QStringLiteral("10"), QStringLiteral("--out"),
                                 path(QStringLiteral("missing-dir/out.json"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot write"), r.err.constData());
        QVERIFY(!QFile::exists(path(QStringLiteral("missing-dir"))));
    }
    void badArgumentsAreRejected() {
        QVERIFY(runCli({QStringLiteral("stats"), QStringLiteral("--split"), QStringLiteral("val")}).exitCode != 0);
        QVERIFY(runCli({QStringLiteral("stats"), QStringLiteral("--minmax-range"), QStringLiteral("1"),
                        QStringLiteral("0")})
                    .exitCode != 0);
        QVERIFY(runCli({QStringLiteral("frobnicate")}).exitCode != 0);
    }
    void exportWritesTorchvisionReadableFiles() {
        const Result r = runCli({QStringLiteral("export"), QStringLiteral("--dataset"), QStringLiteral("synthetic"),
                                 QStringLiteral("--limit"), QStringLiteral("100"), QStringLiteral("--out"),
                                 path(QStringLiteral("exported")), QStringLiteral("--torchvision-layout")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const Result again =
            runCli({QStringLiteral("stats"), QStringLiteral("--dataset"), path(QStringLiteral("exported")),
                    QStringLiteral("--split"), QStringLiteral("test")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(QJsonDocument::fromJson(again.out).object()[QStringLiteral("count")].toInt(), 100);
    }
};

QTEST_GUILESS_MAIN(TestCliStats)
#include "tst_clistats.moc"
