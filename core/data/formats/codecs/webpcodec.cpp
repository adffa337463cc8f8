// WebP through libwebp. Pillow 9.4 decodes with libwebp's default options (fancy upsampling) and
// reports "RGBA" when the file has alpha, "RGB" otherwise; convert("RGB") drops the alpha.
#include <vector>

#include <webp/decode.h>

#include "core/data/formats/codecs/codec.h"
#include "core/data/formats/codecs/pixels.h"

namespace normlab::codecs {
namespace {

constexpr const char* kFormat = "WebP";

std::string describe(VP8StatusCode status) {
    switch (status) {
    case VP8_STATUS_NOT_ENOUGH_DATA:
        return "file is truncated";
    case VP8_STATUS_OUT_OF_MEMORY:
        return "out of memory";
    case VP8_STATUS_UNSUPPORTED_FEATURE:
        return "unsupported WebP feature";
    default:
        return "corrupt WebP data (libwebp status " + std::to_string(static_cast<int>(status)) + ")";
    }
}

} // namespace

DecodedImage decodeWebp(const Input& in) {
    WebPDecoderConfig config;
    if (!WebPInitDecoderConfig(&config)) in.fail(kFormat, "libwebp version mismatch");
    if (const VP8StatusCode status = WebPGetFeatures(in.bytes.data(), in.bytes.size(), &config.input);
        status != VP8_STATUS_OK)
        in.fail(kFormat, describe(status));
    // Pillow composites an animation's first frame on a transparent canvas; libwebp's plain
    // decoder reads no animations, and its demuxer is not among our libraries.
    if (config.input.has_animation) in.fail(kFormat, "animated WebP is not supported");
    const int width = config.input.width;
    const int height = config.input.height;
    in.checkSize(kFormat, static_cast<std::uint64_t>(width), static_cast<std::uint64_t>(height));

    std::vector<std::uint8_t> pixels(std::size_t{3} * static_cast<std::size_t>(width) *
                                     static_cast<std::size_t>(height));
    config.output.colorspace = MODE_RGB;
    config.output.is_external_memory = 1;
    config.output.u.RGBA.rgba = pixels.data();
    config.output.u.RGBA.stride = 3 * width;
    config.output.u.RGBA.size = pixels.size();
    const VP8StatusCode status = WebPDecode(in.bytes.data(), in.bytes.size(), &config);
    WebPFreeDecBuffer(&config.output);
    if (status != VP8_STATUS_OK) in.fail(kFormat, describe(status));

    DecodedImage image = makeImage(width, height, config.input.has_alpha ? "RGBA" : "RGB");
    fillFromInterleaved(image, pixels.data(), std::size_t{3} * static_cast<std::size_t>(width), 3);
    return image;
}

ImageSize webpSize(std::span<const std::uint8_t> bytes) {
    int width = 0, height = 0;
    if (!WebPGetInfo(bytes.data(), bytes.size(), &width, &height)) return std::nullopt;
    return std::pair{width, height};
}

} // namespace normlab::codecs
