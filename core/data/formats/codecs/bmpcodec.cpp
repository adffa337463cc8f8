// BMP through stb_image, behind Pillow's reading of the header (core/data/formats/codecs/bmpheader.h).
#include "core/data/formats/codecs/bmpheader.h"
#include "core/data/formats/codecs/codec.h"
#include "core/data/formats/codecs/pixels.h"
#include "core/data/formats/codecs/stbload.h"

namespace normlab::codecs {

DecodedImage decodeBmp(const Input& in) {
    constexpr const char* kFormat = "BMP";
    const std::optional<BmpHeader> header = readBmpHeader(in.bytes);
    if (!header) in.fail(kFormat, "file is truncated (incomplete header)");
    in.checkSize(kFormat, header->width, header->height);
    const BmpMode mode = checkBmp(*header, in.bytes);
    if (mode.mode.empty()) in.fail(kFormat, mode.refusal);

    const int width = static_cast<int>(header->width);
    const int height = static_cast<int>(header->height);
    const auto pixels = stbLoad(in, kFormat, width, height, 3);
    DecodedImage image = makeImage(width, height, mode.mode);
    fillFromInterleaved(image, static_cast<const std::uint8_t*>(pixels.get()), std::size_t{3} * image.width, 3);
    return image;
}

ImageSize bmpSize(std::span<const std::uint8_t> bytes) {
    const std::optional<BmpHeader> header = readBmpHeader(bytes);
    if (!header || header->width > INT32_MAX || header->height > INT32_MAX) return std::nullopt;
    return std::pair{static_cast<int>(header->width), static_cast<int>(header->height)};
}

} // namespace normlab::codecs
