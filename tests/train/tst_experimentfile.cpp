// Experiment files: what a comparison needs to run again survives a round trip exactly, a bad file
// is refused with its name and the key, and results files record their experiment.
#include <QtTest>

#include <filesystem>

#include "core/common/error.h"
#include "core/train/config/configjson.h"
#include "core/train/experiment/experimentfile.h"
#include "core/train/experiment/experimentgrid.h"
#include "core/train/experiment/resultsexport.h"

using namespace normlab;

namespace {

Experiment sampleExperiment() {
    Experiment e;
    TrainConfig& c = e.base;
    c.dataset = "fashion-mnist";
    c.dataDir = "/tmp/some data";
    c.limit = 300;
    c.testSplit = "train";
    c.model = "lesson-cnn-bn";
    c.optimizer = "sgd";
    c.lr = 0.1 + 0.2; // not 0.3: must come back bit for bit
    c.momentum = 0.85;
    c.batchSize = 64;
    c.epochs = 3;
    c.seed = 18446744073709551615ull; // the largest seed --seed takes
    c.device = "cpu";
    c.normalization = Method::MinMax;
    e.grid = {parseGridAxis("lr=0.001,0.0010,1e-2"), parseGridAxis("batch-size=100,1000"),
              parseGridAxis("normalize=none,zscore,per-sample")};
    e.seeds = 2;
    e.foundIn = "Debian package dataset-fashion-mnist";
    return e;
}

bool sameConfig(const TrainConfig& a, const TrainConfig& b) {
    return a.dataset == b.dataset && a.dataDir == b.dataDir && a.limit == b.limit && a.testSplit == b.testSplit &&
           a.normalization == b.normalization && a.model == b.model && a.optimizer == b.optimizer && a.lr == b.lr &&
           a.momentum == b.momentum && a.batchSize == b.batchSize && a.epochs == b.epochs && a.seed == b.seed &&
           a.device == b.device && a.reportsPerEpoch == b.reportsPerEpoch;
}

// Replaces the first occurrence of `from` in the sample's JSON; the test fails if it is not there.
std::string sampleWith(const std::string& from, const std::string& to) {
    std::string text = experimentToJson(sampleExperiment(), -1);
    const auto at = text.find(from);
    if (at == std::string::npos) qFatal("sample has no %s", from.c_str());
    return text.replace(at, from.size(), to);
}

} // namespace

class TestExperimentFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // One spelling of every setting (core/train/config/configjson.h): each option a grid varies
    // ("batch-size") has its file key ("batch_size"), and what a grid sets is what the files write
    // under that key — in experiment files and results files alike.
    void oneKeyMappingForGridsAndFiles() {
        const std::vector<std::pair<std::string, std::string>> values{
            {"lr", "0.125"}, {"batch-size", "64"}, {"model", "mlp"}, {"optimizer", "sgd"},
            {"normalize", "minmax"}, {"epochs", "7"}, {"momentum", "0.5"}};
        QCOMPARE(values.size(), gridOptions().size());
        for (const auto& [option, value] : values) {
            TrainConfig c;
            applyOption(c, option, value);
            const std::string key = configKeyOfOption(option);
            const ConfigJson all = configToJson(c);
            QVERIFY2(all.contains(key), key.c_str());
            const ConfigJson& v = all[key];
            QCOMPARE(v.is_string() ? v.get<std::string>() : v.dump(), value);
            // Read back through the same mapping.
            TrainConfig back;
            QVERIFY(setConfigKey(back, key, v));
            QCOMPARE(optionValue(back, option), optionValue(c, option));
        }
        QCOMPARE(configKeyOfOption("batch-size"), std::string("batch_size"));
        // An experiment file's options are exactly the Options part, its top level the Data part.
        Experiment e;
        const auto j = ConfigJson::parse(experimentToJson(e));
        std::vector<std::string> options;
        for (const auto& item : j["options"].items())
            options.push_back(item.key());
        QCOMPARE(options, configKeyNames(ConfigPart::Options));
        for (const auto& key : configKeyNames(ConfigPart::Data))
            QVERIFY2(j.contains(key), key.c_str());
    }

    void roundTripGivesTheSameRuns() {
        const Experiment e = sampleExperiment();
        const auto path = std::filesystem::path(QDir::tempPath().toStdString()) / "tst_experimentfile.json";
        saveExperiment(path, e);
        const Experiment back = loadExperiment(path);
        std::filesystem::remove(path);

        QVERIFY(sameConfig(back.base, e.base));
        QCOMPARE(back.seeds, 2);
        QCOMPARE(back.foundIn, e.foundIn);
        QCOMPARE(back.grid.size(), std::size_t{3});
        for (std::size_t i = 0; i < e.grid.size(); ++i) {
            QCOMPARE(back.grid[i].option, e.grid[i].option);
            QCOMPARE(back.grid[i].values, e.grid[i].values); // as written: "0.0010" and "1e-2" stay so
        }
        const auto runs = expandGrid(e.base, e.grid, e.seeds);
        const auto again = expandGrid(back.base, back.grid, back.seeds);
        QCOMPARE(runs.size(), std::size_t{3 * 2 * 3 * 2});
        QCOMPARE(again.size(), runs.size());
        for (std::size_t i = 0; i < runs.size(); ++i) {
            QCOMPARE(again[i].name, runs[i].name);
            QVERIFY2(sameConfig(again[i].config, runs[i].config), runs[i].name.c_str());
        }
        QCOMPARE(again.back().config.seed, std::uint64_t{0}); // base.seed + 1 wraps, as --seeds does
    }

    void readableKeys() {
        const std::string text = experimentToJson(sampleExperiment());
        for (const char* key : {"\"format\": \"normlab-experiment/1\"", "\"dataset\": \"fashion-mnist\"",
                                "\"data_dir\": \"/tmp/some data\"", "\"batch_size\": 64", "\"lr\": 0.30000000000000004",
                                "\"option\": \"normalize\"", "\"seeds\": 2", "\"found_in\": \"Debian package"})
            QVERIFY2(text.find(key) != std::string::npos, key);
    }

    void handWrittenFilesKeepDefaultsAndBareNumbers() {
        const Experiment e = experimentFromJson(
            R"({"format":"normlab-experiment/1","options":{"lr":0.5},"grid":[{"option":"batch-size","values":[10,20]},
                {"option":"lr","values":[0.001,"0.01"]}]})",
            "hand.json");
        QCOMPARE(e.base.lr, 0.5);
        QCOMPARE(e.base.epochs, TrainConfig{}.epochs);
        QCOMPARE(e.seeds, 1);
        QCOMPARE(e.grid[0].values, (std::vector<std::string>{"10", "20"}));
        QCOMPARE(e.grid[1].values, (std::vector<std::string>{"0.001", "0.01"}));
    }

    void malformedFilesNameTheFileAndTheKey_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("key"); // what the message must name after the file
        const auto add = [](const char* tag, const std::string& text, const char* key) {
            QTest::newRow(tag) << QString::fromStdString(text) << QString::fromLatin1(key);
        };
        add("not json", "{", "not valid JSON");
        add("number overflow", "777E11111111111111", "not valid JSON");
        add("not an object", "[]", "not a NormLab experiment");
        add("no format", "{}", "format");
        add("other format", sampleWith("normlab-experiment/1", "normlab-results/1"), "format");
        add("unknown top key", sampleWith("\"seeds\"", "\"seed\""), "seed: unknown key");
        add("unknown option", sampleWith("\"momentum\"", "\"beta\""), "options.beta: unknown key");
        add("options not object", R"({"format":"normlab-experiment/1","options":[1]})", "options: must be an object");
        add("lr as text", sampleWith("\"lr\":0.30000000000000004", "\"lr\":\"0.3\""), "options.lr: must be a number");
        add("negative lr", sampleWith("\"lr\":0.30000000000000004", "\"lr\":-1"), "options.lr: learning rate");
        add("fractional batch", sampleWith("\"batch_size\":64", "\"batch_size\":6.5"), "options.batch_size");
        add("zero epochs", sampleWith("\"epochs\":3", "\"epochs\":0"), "options.epochs: epochs must be");
        add("negative seed", sampleWith("\"seed\":18446744073709551615", "\"seed\":-1"), "options.seed");
        add("unknown model", sampleWith("lesson-cnn-bn", "resnet"), "options.model: unknown model");
        add("unknown device", sampleWith("\"cpu\"", "\"tpu\""), "options.device: unknown device");
        add("unknown normalization", sampleWith("\"minmax\"", "\"l2\""), "options.normalization");
        add("bad test split", sampleWith("\"test_split\":\"train\"", "\"test_split\":\"val\""), "test_split");
        add("limit as text", sampleWith("\"limit\":300", "\"limit\":\"300\""), "limit: must be a whole number");
        add("grid not list", R"({"format":"normlab-experiment/1","grid":{"lr":[1]}})", "grid: must be a list");
        add("axis not variable", sampleWith("\"option\":\"batch-size\"", "\"option\":\"seed\""),
            "grid[1].option: cannot vary 'seed'");
        add("axis twice", sampleWith("\"option\":\"batch-size\"", "\"option\":\"lr\""),
            "grid[1].option: 'lr' is given twice");
        add("axis without values", sampleWith("\"values\":[\"100\",\"1000\"]", "\"values\":[]"), "grid[1].values");
        add("value applyOption rejects", sampleWith("\"100\"", "\"0\""), "grid[1].values[0]");
        add("value not a number", sampleWith("\"0.001\"", "\"fast\""), "grid[0].values[0]");
        add("value wrong type", sampleWith("\"0.001\"", "true"), "grid[0].values[0]: must be a string or a number");
        add("unknown axis key", sampleWith("\"option\":\"lr\"", "\"option\":\"lr\",\"step\":2"), "grid[0].step");
        add("zero seeds", sampleWith("\"seeds\":2", "\"seeds\":0"), "seeds: must be");
        add("seeds as text", sampleWith("\"seeds\":2", "\"seeds\":\"2\""), "seeds: must be");
        add("found_in not text", sampleWith("\"found_in\":\"Debian package dataset-fashion-mnist\"", "\"found_in\":1"),
            "found_in: must be a string");
    }
    void malformedFilesNameTheFileAndTheKey() {
        QFETCH(QString, text);
        QFETCH(QString, key);
        try {
            experimentFromJson(text.toStdString(), "exp.json");
            QFAIL("accepted");
        } catch (const Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.rfind("exp.json: " + key.toStdString(), 0) == 0, e.what());
            QVERIFY2(message.find('\n') == std::string::npos, e.what());
        }
    }

    void missingFileNamesIt() {
        try {
            loadExperiment("/nonexistent/exp.json");
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("/nonexistent/exp.json") != std::string::npos, e.what());
        }
    }

    void resultsCarryTheExperiment() {
        std::vector<RunResult> runs(1);
        runs[0].name = "zscore";
        runs[0].device = "cpu";
        runs[0].epochs.push_back({0, 1, 0.5, 0.8, 0.6, 0.7, 1.0, 1.0});
        const Experiment e = sampleExperiment();
        const std::string text = resultsToJson(runs, e);
        const auto back = experimentOfResults(text, "r.json");
        QVERIFY(back.has_value());
        QVERIFY(sameConfig(back->base, e.base));
        QCOMPARE(back->grid.size(), e.grid.size());
        QCOMPARE(back->grid[2].values, e.grid[2].values);
        QCOMPARE(back->seeds, e.seeds);
        QCOMPARE(resultsFromJson(text, "r.json").size(), std::size_t{1});           // the old reader still reads it
        QVERIFY(!experimentOfResults(resultsToJson(runs), "old.json").has_value()); // files without one
    }

    void resultsWithABadExperimentNameTheFile() {
        std::string text = resultsToJson({}, sampleExperiment(), -1);
        text.replace(text.find("\"seeds\":2"), 9, "\"seeds\":0");
        try {
            experimentOfResults(text, "r.json");
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).rfind("r.json (experiment): seeds", 0) == 0, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestExperimentFile)
#include "tst_experimentfile.moc"
