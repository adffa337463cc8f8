// Mean ± std over seeds and the noise-aware comparison, against values worked out by hand.
#include <QtTest>

#include "core/train/experiment/experimentgrid.h"
#include "core/train/experiment/lessonseeds.h"
#include "core/train/experiment/seedsummary.h"

using namespace normlab;

namespace {

// A finished run of `name` whose test accuracies per epoch are `accuracies` (losses 1 − accuracy).
RunResult run(int index, const std::string& name, const TrainConfig& config, const std::vector<double>& accuracies) {
    RunResult r;
    r.run = index;
    r.name = name;
    r.config = config;
    r.status = RunStatus::Finished;
    for (std::size_t e = 0; e < accuracies.size(); ++e) {
        EpochMetric m;
        m.run = index;
        m.epoch = static_cast<int>(e) + 1;
        m.testAccuracy = accuracies[e];
        m.testLoss = 1 - accuracies[e];
        m.trainAccuracy = accuracies[e] - 0.01;
        m.trainLoss = 2 * (1 - accuracies[e]);
        r.epochs.push_back(m);
    }
    return r;
}

// The runs of expandGrid(base, axes, seeds) with the given final test accuracies, in grid order.
std::vector<RunResult> grid(const std::vector<GridAxis>& axes, int seeds, const std::vector<double>& finals) {
    const auto runs = expandGrid(TrainConfig{}, axes, seeds);
    std::vector<RunResult> results;
    for (std::size_t i = 0; i < runs.size(); ++i)
        results.push_back(run(static_cast<int>(i), runs[i].name, runs[i].config, {0.5, finals.at(i)}));
    return results;
}

} // namespace

class TestSeedSummary : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // While seeds still run, or after some were stopped, `reached` keeps every epoch any seed
    // finished, over the seeds that finished it; `epochs` only those all finished.
    void reachedCountsTheSeedsThatGotThere() {
        const TrainConfig c;
        const auto groups = groupBySeed({run(0, "zscore · seed=1", c, {0.5, 0.6, 0.7}),
                                         run(1, "zscore · seed=2", c, {0.4, 0.8}), run(2, "zscore · seed=3", c, {0.3})});
        QCOMPARE(groups.size(), std::size_t{1});
        QCOMPARE(groups[0].epochs.size(), std::size_t{1});
        QCOMPARE(groups[0].reached.size(), std::size_t{3});
        QCOMPARE(groups[0].reached[0].testAccuracy.count, 3);
        QCOMPARE(groups[0].reached[1].testAccuracy.count, 2);
        QCOMPARE(groups[0].reached[1].testAccuracy.mean, 0.7);
        QCOMPARE(groups[0].reached[2].testAccuracy.count, 1);
        QCOMPARE(groups[0].reached[2].testAccuracy.max, 0.7);
        QCOMPARE(groups[0].reached[2].epoch, 3);
        QCOMPARE(groups[0].epochs[0].testAccuracy.mean, groups[0].reached[0].testAccuracy.mean);
    }

    void spreadIsSampleStdWithRange() {
        // 0.80, 0.82, 0.84: mean 0.82; squares 0.0004 + 0 + 0.0004 = 0.0008; / (3 − 1) → std 0.02.
        const Spread s = spreadOf({0.80, 0.82, 0.84});
        QCOMPARE(s.count, 3);
        QVERIFY(std::abs(s.mean - 0.82) < 1e-15);
        QVERIFY(std::abs(s.std - 0.02) < 1e-15);
        QCOMPARE(s.min, 0.80);
        QCOMPARE(s.max, 0.84);
        QCOMPARE(spreadOf({0.7}).std, 0.0);
        QCOMPARE(spreadOf({}).count, 0);
    }

    void seedsOfOneConfigurationFormAGroup() {
        const auto results = grid({parseGridAxis("normalize=none,zscore")}, 3, {0.80, 0.82, 0.84, 0.90, 0.91, 0.92});
        const auto groups = groupBySeed(results);
        QCOMPARE(groups.size(), std::size_t(2));
        QCOMPARE(groups[0].name, std::string("none"));
        QCOMPARE(groups[1].name, std::string("zscore"));
        QCOMPARE(groups[1].runs, (std::vector<int>{3, 4, 5}));
        QCOMPARE(groups[1].epochs.size(), std::size_t(2));
        const EpochSpread& last = groups[1].epochs.back();
        QCOMPARE(last.epoch, 2);
        QVERIFY(std::abs(last.testAccuracy.mean - 0.91) < 1e-12);
        QVERIFY(std::abs(last.testAccuracy.std - 0.01) < 1e-12);
        QVERIFY(std::abs(last.testLoss.mean - 0.09) < 1e-12);
        QVERIFY(std::abs(last.trainLoss.mean - 0.18) < 1e-12);
        QVERIFY(std::abs(last.trainAccuracy.mean - 0.90) < 1e-12);
        // Epoch 1 is 0.5 for every seed: no spread.
        QCOMPARE(groups[1].epochs.front().testAccuracy.std, 0.0);
    }

    void namesLoseOnlyTheirSeedPart() {
        QCOMPARE(withoutSeed("model=mlp · zscore · seed=2"), std::string("model=mlp · zscore"));
        QCOMPARE(withoutSeed("zscore"), std::string("zscore"));
        QCOMPARE(withoutSeed("seed=3"), std::string());
    }

    void aGroupEndsWhereItsShortestRunEnded() {
        const auto runs = expandGrid(TrainConfig{}, {parseGridAxis("normalize=zscore")}, 2);
        const auto groups = groupBySeed(
            {run(0, runs[0].name, runs[0].config, {0.5, 0.6, 0.7}), run(1, runs[1].name, runs[1].config, {0.5})});
        QCOMPARE(groups.size(), std::size_t(1));
        QCOMPARE(groups[0].epochs.size(), std::size_t(1));
    }

    void everySeedBetterIsBeyondTheRange() {
        // none 0.80/0.82/0.84 (std 0.02), zscore 0.90/0.91/0.92 (std 0.01): 0.90 > 0.84.
        const auto groups =
            groupBySeed(grid({parseGridAxis("normalize=none,zscore")}, 3, {0.80, 0.82, 0.84, 0.90, 0.91, 0.92}));
        const auto comparisons = compareGroups(groups);
        QCOMPARE(comparisons.size(), std::size_t(1));
        const GroupComparison& c = comparisons[0];
        QCOMPARE(c.better, 1);
        QCOMPARE(c.worse, 0);
        QCOMPARE(c.betterEpoch, 2);
        QVERIFY(std::abs(c.difference - 0.09) < 1e-12);
        QCOMPARE(c.verdict, NoiseVerdict::BeyondRange);
        QVERIFY2(c.text.find("zscore vs none at epoch 2: +0.0900 test accuracy") == 0, c.text.c_str());
        QVERIFY2(c.text.find("every seed of zscore beat every seed of none") != std::string::npos, c.text.c_str());
    }

    void meansApartByMoreThanTheStdsButRangesOverlap() {
        // a: 0.80, 0.90, 0.90, 0.90, 0.90 → mean 0.88, std sqrt(0.008/4) = 0.0447;
        // b: 0.70, 0.70, 0.70, 0.70, 0.80 → mean 0.72, std 0.0447; 0.16 > 0.0894, but 0.80 ≤ 0.80.
        const auto groups = groupBySeed(grid({parseGridAxis("normalize=zscore,none")}, 5,
                                             {0.80, 0.90, 0.90, 0.90, 0.90, 0.70, 0.70, 0.70, 0.70, 0.80}));
        const auto c = compareGroups(groups).at(0);
        QCOMPARE(c.verdict, NoiseVerdict::BeyondStd);
        QVERIFY(std::abs(c.betterAccuracy.std - std::sqrt(0.008 / 4)) < 1e-12);
        QVERIFY2(c.text.find("mean ± 1 std intervals do not overlap") != std::string::npos, c.text.c_str());
    }

    void aDifferenceInsideTheSpreadMayBeNoise() {
        // 0.80/0.84 vs 0.81/0.82: means 0.82 and 0.815, difference 0.005 < 0.0283 + 0.0071.
        const auto c =
            compareGroups(groupBySeed(grid({parseGridAxis("normalize=none,zscore")}, 2, {0.80, 0.84, 0.81, 0.82})))
                .at(0);
        QCOMPARE(c.better, 0);
        QCOMPARE(c.verdict, NoiseVerdict::WithinSpread);
        QVERIFY2(c.text.find("may be noise") != std::string::npos, c.text.c_str());
    }

    void oneSeedSaysTheSpreadIsUnknown() {
        const auto c = compareGroups(groupBySeed(grid({parseGridAxis("normalize=none,zscore")}, 1, {0.80, 0.90}))).at(0);
        QCOMPARE(c.verdict, NoiseVerdict::OneSeed);
        QVERIFY2(c.text.find("repeat with 3 or more seeds") != std::string::npos, c.text.c_str());
        QVERIFY2(c.text.find("--") == std::string::npos, c.text.c_str()); // the GUI shows it too: no flags
    }

    void aGridComparesPairsThatDifferInOneOption() {
        // 2 models × 2 normalizations: 4 configurations, 4 pairs that differ in one option (not the
        // two diagonals, which differ in both).
        const auto groups = groupBySeed(grid({parseGridAxis("model=lesson-cnn,mlp"), parseGridAxis("normalize=none,zscore")},
                                             2, {0.80, 0.81, 0.85, 0.86, 0.70, 0.71, 0.90, 0.91}));
        QCOMPARE(groups.size(), std::size_t(4));
        const auto comparisons = compareGroups(groups);
        QCOMPARE(comparisons.size(), std::size_t(4));
        for (const auto& c : comparisons) {
            const auto& a = groups[static_cast<std::size_t>(c.better)].config;
            const auto& b = groups[static_cast<std::size_t>(c.worse)].config;
            QVERIFY((a.model == b.model) != (a.normalization == b.normalization));
        }
    }

    void summaryCsvHasMeanAndStdPerEpoch() {
        const auto csv =
            seedSummaryCsv(groupBySeed(grid({parseGridAxis("normalize=none,zscore")}, 3, {0.80, 0.82, 0.84, 0.9, 0.9, 0.9})));
        QVERIFY(csv.find("configuration,epoch,seeds,loss_mean,loss_std,accuracy_mean,accuracy_std,test_loss_mean,"
                         "test_loss_std,test_accuracy_mean,test_accuracy_std\n") == 0);
        QVERIFY2(csv.find("\n\"zscore\",2,3,") != std::string::npos, csv.c_str());
        QVERIFY2(csv.find(",0.9,0\n") != std::string::npos, csv.c_str()); // zscore's last test accuracy: 0.9 ± 0
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 5L); // header + 2 configurations × 2 epochs
    }

    // The lesson preset: 2 normalizations × 20 epochs × 3 seeds = 120 epochs within 10 minutes.
    void lessonSeedsFollowTheExpectedTime() {
        const LessonSeeds fast = lessonSeeds(3.25, true); // 120 × 3.25 s = 6.5 minutes
        QCOMPARE(fast.seeds, 3);
        QVERIFY2(fast.why.find("about 7 minutes") != std::string::npos, fast.why.c_str());
        QVERIFY2(fast.why.find("measured on this machine") != std::string::npos, fast.why.c_str());
        QCOMPARE(lessonSeeds(5.0, false).seeds, 3);                    // exactly 10 minutes
        const LessonSeeds slow = lessonSeeds(5.01, false);                  // just over
        QCOMPARE(slow.seeds, 1);
        QVERIFY2(slow.why.find("Set Seeds to 3") != std::string::npos, slow.why.c_str());
        QVERIFY2(slow.why.find("estimated") != std::string::npos, slow.why.c_str());
        QCOMPARE(estimatedLessonEpochSeconds(false, 2), 3.25);
        QCOMPARE(estimatedLessonEpochSeconds(false, 1), 6.5);
        QCOMPARE(estimatedLessonEpochSeconds(false, 64), 0.5);
        QVERIFY(estimatedLessonEpochSeconds(true, 1) <= 0.5);
    }
};

QTEST_APPLESS_MAIN(TestSeedSummary)
#include "tst_seedsummary.moc"
