#include "core/stats/splitpair.h"

#include "core/stats/statsengine.h"

namespace normlab {
namespace {

// Shares of the progress: the train split is six times the test split; counting is a fast pass.
constexpr double kTrainShare = 0.7, kTestShare = 0.2, kCountShare = 0.1;

} // namespace

SplitPair loadSplitPair(const DatasetRequest& request, const Progress& progress, double minmaxLow, double minmaxHigh) {
    SplitPair pair;
    pair.train = openSplit(request, "train", progress.part(0, kTrainShare));
    pair.test = openSplit(request, "test", progress.part(kTrainShare, kTestShare));
    pair.params = normalizationParamsFrom(countBytes(pair.train, progress.part(kTrainShare + kTestShare, kCountShare)),
                                          minmaxLow, minmaxHigh);
    progress.update(1.0);
    return pair;
}

SplitStats splitStats(const DatasetRequest& request, const std::string& split, double minmaxLow, double minmaxHigh) {
    if (split == "train") return computeStats(openSplit(request, "train"), std::nullopt, {}, minmaxLow, minmaxHigh);
    const SplitPair pair = loadSplitPair(request, {}, minmaxLow, minmaxHigh);
    return computeStats(pair.test, pair.params, {}, minmaxLow, minmaxHigh);
}

} // namespace normlab
