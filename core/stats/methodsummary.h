#pragma once

#include <vector>

#include "core/stats/splitstats.h"

namespace normlab {

inline constexpr int kHistogramBins = 256;

// Exact statistics of an affine method from byte counts: the mean, std, extremes and percentiles
// of byte*scale + offset follow from the counts, and the 256-bin histogram puts each byte value
// in its own bin (edges at (v - 0.5) * scale + offset), so no value is ever binned approximately.
MethodStats affineMethodStats(Method method, const std::vector<ByteHistogram>& bytes,
                              const NormalizationParams& params);

} // namespace normlab
