#pragma once

// The per-format decoders behind decodeImage (core/data/formats/codecs/imagedecoder.h). Private to core: each
// returns exactly what Pillow 9.4's Image.open(f).convert("RGB") gives, or throws Error.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "core/data/formats/codecs/imagedecoder.h"

namespace normlab::codecs {

using ImageSize = std::optional<std::pair<int, int>>;

// What every decoder gets: the bytes, the name that starts each message, and the pixel limit.
struct Input {
    std::span<const std::uint8_t> bytes;
    const std::string& name;
    std::uint64_t maxPixels;

    // Throws Error("NAME: FORMAT: problem").
    [[noreturn]] void fail(const char* format, const std::string& problem) const;
    // Refuses a zero-sized image, and one above maxPixels before any pixel memory is allocated.
    void checkSize(const char* format, std::uint64_t width, std::uint64_t height) const;
};

DecodedImage decodePng(const Input& in);
DecodedImage decodeJpeg(const Input& in);
DecodedImage decodeBmp(const Input& in);
DecodedImage decodePnm(const Input& in);
DecodedImage decodeTiff(const Input& in);
DecodedImage decodeWebp(const Input& in);

ImageSize pngSize(std::span<const std::uint8_t> bytes);
ImageSize jpegSize(std::span<const std::uint8_t> bytes);
ImageSize bmpSize(std::span<const std::uint8_t> bytes);
ImageSize pnmSize(std::span<const std::uint8_t> bytes);
ImageSize tiffSize(std::span<const std::uint8_t> bytes);
ImageSize webpSize(std::span<const std::uint8_t> bytes);

} // namespace normlab::codecs
