#pragma once

#include <cstdint>
#include <vector>

#include "core/stats/bytehistogram.h"

namespace normlab {

// What the "Check constants" view draws, computed where the CLI and the tests can reach it.
struct BinnedCounts {
    std::vector<double> edges;         // bins + 1
    std::vector<std::uint64_t> counts; // bins
};

// A channel's byte histogram after Normalize(mean, std): byte v lands at (v/255 − mean) / std, so
// its bin runs from ((v − 0.5)/255 − mean)/std to ((v + 0.5)/255 − mean)/std — exactly what the
// network sees, one bin per byte value.
BinnedCounts normalizedByteHistogram(const ByteHistogram& bytes, double mean, double std);

// Images by their own std (x/255), in `bins` equal bins from 0 to the largest std.
BinnedCounts imageStdHistogram(const std::vector<float>& imageStds, int bins);

} // namespace normlab
