#include "core/stats/finehistogram.h"

#include <algorithm>
#include <cmath>

#include "core/stats/quantile.h"
#include "core/stats/splitstats.h"

namespace normlab {

FineHistogram::FineHistogram(double bound) : m_bound(bound > 0 ? bound : 1.0), m_invWidth(kBins / (2 * m_bound)) {}

FineHistogram& FineHistogram::operator+=(const FineHistogram& other) {
    for (int b = 0; b < kBins; ++b)
        m_counts[b] += other.m_counts[b];
    return *this;
}

std::uint64_t FineHistogram::total() const {
    std::uint64_t n = 0;
    for (auto c : m_counts)
        n += c;
    return n;
}

double FineHistogram::valueAtRank(std::uint64_t rank) const {
    std::uint64_t seen = 0;
    for (int b = 0; b < kBins; ++b) {
        seen += m_counts[b];
        if (seen > rank) return centre(b);
    }
    return centre(kBins - 1);
}

double FineHistogram::quantile(double q) const {
    return interpolatedQuantile(total(), q, [this](std::uint64_t rank) { return valueAtRank(rank); });
}

Histogram FineHistogram::rebin(double lo, double hi, int bins) const {
    Histogram h;
    if (!(hi > lo)) hi = lo + 1e-9;
    const double width = (hi - lo) / bins;
    for (int i = 0; i <= bins; ++i)
        h.edges.push_back(lo + i * width);
    h.counts.assign(bins, 0);
    for (int b = 0; b < kBins; ++b) {
        if (!m_counts[b]) continue;
        const int target = std::clamp(static_cast<int>((centre(b) - lo) / width), 0, bins - 1);
        h.counts[target] += m_counts[b];
    }
    return h;
}

} // namespace normlab
