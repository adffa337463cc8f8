#pragma once

// Pillow's convert("RGB") rules, applied while writing the planar result.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/data/formats/codecs/imagedecoder.h"

namespace normlab::codecs {

// An image of the given size with its planar buffer allocated (the caller checked the size).
DecodedImage makeImage(int width, int height, std::string sourceMode);

// The three planes' row y.
struct PlanarRow {
    std::uint8_t* r;
    std::uint8_t* g;
    std::uint8_t* b;
};
PlanarRow planarRow(DecodedImage& image, int y);

// Interleaved 8-bit rows with `channels` bytes per pixel into the planes: with three or more the
// first three are R, G, B (alpha and padding dropped, never composited, as Pillow does); with one or
// two the first is grey, replicated (L, LA, 1).
void fillFromInterleaved(DecodedImage& image, const std::uint8_t* pixels, std::size_t rowStride, int channels);

// Pillow's cmyk2rgb: R = (255 - K) - (C * (255 - K)) / 255, rounded as its MULDIV255 macro does.
inline std::uint8_t cmykChannel(unsigned ink, unsigned black) {
    const unsigned nk = 255 - black;
    const unsigned t = ink * nk + 128;
    return static_cast<std::uint8_t>(nk - (((t >> 8) + t) >> 8));
}

// Pillow's I and I;16 to RGB: values above 255 clip to 255 (no scaling).
inline std::uint8_t clipToByte(unsigned value) {
    return value > 255 ? 255 : static_cast<std::uint8_t>(value);
}

} // namespace normlab::codecs
