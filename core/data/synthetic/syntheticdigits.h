#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/common/progress.h"
#include "core/data/imageset.h"

namespace normlab {

// MNIST's sizes, used when the synthetic set stands in for it.
inline constexpr std::size_t kSyntheticTrainCount = 60000;
inline constexpr std::size_t kSyntheticTestCount = 10000;
inline constexpr std::uint64_t kSyntheticDefaultSeed = 1;

// Renders count MNIST-style 28x28 digits from NormLab's stroke font with random affine jitter and
// stroke width, anti-aliased, fitted into 20x20 and centred by centre of mass. Image i of a split
// depends only on (seed, split, i), so the result is the same for any thread count.
ImageSet generateSyntheticDigits(const std::string& split, std::size_t count,
                                 std::uint64_t seed = kSyntheticDefaultSeed, const Progress& progress = {});

// The default size of a synthetic split ("train" 60,000, "test" 10,000).
std::size_t syntheticSplitSize(const std::string& split);

} // namespace normlab
