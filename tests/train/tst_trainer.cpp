// The training engine on small synthetic data (CPU): it learns, it is reproducible, comparisons
// differ only in normalization, and every way a run can end is reported, never thrown.
#include <atomic>
#include <random>

// Torch before Qt: Qt's `slots` macro breaks Torch's headers.
#include "core/train/engine/models.h"

#include <QtTest>

#include "core/common/error.h"
#include "core/train/engine/comparisonrunner.h"
#include "core/train/engine/torchruntime.h"
#include "core/train/engine/trainer.h"

using namespace normlab;

namespace {

TrainConfig smallConfig() {
    TrainConfig c;
    c.dataset = "synthetic";
    c.limit = 1500;
    c.model = "lesson-cnn";
    c.lr = 0.01;
    c.batchSize = 100;
    c.epochs = 3;
    c.device = "cpu";
    return c;
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT

    TrainingData m_data;

private Q_SLOTS:
    void initTestCase() {
        configureTorchThreads(2);
        m_data = loadTrainingData(smallConfig());
        QCOMPARE(m_data.train.count, std::size_t{1500});
    }

    void learnsWellAboveChance() {
        std::vector<StepMetric> steps;
        std::vector<EpochMetric> epochs;
        TrainCallbacks cb;
        cb.onStep = [&](const StepMetric& s) { steps.push_back(s); };
        cb.onEpoch = [&](const EpochMetric& e) { epochs.push_back(e); };
        const RunResult r = trainRun(smallConfig(), m_data, 0, cb);
        QCOMPARE(r.status, RunStatus::Finished);
        QCOMPARE(r.device, std::string("cpu"));
        QCOMPARE(epochs.size(), std::size_t{3});
        QVERIFY2(epochs.back().testAccuracy > 0.6, qPrintable(QString::number(epochs.back().testAccuracy)));
        QVERIFY(epochs.back().trainLoss < epochs.front().trainLoss);
        // At least 10 train-loss points per epoch, with x in epochs.
        QVERIFY(steps.size() >= 30);
        QCOMPARE(steps.back().epochs, 3.0);
        QCOMPARE(r.batchesDone, std::uint64_t{45});
        QVERIFY(epochs.back().runSeconds >= epochs.back().epochSeconds);
    }

    void sameSeedSameResultsOnCpu() {
        const RunResult a = trainRun(smallConfig(), m_data, 0, {});
        const RunResult b = trainRun(smallConfig(), m_data, 0, {});
        QCOMPARE(a.epochs.size(), b.epochs.size());
        for (std::size_t i = 0; i < a.epochs.size(); ++i) {
            QCOMPARE(a.epochs[i].trainLoss, b.epochs[i].trainLoss);
            QCOMPARE(a.epochs[i].testAccuracy, b.epochs[i].testAccuracy);
        }
        TrainConfig other = smallConfig();
        other.seed = 2;
        QVERIFY(trainRun(other, m_data, 0, {}).initialWeightSum != a.initialWeightSum);
    }

    // Layers draw their initial weights in the order they run, as nn.Sequential(...) does in Python,
    // not in the order a compiler evaluates call arguments: an exported script starts from these.
    void layersAreInitialisedInTheOrderTheyRun() {
        torch::manual_seed(3);
        auto model = buildModel("lesson-cnn", 1, 28, 28, 10);
        torch::manual_seed(3);
        const torch::nn::Conv2d first(torch::nn::Conv2dOptions(1, 6, 5));
        const torch::nn::Conv2d second(torch::nn::Conv2dOptions(6, 12, 5));
        QVERIFY(torch::equal(model->ptr(0)->parameters()[0], first->weight));
        QVERIFY(torch::equal(model->ptr(3)->parameters()[0], second->weight));
    }

    void comparisonDiffersOnlyInNormalization() {
        TrainConfig base = smallConfig();
        base.epochs = 1;
        const auto configs = comparisonConfigs(base, {Method::None, Method::ZScore, Method::PerSample});
        QCOMPARE(configs.size(), std::size_t{3});
        const auto results = runComparison(configs, m_data, {}, {});
        QCOMPARE(results[0].initialWeightSum, results[1].initialWeightSum);
        QCOMPARE(results[1].initialWeightSum, results[2].initialWeightSum);
        QCOMPARE(results[0].config.seed, results[2].config.seed);
        QVERIFY(results[0].epochs[0].trainLoss != results[1].epochs[0].trainLoss);
        QCOMPARE(results[2].name, std::string("per-sample"));
    }

    void cancelStopsWithinOneBatch() {
        std::stop_source stop;
        TrainCallbacks cb;
        cb.stop = stop.get_token();
        cb.onBatch = [&](int, int epoch, int batch, int) {
            if (epoch == 2 && batch == 4) stop.request_stop();
        };
        const RunResult r = trainRun(smallConfig(), m_data, 0, cb);
        QCOMPARE(r.status, RunStatus::Cancelled);
        QCOMPARE(r.batchesDone, std::uint64_t{15 + 4}); // not one batch more
        QVERIFY2(r.message.find("epoch 2") != std::string::npos, r.message.c_str());
    }

    // The one stop policy of a comparison (core/train/engine/comparisonrunner.h), used by the CLI and GUI.
    void stoppingAllCancelsTheRunningRunAndSkipsTheRest() {
        std::stop_source stop;
        ComparisonCallbacks cb;
        std::vector<int> started, finished;
        cb.onRunStarted = [&](int run, const TrainConfig&) { started.push_back(run); };
        cb.onRunFinished = [&](const RunResult& r) { finished.push_back(r.run); };
        cb.onBatch = [&](int run, int epoch, int batch, int) {
            if (run == 1 && epoch == 1 && batch == 3) stop.request_stop();
        };
        const auto all = runComparison(comparisonConfigs(smallConfig(), {Method::None, Method::ZScore, Method::MinMax}),
                                       m_data, {stop.get_token(), {}}, cb);
        QCOMPARE(all.size(), std::size_t{3});
        QCOMPARE(all[0].status, RunStatus::Finished);
        QCOMPARE(all[1].status, RunStatus::Cancelled);
        QCOMPARE(all[1].message, std::string("stopped in epoch 1 after batch 3 of 15"));
        QCOMPARE(all[1].batchesDone, std::uint64_t{3});
        QCOMPARE(all[2].status, RunStatus::Cancelled);
        QCOMPARE(all[2].message, std::string("not started: the comparison was stopped"));
        QCOMPARE(all[2].batchesDone, std::uint64_t{0});
        QCOMPARE(all[2].name, std::string("minmax"));
        QCOMPARE(started, (std::vector<int>{0, 1}));
        QCOMPARE(finished, (std::vector<int>{0, 1, 2})); // every run reports how it ended
    }

    void stoppingOneRunLetsTheOthersGoOn() {
        std::atomic<int> stopRun{-1};
        ComparisonCallbacks cb;
        cb.onBatch = [&](int run, int, int batch, int) {
            if (run == 0 && batch == 2) stopRun = 0;
        };
        TrainConfig base = smallConfig();
        base.epochs = 1;
        auto configs = comparisonConfigs(base, {Method::None, Method::ZScore, Method::MinMax});
        configs[2].lr = -1; // invalid: fails on its own
        const auto all = runComparison(configs, m_data, {{}, [&](int run) { return stopRun.load() == run; }}, cb);
        QCOMPARE(all[0].status, RunStatus::Cancelled);
        QCOMPARE(all[0].message, std::string("stopped in epoch 1 after batch 2 of 15"));
        QCOMPARE(all[1].status, RunStatus::Finished);
        QCOMPARE(all[2].status, RunStatus::Failed);
        QVERIFY2(all[2].message.find("learning rate") != std::string::npos, all[2].message.c_str());
        // A run stopped before it began never trains.
        const auto skipped = runComparison(configs, m_data, {{}, [](int run) { return run == 1; }}, {});
        QCOMPARE(skipped[1].message, std::string("not started: stopped before it began"));
        QCOMPARE(skipped[1].batchesDone, std::uint64_t{0});
    }

    void cancelAtRandomBatchesRepeatedly() {
        std::mt19937 rng(3);
        for (int round = 0; round < 10; ++round) {
            const int stopAt = std::uniform_int_distribution<int>(1, 45)(rng);
            std::stop_source stop;
            TrainCallbacks cb;
            cb.stop = stop.get_token();
            int seen = 0;
            cb.onBatch = [&](int, int, int, int) {
                if (++seen == stopAt) stop.request_stop();
            };
            const RunResult r = trainRun(smallConfig(), m_data, 0, cb);
            QVERIFY2(r.status == RunStatus::Cancelled || (stopAt == 45 && r.status == RunStatus::Finished),
                     r.message.c_str());
            QCOMPARE(r.batchesDone, std::uint64_t(stopAt));
        }
    }

    void raw255WithHugeLrDiverges() {
        TrainConfig c = smallConfig();
        c.normalization = Method::Raw255;
        c.lr = 10;
        const RunResult r = trainRun(c, m_data, 0, {});
        QCOMPARE(r.status, RunStatus::Diverged);
        QVERIFY2(r.message.find("learning rate") != std::string::npos, r.message.c_str());
        QVERIFY(r.epochs.size() < 3);
    }

    void badConfigsAreRejectedWithMessages() {
        auto rejects = [&](auto change, const char* expected) {
            TrainConfig c = smallConfig();
            change(c);
            const auto errors = validateConfig(c);
            QVERIFY2(!errors.empty(), expected);
            QVERIFY2(errors.front().find(expected) != std::string::npos, errors.front().c_str());
            QVERIFY_THROWS_EXCEPTION(Error, trainRun(c, m_data, 0, {}));
        };
        rejects([](TrainConfig& c) { c.lr = -1; }, "learning rate");
        rejects([](TrainConfig& c) { c.batchSize = 0; }, "batch size");
        rejects([](TrainConfig& c) { c.epochs = 0; }, "epochs");
        rejects([](TrainConfig& c) { c.model = "resnet"; }, "unknown model 'resnet'");
        rejects([](TrainConfig& c) { c.optimizer = "rmsprop"; }, "unknown optimizer");
        rejects([](TrainConfig& c) { c.device = "gpu"; }, "unknown device");
        if (!cudaAvailable()) {
            TrainConfig c = smallConfig();
            c.device = "cuda";
            QVERIFY_THROWS_EXCEPTION(Error, trainRun(c, m_data, 0, {}));
        }
    }

    void everyModelAndOptimizerTrains() {
        for (const auto& model : modelNames())
            for (const auto& optimizer : optimizerNames()) {
                TrainConfig c = smallConfig();
                c.model = model;
                c.optimizer = optimizer;
                c.epochs = 1;
                const RunResult r = trainRun(c, m_data, 0, {});
                QVERIFY2(r.status == RunStatus::Finished, (model + "/" + optimizer + ": " + r.message).c_str());
            }
    }

    // Input normalization vs batch normalization: the batch-norm model learns from raw [0,1]
    // input, and a last batch of one image is a clear message, not a LibTorch trace.
    void batchNormModelTrainsAndExplainsABatchOfOne() {
        TrainConfig c = smallConfig();
        c.model = "lesson-cnn-bn";
        c.normalization = Method::None;
        c.epochs = 2;
        const RunResult r = trainRun(c, m_data, 0, {});
        QVERIFY2(r.status == RunStatus::Finished, r.message.c_str());
        QVERIFY(r.epochs.back().trainAccuracy > 0.5);
        QVERIFY(r.epochs.back().testAccuracy > 0.5);

        TrainConfig odd = c;
        odd.epochs = 1;
        odd.batchSize = static_cast<int>(m_data.train.count) - 1; // leaves exactly one image over
        const RunResult one = trainRun(odd, m_data, 0, {});
        QCOMPARE(one.status, RunStatus::Failed);
        QVERIFY2(one.message.find("batch of one image") != std::string::npos, one.message.c_str());
    }

    void sampleIsWhatTheNetworkSees() {
        TrainConfig c = smallConfig();
        c.normalization = Method::ZScore;
        const auto sample = normalizedSample(c, m_data, 4);
        QCOMPARE(sample.size(), std::size_t{4});
        QCOMPARE(sample[0].size(), std::size_t{784});
        std::vector<float> expected(784);
        normalizeImage(Method::ZScore, m_data.params, m_data.train.image(2), 1, 784, expected.data());
        for (int i = 0; i < 784; ++i)
            QVERIFY(std::abs(sample[2][i] - expected[i]) < 1e-5);
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
