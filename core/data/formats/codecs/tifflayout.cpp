#include "core/data/formats/codecs/tifflayout.h"

#include <cstring>

namespace normlab::codecs {
namespace {

constexpr std::uint16_t kMinIsWhite = 0;
constexpr std::uint16_t kMinIsBlack = 1;
constexpr std::uint16_t kRgb = 2;
constexpr std::uint16_t kPalette = 3;
constexpr std::uint16_t kSeparated = 5;
constexpr std::uint16_t kUnspecified = 0, kAssociatedAlpha = 1, kUnassociatedAlpha = 2;
// OPEN_INFO lists this odd ExtraSamples value as plain RGBA.
constexpr std::uint16_t kPillowOddAlpha = 999;

using Kind = TiffLayout::Kind;
using Extras = std::vector<std::uint16_t>;

TiffLayoutChoice accept(Kind kind, std::string mode) {
    return {TiffLayout{kind, std::move(mode)}, {}};
}
TiffLayoutChoice refuse(std::string why) {
    return {std::nullopt, std::move(why)};
}

TiffLayoutChoice chooseGrey(const TiffSamples& s) {
    const bool white = s.photometric == kMinIsWhite;
    const unsigned bits = s.bitsPerSample;
    if (s.samplesPerPixel == 1 && s.extraSamples.empty()) {
        if (bits == 1 || bits == 2 || bits == 4 || bits == 8)
            return accept(white ? Kind::GreyInverted : Kind::Grey, bits == 1 ? "1" : "L");
        // Pillow's table has no big-endian min-is-white 16-bit entry, and does not invert the
        // little-endian one.
        if (bits == 16 && !(white && s.bigEndian)) return accept(Kind::Grey16, s.bigEndian ? "I;16B" : "I;16");
    }
    if (!white && bits == 8 && s.samplesPerPixel == 2 && s.extraSamples == Extras{kUnassociatedAlpha})
        return accept(Kind::Grey, "LA");
    return refuse("grey TIFF with " + std::to_string(s.samplesPerPixel) + " samples of " + std::to_string(bits) +
                  " bits is not a layout Pillow opens or we reproduce");
}

TiffLayoutChoice chooseRgb(const TiffSamples& s) {
    const unsigned bits = s.bitsPerSample;
    if (bits != 8 && bits != 16) return refuse("RGB TIFF with " + std::to_string(bits) + "-bit samples");
    if (s.samplesPerPixel == 3 && s.extraSamples.empty()) return accept(Kind::Rgb, "RGB");
    if (s.samplesPerPixel == 4 && s.extraSamples.empty()) return accept(Kind::Rgb, "RGBA");
    // The first extra sample says what the fourth is; any further ones must be unspecified.
    const std::size_t extras = s.extraSamples.size();
    if (extras == 0 || s.samplesPerPixel != 3 + extras || (bits == 16 && extras > 1))
        return refuse("RGB TIFF with " + std::to_string(s.samplesPerPixel) + " samples is not a layout Pillow opens");
    for (std::size_t i = 1; i < extras; ++i)
        if (s.extraSamples[i] != kUnspecified) return refuse("RGB TIFF with several alpha samples");
    switch (s.extraSamples[0]) {
    case kUnspecified:
        return accept(Kind::Rgb, "RGBX");
    case kUnassociatedAlpha:
        return accept(Kind::Rgb, "RGBA");
    case kPillowOddAlpha:
        if (extras == 1 && bits == 8) return accept(Kind::Rgb, "RGBA");
        break;
    case kAssociatedAlpha:
        // Pillow un-premultiplies 8-bit samples; its 16-bit variant is not reproduced here.
        if (bits == 8) return accept(Kind::RgbPremultiplied, "RGBA");
        return refuse("16-bit RGB TIFF with premultiplied alpha is not supported");
    default:
        break;
    }
    return refuse("RGB TIFF with ExtraSamples " + std::to_string(s.extraSamples[0]) + " is not a layout Pillow opens");
}

TiffLayoutChoice choosePalette(const TiffSamples& s) {
    const unsigned bits = s.bitsPerSample;
    if (s.samplesPerPixel == 1 && s.extraSamples.empty() && (bits == 1 || bits == 2 || bits == 4 || bits == 8))
        return accept(Kind::Palette, "P");
    if (bits == 8 && s.samplesPerPixel == 2 && s.extraSamples == Extras{kUnassociatedAlpha})
        return accept(Kind::Palette, "PA");
    return refuse("palette TIFF with " + std::to_string(s.samplesPerPixel) + " samples of " + std::to_string(bits) +
                  " bits is not a layout Pillow opens");
}

TiffLayoutChoice chooseCmyk(const TiffSamples& s) {
    const std::size_t extras = s.extraSamples.size();
    bool unspecifiedExtras = s.samplesPerPixel == 4 + extras;
    for (const std::uint16_t e : s.extraSamples)
        unspecifiedExtras = unspecifiedExtras && e == kUnspecified;
    if (s.bitsPerSample == 8 && unspecifiedExtras && extras <= 2) return accept(Kind::Cmyk, "CMYK");
    if (s.bitsPerSample == 16 && !s.bigEndian && s.samplesPerPixel == 4 && extras == 0)
        return accept(Kind::Cmyk, "CMYK");
    return refuse("CMYK TIFF with " + std::to_string(s.samplesPerPixel) + " samples of " +
                  std::to_string(s.bitsPerSample) + " bits is not a layout Pillow opens");
}

// Sample `index` of a row: 16-bit samples as they are, narrower ones unpacked from their bits.
unsigned sampleAt(const std::uint8_t* row, std::size_t index, unsigned bits) {
    if (bits == 8) return row[index];
    if (bits == 16) {
        std::uint16_t value = 0;
        std::memcpy(&value, row + 2 * index, sizeof value);
        return value;
    }
    const std::size_t bit = index * bits;
    return (row[bit / 8] >> (8 - bits - bit % 8)) & ((1u << bits) - 1);
}

// 16-bit colour samples become their high byte (Pillow's ";16L"/";16B" raw modes).
unsigned toByte(unsigned value, unsigned bits) {
    return bits == 16 ? value >> 8 : value;
}

std::uint8_t unpremultiply(unsigned value, unsigned alpha) {
    // Pillow's unpackRGBa: transparent pixels become black, opaque ones stay.
    if (alpha == 0) return 0;
    if (alpha == 255) return static_cast<std::uint8_t>(value);
    return clipToByte(value * 255 / alpha);
}

} // namespace

TiffLayoutChoice chooseTiffLayout(const TiffSamples& s) {
    switch (s.photometric) {
    case kMinIsWhite:
    case kMinIsBlack:
        return chooseGrey(s);
    case kRgb:
        return chooseRgb(s);
    case kPalette:
        return choosePalette(s);
    case kSeparated:
        return chooseCmyk(s);
    default:
        break;
    }
    return refuse("TIFF photometric interpretation " + std::to_string(s.photometric) + " is not supported");
}

void convertTiffRow(const TiffLayout& layout, const TiffSamples& s, const TiffColorMap& colorMap,
                    const std::uint8_t* row, int width, const PlanarRow& out) {
    const unsigned bits = s.bitsPerSample;
    const std::size_t spp = s.samplesPerPixel;
    // Grey levels of 1, 2 and 4 bits are stretched to 0..255 (Pillow's "1", "L;2", "L;4").
    const unsigned scale = bits < 8 ? 255u / ((1u << bits) - 1) : 1u;
    for (int x = 0; x < width; ++x) {
        const std::size_t first = static_cast<std::size_t>(x) * spp;
        const unsigned v0 = sampleAt(row, first, bits);
        switch (layout.kind) {
        case Kind::Grey:
            out.r[x] = out.g[x] = out.b[x] = static_cast<std::uint8_t>(v0 * scale);
            break;
        case Kind::GreyInverted:
            out.r[x] = out.g[x] = out.b[x] = static_cast<std::uint8_t>(255 - v0 * scale);
            break;
        case Kind::Grey16:
            out.r[x] = out.g[x] = out.b[x] = clipToByte(v0);
            break;
        case Kind::Palette:
            out.r[x] = static_cast<std::uint8_t>(colorMap.red[v0] >> 8);
            out.g[x] = static_cast<std::uint8_t>(colorMap.green[v0] >> 8);
            out.b[x] = static_cast<std::uint8_t>(colorMap.blue[v0] >> 8);
            break;
        case Kind::Rgb:
            out.r[x] = static_cast<std::uint8_t>(toByte(v0, bits));
            out.g[x] = static_cast<std::uint8_t>(toByte(sampleAt(row, first + 1, bits), bits));
            out.b[x] = static_cast<std::uint8_t>(toByte(sampleAt(row, first + 2, bits), bits));
            break;
        case Kind::RgbPremultiplied: {
            const unsigned alpha = row[first + 3];
            out.r[x] = unpremultiply(v0, alpha);
            out.g[x] = unpremultiply(row[first + 1], alpha);
            out.b[x] = unpremultiply(row[first + 2], alpha);
            break;
        }
        case Kind::Cmyk: {
            const unsigned black = toByte(sampleAt(row, first + 3, bits), bits);
            out.r[x] = cmykChannel(toByte(v0, bits), black);
            out.g[x] = cmykChannel(toByte(sampleAt(row, first + 1, bits), bits), black);
            out.b[x] = cmykChannel(toByte(sampleAt(row, first + 2, bits), bits), black);
            break;
        }
        }
    }
}

} // namespace normlab::codecs
