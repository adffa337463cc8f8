#pragma once

#include <cstddef>
#include <cstdint>

namespace normlab {

// Adds `count` images of n bytes each to per-pixel sums of the bytes and of their squares:
// sum[i] += image[k][i] and sumSq[i] += image[k][i]^2 for every image k. The 32-bit sums hold
// 65,000 images' worth of squares; callers move them into wider sums long before that.
// On x86-64 CPUs with AVX2 two images share one multiply-add per pixel (VPMADDWD on the byte
// pairs), about three times the plain loop; elsewhere the plain loop runs.
void addPixelSums(const std::uint8_t* const* images, std::size_t count, std::size_t n, std::uint32_t* sum,
                  std::uint32_t* sumSq);

} // namespace normlab
