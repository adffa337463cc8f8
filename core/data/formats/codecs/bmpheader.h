#pragma once

// A BMP header read as Pillow 9.4's BmpImagePlugin reads it, and the checks that make stb_image's
// decoding of it give Pillow's pixels.

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace normlab::codecs {

struct BmpHeader {
    std::uint32_t dataOffset = 0;
    std::uint32_t headerSize = 0;
    std::uint64_t width = 0;
    std::uint64_t height = 0; // top-down files are flagged by height's top byte 0xFF, as Pillow does
    std::uint16_t planes = 0;
    std::uint16_t bits = 0;
    std::uint32_t compression = 0;
    std::uint64_t colors = 0;    // palette entries Pillow reads
    std::uint32_t masks[4] = {}; // R, G, B, A with BI_BITFIELDS
};

// Nothing when the bytes are too short for the header.
std::optional<BmpHeader> readBmpHeader(std::span<const std::uint8_t> bytes);

// Pillow's mode for a header that both Pillow and stb_image read alike, or the reason it is refused
// in `refusal` (then the mode is empty).
struct BmpMode {
    std::string mode;
    std::string refusal;
};
BmpMode checkBmp(const BmpHeader& header, std::span<const std::uint8_t> bytes);

} // namespace normlab::codecs
