#pragma once

#include <array>
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

// Both splits of an image folder as image sources (the train split and the held-out one, an empty
// held source when there is none), listed but not read: a viewer shows them while
// folderPairStats counts. Nothing for other kinds of data set (loadSplitPair loads them).
struct SplitSources {
    std::shared_ptr<const FolderImages> train;
    ImageSourcePtr test;
};
std::optional<SplitSources> indexFolderSplits(const DatasetRequest& request);

// The statistics of both splits of an indexed folder, as the statistics page shows them (the
// held-out split with the train split's parameters): one streamed pass each, so memory holds the
// counts and a few decoded images, never the split. Progress: train 80%, held-out 20%.
std::array<SplitStats, 2> folderPairStats(const SplitSources& sources, const Progress& progress = {});

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
