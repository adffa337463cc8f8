#include "core/train/config/trainingdata.h"

#include "core/common/error.h"
#include "core/data/datasetopener.h"

namespace normlab {

DatasetRequest datasetRequestFor(const TrainConfig& config) {
    DatasetRequest request;
    request.dataset = config.dataset;
    request.dataDir = config.dataDir;
    request.syntheticSeed = config.seed;
    request.limit = config.limit;
    return request;
}

TrainingData loadTrainingData(const TrainConfig& config, const Progress& progress) {
    TrainingData data = loadSplitPair(datasetRequestFor(config), progress);
    // Training reports accuracy on held-out images and feeds the model one tensor size.
    if (data.test.count == 0)
        throw Error(data.train.origin + ": no test or val split to measure accuracy on (an image folder needs "
                                        "ROOT/train and ROOT/test or ROOT/val)");
    if (!data.train.uniformSize() || !data.test.uniformSize() || data.train.height != data.test.height ||
        data.train.width != data.test.width)
        throw Error(data.train.origin + ": the images differ in size; training feeds the model one size, and NormLab "
                                        "does not resize (its statistics work on any sizes)");
    return data;
}

} // namespace normlab
