#pragma once

#include <cstddef>
#include <cstdint>

// Every limit NormLab puts on what outside data may make it allocate or do, in one place: each
// exists because a file can declare a size it does not have (a forged header, a decompression
// bomb) and the readers refuse it with a one-line error naming the file and the limit before any
// allocation of that size. docs/reliability.md lists them with the tests that hit them.
namespace normlab {

// DEFLATE cannot expand data more than about 1032:1: a gzip trailer, a .npz entry or an IDX header
// inside a .gz file that declares more than 1032 x the compressed size is forged.
inline constexpr std::uint64_t kMaxDeflateRatio = 1032;

// Pillow refuses images above twice its MAX_IMAGE_PIXELS (a DecompressionBombError); so does
// NormLab's image decoder, for every format.
inline constexpr std::uint64_t kMaxImagePixels = 178'956'970;

// Sides of the images of array formats (IDX, .npy, .npz): larger ones are not the small-image data
// sets these formats hold, and a typo'd shape is caught here rather than as a huge allocation.
inline constexpr std::uint64_t kMaxArrayImageSide = 4096;

} // namespace normlab
