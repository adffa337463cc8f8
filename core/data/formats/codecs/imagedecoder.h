#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/common/resourcelimits.h"

namespace normlab {

// One image as torchvision's default loader sees it: PIL's Image.open(f).convert("RGB").
struct DecodedImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> planar; // 3 x H x W: the R plane, then G, then B
    std::string sourceMode;           // Pillow's mode before conversion: "L", "P", "RGB", "RGBA", "I", "CMYK", ...
};


// Decodes PNG, JPEG, BMP, PPM/PGM, TIFF or WebP, recognised by their first bytes (never by the
// name), into exactly the bytes Pillow 9.4 gives after convert("RGB"). Anything Pillow would refuse,
// and the few layouts whose Pillow result we cannot reproduce exactly, throw Error("NAME: problem").
// Images of more than maxPixels pixels are refused before any pixel memory is allocated.
// Thread-safe: calls share no mutable state.
DecodedImage decodeImage(std::span<const std::uint8_t> bytes, const std::string& nameForErrors,
                         std::uint64_t maxPixels = kMaxImagePixels);
// The file's size is added to *fileBytes when given (a folder's size, known without a stat each).
DecodedImage decodeImageFile(const std::filesystem::path& path, std::uint64_t* fileBytes = nullptr);

// Width and height from the header alone, or nothing when the bytes are not a supported image or
// its header is unreadable (decodeImage then says why). Cheap: decodes no pixels.
std::optional<std::pair<int, int>> readImageSize(std::span<const std::uint8_t> bytes);

// torchvision's IMG_EXTENSIONS (.jpg .jpeg .png .ppm .bmp .pgm .tif .tiff .webp), case-insensitive.
bool hasImageExtension(const std::filesystem::path& path);

} // namespace normlab
