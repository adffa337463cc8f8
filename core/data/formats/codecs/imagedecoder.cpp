#include "core/data/formats/codecs/imagedecoder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "core/common/error.h"
#include "core/data/formats/codecs/codec.h"
#include "core/common/filebytes.h"

namespace normlab {
namespace {

enum class Format { Png, Jpeg, Bmp, Pnm, Tiff, Webp, Unknown };

bool startsWith(std::span<const std::uint8_t> bytes, const char* magic, std::size_t length, std::size_t at = 0) {
    return bytes.size() >= at + length && std::memcmp(bytes.data() + at, magic, length) == 0;
}

// The same signatures Pillow's plugins accept, so a misnamed file decodes as what it is.
Format sniff(std::span<const std::uint8_t> bytes) {
    if (startsWith(bytes, "\x89PNG\r\n\x1a\n", 8)) return Format::Png;
    if (startsWith(bytes, "\xff\xd8\xff", 3)) return Format::Jpeg;
    if (startsWith(bytes, "BM", 2)) return Format::Bmp;
    if (bytes.size() >= 2 && bytes[0] == 'P' && bytes[1] >= '1' && bytes[1] <= '6') return Format::Pnm;
    if (startsWith(bytes, "II*\0", 4) || startsWith(bytes, "MM\0*", 4) || startsWith(bytes, "II+\0", 4) ||
        startsWith(bytes, "MM\0+", 4))
        return Format::Tiff;
    if (startsWith(bytes, "RIFF", 4) && startsWith(bytes, "WEBP", 4, 8)) return Format::Webp;
    return Format::Unknown;
}

// Names a few formats people put in image folders, so the message says what the file is.
std::string describeUnknown(std::span<const std::uint8_t> bytes) {
    if (startsWith(bytes, "GIF8", 4)) return "GIF is not one of torchvision's image formats";
    if (startsWith(bytes, "\0\0\0", 3) && startsWith(bytes, "ftyp", 4, 4)) return "HEIF/AVIF is not supported";
    return "not a PNG, JPEG, BMP, PPM/PGM, TIFF or WebP file";
}

} // namespace

namespace codecs {

void Input::fail(const char* format, const std::string& problem) const {
    throw Error(name + ": " + format + ": " + problem);
}

void Input::checkSize(const char* format, std::uint64_t width, std::uint64_t height) const {
    if (width == 0 || height == 0)
        fail(format, "zero-sized image (" + std::to_string(width) + "x" + std::to_string(height) + ")");
    // Both come from 32-bit header fields, so the product cannot overflow 64 bits.
    if (width * height > maxPixels)
        fail(format, std::to_string(width) + "x" + std::to_string(height) + " is more than the limit of " +
                         std::to_string(maxPixels) + " pixels (a decompression bomb, as Pillow calls it)");
}

} // namespace codecs

DecodedImage decodeImage(std::span<const std::uint8_t> bytes, const std::string& nameForErrors,
                         std::uint64_t maxPixels) {
    if (bytes.empty()) throw Error(nameForErrors + ": empty file");
    const codecs::Input in{bytes, nameForErrors, maxPixels};
    switch (sniff(bytes)) {
    case Format::Png:
        return codecs::decodePng(in);
    case Format::Jpeg:
        return codecs::decodeJpeg(in);
    case Format::Bmp:
        return codecs::decodeBmp(in);
    case Format::Pnm:
        return codecs::decodePnm(in);
    case Format::Tiff:
        return codecs::decodeTiff(in);
    case Format::Webp:
        return codecs::decodeWebp(in);
    case Format::Unknown:
        break;
    }
    throw Error(nameForErrors + ": unknown image format: " + describeUnknown(bytes));
}

DecodedImage decodeImageFile(const std::filesystem::path& path, std::uint64_t* fileBytes) {
    const std::vector<std::uint8_t> bytes = readFileBytes(path);
    if (fileBytes) *fileBytes += bytes.size();
    return decodeImage(bytes, path.string());
}

std::optional<std::pair<int, int>> readImageSize(std::span<const std::uint8_t> bytes) {
    switch (sniff(bytes)) {
    case Format::Png:
        return codecs::pngSize(bytes);
    case Format::Jpeg:
        return codecs::jpegSize(bytes);
    case Format::Bmp:
        return codecs::bmpSize(bytes);
    case Format::Pnm:
        return codecs::pnmSize(bytes);
    case Format::Tiff:
        return codecs::tiffSize(bytes);
    case Format::Webp:
        return codecs::webpSize(bytes);
    case Format::Unknown:
        break;
    }
    return std::nullopt;
}

bool hasImageExtension(const std::filesystem::path& path) {
    static constexpr std::array<std::string_view, 9> kExtensions = {".jpg", ".jpeg", ".png",  ".ppm", ".bmp",
                                                                    ".pgm", ".tif",  ".tiff", ".webp"};
    // torchvision tests filename.lower().endswith(...), so even a file named ".png" counts.
    std::string name = path.filename().string();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::any_of(kExtensions.begin(), kExtensions.end(),
                       [&](std::string_view extension) { return name.ends_with(extension); });
}

} // namespace normlab
