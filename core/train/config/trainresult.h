#pragma once

#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/train/config/trainconfig.h"

namespace normlab {

enum class RunStatus { Queued, Running, Finished, Cancelled, Diverged, Failed };
std::string runStatusName(RunStatus status); // queued, running, finished, cancelled, diverged, failed

// Mean train loss over the batches since the previous report; x is in epochs (1.5 = half-way
// through the second epoch), the x axis of the GUI's curves.
struct StepMetric {
    int run = 0;
    double epochs = 0;
    double loss = 0;
};

struct EpochMetric {
    int run = 0;
    int epoch = 0;                           // 1-based
    double trainLoss = 0, trainAccuracy = 0; // averaged over the epoch's batches, as the lesson does
    double testLoss = 0, testAccuracy = 0;
    double epochSeconds = 0, runSeconds = 0;
};

struct RunResult {
    int run = 0;
    std::string name; // e.g. "zscore"
    TrainConfig config;
    std::string device; // what it really ran on, e.g. "cpu" or "cuda:0"
    RunStatus status = RunStatus::Queued;
    std::string message; // why it ended, for diverged / failed / cancelled
    std::vector<EpochMetric> epochs;
    std::vector<StepMetric> steps;
    double seconds = 0;
    std::uint64_t batchesDone = 0;
    double initialWeightSum = 0; // sum of all initial parameters: equal across a comparison's runs
};

// What a run reports while it goes. Every member is optional. onBatch is called after every
// batch without synchronising the device; the others at reporting points.
struct TrainCallbacks {
    std::function<void(const StepMetric&)> onStep;
    std::function<void(const EpochMetric&)> onEpoch;
    std::function<void(int run, int epoch, int batch, int batches)> onBatch;
    std::stop_token stop;
};

} // namespace normlab
