// TIFF through libtiff: the first directory, read scanline by scanline (or tile by tile) and turned
// into RGB by Pillow's rules (core/data/formats/codecs/tifflayout.h). YCbCr goes through libtiff's RGBA
// interface, as Pillow's decoder does.
#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <tiffio.h>

#include "core/data/formats/codecs/codec.h"
#include "core/data/formats/codecs/tifflayout.h"

namespace normlab::codecs {
namespace {

constexpr const char* kFormat = "TIFF";
constexpr std::uint16_t kYCbCr = 6;
constexpr std::uint16_t kOldJpeg = 6;
// No allocation of libtiff's may exceed this many bytes per allowed pixel (16-bit RGBA is 8).
constexpr std::uint64_t kAllocBytesPerPixel = 12;
constexpr std::uint64_t kMinAllocLimit = std::uint64_t{64} << 20;

// libtiff reads through these callbacks from memory; the file is "mapped", so strips are read in place.
struct MemoryFile {
    std::span<const std::uint8_t> bytes;
    std::uint64_t pos = 0;
    std::string error; // libtiff's first error message
};

tsize_t readProc(thandle_t handle, tdata_t buffer, tsize_t size) {
    auto* file = static_cast<MemoryFile*>(handle);
    if (size <= 0 || file->pos >= file->bytes.size()) return 0;
    const auto count = std::min<std::uint64_t>(static_cast<std::uint64_t>(size), file->bytes.size() - file->pos);
    std::memcpy(buffer, file->bytes.data() + file->pos, count);
    file->pos += count;
    return static_cast<tsize_t>(count);
}
tsize_t writeProc(thandle_t, tdata_t, tsize_t) {
    return -1;
}
toff_t seekProc(thandle_t handle, toff_t offset, int whence) {
    auto* file = static_cast<MemoryFile*>(handle);
    const std::uint64_t base = whence == SEEK_CUR ? file->pos : whence == SEEK_END ? file->bytes.size() : 0;
    file->pos = base + offset;
    return file->pos;
}
int closeProc(thandle_t) {
    return 0;
}
toff_t sizeProc(thandle_t handle) {
    return static_cast<MemoryFile*>(handle)->bytes.size();
}
int mapProc(thandle_t handle, tdata_t* base, toff_t* size) {
    auto* file = static_cast<MemoryFile*>(handle);
    *base = const_cast<std::uint8_t*>(file->bytes.data());
    *size = file->bytes.size();
    return 1;
}
void unmapProc(thandle_t, tdata_t, toff_t) {}

int errorHandler(TIFF*, void* user, const char* module, const char* format, va_list args) {
    auto* file = static_cast<MemoryFile*>(user);
    if (file->error.empty()) {
        char message[512];
        std::vsnprintf(message, sizeof message, format, args);
        file->error = std::string(module ? module : "libtiff") + ": " + message;
    }
    return 1; // handled: nothing goes to stderr
}
// Pillow ignores libtiff's warnings (unknown tags and the like); so do we.
int warningHandler(TIFF*, void*, const char*, const char*, va_list) {
    return 1;
}

using TiffHandle = std::unique_ptr<TIFF, decltype(&TIFFClose)>;

TiffHandle openTiff(MemoryFile& file, std::uint64_t maxPixels) {
    std::unique_ptr<TIFFOpenOptions, decltype(&TIFFOpenOptionsFree)> options(TIFFOpenOptionsAlloc(),
                                                                             &TIFFOpenOptionsFree);
    if (!options) return {nullptr, &TIFFClose};
    const std::uint64_t limit = std::max(kMinAllocLimit, maxPixels * kAllocBytesPerPixel);
    TIFFOpenOptionsSetMaxSingleMemAlloc(options.get(), static_cast<tmsize_t>(limit));
    TIFFOpenOptionsSetErrorHandlerExtR(options.get(), &errorHandler, &file);
    TIFFOpenOptionsSetWarningHandlerExtR(options.get(), &warningHandler, &file);
    return {TIFFClientOpenExt("memory", "r", &file, readProc, writeProc, seekProc, closeProc, sizeProc, mapProc,
                              unmapProc, options.get()),
            &TIFFClose};
}

class TiffReader {
public:
    TiffReader(const Input& in, TIFF* tif, MemoryFile& file) : m_in(in), m_tif(tif), m_file(file) {}

    [[noreturn]] void fail(const std::string& problem) const {
        m_in.fail(kFormat, m_file.error.empty() ? problem : problem + " (" + m_file.error + ")");
    }

    DecodedImage decode() {
        std::uint32_t width = 0, height = 0;
        TIFFGetField(m_tif, TIFFTAG_IMAGEWIDTH, &width);
        TIFFGetField(m_tif, TIFFTAG_IMAGELENGTH, &height);
        m_in.checkSize(kFormat, width, height);
        m_width = static_cast<int>(width);
        m_height = static_cast<int>(height);

        std::uint16_t compression = 1, sampleFormat = 1, fillOrder = 1, planar = 1;
        TIFFGetFieldDefaulted(m_tif, TIFFTAG_COMPRESSION, &compression);
        TIFFGetFieldDefaulted(m_tif, TIFFTAG_SAMPLEFORMAT, &sampleFormat);
        TIFFGetFieldDefaulted(m_tif, TIFFTAG_FILLORDER, &fillOrder);
        TIFFGetFieldDefaulted(m_tif, TIFFTAG_PLANARCONFIG, &planar);
        TIFFGetFieldDefaulted(m_tif, TIFFTAG_PHOTOMETRIC, &m_samples.photometric);
        TIFFGetFieldDefaulted(m_tif, TIFFTAG_BITSPERSAMPLE, &m_samples.bitsPerSample);
        TIFFGetFieldDefaulted(m_tif, TIFFTAG_SAMPLESPERPIXEL, &m_samples.samplesPerPixel);
        std::uint16_t extraCount = 0;
        std::uint16_t* extras = nullptr;
        if (TIFFGetField(m_tif, TIFFTAG_EXTRASAMPLES, &extraCount, &extras) && extras)
            m_samples.extraSamples.assign(extras, extras + extraCount);
        m_samples.bigEndian = TIFFIsBigEndian(m_tif) != 0;

        if (compression == kOldJpeg) fail("old-style JPEG compression is not supported");
        if (sampleFormat != SAMPLEFORMAT_UINT) fail("signed or floating-point samples are not supported");
        if (fillOrder != FILLORDER_MSB2LSB) fail("fill order 2 (least significant bit first) is not supported");
        if (m_samples.photometric == kYCbCr) return decodeYCbCr();
        if (planar != PLANARCONFIG_CONTIG && m_samples.samplesPerPixel > 1)
            fail("separate colour planes (PlanarConfiguration 2) are not supported");

        const TiffLayoutChoice choice = chooseTiffLayout(m_samples);
        if (!choice.layout) fail(choice.refusal);
        if (choice.layout->kind == TiffLayout::Kind::Palette) readColorMap();
        DecodedImage image = makeImage(m_width, m_height, choice.layout->mode);
        const auto convert = [&](const std::uint8_t* row, int y) {
            convertTiffRow(*choice.layout, m_samples, m_colorMap, row, m_width, planarRow(image, y));
        };
        if (TIFFIsTiled(m_tif))
            readTiles(convert);
        else
            readStrips(convert);
        return image;
    }

private:
    void readColorMap() {
        std::uint16_t *red = nullptr, *green = nullptr, *blue = nullptr;
        if (!TIFFGetField(m_tif, TIFFTAG_COLORMAP, &red, &green, &blue) || !red || !green || !blue)
            fail("palette image without a colour map");
        m_colorMap = {red, green, blue}; // libtiff checked it has 2^BitsPerSample entries
    }

    template <typename Convert> void readStrips(const Convert& convert) {
        std::vector<std::uint8_t> line(checkedBytes(TIFFScanlineSize64(m_tif)));
        for (int y = 0; y < m_height; ++y) {
            if (TIFFReadScanline(m_tif, line.data(), static_cast<std::uint32_t>(y), 0) < 0)
                fail("corrupt or truncated data at row " + std::to_string(y));
            convert(line.data(), y);
        }
    }

    // Tiles are copied into a band of whole scanlines. TIFF makes tile widths multiples of 16 pixels,
    // so a tile starts on a byte even with 1-bit samples; files that break the rule are refused.
    template <typename Convert> void readTiles(const Convert& convert) {
        std::uint32_t tileWidth = 0, tileHeight = 0;
        TIFFGetField(m_tif, TIFFTAG_TILEWIDTH, &tileWidth);
        TIFFGetField(m_tif, TIFFTAG_TILELENGTH, &tileHeight);
        if (tileWidth == 0 || tileHeight == 0) fail("zero tile size");
        const std::uint64_t bitsPerPixel = std::uint64_t{m_samples.bitsPerSample} * m_samples.samplesPerPixel;
        if (tileWidth * bitsPerPixel % 8 != 0) fail("tiles that do not start on a byte");
        const std::size_t lineBytes = checkedBytes(TIFFScanlineSize64(m_tif));
        const std::size_t tileRowBytes = checkedBytes(TIFFTileRowSize64(m_tif));
        std::vector<std::uint8_t> tile(checkedBytes(TIFFTileSize64(m_tif)));
        const std::uint32_t bandRows = std::min<std::uint32_t>(tileHeight, static_cast<std::uint32_t>(m_height));
        std::vector<std::uint8_t> band(checkedBytes(std::uint64_t{lineBytes} * bandRows));
        for (std::uint32_t top = 0; top < static_cast<std::uint32_t>(m_height); top += tileHeight) {
            const std::uint32_t rows = std::min(tileHeight, static_cast<std::uint32_t>(m_height) - top);
            for (std::uint32_t left = 0; left < static_cast<std::uint32_t>(m_width); left += tileWidth) {
                if (TIFFReadTile(m_tif, tile.data(), left, top, 0, 0) < 0)
                    fail("corrupt or truncated tile at " + std::to_string(left) + "," + std::to_string(top));
                const std::size_t offset = static_cast<std::size_t>(left * bitsPerPixel / 8);
                const std::size_t count = std::min(tileRowBytes, lineBytes - offset);
                for (std::uint32_t r = 0; r < rows; ++r)
                    std::memcpy(band.data() + r * lineBytes + offset, tile.data() + r * tileRowBytes, count);
            }
            for (std::uint32_t r = 0; r < rows; ++r)
                convert(band.data() + r * lineBytes, static_cast<int>(top + r));
        }
    }

    // Pillow reads YCbCr (JPEG-compressed or not) through libtiff's RGBA interface, asking for a
    // top-left origin; with another Orientation it reads in pieces we do not reproduce.
    DecodedImage decodeYCbCr() {
        std::uint16_t orientation = ORIENTATION_TOPLEFT;
        TIFFGetFieldDefaulted(m_tif, TIFFTAG_ORIENTATION, &orientation);
        if (orientation != ORIENTATION_TOPLEFT) fail("YCbCr TIFF with Orientation " + std::to_string(orientation));
        if (m_samples.bitsPerSample != 8 || m_samples.samplesPerPixel != 3 || !m_samples.extraSamples.empty())
            fail("YCbCr TIFF that is not 3 samples of 8 bits");
        char message[1024] = {};
        if (!TIFFRGBAImageOK(m_tif, message)) fail(std::string("YCbCr TIFF: ") + message);
        std::vector<std::uint32_t> raster(checkedBytes(std::uint64_t{4} * static_cast<std::uint64_t>(m_width) *
                                                       static_cast<std::uint64_t>(m_height)) /
                                          4);
        if (!TIFFReadRGBAImageOriented(m_tif, static_cast<std::uint32_t>(m_width), static_cast<std::uint32_t>(m_height),
                                       raster.data(), ORIENTATION_TOPLEFT, 0))
            fail("corrupt or truncated YCbCr data");
        DecodedImage image = makeImage(m_width, m_height, "RGB");
        for (int y = 0; y < m_height; ++y) {
            const std::uint32_t* in = raster.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(m_width);
            const PlanarRow out = planarRow(image, y);
            for (int x = 0; x < m_width; ++x) {
                out.r[x] = static_cast<std::uint8_t>(TIFFGetR(in[x]));
                out.g[x] = static_cast<std::uint8_t>(TIFFGetG(in[x]));
                out.b[x] = static_cast<std::uint8_t>(TIFFGetB(in[x]));
            }
        }
        return image;
    }

    std::size_t checkedBytes(std::uint64_t bytes) const {
        const std::uint64_t limit = std::max(kMinAllocLimit, m_in.maxPixels * kAllocBytesPerPixel);
        if (bytes == 0 || bytes > limit)
            fail("implausible strip, tile or scanline size (" + std::to_string(bytes) + " bytes)");
        return static_cast<std::size_t>(bytes);
    }

    const Input& m_in;
    TIFF* m_tif;
    MemoryFile& m_file;
    TiffSamples m_samples;
    TiffColorMap m_colorMap;
    int m_width = 0;
    int m_height = 0;
};

} // namespace

DecodedImage decodeTiff(const Input& in) {
    MemoryFile file{in.bytes, 0, {}};
    TiffHandle tif = openTiff(file, in.maxPixels);
    if (!tif) in.fail(kFormat, file.error.empty() ? "cannot read the header" : "corrupt header (" + file.error + ")");
    return TiffReader(in, tif.get(), file).decode();
}

ImageSize tiffSize(std::span<const std::uint8_t> bytes) {
    MemoryFile file{bytes, 0, {}};
    TiffHandle tif = openTiff(file, kMaxImagePixels);
    std::uint32_t width = 0, height = 0;
    if (!tif || !TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &width) ||
        !TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &height) || width > INT32_MAX || height > INT32_MAX)
        return std::nullopt;
    return std::pair{static_cast<int>(width), static_cast<int>(height)};
}

} // namespace normlab::codecs
