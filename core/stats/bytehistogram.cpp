#include "core/stats/bytehistogram.h"

#include <cmath>

#include "core/stats/exactmoments.h"
#include "core/stats/quantile.h"

namespace normlab {
namespace {

// The value at 0-based rank r in sorted order.
int valueAtRank(const ByteHistogram& h, std::uint64_t rank) {
    std::uint64_t seen = 0;
    for (int v = 0; v < 256; ++v) {
        seen += h.counts[v];
        if (seen > rank) return v;
    }
    return 255;
}

} // namespace

ByteHistogram& ByteHistogram::operator+=(const ByteHistogram& other) {
    for (int v = 0; v < 256; ++v)
        counts[v] += other.counts[v];
    return *this;
}

std::uint64_t ByteHistogram::total() const {
    std::uint64_t n = 0;
    for (auto c : counts)
        n += c;
    return n;
}

double ByteHistogram::mean() const {
    std::uint64_t n = 0, sum = 0;
    for (int v = 0; v < 256; ++v)
        n += counts[v], sum += counts[v] * static_cast<std::uint64_t>(v);
    return exactMean(n, sum);
}

double ByteHistogram::populationStd() const {
    Uint128 n = 0, sum = 0, sumSq = 0;
    for (int v = 0; v < 256; ++v) {
        n += counts[v];
        sum += Uint128{counts[v]} * v;
        sumSq += Uint128{counts[v]} * v * v;
    }
    return exactPopulationStd(n, sum, sumSq);
}

int ByteHistogram::min() const {
    for (int v = 0; v < 256; ++v)
        if (counts[v]) return v;
    return -1;
}

int ByteHistogram::max() const {
    for (int v = 255; v >= 0; --v)
        if (counts[v]) return v;
    return -1;
}

double ByteHistogram::quantile(double q) const {
    return interpolatedQuantile(total(), q, [this](std::uint64_t rank) { return double(valueAtRank(*this, rank)); });
}

} // namespace normlab
