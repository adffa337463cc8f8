#pragma once

#include "core/common/progress.h"
#include "core/stats/splitpair.h"
#include "core/train/config/trainconfig.h"

namespace normlab {

// The data a set of runs shares: both splits as uint8 and the training split's parameters.
// Loading it needs no LibTorch: front ends load it before (or while) the engine loads.
using TrainingData = SplitPair;

// The data set request a configuration makes: data set, data directory, image limit, and the
// seed the synthetic digits are generated from.
DatasetRequest datasetRequestFor(const TrainConfig& config);

// Loads (or generates) the training split and the held-out split (test, else val) a configuration
// names. Throws Error when there is no held-out split or the images differ in size.
TrainingData loadTrainingData(const TrainConfig& config, const Progress& progress = {});

} // namespace normlab
