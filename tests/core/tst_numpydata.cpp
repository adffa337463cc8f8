// NumPy data sets: files NumPy itself wrote (np.save, write_array versions 2.0 and 3.0, np.savez,
// np.savez_compressed) compared pixel for pixel with what Python reports, and hand-made bad files,
// each refused with one line that names the file.
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>


#include <cstring>
#include <functional>
#include <map>

#include "core/common/digest.h"
#include "core/common/error.h"
#include "core/common/filebytes.h"
#include "core/data/formats/numpy/npyarray.h"
#include "core/data/formats/numpy/npzarchive.h"
#include "core/data/formats/numpy/numpydataset.h"
#include "tests/support/testdata.h"
#include "tests/support/zipfiles.h"

using namespace normlab;

namespace {

struct Expected {
    std::size_t count = 0;
    int channels = 0, height = 0, width = 0;
    std::vector<std::uint64_t> sums;
    std::string sha256;
    std::vector<std::uint8_t> labels;
};

// What numpy writes: magic, version, length, the dict padded with spaces to a multiple of 64 and a
// newline, then the data. dict is taken as given, so tests can write any header text.
std::vector<std::uint8_t> npyBytes(const std::string& dict, const std::vector<std::uint8_t>& data, int major = 1) {
    const std::size_t preamble = major == 1 ? 10 : 12;
    std::string header = dict;
    header.append(63 - (preamble + header.size()) % 64, ' ');
    header.push_back('\n');
    std::vector<std::uint8_t> out{0x93, 'N', 'U', 'M', 'P', 'Y', static_cast<std::uint8_t>(major), 0};
    for (std::size_t i = 0; i < preamble - 8; ++i)
        out.push_back(static_cast<std::uint8_t>(header.size() >> (8 * i)));
    out.insert(out.end(), header.begin(), header.end());
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

std::string dictFor(const std::string& descr, const std::string& shape, bool fortran = false) {
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape +
           ", }";
}

std::vector<std::uint8_t> counting(std::size_t n) {
    std::vector<std::uint8_t> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = static_cast<std::uint8_t>(i * 37 + 11);
    return v;
}

std::vector<std::uint8_t> int64s(const std::vector<std::int64_t>& values) {
    std::vector<std::uint8_t> out(values.size() * 8);
    std::memcpy(out.data(), values.data(), out.size());
    return out;
}


} // namespace

class TestNumpyData : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_python;
    std::string m_pythonProblem;
    std::map<std::string, Expected> m_cases;
    std::map<std::string, std::pair<std::string, std::string>> m_files; // name -> sha256, md5

    std::filesystem::path path(const std::string& name) const {
        return std::filesystem::path(m_dir.path().toStdString()) / name;
    }
    std::filesystem::path py(const std::string& name) const { return path("py") / name; }
    std::filesystem::path write(const std::string& name, const std::vector<std::uint8_t>& bytes) const {
        test::writeBytes(path(name), bytes);
        return path(name);
    }

    // Asserts that f throws one line naming the file and containing `problem`.
    void expectError(const std::function<void()>& f, const std::filesystem::path& file, const std::string& problem) {
        try {
            f();
            QFAIL(qPrintable(QString::fromStdString("no error for " + file.string() + " (" + problem + ")")));
        } catch (const Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.find(file.string()) != std::string::npos, e.what());
            QVERIFY2(message.find(problem) != std::string::npos, e.what());
            QVERIFY2(message.find('\n') == std::string::npos, e.what());
        }
    }
    void expectNpyError(const std::string& name, const std::vector<std::uint8_t>& bytes, const std::string& problem) {
        const auto file = write(name, bytes);
        expectError([&] { readNpy(file); }, file, problem);
    }
    // Grey images 3x2x2 with labels written as given; reads the pair.
    void expectPairError(const std::string& name, const std::vector<std::uint8_t>& images,
                         const std::vector<std::uint8_t>& labels, const std::string& problem, bool blameLabels) {
        const auto imagesFile = write(name + "_images.npy", images);
        const auto labelsFile = write(name + "_labels.npy", labels);
        expectError([&] { readNumpyImages(imagesFile, labelsFile, "train"); }, blameLabels ? labelsFile : imagesFile,
                    problem);
    }
    std::vector<std::uint8_t> goodImages() const { return npyBytes(dictFor("|u1", "(3, 2, 2)"), counting(12)); }
    std::vector<std::uint8_t> goodLabels() const { return npyBytes(dictFor("<i8", "(3,)"), int64s({0, 1, 2})); }

    void requirePython() {
        if (m_python.isEmpty()) QSKIP(m_pythonProblem.c_str());
    }

    void compareWithPython(const ImageSet& set, const std::string& caseName) {
        QVERIFY2(m_cases.contains(caseName), caseName.c_str());
        const Expected& e = m_cases.at(caseName);
        QCOMPARE(set.count, e.count);
        QCOMPARE(set.channels, e.channels);
        QCOMPARE(set.height, e.height);
        QCOMPARE(set.width, e.width);
        std::vector<std::uint64_t> sums(set.channels, 0);
        for (std::size_t n = 0; n < set.count; ++n)
            for (int c = 0; c < set.channels; ++c)
                for (std::size_t p = 0; p < set.pixelsPerChannel(); ++p)
                    sums[c] += set.image(n)[c * set.pixelsPerChannel() + p];
        QCOMPARE(sums, e.sums);
        QCOMPARE(sha256Hex(set.pixels), e.sha256); // every pixel, in N x C x H x W order
        QCOMPARE(set.labels, e.labels);
        QCOMPARE(set.classCount(), *std::max_element(e.labels.begin(), e.labels.end()) + 1);
    }
    void compareSource(const SourceFile& source, const std::string& name) {
        QVERIFY2(m_files.contains(name), name.c_str());
        QCOMPARE(source.path, py(name).string());
        QCOMPARE(source.bytes, std::uint64_t(std::filesystem::file_size(py(name))));
        QCOMPARE(source.sha256, m_files.at(name).first);
        QCOMPARE(source.md5, m_files.at(name).second);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_python = test::pythonWith({QStringLiteral("numpy")});
        if (m_python.isEmpty()) {
            m_pythonProblem = "python3 with NumPy not found (Debian: python3-numpy): files NumPy writes are not tested";
            return;
        }
        const QString writer = QFINDTESTDATA("../support/numpy_writer.py");
        QVERIFY(!writer.isEmpty());
        QProcess p;
        p.start(m_python, {writer, QString::fromStdString(path("py").string())});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        for (const auto& line : QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts)) {
            const auto f = line.split(u' ');
            if (f[0] == u"file" && f.size() == 4) {
                m_files[f[1].toStdString()] = {f[2].toStdString(), f[3].toStdString()};
            } else if (f[0] == u"case" && f.size() == 9) {
                Expected e{f[2].toULongLong(), f[3].toInt(), f[4].toInt(), f[5].toInt(), {}, f[7].toStdString(), {}};
                for (const auto& s : f[6].split(u','))
                    e.sums.push_back(s.toULongLong());
                for (const auto& l : f[8].split(u','))
                    e.labels.push_back(static_cast<std::uint8_t>(l.toUInt()));
                m_cases[f[1].toStdString()] = e;
            } else {
                QFAIL(qPrintable(QStringLiteral("unexpected line from the writer: ") + line));
            }
        }
        QCOMPARE(m_cases.size(), std::size_t{7 + 3 + 3});
    }

    void pairsNumpyWrote_data() {
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<QString>("images");
        QTest::addColumn<QString>("labels");
        QTest::newRow("grey, int64 labels")
            << QStringLiteral("grey") << QStringLiteral("greyset/x_train.npy") << QStringLiteral("greyset/y_train.npy");
        QTest::newRow("RGB, (N,1) uint8 labels") << QStringLiteral("rgb") << QStringLiteral("rgbset/train_images.npy")
                                                 << QStringLiteral("rgbset/train_labels.npy");
        QTest::newRow("RGBA, uint16 labels")
            << QStringLiteral("rgba") << QStringLiteral("rgbaset/images.npy") << QStringLiteral("rgbaset/labels.npy");
        QTest::newRow("version 2.0, int32 labels")
            << QStringLiteral("v2") << QStringLiteral("v2set/X_test.npy") << QStringLiteral("v2set/y_test.npy");
        QTest::newRow("version 3.0, big-endian labels")
            << QStringLiteral("v3bigendian") << QStringLiteral("v3set/images_val.npy")
            << QStringLiteral("v3set/labels_val.npy");
        QTest::newRow("Fortran order") << QStringLiteral("fortran") << QStringLiteral("fortranset/train_images.npy")
                                       << QStringLiteral("fortranset/train_labels.npy");
        QTest::newRow("one channel last")
            << QStringLiteral("onechannel") << QStringLiteral("c1set/x.npy") << QStringLiteral("c1set/y.npy");
    }
    void pairsNumpyWrote() {
        requirePython();
        QFETCH(QString, caseName);
        QFETCH(QString, images);
        QFETCH(QString, labels);
        const auto imagesFile = py(images.toStdString());
        const auto found = labelsBesideImages(imagesFile);
        QVERIFY(found.has_value());
        QCOMPARE(*found, py(labels.toStdString()));
        const ImageSet set = readNumpyImages(imagesFile, *found, "train");
        compareWithPython(set, caseName.toStdString());
        QCOMPARE(set.dataset, imagesFile.parent_path().filename().string()); // generic names: the folder
        QCOMPARE(set.split, std::string("train"));
        QCOMPARE(set.origin, "NumPy file " + imagesFile.string());
        QCOMPARE(set.sources.size(), std::size_t{2});
        compareSource(set.sources[0], images.toStdString());
        compareSource(set.sources[1], labels.toStdString());
    }

    void medMnistNumpyWrote_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("split");
        for (const char* file : {"pathmnist.npz", "organmnist.npz"})
            for (const char* split : {"train", "val", "test"})
                QTest::newRow((std::string(file) + " " + split).c_str())
                    << QString::fromUtf8(file) << QString::fromUtf8(split);
    }
    void medMnistNumpyWrote() {
        requirePython();
        QFETCH(QString, file);
        QFETCH(QString, split);
        const ImageSet set = readMedMnistNpz(py(file.toStdString()), split.toStdString());
        compareWithPython(set, (file + u':' + split).toStdString());
        QCOMPARE(set.dataset, std::filesystem::path(file.toStdString()).stem().string());
        QCOMPARE(set.split, split.toStdString());
        QCOMPARE(set.origin, "NumPy file " + py(file.toStdString()).string());
        QCOMPARE(set.sources.size(), std::size_t{1});
        compareSource(set.sources[0], file.toStdString());
    }
    void medMnistMissingSplitNamesTheKeys() {
        requirePython();
        const auto file = py("partial.npz");
        expectError([&] { readMedMnistNpz(file, "val"); }, file,
                    "no 'val_images' in the archive (it holds train_images, train_labels)");
    }
    void readNpzReadsEveryArrayWhenNoKeysAreNamed() {
        requirePython();
        const auto arrays = readNpz(py("pathmnist.npz"), {});
        QCOMPARE(arrays.size(), std::size_t{6});
        QCOMPARE(arrays.at("val_images").shape, (std::vector<std::uint64_t>{3, 28, 28, 3}));
        QCOMPARE(arrays.at("val_labels").descr, std::string("|u1"));
    }

    // Headers as different writers format them: all read the same.
    void headerSpellings_data() {
        QTest::addColumn<QString>("dict");
        QTest::newRow("numpy") << QStringLiteral("{'descr': '|u1', 'fortran_order': False, 'shape': (3, 2, 2), }");
        QTest::newRow("reordered, no trailing comma")
            << QStringLiteral("{'shape': (3, 2, 2), 'fortran_order': False, 'descr': '|u1'}");
        QTest::newRow("double quotes, spacing")
            << QStringLiteral("{ \"descr\" : \"|u1\" ,\"fortran_order\":False,'shape':(3,2,2,) }");
        QTest::newRow("Python 2 longs, no byte order")
            << QStringLiteral("{'descr': 'u1', 'fortran_order': False, 'shape': (3L, 2L, 2L), }");
    }
    void headerSpellings() {
        QFETCH(QString, dict);
        const NpyArray a = parseNpy(npyBytes(dict.toStdString(), counting(12)), "spelling");
        QCOMPARE(a.descr, std::string("|u1"));
        QCOMPARE(a.shape, (std::vector<std::uint64_t>{3, 2, 2}));
        QCOMPARE(a.data, counting(12));
        QCOMPARE(a.itemSize(), std::size_t{1});
        QCOMPARE(a.elementCount(), std::uint64_t{12});
    }
    void scalarAndVersionTwoHeaders() {
        const NpyArray scalar = parseNpy(npyBytes(dictFor("<i8", "()"), int64s({42}), 2), "scalar");
        QCOMPARE(scalar.elementCount(), std::uint64_t{1});
        QCOMPARE(scalar.shape.size(), std::size_t{0});
    }
    void bigEndianIsSwapped() {
        const NpyArray a = parseNpy(npyBytes(dictFor(">u2", "(2,)"), {0x01, 0x02, 0xff, 0x00}), "be");
        QCOMPARE(a.descr, std::string("<u2"));
        QCOMPARE(a.data, (std::vector<std::uint8_t>{0x02, 0x01, 0x00, 0xff}));
    }

    void badHeaders_data() {
        QTest::addColumn<QString>("dict");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no shape") << QStringLiteral("{'descr': '|u1', 'fortran_order': False}")
                                  << QStringLiteral("no 'shape'");
        QTest::newRow("extra key") << QStringLiteral("{'descr': '|u1', 'fortran_order': False, 'shape': (12,), 'x': 1}")
                                   << QStringLiteral("unexpected key 'x'");
        QTest::newRow("key twice") << QStringLiteral(
                                          "{'descr': '|u1', 'descr': '|u1', 'fortran_order': False, 'shape': (12,)}")
                                   << QStringLiteral("key 'descr' appears twice");
        QTest::newRow("number, not tuple")
            << QString::fromStdString(dictFor("|u1", "(12)")) << QStringLiteral("not a tuple");
        QTest::newRow("negative dimension")
            << QString::fromStdString(dictFor("|u1", "(-12,)")) << QStringLiteral("non-negative dimension");
        QTest::newRow("lower-case bool") << QStringLiteral("{'descr': '|u1', 'fortran_order': false, 'shape': (12,)}")
                                         << QStringLiteral("not True or False");
        QTest::newRow("text after the dict")
            << QString::fromStdString(dictFor("|u1", "(12,)") + " x") << QStringLiteral("text after the dict");
        QTest::newRow("not a dict") << QStringLiteral("['|u1', False, (12,)]") << QStringLiteral("start with '{'");
        QTest::newRow("object array") << QString::fromStdString(dictFor("|O", "(12,)"))
                                      << QStringLiteral("object arrays ('|O')");
        QTest::newRow("unicode strings") << QString::fromStdString(dictFor("<U3", "(1,)"))
                                         << QStringLiteral("unsupported dtype '<U3'");
        QTest::newRow("complex") << QString::fromStdString(dictFor("<c8", "(1,)"))
                                 << QStringLiteral("unsupported dtype '<c8'");
        QTest::newRow("structured") << QStringLiteral(
                                           "{'descr': [('a', '<u1')], 'fortran_order': False, 'shape': (12,)}")
                                    << QStringLiteral("structured dtypes");
        QTest::newRow("64-bit overflow") << QString::fromStdString(dictFor("<i8", "(1099511627776, 1099511627776)"))
                                         << QStringLiteral("more bytes than 64 bits can count");
    }
    void badHeaders() {
        QFETCH(QString, dict);
        QFETCH(QString, problem);
        expectNpyError("badheader.npy", npyBytes(dict.toStdString(), counting(12)), problem.toStdString());
    }
    void wrongMagic() {
        auto b = goodImages();
        b[5] = 'Z';
        expectNpyError("magic.npy", b, "not a .npy file");
        expectNpyError("empty.npy", {}, "not a .npy file");
    }
    void unsupportedVersion() {
        auto b = goodImages();
        b[6] = 4;
        expectNpyError("version.npy", b, "unsupported .npy version 4.0");
    }
    void headerLongerThanFile() {
        auto b = goodImages();
        b.resize(40); // the dict is cut off: its declared length runs past the end
        expectNpyError("shortheader.npy", b, "truncated header (it declares 128 bytes, the file has 40)");
        auto v2 = npyBytes(dictFor("|u1", "(1,)"), {7}, 2);
        v2[10] = 0x10; // 1 MiB of header in a 65-byte file
        expectNpyError("longheader.npy", v2, "longer than NumPy reads");
    }
    void hugeDeclaredShapeFailsWithoutAllocating() {
        // 2^40 bytes declared in a file of 80: refused from the header and the file size alone.
        QElapsedTimer timer;
        timer.start();
        expectNpyError("huge.npy", npyBytes(dictFor("|u1", "(1099511627776,)"), counting(16)),
                       "truncated data (shape (1099511627776,) of |u1 needs 1099511627776 bytes, the file has 16)");
        QVERIFY(timer.elapsed() < 1000);
    }
    void truncatedAndTrailingData() {
        expectNpyError("truncated.npy", npyBytes(dictFor("|u1", "(3, 4, 4)"), counting(47)),
                       "needs 48 bytes, the file has 47");
        expectNpyError("trailing.npy", npyBytes(dictFor("|u1", "(3, 4, 4)"), counting(50)),
                       "2 unexpected bytes after the 48 bytes");
    }
    void fortranOrderIsConverted() {
        // shape (2, 2, 3): Fortran order stores element [n, h, w] at n + 2 * (h + 2 * w).
        const auto data = counting(12);
        const auto images = write("fortran.npy", npyBytes(dictFor("|u1", "(2, 2, 3)", true), data));
        const auto labels = write("fortran_y.npy", npyBytes(dictFor("|u1", "(2,)", true), {1, 0}));
        const ImageSet set = readNumpyImages(images, labels, "test");
        QCOMPARE(set.count, std::size_t{2});
        QCOMPARE(set.dataset, std::string("fortran")); // not a generic name: the stem
        for (std::size_t n = 0; n < 2; ++n)
            for (std::size_t h = 0; h < 2; ++h)
                for (std::size_t w = 0; w < 3; ++w)
                    QCOMPARE(set.image(n)[h * 3 + w], data[n + 2 * (h + 2 * w)]);
        QCOMPARE(set.labels, (std::vector<std::uint8_t>{1, 0}));
    }
    void channelsLastBecomeChannelsFirst() {
        const auto data = counting(2 * 2 * 3 * 3);
        const auto images = write("hwc_images.npy", npyBytes(dictFor("|u1", "(2, 2, 3, 3)"), data));
        const auto labels = write("hwc_labels.npy", npyBytes(dictFor("<i8", "(2, 1)"), int64s({4, 2})));
        const ImageSet set = readNumpyImages(images, labels, "train");
        QCOMPARE(set.channels, 3);
        QCOMPARE(set.classCount(), 5);
        for (std::size_t n = 0; n < 2; ++n)
            for (std::size_t p = 0; p < 6; ++p)
                for (std::size_t c = 0; c < 3; ++c)
                    QCOMPARE(set.image(n)[c * 6 + p], data[n * 18 + p * 3 + c]);
    }

    void badImageArrays() {
        expectPairError("float", npyBytes(dictFor("<f4", "(3, 2, 2)"), counting(48)), goodLabels(),
                        "images are <f4; NormLab reads uint8 images", false);
        expectPairError("twodims", npyBytes(dictFor("|u1", "(3, 4)"), counting(12)), goodLabels(),
                        "images have shape (3, 4); NormLab reads N x H x W", false);
        expectPairError("chw", npyBytes(dictFor("|u1", "(3, 3, 2, 2)"), counting(36)), goodLabels(),
                        "(channels last, not first)", false);
        expectPairError("none", npyBytes(dictFor("|u1", "(0, 2, 2)"), {}), goodLabels(), "contains no images", false);
    }
    void badLabelArrays() {
        expectPairError("count", goodImages(), npyBytes(dictFor("<i8", "(4,)"), int64s({0, 1, 2, 3})),
                        "has 4 labels but", true);
        expectPairError("negative", goodImages(), npyBytes(dictFor("<i8", "(3,)"), int64s({0, 1, -1})),
                        "label -1 at index 2; NormLab reads class labels 0..255", true);
        expectPairError("float", goodImages(), npyBytes(dictFor("<f8", "(3,)"), counting(24)),
                        "labels are <f8; NormLab reads integer class labels", true);
        expectPairError("matrix", goodImages(), npyBytes(dictFor("|u1", "(3, 2)"), counting(6)),
                        "labels have shape (3, 2)", true);
    }
    void labelPast255IsOneExactLine() {
        const auto images = write("big_images.npy", npyBytes(dictFor("|u1", "(8, 1, 1)"), counting(8)));
        std::vector<std::uint8_t> labels(8 * 4, 0);
        labels[7 * 4] = 300 & 0xff;
        labels[7 * 4 + 1] = 300 >> 8;
        const auto labelsFile = write("big_labels.npy", npyBytes(dictFor("<i4", "(8,)"), labels));
        try {
            readNumpyImages(images, labelsFile, "train");
            QFAIL("label 300 accepted");
        } catch (const Error& e) {
            QCOMPARE(std::string(e.what()),
                     labelsFile.string() + ": label 300 at index 7; NormLab reads class labels 0..255");
        }
    }

    void labelsBesideImagesPairs() {
        for (const char* name : {"x_train.npy", "y_train.npy", "X_test.npy", "y_test.npy", "val_images.npy",
                                 "val_labels.npy", "lonely_images.npy", "pics.npy"})
            write(name, goodImages());
        QCOMPARE(labelsBesideImages(path("x_train.npy")), std::optional(path("y_train.npy")));
        QCOMPARE(labelsBesideImages(path("X_test.npy")), std::optional(path("y_test.npy")));
        QCOMPARE(labelsBesideImages(path("val_images.npy")), std::optional(path("val_labels.npy")));
        QVERIFY(!labelsBesideImages(path("lonely_images.npy"))); // no lonely_labels.npy
        QVERIFY(!labelsBesideImages(path("pics.npy")));          // not a name NormLab pairs
    }

    void npzWrittenHere_data() {
        QTest::addColumn<bool>("deflate");
        QTest::newRow("stored") << false;
        QTest::newRow("deflated") << true;
    }
    void npzWrittenHere() {
        QFETCH(bool, deflate);
        const auto file = write(
            "here.npz", test::zipBytes({{"train_images.npy", goodImages()}, {"train_labels.npy", goodLabels()}}, deflate));
        const ImageSet set = readMedMnistNpz(file, "train");
        QCOMPARE(set.pixels, counting(12));
        QCOMPARE(set.labels, (std::vector<std::uint8_t>{0, 1, 2}));
        QCOMPARE(set.dataset, std::string("here"));
        QCOMPARE(set.sources[0].md5, md5Hex(readFileBytes(file)));
        expectError([&] { readMedMnistNpz(file, "test"); }, file,
                    "no 'test_images' in the archive (it holds train_images, train_labels)");
        expectError([&] { readMedMnistNpz(file, "training"); }, file, "no split 'training'");
    }
    void damagedNpz() {
        const auto good = test::zipBytes({{"train_images.npy", npyBytes(dictFor("|u1", "(30, 20, 20)"), counting(12000))},
                                    {"train_labels.npy", npyBytes(dictFor("|u1", "(30,)"), counting(30))}},
                                   true);
        auto flipped = good;
        for (std::size_t i = 200; i < 260; ++i)
            flipped[i] ^= 0x5a;
        const auto file = write("flipped.npz", flipped);
        expectError([&] { readMedMnistNpz(file, "train"); }, file, "");
        auto cut = good;
        cut.resize(good.size() / 2);
        const auto cutFile = write("cut.npz", cut);
        expectError([&] { readMedMnistNpz(cutFile, "train"); }, cutFile, "");
        const auto notZip = write("notzip.npz", goodImages());
        expectError([&] { readNpz(notZip, {}); }, notZip, "not a .npz file");
    }
    void npzEntryDeclaringTooMuch() {
        // 2^40 bytes from a few hundred: more than DEFLATE can expand to, refused before reading.
        const auto bomb =
            write("bomb.npz", test::zipBytes({{"a.npy", npyBytes(dictFor("|u1", "(1099511627776,)"), counting(100))}}, true));
        expectError([&] { readNpz(bomb, {"a"}); }, bomb, "-byte archive can hold");
        const auto shortEntry =
            write("short.npz", test::zipBytes({{"a.npy", npyBytes(dictFor("|u1", "(100,)"), counting(50))}}, true));
        expectError([&] { readNpz(shortEntry, {"a"}); }, shortEntry, "truncated data");
        const auto badEntry = write("badentry.npz", test::zipBytes({{"a.npy", {1, 2, 3}}}, false));
        expectError([&] { readNpz(badEntry, {"a"}); }, badEntry, "(a.npy): not a .npy file");
    }
};

QTEST_GUILESS_MAIN(TestNumpyData)
#include "tst_numpydata.moc"
