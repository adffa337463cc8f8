// PNG through libspng. Pillow 9.4 opens 1/2/4/8-bit grey as "1"/"L" (scaled to 0..255), 16-bit
// grey as "I" (convert("RGB") then clips at 255), 16-bit RGB/RGBA/LA by their high bytes, palettes
// through PLTE with tRNS ignored, and never applies gamma, sBIT or colour profiles.
#include <cstring>
#include <memory>
#include <vector>

#include <spng.h>

#include "core/common/resourcelimits.h"
#include "core/data/formats/codecs/codec.h"
#include "core/data/formats/codecs/pixels.h"

namespace normlab::codecs {
namespace {

constexpr const char* kFormat = "PNG";
// Ancillary chunks (text, profiles) are kept in memory by spng; a forged length must not make
// it allocate gigabytes.
constexpr std::size_t kMaxChunkBytes = kMaxPngChunkBytes; // core/common/resourcelimits.h
constexpr std::size_t kMaxChunkCacheBytes = std::size_t{128} << 20;

using Context = std::unique_ptr<spng_ctx, decltype(&spng_ctx_free)>;

Context openPng(std::span<const std::uint8_t> bytes) {
    Context ctx(spng_ctx_new(0), &spng_ctx_free);
    if (!ctx) return ctx;
    spng_set_png_buffer(ctx.get(), bytes.data(), bytes.size());
    spng_set_chunk_limits(ctx.get(), kMaxChunkBytes, kMaxChunkCacheBytes);
    return ctx;
}

std::string describe(int rc) {
    if (rc == SPNG_EOF || rc == SPNG_IO_EOF) return "file is truncated";
    return std::string("corrupt PNG (") + spng_strerror(rc) + ")";
}

// Pillow's mode for an IHDR (PngImagePlugin._MODES).
std::string pillowMode(const spng_ihdr& ihdr) {
    switch (ihdr.color_type) {
    case SPNG_COLOR_TYPE_GRAYSCALE:
        return ihdr.bit_depth == 1 ? "1" : ihdr.bit_depth == 16 ? "I" : "L";
    case SPNG_COLOR_TYPE_TRUECOLOR:
        return "RGB";
    case SPNG_COLOR_TYPE_INDEXED:
        return "P";
    // Pillow's table opens 16-bit grey+alpha as RGBA (raw mode "LA;16B").
    case SPNG_COLOR_TYPE_GRAYSCALE_ALPHA:
        return ihdr.bit_depth == 16 ? "RGBA" : "LA";
    default:
        return "RGBA";
    }
}

// Pillow fills a palette shorter than the bit depth allows with a grey ramp (entry i is i,i,i),
// where spng would stop at an index past PLTE; padding PLTE the same way gives Pillow's colours.
void padPalette(const Input& in, spng_ctx* ctx, const spng_ihdr& ihdr) {
    spng_plte plte{};
    if (const int rc = spng_get_plte(ctx, &plte); rc != 0) in.fail(kFormat, describe(rc));
    const std::uint32_t full = 1u << ihdr.bit_depth;
    if (plte.n_entries >= full) return;
    for (std::uint32_t i = plte.n_entries; i < full; ++i) {
        const auto v = static_cast<std::uint8_t>(i);
        plte.entries[i] = spng_plte_entry{v, v, v, 255};
    }
    plte.n_entries = full;
    if (const int rc = spng_set_plte(ctx, &plte); rc != 0) in.fail(kFormat, describe(rc));
}

// spng calls a zero width an invalid IHDR; say what it is, as for the other formats.
void refuseZeroSize(const Input& in) {
    constexpr std::size_t kIhdrEnd = 24; // signature, chunk length and type, width, height
    const auto& b = in.bytes;
    if (b.size() < kIhdrEnd || std::memcmp(b.data() + 12, "IHDR", 4) != 0) return;
    const auto be32 = [&](std::size_t at) {
        return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 | std::uint32_t{b[at + 2]} << 8 | b[at + 3];
    };
    if (be32(16) == 0 || be32(20) == 0) in.checkSize(kFormat, be32(16), be32(20));
}

} // namespace

DecodedImage decodePng(const Input& in) {
    refuseZeroSize(in);
    Context ctx = openPng(in.bytes);
    if (!ctx) in.fail(kFormat, "out of memory");
    spng_ihdr ihdr{};
    if (const int rc = spng_get_ihdr(ctx.get(), &ihdr); rc != 0) in.fail(kFormat, describe(rc));
    in.checkSize(kFormat, ihdr.width, ihdr.height);
    if (ihdr.color_type == SPNG_COLOR_TYPE_INDEXED) padPalette(in, ctx.get(), ihdr);

    // Grey stays one channel (and 16-bit grey its full value, for Pillow's clip); everything else
    // is decoded to 8 bits per channel, taking the high byte of 16-bit samples as Pillow does.
    const bool grey = ihdr.color_type == SPNG_COLOR_TYPE_GRAYSCALE;
    const bool grey16 = grey && ihdr.bit_depth == 16;
    int format = SPNG_FMT_RGB8;
    int channels = 3;
    if (grey16) {
        format = SPNG_FMT_PNG;
        channels = 2;
    } else if (grey) {
        format = SPNG_FMT_G8;
        channels = 1;
    }
    std::size_t size = 0;
    if (const int rc = spng_decoded_image_size(ctx.get(), format, &size); rc != 0) in.fail(kFormat, describe(rc));
    std::vector<std::uint8_t> pixels(size);
    if (const int rc = spng_decode_image(ctx.get(), pixels.data(), size, format, 0); rc != 0)
        in.fail(kFormat, describe(rc));

    DecodedImage image = makeImage(static_cast<int>(ihdr.width), static_cast<int>(ihdr.height), pillowMode(ihdr));
    const std::size_t stride = size / ihdr.height;
    if (!grey16) {
        fillFromInterleaved(image, pixels.data(), stride, channels);
        return image;
    }
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* row = pixels.data() + static_cast<std::size_t>(y) * stride;
        const PlanarRow out = planarRow(image, y);
        for (int x = 0; x < image.width; ++x) {
            std::uint16_t value = 0; // host order (SPNG_FMT_PNG)
            std::memcpy(&value, row + 2 * static_cast<std::size_t>(x), sizeof value);
            out.r[x] = out.g[x] = out.b[x] = clipToByte(value);
        }
    }
    return image;
}

ImageSize pngSize(std::span<const std::uint8_t> bytes) {
    Context ctx = openPng(bytes);
    spng_ihdr ihdr{};
    if (!ctx || spng_get_ihdr(ctx.get(), &ihdr) != 0) return std::nullopt;
    return std::pair{static_cast<int>(ihdr.width), static_cast<int>(ihdr.height)};
}

} // namespace normlab::codecs
