#pragma once

#include <vector>

#include "core/train/config/trainconfig.h"
#include "core/train/config/trainingdata.h"
#include "core/train/config/trainresult.h"

namespace normlab {

// One run: the data goes to the device once as uint8, each batch is index-sliced, normalized on
// the device, and the loss/accuracy are accumulated there and read only at reporting points.
// Never throws for training problems: they end the run as diverged, cancelled or failed, with a
// message. Throws Error for an invalid configuration.
RunResult trainRun(const TrainConfig& config, const TrainingData& data, int runIndex, const TrainCallbacks& callbacks);

// A sample of `count` training images exactly as the network receives them (after
// normalization), C x H x W floats each, for the GUI's "what the network sees" strip.
std::vector<std::vector<float>> normalizedSample(const TrainConfig& config, const TrainingData& data, int count);

} // namespace normlab
