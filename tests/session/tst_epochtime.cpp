// How long training takes on this machine: an epoch timed on a few batches and scaled to the whole
// data, the key it is remembered by, and the words a teacher reads (the lesson's estimate said
// "about 7 minutes" whatever Epochs said).
#include <stop_token>

#include <QtTest>

#include "core/common/error.h"
#include "core/session/epochtime.h"
#include "core/train/engine/engineloader.h"
#include "core/train/engine/trainengine.h"
#include "tests/support/quickruns.h"

using namespace normlab;

class TestEpochTime : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void calibrationTimesAFewBatchesAndScalesThemToTheEpoch() {
        const TrainConfig config = test::quickRun(1); // batches of 100
        const TrainingData data = loadTrainingData(config);
        QCOMPARE(data.train.count, std::size_t(1500));
        const EpochCalibration c = calibrateEpoch(trainEngine(), config, data, {});
        QCOMPARE(c.sampleTrain, std::size_t(kCalibrationBatches * 100));
        QCOMPARE(c.sampleTest, std::size_t(100));
        QVERIFY(c.sampleSeconds > 0);
        // The whole epoch has (1500 + 1500/3) / (400 + 100/3) times the sample's work.
        const double scale = epochWork(1500, data.test.count) / epochWork(400, 100);
        QVERIFY(scale > 4);
        QCOMPARE(c.epochSeconds, c.sampleSeconds * scale);
    }

    void calibrationStopsWhenAsked() {
        const TrainConfig config = test::quickRun(1);
        const TrainingData data = loadTrainingData(config);
        std::stop_source stop;
        stop.request_stop();
        QVERIFY_THROWS_EXCEPTION(Cancelled, calibrateEpoch(trainEngine(), config, data, stop.get_token()));
    }

    void keyFollowsWhatDecidesTheCost() {
        TrainConfig a = test::quickRun(3);
        const std::string key = epochTimeKey(a, "cpu");
        QVERIFY(key.find('/') == std::string::npos);
        TrainConfig same = a;
        same.normalization = Method::None;
        same.lr = 0.5;
        same.seed = 9;
        same.epochs = 20; // an epoch's time, whatever their number
        QCOMPARE(epochTimeKey(same, "cpu"), key);
        QVERIFY(epochTimeKey(a, "cuda") != key);
        QCOMPARE(deviceKind("cuda:1"), std::string("cuda"));
        QCOMPARE(deviceKind("cpu"), std::string("cpu"));
        for (auto change : {+[](TrainConfig& c) { c.model = "lenet5"; }, +[](TrainConfig& c) { c.batchSize = 50; },
                            +[](TrainConfig& c) { c.limit = 0; }, +[](TrainConfig& c) { c.dataset = "/home/ana/photos"; }}) {
            TrainConfig other = a;
            change(other);
            QVERIFY(epochTimeKey(other, "cpu") != key);
            QVERIFY(epochTimeKey(other, "cpu").find('/') == std::string::npos);
        }
    }

    void estimateFollowsRunsAndEpochs() {
        QCOMPARE(estimateText(6, 20, 3.5, EpochTimeBasis::Calibrated),
                 std::string("about 7 minutes for 6 runs × 20 epochs (3.5 s per epoch, timed on a few batches here)"));
        QCOMPARE(estimateText(6, 2, 3.5, EpochTimeBasis::Seen),
                 std::string("about 40 seconds for 6 runs × 2 epochs (3.5 s per epoch, as epochs took here)"));
        QCOMPARE(estimateText(1, 1, 12.4, EpochTimeBasis::Seen),
                 std::string("about 10 seconds for 1 run × 1 epoch (12 s per epoch, as epochs took here)"));
        QCOMPARE(remainingText(150), std::string("about 3 minutes left"));
        QCOMPARE(remainingText(3 * 3600 + 600), std::string("about 3 hours 10 minutes left"));
    }

    void slowEpochsSayTheCoresAreShared() {
        QVERIFY(sharedCoresNote(4.0, 3.5).empty());
        QVERIFY(sharedCoresNote(5.0, 0).empty()); // nothing was expected
        const std::string note = sharedCoresNote(7.0, 3.5);
        QVERIFY2(note.find("2.0 times") != std::string::npos, note.c_str());
        QVERIFY2(note.find("sharing the cores") != std::string::npos, note.c_str());
    }
};

QTEST_GUILESS_MAIN(TestEpochTime)
#include "tst_epochtime.moc"
