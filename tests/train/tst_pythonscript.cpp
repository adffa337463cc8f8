// The exported Python script (core/train/script/pythonscript.h) as text: the constants in full precision,
// the runs in NormLab's order with its names, the CSV's columns, the networks' sizes, the command
// that runs the same experiment in NormLab, and the refusals, each one line saying why.
// tst_pythonscriptdata runs the scripts' readers; tst_clipyexport trains with one.
#include <QTemporaryDir>
#include <QtTest>

#include <regex>

#include "core/common/error.h"
#include "core/train/script/pythonscript.h"
#include "tests/support/testdata.h"

using namespace normlab;
namespace fs = std::filesystem;

namespace {

// Three channels, with constants that need all 17 digits to read back.
ScriptData colourData() {
    ScriptData d;
    d.format = ScriptDataFormat::Idx;
    d.dataset = "custom";
    d.origin = "folder /data/x";
    d.trainFiles = {{"/data/x/train-images-idx3-ubyte.gz", 10, "ab12", "", ""},
                    {"/data/x/train-labels-idx1-ubyte.gz", 10, "cd34", "", ""}};
    d.testFiles = {{"/data/x/t10k-images-idx3-ubyte.gz", 10, "", "", ""},
                   {"/data/x/t10k-labels-idx1-ubyte.gz", 10, "", "", ""}};
    d.channels = 3;
    d.height = 28;
    d.width = 28;
    d.classes = 10;
    d.params.mean = {0.28604059698879553, 1.0 / 3.0, 0.1};
    d.params.std = {0.35302424451492237, 0.0, 2.0 / 7.0};
    d.params.minByte = {0, 3, 7};
    d.params.maxByte = {255, 3, 200};
    return d;
}

Experiment lessonCompare(int seeds = 1) {
    TrainConfig base;
    base.dataset = "/data/x";
    base.epochs = 1;
    return {base, {{"normalize", {"none", "zscore"}}}, seeds, "folder /data/x"};
}

// The text after "NAME = " up to the end of its line.
std::string assigned(const std::string& script, const std::string& name) {
    const auto at = script.find("\n" + name + " = ");
    if (at == std::string::npos) return {};
    const auto begin = at + name.size() + 4;
    return script.substr(begin, script.find('\n', begin) - begin);
}

// The numbers of a Python tuple literal, read back as C++ reads numbers.
std::vector<double> tupleValues(const std::string& text) {
    std::vector<double> values;
    const std::regex number(R"([-+0-9.eE]+)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it)
        values.push_back(std::stod(it->str()));
    return values;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
        ++n;
    return n;
}

} // namespace

class TestPythonScript : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    template <typename F> void expectError(F&& f, const std::string& part) {
        try {
            f();
            QFAIL(("no error; expected one containing: " + part).c_str());
        } catch (const Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.find(part) != std::string::npos, message.c_str());
            QVERIFY2(message.find('\n') == std::string::npos, message.c_str());
        }
    }

private Q_SLOTS:
    void constantsAreTheTrainSplitsInFullPrecision() {
        ScriptData data = colourData();
        Experiment e = lessonCompare();
        e.grid = {{"normalize", {"zscore", "minmax"}}};
        const std::string script = pythonScript(e, data, "normlab-cli test");
        const auto mean = tupleValues(assigned(script, "ZSCORE_MEAN"));
        QCOMPARE(mean.size(), std::size_t(3));
        for (std::size_t c = 0; c < 3; ++c)
            QVERIFY2(mean[c] == data.params.mean[c], assigned(script, "ZSCORE_MEAN").c_str()); // exactly
        QCOMPARE(assigned(script, "ZSCORE_MEAN"), std::string("(0.28604059698879553, 0.33333333333333331, "
                                                              "0.10000000000000001)"));
        // A channel constant in the train split keeps std 1, as NormLab's zscore does.
        QVERIFY(assigned(script, "ZSCORE_STD").starts_with("(0.35302424451492237, 1.0, 0.2857142857142857"));
        QVERIFY(assigned(script, "ZSCORE_STD").find("keeps std 1") != std::string::npos);
        QCOMPARE(assigned(script, "MINMAX_MIN_BYTE"), std::string("(0, 3, 7)"));
        QCOMPARE(assigned(script, "MINMAX_MAX_BYTE"), std::string("(255, 3, 200)"));
        QCOMPARE(assigned(script, "MINMAX_RANGE"), std::string("(0.0, 1.0)"));
        // Only what the experiment uses: no per-sample function, no raw255.
        QVERIFY(script.find("def per_sample") == std::string::npos);
        QVERIFY(script.find("def raw255") == std::string::npos);
        QVERIFY(script.find("transforms.Normalize(ZSCORE_MEAN, ZSCORE_STD)") != std::string::npos);

        data.channels = 1;
        data.params.mean = {0.5};
        data.params.std = {0.25};
        const std::string grey = pythonScript(lessonCompare(), data, "normlab-cli test");
        QCOMPARE(assigned(grey, "ZSCORE_MEAN"), std::string("(0.5,)")); // a one-element tuple keeps its comma
        QCOMPARE(assigned(grey, "CHANNELS, HEIGHT, WIDTH"), std::string("1, 28, 28"));
    }

    void runsComeInNormLabsOrderWithItsNames() {
        Experiment e = lessonCompare(2);
        e.grid = {{"lr", {"0.001", "0.01"}}, {"model", {"lesson-cnn", "mlp"}}, {"normalize", {"none", "zscore"}}};
        const std::string script = pythonScript(e, colourData(), "normlab-cli test");
        QCOMPARE(count(script, "    dict(BASE, name="), std::size_t(16)); // 2 x 2 x 2 x 2 seeds
        const auto first = script.find("    dict(BASE, name=");
        QCOMPARE(script.substr(first, script.find('\n', first) - first),
                 std::string("    dict(BASE, name=\"lr=0.001 · model=lesson-cnn · none · seed=1\", "
                             "normalization=\"none\", lr=0.001),"));
        QVERIFY(script.find("name=\"lr=0.01 · model=mlp · zscore · seed=2\", normalization=\"zscore\", model=\"mlp\", "
                            "seed=2),") != std::string::npos);
        QCOMPARE(assigned(script, "BASE"), std::string("dict(model=\"lesson-cnn\", optimizer=\"adam\", lr=0.01, "
                                                       "momentum=0.9, batch_size=1000, epochs=1, seed=1)"));
        // The lesson's columns, then those resultsToCsv adds for this grid.
        QCOMPARE(assigned(script, "EXTRA_COLUMNS"), std::string("[\"model\", \"seed\"]"));
        QVERIFY(script.find("COLUMNS = [\"run\", \"epoch\", \"loss\", \"accuracy\", \"epoch duration\", \"run "
                            "duration\", \"lr\", \"batch_size\", \"device\",\n           \"normalization\", "
                            "\"test_loss\", \"test_accuracy\"]") != std::string::npos);
        // Both networks, and a one-line header saying what the script reproduces.
        QVERIFY(script.find("def lesson_cnn():") != std::string::npos);
        QVERIFY(script.find("def mlp():") != std::string::npos);
        QVERIFY(script.find("16 runs of lesson-cnn, mlp on custom") != std::string::npos);
        QVERIFY(script.find("written by normlab-cli test.") != std::string::npos);
    }

    void networksHaveNormLabsSizes_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("side");
        QTest::addColumn<QString>("line");
        QTest::newRow("lesson-cnn 28") << "lesson-cnn" << 28 << "nn.Linear(12 * 4 * 4, 120)";
        QTest::newRow("lesson-cnn-bn 32") << "lesson-cnn-bn" << 32 << "nn.Linear(12 * 5 * 5, 120)";
        QTest::newRow("lenet5 28") << "lenet5" << 28 << "nn.Linear(16 * 5 * 5, 120)";
        QTest::newRow("cifar-cnn 32") << "cifar-cnn" << 32 << "nn.Linear(64 * 8 * 8, 256)";
        QTest::newRow("mlp") << "mlp" << 28 << "nn.Linear(CHANNELS * HEIGHT * WIDTH, 128)";
    }
    void networksHaveNormLabsSizes() {
        QFETCH(QString, model);
        QFETCH(int, side);
        QFETCH(QString, line);
        ScriptData data = colourData();
        data.height = data.width = side;
        Experiment e = lessonCompare();
        e.base.model = model.toStdString();
        const std::string script = pythonScript(e, data, "normlab-cli test");
        QVERIFY2(script.find(line.toStdString()) != std::string::npos, script.c_str());
        QVERIFY(script.find("\"" + model.toStdString() + "\": ") != std::string::npos);
    }

    void theHeaderNamesTheSameNormLabCommand() {
        Experiment e = lessonCompare(3);
        e.base.dataset = "/data/my set";
        e.base.limit = 500;
        e.grid = {{"optimizer", {"adam", "sgd"}}, {"normalize", {"none", "zscore"}}};
        QCOMPARE(trainCommandLine(e),
                 std::string("normlab-cli train --dataset '/data/my set' --limit 500 --model lesson-cnn --optimizer "
                             "adam --lr 0.01 --momentum 0.9 --batch-size 1000 --epochs 1 --seed 1 --vary "
                             "optimizer=adam,sgd --compare none,zscore --seeds 3"));
        // A normalization axis that is not the last one stays a --vary, so the order is the same.
        e.grid = {{"normalize", {"none", "zscore"}}, {"lr", {"0.1", "0.01"}}};
        e.seeds = 1;
        QVERIFY(trainCommandLine(e).ends_with("--vary normalize=none,zscore --vary lr=0.1,0.01"));
        const std::string script = pythonScript(e, colourData(), "normlab-cli test");
        QVERIFY(script.find("#   normlab-cli train --dataset '/data/my set'") != std::string::npos);
    }

    void pathsAreWrittenAsPythonReadsThem() {
        ScriptData data = colourData();
        data.trainFiles[0].path = "/data/a \"quoted\" back\\slash/é/train-images";
        const std::string script = pythonScript(lessonCompare(), data, "normlab-cli test");
        // The literal Python reads back as the path: quotes and backslashes escaped, UTF-8 kept.
        const std::string literal =
            "        # SHA-256 ab12\n        \"/data/a \\\"quoted\\\" back\\\\slash/é/train-images\",\n";
        QVERIFY2(script.find(literal) != std::string::npos, literal.c_str());
        data.trainFiles[0].path = "/data/\xff\xfe/train-images";
        expectError([&] { pythonScript(lessonCompare(), data, "normlab-cli test"); }, "not UTF-8 text");
    }

    // The built-in digits exist only inside NormLab: the refusal says so and what to do instead.
    void refusesTheSyntheticDigits() {
        TrainConfig config;
        config.dataset = "synthetic";
        config.limit = 20;
        config.seed = 4;
        const TrainingData data = loadTrainingData(config);
        expectError([&] { scriptDataFor(config, data); }, "synthetic: the built-in digits exist only inside NormLab");
        expectError([&] { scriptDataFor(config, data); },
                    "'normlab-cli export --dataset synthetic --seed 4 --out DIR' and train on --dataset DIR");
        // "auto" with no data set on disk (none in the data directory, none installed) is the digits too.
        config.dataset = "auto";
        config.dataDir = m_dir.filePath(QStringLiteral("empty")).toStdString();
        fs::create_directories(config.dataDir);
        qputenv("XDG_DATA_DIRS", config.dataDir.string().c_str());
        expectError([&] { scriptDataFor(config, loadTrainingData(config)); }, "synthetic: the built-in digits");
    }

    void aFolderOfIdxFilesIsReadWithAbsolutePaths() {
        const fs::path folder = m_dir.filePath(QStringLiteral("idx")).toStdString();
        test::writeIdxDataset(folder, test::randomImageSet(12, 3, 1, 1, 14, 14),
                              test::randomImageSet(6, 3, 2, 1, 14, 14), true);
        TrainConfig config;
        config.dataset = folder.string();
        const ScriptData d = scriptDataFor(config, loadTrainingData(config));
        QCOMPARE(d.format, ScriptDataFormat::Idx);
        QCOMPARE(d.trainFiles.size(), std::size_t(2));
        QCOMPARE(d.trainFiles[0].path, (folder / "train-images-idx3-ubyte.gz").string());
        QCOMPARE(d.testFiles[1].path, (folder / "t10k-labels-idx1-ubyte.gz").string());
        QCOMPARE(d.trainFiles[0].sha256.size(), std::size_t(64));
        QCOMPARE(d.classes, 3);
        QCOMPARE(d.height, 14);
        QVERIFY(!d.transposed);
    }
};

QTEST_GUILESS_MAIN(TestPythonScript)
#include "tst_pythonscript.moc"
