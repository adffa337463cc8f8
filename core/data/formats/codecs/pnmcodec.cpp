// Binary PGM/PPM through stb_image, behind Pillow's reading of the header. Pillow 9.4 opens P5 and
// P6 with maxval 255 as "L"/"RGB"; P5 with maxval 65535 as "I" (convert("RGB") clips at 255); P6
// with maxval 65535 as "RGB" scaled by 255/65535 with rounding. Other maxvals it rescales in ways
// we do not reproduce, so they are refused.
#include <cstring>

#include "core/data/formats/codecs/codec.h"
#include "core/data/formats/codecs/pixels.h"
#include "core/data/formats/codecs/pnmheader.h"
#include "core/data/formats/codecs/stbload.h"

namespace normlab::codecs {
namespace {

constexpr const char* kFormat = "PPM";
constexpr std::uint32_t kMax8 = 255;
constexpr std::uint32_t kMax16 = 65535;

// stb_image 2.27 copies 16-bit PNM samples as they are in the file, big-endian.
unsigned sample16(const std::uint8_t* in, int index) {
    return unsigned{in[2 * index]} << 8 | in[2 * index + 1];
}

std::uint8_t rescale16(unsigned value) {
    return static_cast<std::uint8_t>((value * 255u + kMax16 / 2) / kMax16);
}

void fill16(DecodedImage& image, const std::uint8_t* in, int channels) {
    for (int y = 0; y < image.height; ++y) {
        const PlanarRow out = planarRow(image, y);
        for (int x = 0; x < image.width; ++x, in += 2 * channels) {
            if (channels == 1) {
                out.r[x] = out.g[x] = out.b[x] = clipToByte(sample16(in, 0));
            } else {
                out.r[x] = rescale16(sample16(in, 0));
                out.g[x] = rescale16(sample16(in, 1));
                out.b[x] = rescale16(sample16(in, 2));
            }
        }
    }
}

} // namespace

DecodedImage decodePnm(const Input& in) {
    const PnmHeader h = readPnmHeader(in.bytes);
    if (!h.error.empty()) in.fail(kFormat, h.error);
    in.checkSize(kFormat, h.width, h.height);
    if (h.maxValue != kMax8 && h.maxValue != kMax16)
        in.fail(kFormat, "maxval " + std::to_string(h.maxValue) + " is not supported (only 255 and 65535)");
    const bool sixteen = h.maxValue == kMax16;
    const std::uint64_t needed =
        h.dataOffset + h.width * h.height * static_cast<std::uint64_t>(h.channels) * (sixteen ? 2 : 1);
    if (in.bytes.size() < needed)
        in.fail(kFormat,
                "file is truncated (" + std::to_string(in.bytes.size()) + " of " + std::to_string(needed) + " bytes)");

    const int width = static_cast<int>(h.width);
    const int height = static_cast<int>(h.height);
    const auto pixels = stbLoad(in, kFormat, width, height, h.channels, sixteen);
    DecodedImage image = makeImage(width, height, h.channels == 3 ? "RGB" : sixteen ? "I" : "L");
    if (sixteen)
        fill16(image, static_cast<const std::uint8_t*>(pixels.get()), h.channels);
    else
        fillFromInterleaved(image, static_cast<const std::uint8_t*>(pixels.get()),
                            static_cast<std::size_t>(width) * h.channels, h.channels);
    return image;
}

ImageSize pnmSize(std::span<const std::uint8_t> bytes) {
    const PnmHeader h = readPnmHeader(bytes);
    if (!h.error.empty() || h.width > INT32_MAX || h.height > INT32_MAX) return std::nullopt;
    return std::pair{static_cast<int>(h.width), static_cast<int>(h.height)};
}

} // namespace normlab::codecs
