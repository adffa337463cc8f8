#pragma once

// Which TIFF sample layouts Pillow 9.4 opens (TiffImagePlugin.OPEN_INFO), under which mode, and how
// its convert("RGB") turns a row of their samples into R, G, B.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/data/formats/codecs/pixels.h"

namespace normlab::codecs {

// What the TIFF directory says about its samples.
struct TiffSamples {
    std::uint16_t photometric = 0;
    std::uint16_t bitsPerSample = 0;
    std::uint16_t samplesPerPixel = 0;
    std::vector<std::uint16_t> extraSamples;
    bool bigEndian = false;
};

struct TiffLayout {
    enum class Kind { Grey, GreyInverted, Grey16, Palette, Rgb, RgbPremultiplied, Cmyk };
    Kind kind;
    std::string mode; // Pillow's
};

// The layout, or an explanation of why it is refused (Pillow's "unknown pixel mode", or a layout
// we do not reproduce).
struct TiffLayoutChoice {
    std::optional<TiffLayout> layout;
    std::string refusal;
};
TiffLayoutChoice chooseTiffLayout(const TiffSamples& samples);

// One TIFF colour map (three arrays of 2^bits 16-bit entries); Pillow keeps each entry's high byte.
struct TiffColorMap {
    const std::uint16_t* red = nullptr;
    const std::uint16_t* green = nullptr;
    const std::uint16_t* blue = nullptr;
};

// Converts one decoded scanline (host byte order, bits packed most significant first) into row
// `out` of the planes.
void convertTiffRow(const TiffLayout& layout, const TiffSamples& samples, const TiffColorMap& colorMap,
                    const std::uint8_t* row, int width, const PlanarRow& out);

} // namespace normlab::codecs
