#pragma once

#include <vector>

#include "core/common/progress.h"
#include "core/data/imageset.h"
#include "core/stats/normalization.h"
#include "core/stats/splitpair.h"
#include "core/train/trainconfig.h"
#include "core/train/trainresult.h"

namespace normlab {

// The data a set of runs shares: both splits as uint8 and the training split's parameters.
using TrainingData = SplitPair;

// Loads (or generates) the training and test splits a configuration names. Throws Error.
TrainingData loadTrainingData(const TrainConfig& config, const Progress& progress = {});

// One run: the data goes to the device once as uint8, each batch is index-sliced, normalized on
// the device, and the loss/accuracy are accumulated there and read only at reporting points.
// Never throws for training problems: they end the run as diverged, cancelled or failed, with a
// message. Throws Error for an invalid configuration.
RunResult trainRun(const TrainConfig& config, const TrainingData& data, int runIndex, const TrainCallbacks& callbacks);

// The runs of a comparison: `base` once per method, everything else (seed included) shared.
std::vector<TrainConfig> comparisonConfigs(const TrainConfig& base, const std::vector<Method>& methods);

// A sample of `count` training images exactly as the network receives them (after
// normalization), C x H x W floats each, for the GUI's "what the network sees" strip.
std::vector<std::vector<float>> normalizedSample(const TrainConfig& config, const TrainingData& data, int count);

} // namespace normlab
