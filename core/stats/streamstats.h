#pragma once

#include <optional>

#include "core/common/progress.h"
#include "core/data/splitstream.h"
#include "core/stats/channelsums.h"
#include "core/stats/normalization.h"
#include "core/stats/splitstats.h"

namespace normlab {

// Passes over a split that hold a chunk of it at a time (plus the next one, read while this one is
// counted), never the split: the complete statistics and the sums behind the Normalize line of
// IDX, NumPy and every other data set read through a SplitStream. The counts are the same integers
// as one pass over the split in memory, so the results are the same to the last bit.

// Pixel bytes a chunk holds (at least one image): small next to the budget, large enough that the
// workers' start-up per chunk costs nothing.
inline constexpr std::size_t kStreamChunkBytes = std::size_t{16} << 20;

// Beyond this many images the per-image arrays (10 bytes an image) are left out, with a note, so
// that memory does not grow with the data.
inline constexpr std::size_t kStreamedPerImageLimit = 4'000'000;

// The statistics of the stream's split: without trainParams it is the training split and its own
// counts give the parameters (minmax maps to [rangeLow, rangeHigh]). Progress follows the images;
// a stop request is honoured between and within chunks (Cancelled).
SplitStats streamSplitStats(SplitStream& stream, const std::optional<NormalizationParams>& trainParams,
                            const Progress& progress = {}, double rangeLow = 0.0, double rangeHigh = 1.0);

// The per-channel sums of the stream's split, with its description (no pixels).
SplitSums streamSplitSums(SplitStream& stream, const Progress& progress = {});

} // namespace normlab
