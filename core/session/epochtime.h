#pragma once

#include <cstddef>
#include <stop_token>
#include <string>

#include "core/train/config/trainconfig.h"
#include "core/train/config/trainingdata.h"

namespace normlab {

class TrainEngine;

// How long training takes on this machine, for a teacher who plans a lesson's minutes: an epoch
// is timed on a few batches before any run (calibrateEpoch), then the epochs that runs finish
// replace that figure; the estimate names which it comes from.

// An epoch's work in training images: a test image counts a third (forward only, no backward pass,
// no optimizer step), which matches lesson-cnn on a CPU within a few per cent.
inline constexpr double kTestImageWork = 1.0 / 3;
double epochWork(std::size_t trainImages, std::size_t testImages);

// One epoch over all of `data`, timed over its first few batches: two short epochs over the
// first kCalibrationBatches batches of the train split and one batch of the held-out split; the
// second (past the first one's allocations and first kernels) scaled by epochWork to the whole
// data. Takes well under a second for the lesson on two cores. Throws Cancelled when stopped.
inline constexpr int kCalibrationBatches = 4;
struct EpochCalibration {
    double epochSeconds = 0;  // one epoch over the whole data, scaled
    double sampleSeconds = 0; // the timed epoch over the sample
    std::size_t sampleTrain = 0, sampleTest = 0;
};
EpochCalibration calibrateEpoch(const TrainEngine& engine, const TrainConfig& config, const TrainingData& data,
                                std::stop_token stop);

// "cuda" for a CUDA device ("cuda", "cuda:1"), else "cpu": the device kind an epoch's time is kept for.
std::string deviceKind(const std::string& device);

// What an epoch's time is remembered by on this machine: what decides its cost (data set, images
// per split, model, batch size, device kind: "cpu" or "cuda"), not what hardly changes it
// (normalization, optimizer, learning rate, seed). Letters, digits and '-' only: a settings key.
std::string epochTimeKey(const TrainConfig& config, const std::string& deviceKind);

enum class EpochTimeBasis { Calibrated, Seen };

// "about 7 minutes for 6 runs × 20 epochs (3.5 s per epoch, timed on a few batches here)".
std::string estimateText(std::size_t runs, int epochs, double epochSeconds, EpochTimeBasis basis);

// While runs go: "about 3 minutes left".
std::string remainingText(double seconds);

// Empty unless the epochs seen take clearly longer than the time the estimate expected: then
// why, since a teacher would otherwise distrust every later estimate.
inline constexpr double kSharedCoresRatio = 1.5;
std::string sharedCoresNote(double seenEpochSeconds, double expectedEpochSeconds);

} // namespace normlab
