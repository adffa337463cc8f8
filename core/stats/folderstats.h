#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/common/progress.h"
#include "core/data/formats/imagefolder/imagefolder.h"
#include "core/stats/channelsums.h"
#include "core/stats/splitstats.h"

namespace normlab {

// Part K of N of a listing (--shard K/N, K from 0): the files [K n / N, (K + 1) n / N) in
// torchvision's order, so N jobs of a job array cover every file once.
struct Shard {
    std::size_t index = 0, count = 1;

    // Parses "K/N" with 0 <= K < N. Throws Error otherwise.
    static Shard parse(const std::string& text);
    bool whole() const { return count == 1; }
    std::size_t begin(std::size_t files) const { return files * index / count; }
    std::size_t end(std::size_t files) const { return files * (index + 1) / count; }
};

// The statistics of an image folder's split, streamed: images are decoded on all cores a chunk
// at a time and only the accumulated counts stay, so memory does not grow with the folder. The
// per-sample histograms use kStreamedPerSampleBound (sizes are not known before the pass). Without
// trainParams the split's own counts give the normalization parameters.
// The same pass for one shard, as counts that `merge` adds up (core/stats/statspart.h).
struct StatsPart;
StatsPart streamImageFolderPart(const ImageFolderSplit& listing, const std::optional<NormalizationParams>& trainParams,
                                const Progress& progress, double rangeLow, double rangeHigh, Shard shard);

SplitStats streamImageFolderStats(const ImageFolderSplit& listing,
                                  const std::optional<NormalizationParams>& trainParams = std::nullopt,
                                  const Progress& progress = {}, double rangeLow = 0.0, double rangeHigh = 1.0,
                                  Shard shard = {});

// The per-channel sums of an image folder's split (the Normalize line, the train split's
// parameters), streamed on all cores like the complete statistics but without their histograms.
SplitSums streamImageFolderSums(const ImageFolderSplit& listing, const Progress& progress = {});

} // namespace normlab
