#pragma once

#include <cmath>
#include <cstdint>

namespace normlab {

__extension__ using Uint128 = unsigned __int128;

// Mean and population std (divide by N) of bytes from their exact integer count, sum and sum of
// squares, in byte units: the one formula behind every exact mean and std, so that a byte
// histogram and plain sums of the same pixels give the same doubles, bit for bit.
inline double exactMean(std::uint64_t n, std::uint64_t sum) {
    return n ? static_cast<double>(sum) / static_cast<double>(n) : 0.0;
}

inline double exactPopulationStd(Uint128 n, Uint128 sum, Uint128 sumSq) {
    if (n == 0) return 0.0;
    // Var = (N * sum(x^2) - (sum x)^2) / N^2 with an exact integer numerator.
    const Uint128 numerator = n * sumSq - sum * sum;
    const double nd = static_cast<double>(n);
    return std::sqrt(static_cast<double>(numerator) / (nd * nd));
}

} // namespace normlab
