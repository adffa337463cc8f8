#pragma once

#include <cmath>
#include <cstdint>

namespace normlab {

// Quantile q in [0, 1] of n sorted values with linear interpolation between order statistics
// (numpy.percentile's and torch.quantile's default). valueAtRank(r) gives the r-th smallest value.
template <typename ValueAtRank> double interpolatedQuantile(std::uint64_t n, double q, ValueAtRank valueAtRank) {
    if (n == 0) return 0.0;
    const double pos = q * static_cast<double>(n - 1);
    const auto lo = static_cast<std::uint64_t>(std::floor(pos));
    const double frac = pos - static_cast<double>(lo);
    const double a = valueAtRank(lo);
    if (frac == 0.0 || lo + 1 >= n) return a;
    return a + frac * (valueAtRank(lo + 1) - a);
}

} // namespace normlab
