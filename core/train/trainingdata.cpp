#include "core/train/trainingdata.h"

#include "core/data/datasetopener.h"

namespace normlab {

TrainingData loadTrainingData(const TrainConfig& config, const Progress& progress) {
    DatasetRequest request;
    request.dataset = config.dataset;
    request.dataDir = config.dataDir;
    request.syntheticSeed = config.seed;
    request.limit = config.limit;
    return loadSplitPair(request, progress);
}

} // namespace normlab
