#include "core/data/formats/codecs/bmpheader.h"

namespace normlab::codecs {
namespace {

constexpr std::size_t kFileHeaderBytes = 14;
constexpr std::uint32_t kRaw = 0, kRle8 = 1, kRle4 = 2, kBitfields = 3;
constexpr std::uint64_t kStbMaxDimension = 1 << 24;

std::uint32_t le32(std::span<const std::uint8_t> b, std::size_t at) {
    return std::uint32_t{b[at]} | std::uint32_t{b[at + 1]} << 8 | std::uint32_t{b[at + 2]} << 16 |
           std::uint32_t{b[at + 3]} << 24;
}
std::uint16_t le16(std::span<const std::uint8_t> b, std::size_t at) {
    return static_cast<std::uint16_t>(b[at] | b[at + 1] << 8);
}

BmpMode refuse(std::string why) {
    return {{}, std::move(why)};
}

// Pillow's 32-bit BI_BITFIELDS masks (all but all-zero, which stb_image refuses); alpha in the raw
// mode makes the image RGBA.
const char* bitfieldsMode(const std::uint32_t (&m)[4]) {
    struct Known {
        std::uint32_t r, g, b, a;
        const char* mode;
    };
    static constexpr Known kKnown[] = {
        {0xFF0000, 0xFF00, 0xFF, 0x0, "RGB"},         {0xFF000000, 0xFF0000, 0xFF00, 0x0, "RGB"},
        {0xFF000000, 0xFF0000, 0xFF00, 0xFF, "RGBA"}, {0xFF, 0xFF00, 0xFF0000, 0xFF000000, "RGBA"},
        {0xFF0000, 0xFF00, 0xFF, 0xFF000000, "RGBA"},
    };
    for (const Known& k : kKnown)
        if (m[0] == k.r && m[1] == k.g && m[2] == k.b && m[3] == k.a) return k.mode;
    return nullptr;
}

// Pillow calls a palette of greys "L" (or "1" for two entries, black and white) and then reads
// the pixels as 8-bit (1-bit) grey, whatever the depth.
BmpMode paletteMode(const BmpHeader& h, std::span<const std::uint8_t> bytes) {
    if (h.headerSize == 12) return refuse("OS/2 palette BMP is not supported (stb_image misreads its palette)");
    const std::uint64_t needed = std::uint64_t{1} << h.bits;
    if (h.colors < needed || h.colors > 256)
        return refuse("palette of " + std::to_string(h.colors) + " colours for " + std::to_string(h.bits) +
                      "-bit pixels is not supported");
    const std::uint64_t paletteStart = kFileHeaderBytes + h.headerSize;
    if (h.dataOffset < paletteStart + 4 * needed || (h.dataOffset - paletteStart) / 4 > 256)
        return refuse("pixel data offset does not leave room for exactly one palette");
    if (bytes.size() < paletteStart + 4 * h.colors) return refuse("file is truncated");
    bool grey = true;
    for (std::uint64_t i = 0; i < h.colors && grey; ++i) {
        const auto value = static_cast<std::uint8_t>(h.colors == 2 ? (i == 0 ? 0 : 255) : i);
        const std::uint8_t* entry = bytes.data() + paletteStart + 4 * i;
        grey = entry[0] == value && entry[1] == value && entry[2] == value;
    }
    if (!grey) return {"P", {}};
    if (h.colors == 2 && h.bits == 1) return {"1", {}};
    if (h.colors != 2 && h.bits == 8) return {"L", {}};
    return refuse("grey palette BMP of " + std::to_string(h.bits) + " bits (Pillow misreads it)");
}

} // namespace

std::optional<BmpHeader> readBmpHeader(std::span<const std::uint8_t> b) {
    if (b.size() < kFileHeaderBytes + 4) return std::nullopt;
    BmpHeader h;
    h.dataOffset = le32(b, 10);
    h.headerSize = le32(b, 14);
    const std::size_t info = kFileHeaderBytes + 4; // after the header's own size field
    if (h.headerSize == 12) {
        if (b.size() < kFileHeaderBytes + 12) return std::nullopt;
        h.width = le16(b, info);
        h.height = le16(b, info + 2);
        h.planes = le16(b, info + 4);
        h.bits = le16(b, info + 6);
    } else {
        if (h.headerSize < 40 || b.size() < kFileHeaderBytes + 40) return std::nullopt;
        h.width = le32(b, info);
        const std::uint32_t rawHeight = le32(b, info + 4);
        h.height = b[info + 7] == 0xFF ? (std::uint64_t{1} << 32) - rawHeight : rawHeight;
        h.planes = le16(b, info + 8);
        h.bits = le16(b, info + 10);
        h.compression = le32(b, info + 12);
        h.colors = le32(b, info + 28);
        if (h.compression == kBitfields) {
            // A 40-byte header's three masks follow it; larger headers hold all four.
            const std::size_t count = h.headerSize >= 52 ? 4 : 3;
            if (b.size() < info + 36 + 4 * count) return std::nullopt;
            for (std::size_t i = 0; i < count; ++i)
                h.masks[i] = le32(b, info + 36 + 4 * i);
        }
    }
    if (h.colors == 0 && h.bits < 32) h.colors = std::uint64_t{1} << h.bits;
    return h;
}

BmpMode checkBmp(const BmpHeader& h, std::span<const std::uint8_t> bytes) {
    if (h.headerSize != 12 && h.headerSize != 40 && h.headerSize != 108 && h.headerSize != 124)
        return refuse("header of " + std::to_string(h.headerSize) + " bytes is not supported");
    if (h.planes != 1) return refuse("bad header (" + std::to_string(h.planes) + " planes)");
    if (h.width > kStbMaxDimension || h.height > kStbMaxDimension)
        return refuse("a side longer than 16777216 pixels is not supported");
    if (h.compression == kRle8 || h.compression == kRle4) return refuse("RLE-compressed BMP is not supported");
    if (h.bits == 16)
        return refuse("16-bit BMP is not supported (Pillow widens 5-bit channels differently from stb_image)");
    if (h.bits != 1 && h.bits != 4 && h.bits != 8 && h.bits != 24 && h.bits != 32)
        return refuse("pixel depth " + std::to_string(h.bits) + " is not supported");
    if (h.compression != kRaw && !(h.compression == kBitfields && h.bits == 32))
        return refuse("compression " + std::to_string(h.compression) + " with " + std::to_string(h.bits) +
                      "-bit pixels is not supported");
    if (h.headerSize == 12 && h.bits == 32) return refuse("32-bit OS/2 BMP is not supported");

    // Pillow reads rows padded to 4 bytes, but needs only the used bytes of the last one.
    const std::uint64_t rowBits = h.width * h.bits;
    const std::uint64_t stride = ((rowBits + 31) >> 3) & ~std::uint64_t{3};
    const std::uint64_t needed = h.dataOffset + stride * (h.height - 1) + (rowBits + 7) / 8;
    if (bytes.size() < needed)
        return refuse("file is truncated (" + std::to_string(bytes.size()) + " of " + std::to_string(needed) +
                      " bytes)");

    if (h.bits <= 8) return paletteMode(h, bytes);
    if (h.compression == kBitfields) {
        const char* mode = bitfieldsMode(h.masks);
        if (!mode) return refuse("unsupported BI_BITFIELDS masks");
        return {mode, {}};
    }
    return {"RGB", {}};
}

} // namespace normlab::codecs
