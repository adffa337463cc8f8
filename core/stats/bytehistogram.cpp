#include "core/stats/bytehistogram.h"

#include <cmath>

#include "core/stats/quantile.h"

namespace normlab {
namespace {

__extension__ typedef unsigned __int128 Uint128;

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
    return n ? static_cast<double>(sum) / static_cast<double>(n) : 0.0;
}

double ByteHistogram::populationStd() const {
    Uint128 n = 0, sum = 0, sumSq = 0;
    for (int v = 0; v < 256; ++v) {
        n += counts[v];
        sum += Uint128{counts[v]} * v;
        sumSq += Uint128{counts[v]} * v * v;
    }
    if (n == 0) return 0.0;
    // Var = (N * sum(x^2) - (sum x)^2) / N^2 with an exact integer numerator.
    const Uint128 numerator = n * sumSq - sum * sum;
    const double nd = static_cast<double>(n);
    return std::sqrt(static_cast<double>(numerator) / (nd * nd));
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
