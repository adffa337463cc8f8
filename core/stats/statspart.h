#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/imageset.h"
#include "core/stats/folderstats.h"
#include "core/stats/normalization.h"
#include "core/stats/statsaccumulator.h"

namespace normlab {

// One part of a split's statistics, as `normlab-cli stats --shard K/N` writes it: the exact counts
// of files [K n / N, (K + 1) n / N) and what they describe. `merge` adds the parts' counts, so the
// merged statistics equal those of one pass over the whole split (per-image arrays excepted).
struct StatsPart {
    ImageSet about; // dataset, split, origin, class names, sources, notes; no pixels
    Shard shard;
    std::size_t filesTotal = 0; // files in the whole split
    std::optional<NormalizationParams> trainParams;
    double rangeLow = 0.0, rangeHigh = 1.0;
    AccumulatedCounts counts;
};

inline constexpr const char* kStatsPartFormat = "normlab-stats-part/1";

// A part as JSON (integers exact; 128-bit sums as decimal text) and back. Reading checks every
// field's type and size and throws Error("NAME: problem").
std::string statsPartToJson(const StatsPart& part);
StatsPart statsPartFromJson(std::string_view text, const std::string& nameForErrors);

// The statistics of all parts together. Throws Error naming the file when parts describe different
// data (data set, split, classes, file count, parameters) or the shards do not cover 0..N-1 exactly
// once. names[i] is parts[i]'s file, for messages.
SplitStats mergeStatsParts(const std::vector<StatsPart>& parts, const std::vector<std::string>& names);

} // namespace normlab
