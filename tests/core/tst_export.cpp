// Exports: atomic writes, the stats JSON/CSV/NPY formats, the torchvision line.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/error.h"
#include "core/common/filebytes.h"
#include "core/common/atomicfile.h"
#include "core/export/npywriter.h"
#include "core/export/statsexport.h"
#include "core/export/torchvisionline.h"
#include "core/stats/statsengine.h"
#include "tests/support/testdata.h"

using namespace normlab;

class TestExport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::filesystem::path root() const { return m_dir.path().toStdString(); }

private Q_SLOTS:
    void atomicWriteReplacesWholeFile() {
        const auto file = root() / "a.txt";
        writeFileAtomically(file, "first version, long");
        writeFileAtomically(file, "second");
        const auto bytes = readFileBytes(file);
        QCOMPARE(std::string(bytes.begin(), bytes.end()), std::string("second"));
        QCOMPARE(test::filesIn(root()), std::vector<std::string>{"a.txt"});
    }
    void failedWriteLeavesNothingAndKeepsOldFile() {
        const auto missing = root() / "no" / "such" / "dir" / "out.json";
        try {
            writeFileAtomically(missing, "x");
            QFAIL("write into a missing directory succeeded");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(missing.string()) != std::string::npos, e.what());
        }
        // A directory in the way: the old directory stays, no temp file is left beside it.
        const auto dirInTheWay = root() / "taken";
        std::filesystem::create_directories(dirInTheWay);
        QVERIFY_THROWS_EXCEPTION(Error, writeFileAtomically(dirInTheWay, "x"));
        QVERIFY(std::filesystem::is_directory(dirInTheWay));
        for (const auto& name : test::filesIn(root()))
            QVERIFY2(name.find(".tmp-") == std::string::npos, name.c_str());
    }
    void npyHeaderIsWhatNumpyReads() {
        const std::string npy = encodeNpy(std::vector<double>{1.5, -2.0, 3.25, 4.0, 5.0, 6.0}, {1, 2, 3});
        QCOMPARE(npy.substr(0, 6), std::string("\x93NUMPY"));
        const std::size_t headerLen = static_cast<unsigned char>(npy[8]) | static_cast<unsigned char>(npy[9]) << 8;
        QCOMPARE((10 + headerLen) % 64, std::size_t{0});
        const std::string header = npy.substr(10, headerLen);
        QVERIFY(header.find("'descr': '<f8'") != std::string::npos);
        QVERIFY(header.find("'shape': (1, 2, 3)") != std::string::npos);
        QCOMPARE(header.back(), '\n');
        double first;
        std::memcpy(&first, npy.data() + 10 + headerLen, sizeof first);
        QCOMPARE(first, 1.5);
        QCOMPARE(npy.size(), 10 + headerLen + 6 * sizeof(double));
        QVERIFY(encodeNpy(std::vector<float>{1, 2}, {2}).find("'shape': (2,)") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(Error, encodeNpy(std::vector<double>{1, 2}, {3}));
    }
    void torchvisionLine() {
        NormalizationParams p;
        p.mean = {0.1307};
        p.std = {0.3081};
        QCOMPARE(torchvisionNormalizeLine(p), std::string("transforms.Normalize((0.1307,), (0.3081,))"));
        p.mean = {0.4914, 0.4822, 0.4465};
        p.std = {0.2023, 0.1994, 0.2010};
        QCOMPARE(torchvisionNormalizeLine(p),
                 std::string("transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2023, 0.1994, 0.2010))"));
    }
    void jsonCarriesEverything() {
        ImageSet set = test::randomImageSet(200, 3, 11);
        set.sources = {{"/data/x-idx3-ubyte", 1234, std::string(64, 'a'), "", ""}};
        const SplitStats stats = computeStats(set);
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(statsToJson(stats)));
        QVERIFY(doc.isObject());
        const QJsonObject o = doc.object();
        for (const char* key : {"dataset", "split", "count", "channels", "height", "width", "conventions",
                                "normalizations", "per_class", "per_pixel", "torchvision", "source"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o[QStringLiteral("count")].toInt(), 200);
        const QJsonObject methods = o[QStringLiteral("normalizations")].toObject();
        QCOMPARE(methods.keys().size(), 5);
        for (const char* m : {"raw255", "none", "minmax", "zscore", "per-sample"}) {
            const QJsonObject method = methods[QLatin1String(m)].toObject();
            for (const char* key : {"mean", "std", "min", "max", "histogram", "params"})
                QVERIFY2(method.contains(QLatin1String(key)), key);
            const QJsonObject hist = method[QStringLiteral("histogram")].toObject();
            QCOMPARE(hist[QStringLiteral("counts")].toArray()[0].toArray().size(), 256);
            QCOMPARE(hist[QStringLiteral("edges")].toArray()[0].toArray().size(), 257);
        }
        const double zmean = methods[QStringLiteral("zscore")]
                                 .toObject()[QStringLiteral("params")]
                                 .toObject()[QStringLiteral("mean")]
                                 .toArray()[0]
                                 .toDouble();
        QCOMPARE(zmean, stats.params.mean[0]); // full double precision survives the round trip
        QCOMPARE(o[QStringLiteral("per_class")].toArray().size(), 3);
        QCOMPARE(o[QStringLiteral("per_pixel")].toObject()[QStringLiteral("mean")].toArray()[0].toArray().size(), 6);
        QVERIFY(o[QStringLiteral("torchvision")].toString().startsWith(QStringLiteral("transforms.Normalize((")));
        QCOMPARE(o[QStringLiteral("source")].toArray()[0].toObject()[QStringLiteral("bytes")].toInt(), 1234);
        QVERIFY(o[QStringLiteral("conventions")].toString().contains(QStringLiteral("population")));
    }
    // The per-pixel maps are written as text beside nlohmann's dump: every value reads back exactly,
    // pretty or compact, whole numbers as floating point, and a source named like their placeholder
    // stays what it was.
    void perPixelMapsReadBackExactly() {
        ImageSet set = test::randomImageSet(50, 2, 13, 3, 4, 5);
        set.sources = {{"normlab:per-pixel-mean", 1, std::string(64, 'b'), "", ""}};
        set.classNames = {"\"normlab:per-pixel-std\"", "b"};
        SplitStats stats = computeStats(set);
        stats.pixelMean[1][7] = 0.0; // a whole number
        for (int indent : {2, -1}) {
            const std::string text = statsToJson(stats, indent);
            const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(text));
            QVERIFY2(doc.isObject(), text.c_str());
            const QJsonObject pixels = doc.object()[QStringLiteral("per_pixel")].toObject();
            for (const auto& [key, maps] : {std::pair{"mean", &stats.pixelMean}, std::pair{"std", &stats.pixelStd}}) {
                const QJsonArray channels = pixels[QLatin1String(key)].toArray();
                QCOMPARE(channels.size(), 3);
                for (int c = 0; c < 3; ++c) {
                    const QJsonArray rows = channels[c].toArray();
                    QCOMPARE(rows.size(), 4);
                    for (int y = 0; y < 4; ++y)
                        for (int x = 0; x < 5; ++x)
                            QCOMPARE(rows[y].toArray()[x].toDouble(), (*maps)[c][y * 5 + x]);
                }
            }
            QVERIFY(text.find(indent >= 0 ? "\n          0.0,\n" : ",0.0,") != std::string::npos);
            QCOMPARE(doc.object()[QStringLiteral("source")].toArray()[0].toObject()[QStringLiteral("path")].toString(),
                     QStringLiteral("normlab:per-pixel-mean"));
            QCOMPARE(
                doc.object()[QStringLiteral("per_class")].toArray()[0].toObject()[QStringLiteral("name")].toString(),
                QStringLiteral("\"normlab:per-pixel-std\""));
        }
    }
    void csvHasOneRowPerScopeMethodChannel() {
        const ImageSet set = test::randomImageSet(100, 2, 12, 3);
        const SplitStats stats = computeStats(set);
        const QString csv = QString::fromStdString(statsToCsv(stats));
        const QStringList lines = csv.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1 + (1 + 2) * 5 * 3);
        const int columns = lines[0].split(QLatin1Char(',')).size();
        for (const auto& line : lines)
            QCOMPARE(line.split(QLatin1Char(',')).size(), columns);
        // Rows: header, then raw255 for channels 0..2, then none for channel 0.
        QVERIFY(lines[4].startsWith(QStringLiteral("all,,custom train,none,0,100,")));
    }
    void npyFilesWritten() {
        const ImageSet set = test::randomImageSet(30, 2, 13);
        writeStatsNpy(computeStats(set), root() / "npy");
        const auto files = test::filesIn(root() / "npy");
        QCOMPARE(files, (std::vector<std::string>{"byte_counts.npy", "per_image_stats.npy", "pixel_mean.npy",
                                                  "pixel_std.npy"}));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
