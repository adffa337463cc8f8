#pragma once

#include <array>
#include <cstdint>

namespace normlab {

// Counts of each byte value 0..255. Every statistic of an affine normalization follows exactly
// from these 256 integers, so NormLab's stats for those methods are exact, not float-accumulated.
struct ByteHistogram {
    std::array<std::uint64_t, 256> counts{};

    ByteHistogram& operator+=(const ByteHistogram& other);
    std::uint64_t total() const;
    double mean() const;          // in byte units
    double populationStd() const; // in byte units, divided by N (exact integer numerator)
    int min() const;              // -1 when empty
    int max() const;              // -1 when empty
    // Quantile q in [0, 1] with linear interpolation between order statistics, the default of
    // numpy.percentile and torch.quantile.
    double quantile(double q) const;
};

} // namespace normlab
