#pragma once

// A binary PGM/PPM header (P5/P6) read by Pillow 9.4's rules (PpmImagePlugin), restricted to the
// spellings stb_image reads the same way.

#include <cstdint>
#include <span>
#include <string>

namespace normlab::codecs {

struct PnmHeader {
    int channels = 0; // 1 for P5, 3 for P6
    std::uint64_t width = 0;
    std::uint64_t height = 0;
    std::uint32_t maxValue = 0;
    std::size_t dataOffset = 0;
    std::string error; // set when the header is refused
};

PnmHeader readPnmHeader(std::span<const std::uint8_t> bytes);

} // namespace normlab::codecs
