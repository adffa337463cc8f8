#pragma once

#include <optional>

#include "core/common/progress.h"
#include "core/data/imageset.h"
#include "core/stats/splitstats.h"

namespace normlab {

// Per-channel byte counts of a whole split, in parallel (what normalization parameters need).
std::vector<ByteHistogram> countBytes(const ImageSet& set, const Progress& progress = {});

// The minmax / zscore parameters of a training split. rangeLow/High set minmax's target range.
NormalizationParams normalizationParamsFrom(const std::vector<ByteHistogram>& trainBytes, double rangeLow = 0.0,
                                            double rangeHigh = 1.0);

// One pass over the split computes everything in SplitStats, on all cores, in chunks that report
// progress and honour the stop token (throwing Cancelled). Without trainParams the split is
// taken to be the training split and the parameters come from its own counts.
SplitStats computeStats(const ImageSet& set, const std::optional<NormalizationParams>& trainParams = std::nullopt,
                        const Progress& progress = {}, double rangeLow = 0.0, double rangeHigh = 1.0);

} // namespace normlab
