// The session's results store and files: one list of runs fed like the engine feeds it, the
// seed groups and table columns it knows, and the files both front ends write and read through it.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/common/error.h"
#include "core/session/comparisonresults.h"
#include "core/data/synthetic/syntheticdigits.h"
#include "core/session/resultsfiles.h"
#include "core/stats/statsengine.h"
#include "core/train/experiment/resultsexport.h"

using namespace normlab;

namespace {

// A grid over model × normalization with two seeds, as a front end plans it.
ComparisonPlan modelGrid() {
    ExperimentBuilder b;
    b.base().epochs = 2;
    b.base().momentum = 0.5;
    b.base().device = "cpu";
    b.vary("model", "lesson-cnn,mlp");
    b.compare({Method::None, Method::ZScore});
    b.setSeeds(2);
    return planComparison(b.build());
}

// Feeds every run as the engine's callbacks do: started, epochs, finished.
void train(ComparisonResults& results) {
    for (int run = 0; run < results.runCount(); ++run) {
        results.runStarted(run, "cpu");
        for (int epoch = 1; epoch <= 2; ++epoch) {
            results.progress(run, epoch, 5, 10);
            results.addStep({run, epoch - 0.5, 1.0 / epoch});
            results.addEpoch({run, epoch, 1.0 / epoch, 0.5, 1.1 / epoch, 0.6 + 0.01 * run, 0.2, 0.2 * epoch});
        }
        RunResult end;
        end.run = run;
        end.status = RunStatus::Finished;
        results.runFinished(end);
    }
}

std::string readAll(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

class TestComparisonResults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void followsTheEngine() {
        ComparisonResults results;
        results.reset(modelGrid());
        QCOMPARE(results.runCount(), 8);
        QCOMPARE(results.activeRuns().size(), std::size_t{8});
        QVERIFY(results.endedRuns().empty());
        results.runStarted(0, "cpu");
        results.progress(0, 1, 3, 10);
        QCOMPARE(results.run(0).status, RunStatus::Running);
        QCOMPARE(results.progressOf(0).batch, 3);
        train(results);
        QCOMPARE(results.endedRuns().size(), std::size_t{8});
        QVERIFY(results.activeRuns().empty());
        // The engine's final result has no name and no curves of its own: the planned name and the
        // reported epochs stay.
        QCOMPARE(results.run(7).name, std::string("model=mlp · zscore · seed=2"));
        QCOMPARE(results.run(7).epochs.size(), std::size_t{2});
        QCOMPARE(results.run(7).steps.size(), std::size_t{2});
        const auto groups = results.seedGroups();
        QCOMPARE(groups.size(), std::size_t{4});
        QCOMPARE(groups[0].runs.size(), std::size_t{2});
        QVERIFY(results.hasSeeds());
        QCOMPARE(results.extraColumns(), (std::vector<std::string>{"model", "seed"}));
        // Out-of-range runs are ignored, not undefined behaviour.
        results.addEpoch({99, 1});
        results.runFinished(RunResult{});
        QCOMPARE(results.runCount(), 8);
    }

    // The defect this layer fixes: the GUI's CSV lost the grid's columns the CLI's kept. Both now
    // write through resultsFileText, which takes the columns from the results.
    void csvKeepsTheGridsColumns() {
        ComparisonResults results;
        results.reset(modelGrid());
        train(results);
        const QString csv = QString::fromStdString(resultsFileText(results, FileFormat::Csv));
        const QStringList lines = csv.trimmed().split(QLatin1Char('\n'));
        QVERIFY2(lines[0].endsWith(QStringLiteral(",test_accuracy,model,seed")), qPrintable(lines[0]));
        QVERIFY2(lines.last().endsWith(QStringLiteral(",mlp,2")), qPrintable(lines.last()));
        QCOMPARE(lines.size(), 1 + 8 * 2);
    }

    // A results JSON reopens with every setting of every run (momentum and device were dropped
    // before) and the experiment; the columns of a reopened grid are the grid's.
    void jsonRoundTrips() {
        QTemporaryDir dir;
        ComparisonResults results;
        results.reset(modelGrid());
        train(results);
        const std::filesystem::path path = dir.filePath(QStringLiteral("results.json")).toStdString();
        writeResultsFile(path, results);
        const SavedResults saved = readResultsFile(path);
        QCOMPARE(saved.runs.size(), std::size_t{8});
        QCOMPARE(saved.runs[3].config.momentum, 0.5);
        QCOMPARE(saved.runs[3].config.device, std::string("cpu"));
        QCOMPARE(saved.runs[3].config.model, results.run(3).config.model);
        QVERIFY(saved.experiment);
        ComparisonResults reopened;
        reopened.reset(saved.runs, saved.experiment);
        QCOMPARE(reopened.extraColumns(), results.extraColumns());
        QCOMPARE(resultsFileText(reopened, FileFormat::Csv), resultsFileText(results, FileFormat::Csv));
        QCOMPARE(resultsFileText(reopened, FileFormat::Json), resultsFileText(results, FileFormat::Json));
    }

    // A file from before the experiment was recorded (and before momentum and device were read
    // back) still opens; its columns are the options that differ between its runs.
    void olderFilesStillOpen() {
        QTemporaryDir dir;
        const std::filesystem::path path = dir.filePath(QStringLiteral("old.json")).toStdString();
        std::ofstream(path) << R"({"format": "normlab-results/1", "runs": [
            {"run": 0, "name": "a", "status": "finished", "message": "", "device": "cpu", "seconds": 1,
             "config": {"dataset": "synthetic", "normalization": "none", "model": "mlp", "optimizer": "adam",
                        "lr": 0.01, "batch_size": 100, "epochs": 1, "seed": 1},
             "epochs": [{"epoch": 1, "loss": 1, "accuracy": 0.5, "test_loss": 1, "test_accuracy": 0.5,
                         "epoch_seconds": 1, "run_seconds": 1}]},
            {"run": 1, "name": "b", "status": "finished", "message": "", "device": "cpu", "seconds": 1,
             "config": {"dataset": "synthetic", "normalization": "none", "model": "lenet5", "optimizer": "adam",
                        "lr": 0.01, "batch_size": 100, "epochs": 1, "seed": 1, "a_later_key": true},
             "epochs": []}]})";
        const SavedResults saved = readResultsFile(path);
        QVERIFY(!saved.experiment);
        QCOMPARE(saved.runs[1].config.model, std::string("lenet5"));
        QCOMPARE(saved.runs[1].config.momentum, TrainConfig{}.momentum);
        ComparisonResults reopened;
        reopened.reset(saved.runs, saved.experiment);
        QCOMPARE(reopened.extraColumns(), std::vector<std::string>{"model"});
        QCOMPARE(reopened.endedRuns().size(), std::size_t{2});
    }

    void badFilesAreRefusedByName() {
        QTemporaryDir dir;
        const std::filesystem::path csv = dir.filePath(QStringLiteral("table.csv")).toStdString();
        std::ofstream(csv) << "run,epoch\n";
        try {
            readResultsFile(csv);
            QFAIL("a CSV export was read as results");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("NormLab reopens its JSON export")), e.what());
        }
        const std::filesystem::path bad = dir.filePath(QStringLiteral("bad.json")).toStdString();
        std::ofstream(bad) << R"({"format": "normlab-results/1", "runs": [{"run": 0, "name": "a", "status": "finished",
            "message": "", "device": "cpu", "seconds": 1, "config": {"dataset": "synthetic", "normalization": "none",
            "model": "mlp", "optimizer": "adam", "lr": "fast", "batch_size": 100, "epochs": 1, "seed": 1},
            "epochs": []}]})";
        try {
            readResultsFile(bad);
            QFAIL("a wrong type was read");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("bad.json: run 0: config.lr: must be a number")),
                     e.what());
        }
    }

    void formatFollowsTheExtension() {
        QCOMPARE(fileFormatOf("a/results.CSV"), FileFormat::Csv);
        QCOMPARE(fileFormatOf("results.json"), FileFormat::Json);
        QCOMPARE(fileFormatOf("results"), FileFormat::Json);
        const SplitStats stats = computeStats(generateSyntheticDigits("train", 20, 1));
        QTemporaryDir dir;
        const std::filesystem::path csv = dir.filePath(QStringLiteral("stats.csv")).toStdString();
        writeStatsFile(csv, stats);
        QCOMPARE(readAll(csv), statsFileText(stats, FileFormat::Csv));
        const std::filesystem::path json = dir.filePath(QStringLiteral("stats.json")).toStdString();
        writeStatsFile(json, stats);
        QCOMPARE(readAll(json), statsFileText(stats, FileFormat::Json));
    }
};

QTEST_GUILESS_MAIN(TestComparisonResults)
#include "tst_comparisonresults.moc"
