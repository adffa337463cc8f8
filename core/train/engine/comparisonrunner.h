#pragma once

#include <functional>
#include <stop_token>
#include <vector>

#include "core/train/config/trainconfig.h"
#include "core/train/config/trainingdata.h"
#include "core/train/config/trainresult.h"

namespace normlab {

// How a comparison is stopped while it runs: all of it, or one run by index. Both take effect
// within one batch. stopRun may be empty.
struct ComparisonControl {
    std::stop_token stopAll;
    std::function<bool(int run)> stopRun;
};

// What a comparison reports. Every member is optional.
struct ComparisonCallbacks {
    std::function<void(int run, const TrainConfig& config)> onRunStarted;
    std::function<void(int run, int epoch, int batch, int batches)> onBatch;
    std::function<void(const StepMetric&)> onStep;
    std::function<void(const EpochMetric&)> onEpoch;
    std::function<void(const RunResult&)> onRunFinished; // for every run, also those never started
};

// Runs a comparison's configurations one after the other, sharing the loaded data: the one run
// loop the CLI, the GUI and the tests use, with one "stopped" policy:
//  - stopping all ends the running run "cancelled" ("stopped in epoch E after batch B of N") and every
//    run not yet started "cancelled" ("not started: the comparison was stopped");
//  - stopping one run ends only that run the same way (or, before it began, "not started: stopped
//    before it began"); the runs after it go on;
//  - an invalid configuration fails its own run; the others go on.
// Returns one result per configuration, in order.
std::vector<RunResult> runComparison(const std::vector<TrainConfig>& configs, const TrainingData& data,
                                     const ComparisonControl& control, const ComparisonCallbacks& callbacks);

} // namespace normlab
