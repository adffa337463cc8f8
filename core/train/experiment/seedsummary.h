#pragma once

#include <string>
#include <vector>

#include "core/train/config/trainresult.h"

namespace normlab {

// One number over repeated runs (seeds). std is the sample standard deviation (n − 1), the
// spread one expects between seeds; 0 for a single run.
struct Spread {
    int count = 0;
    double mean = 0, std = 0, min = 0, max = 0;
};
Spread spreadOf(const std::vector<double>& values);

struct EpochSpread {
    int epoch = 0; // 1-based
    Spread trainLoss, trainAccuracy, testLoss, testAccuracy;
};

// The runs of one configuration: runs whose configurations differ in the seed only.
struct SeedGroup {
    std::string name; // the runs' name without its "seed=N" part ("model=mlp · zscore")
    TrainConfig config; // the first run's
    std::vector<int> runs; // indices into the results, in order
    // One entry per epoch that every run of the group finished (runs stopped early, diverged or
    // failed end the table where they ended; a group none of whose runs finished an epoch has none).
    std::vector<EpochSpread> epochs;
    // One entry per epoch that at least one run of the group finished, over the runs that finished
    // it (each Spread's count says how many): what a live plot draws while seeds are still running
    // or after some were stopped.
    std::vector<EpochSpread> reached;
};

// Groups a comparison's results by configuration, in the order of their first run.
std::vector<SeedGroup> groupBySeed(const std::vector<RunResult>& results);

// "model=mlp · zscore · seed=2" → "model=mlp · zscore"; a name without a seed part is returned as is.
std::string withoutSeed(const std::string& runName);

// Is the difference between two configurations at their last common epoch larger than the
// seed-to-seed spread? Judged on test accuracy:
//  - BeyondRange: every seed of the better configuration beat every seed of the other;
//  - BeyondStd:   |difference of means| > std(a) + std(b): the mean ± 1 std intervals do not
//                 overlap, though the ranges do;
//  - WithinSpread: the difference could be seed-to-seed noise;
//  - OneSeed:     a configuration has one run, so its spread is unknown.
enum class NoiseVerdict { BeyondRange, BeyondStd, WithinSpread, OneSeed };

struct GroupComparison {
    int better = 0, worse = 0; // indices into the groups; better has the higher mean test accuracy
    int betterEpoch = 0, worseEpoch = 0; // each group's last epoch that all its seeds finished
    Spread betterAccuracy, worseAccuracy;
    double difference = 0; // mean(better) − mean(worse) ≥ 0
    NoiseVerdict verdict = NoiseVerdict::OneSeed;
    std::string text; // one plain sentence, e.g. "zscore vs none at epoch 20: +0.0213 test accuracy — …"
};

// The comparisons a grid makes: every pair of configurations that differ in exactly one option
// (with a single axis, every pair), each judged at
// its last epoch that all its seeds finished (the same epoch unless the grid varies epochs).
std::vector<GroupComparison> compareGroups(const std::vector<SeedGroup>& groups);

// Mean ± std per configuration and epoch as CSV: configuration, epoch, seeds, then mean and std of
// loss, accuracy, test_loss, test_accuracy (the lesson's metric names).
std::string seedSummaryCsv(const std::vector<SeedGroup>& groups);

} // namespace normlab
