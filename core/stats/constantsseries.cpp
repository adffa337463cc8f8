#include "core/stats/constantsseries.h"

#include <algorithm>

namespace normlab {

BinnedCounts normalizedByteHistogram(const ByteHistogram& bytes, double mean, double std) {
    BinnedCounts s;
    for (int v = 0; v <= 256; ++v)
        s.edges.push_back(((v - 0.5) / 255.0 - mean) / std);
    s.counts.assign(bytes.counts.begin(), bytes.counts.end());
    return s;
}

BinnedCounts imageStdHistogram(const std::vector<float>& imageStds, int bins) {
    BinnedCounts s;
    // A split of blank images still gets a drawable axis.
    constexpr double kSmallestTop = 1e-6;
    const double top = imageStds.empty()
                           ? 1.0
                           : std::max(kSmallestTop, static_cast<double>(*std::max_element(imageStds.begin(), imageStds.end())));
    for (int b = 0; b <= bins; ++b)
        s.edges.push_back(top * b / bins);
    s.counts.assign(static_cast<std::size_t>(bins), 0);
    for (float v : imageStds)
        ++s.counts[static_cast<std::size_t>(std::clamp(static_cast<int>(v / top * bins), 0, bins - 1))];
    return s;
}

} // namespace normlab
