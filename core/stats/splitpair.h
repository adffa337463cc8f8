#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/common/progress.h"
#include "core/data/datasetopener.h"
#include "core/data/imageset.h"
#include "core/data/imagesource.h"
#include "core/stats/folderstats.h"
#include "core/stats/normalization.h"
#include "core/stats/splitstats.h"
#include "core/stats/statspart.h"

namespace normlab {

// The train split and the held-out split (test, else val; empty when the data set has neither) of a
// data set and the training split's normalization parameters. zscore and minmax
// always use the train split's parameters, also for the test split, as a model sees them: the
// statistics page, `normlab-cli stats --split test` and training all load data through this.
struct SplitPair {
    ImageSet train;
    ImageSet test;
    NormalizationParams params;

    const ImageSet& split(const std::string& name) const { return name == "train" ? train : test; }
};

// Loads (or generates) both splits and counts the train split's bytes for its parameters
// (minmax maps to [minmaxLow, minmaxHigh]). Progress: train 70%, test 20%, counting 10%.
SplitPair loadSplitPair(const DatasetRequest& request, const Progress& progress = {}, double minmaxLow = 0.0,
                        double minmaxHigh = 1.0);

// Splits larger than this are browsed from their file, not held (kept for MNIST's 47 MB, CIFAR's
// 150 MB, and anything a desktop holds without notice).
inline constexpr std::uint64_t kHeldSplitBytes = std::uint64_t{512} << 20;

// Both splits as image sources that read an image when it is shown, the train split and the
// held-out one (an empty held source when there is none), without reading the images: an image
// folder's files (always: decoding is what costs), or a plain IDX or C-order .npy split of more
// than heldBytesLimit bytes (ArrayFileImages). A viewer shows them while indexedPairStats counts.
// Nothing for the rest (loadSplitPair loads them). Throws Error as openSplit does.
struct SplitSources {
    ImageSourcePtr train, test;
};
std::optional<SplitSources> indexSplits(const DatasetRequest& request, std::uint64_t heldBytesLimit = kHeldSplitBytes);

// The statistics of both indexed splits, as the statistics page shows them (the held-out split
// with the train split's parameters): one streamed pass each, so memory holds the counts and a
// chunk, never the split. Progress: train 80%, held-out 20%.
std::array<SplitStats, 2> indexedPairStats(const DatasetRequest& request, const SplitSources& sources,
                                           const Progress& progress = {});

// The statistics of one split as the CLI reports them: the train split alone is enough for its
// own; another split is described with the train split's parameters. Every data set is streamed
// (bounded memory; those no stream reads in pieces, the generated digits and CIFAR, are held whole).
SplitStats splitStats(const DatasetRequest& request, const std::string& split, double minmaxLow = 0.0,
                      double minmaxHigh = 1.0, const Progress& progress = {});

// The per-channel sums of one split, for its Normalize line, streamed as splitStats; no histograms.
SplitSums splitSums(const DatasetRequest& request, const std::string& split, const Progress& progress = {});

// One shard of an image folder's split, as counts for `merge` (another split than train takes a
// pass over the train split for its parameters first). Throws Error for other kinds of data set.
StatsPart splitStatsPart(const DatasetRequest& request, const std::string& split, double minmaxLow, double minmaxHigh,
                         const Progress& progress, Shard shard);

} // namespace normlab
