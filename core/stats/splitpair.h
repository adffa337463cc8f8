#pragma once

#include <string>

#include "core/common/progress.h"
#include "core/data/datasetopener.h"
#include "core/data/imageset.h"
#include "core/stats/normalization.h"
#include "core/stats/splitstats.h"

namespace normlab {

// Both splits of a data set and the training split's normalization parameters. zscore and minmax
// always use the train split's parameters, also for the test split, as a model sees them: the
// statistics page, `normlab-cli stats --split test` and training all load data through this.
struct SplitPair {
    ImageSet train;
    ImageSet test;
    NormalizationParams params;

    const ImageSet& split(const std::string& name) const { return name == "test" ? test : train; }
};

// Loads (or generates) both splits and counts the train split's bytes for its parameters
// (minmax maps to [minmaxLow, minmaxHigh]). Progress: train 70%, test 20%, counting 10%.
SplitPair loadSplitPair(const DatasetRequest& request, const Progress& progress = {}, double minmaxLow = 0.0,
                        double minmaxHigh = 1.0);

// The statistics of one split as the CLI reports them: the train split alone is enough for its
// own; the test split is loaded with the train split and described with its parameters.
SplitStats splitStats(const DatasetRequest& request, const std::string& split, double minmaxLow = 0.0,
                      double minmaxHigh = 1.0);

} // namespace normlab
