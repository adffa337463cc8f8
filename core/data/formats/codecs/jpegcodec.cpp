// JPEG through TurboJPEG with libjpeg's defaults, as Pillow uses them: the accurate integer IDCT
// (ISLOW) and fancy upsampling. Pillow opens one component as "L", three as "RGB" (libjpeg converts
// YCbCr) and four as "CMYK", always read as Adobe's inverted CMYK; EXIF orientation is not applied.
#include <cstring>
#include <memory>
#include <vector>

#include <turbojpeg.h>

#include "core/data/formats/codecs/codec.h"
#include "core/data/formats/codecs/jpegmarkers.h"
#include "core/data/formats/codecs/pixels.h"

namespace normlab::codecs {
namespace {

constexpr const char* kFormat = "JPEG";

// One TurboJPEG decompressor per thread: decodes run on every core, and a handle is not shareable.
tjhandle threadDecompressor() {
    struct Handle {
        tjhandle handle = tjInitDecompress();
        ~Handle() {
            if (handle) tjDestroy(handle);
        }
    };
    thread_local Handle decompressor;
    return decompressor.handle;
}

void writeCmyk(DecodedImage& image, const std::vector<std::uint8_t>& pixels) {
    const std::uint8_t* in = pixels.data();
    for (int y = 0; y < image.height; ++y) {
        const PlanarRow out = planarRow(image, y);
        for (int x = 0; x < image.width; ++x, in += 4) {
            // Pillow's "CMYK;I" raw mode inverts every byte before its cmyk2rgb.
            const unsigned black = 255u - in[3];
            out.r[x] = cmykChannel(255u - in[0], black);
            out.g[x] = cmykChannel(255u - in[1], black);
            out.b[x] = cmykChannel(255u - in[2], black);
        }
    }
}

constexpr std::size_t kKeptScratchBytes = std::size_t{64} << 20;

} // namespace

DecodedImage decodeJpeg(const Input& in) {
    tjhandle tj = threadDecompressor();
    if (!tj) in.fail(kFormat, "cannot create a TurboJPEG decompressor");
    int width = 0, height = 0, subsampling = 0, colorspace = 0;
    if (tjDecompressHeader3(tj, in.bytes.data(), static_cast<unsigned long>(in.bytes.size()), &width, &height,
                            &subsampling, &colorspace) != 0)
        in.fail(kFormat, std::string("unreadable header (") + tjGetErrorStr2(tj) + ")");
    in.checkSize(kFormat, static_cast<std::uint64_t>(width), static_cast<std::uint64_t>(height));
    // Pillow stops with "image file is truncated" when the data ends before the end-of-image
    // marker; libjpeg would pad the missing part with grey and only warn.
    if (!hasEndOfImage(in.bytes)) in.fail(kFormat, "file is truncated (no end-of-image marker)");

    const bool grey = colorspace == TJCS_GRAY;
    const bool cmyk = colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
    const int pixelFormat = grey ? TJPF_GRAY : cmyk ? TJPF_CMYK : TJPF_RGB;
    const int channels = tjPixelSize[pixelFormat];
    // The interleaved pixels go into a buffer each thread keeps: a fresh one per image cost about a
    // sixth of the decode time in page faults (a folder decodes thousands on each thread).
    static thread_local std::vector<std::uint8_t> scratch;
    std::vector<std::uint8_t>& pixels = scratch;
    pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) *
                  static_cast<std::size_t>(channels));
    struct Release { // a huge image's buffer is not kept
        std::vector<std::uint8_t>& buffer;
        ~Release() {
            if (buffer.capacity() > kKeptScratchBytes) std::vector<std::uint8_t>().swap(buffer);
        }
    } release{pixels};
    // TJFLAG_LIMITSCANS refuses progressive files of more than 500 scans, which take minutes.
    if (tjDecompress2(tj, in.bytes.data(), static_cast<unsigned long>(in.bytes.size()), pixels.data(), width, 0, height,
                      pixelFormat, TJFLAG_LIMITSCANS) != 0) {
        const std::string message = tjGetErrorStr2(tj);
        // Pillow ignores libjpeg's warnings about corrupt data (the pixels are libjpeg's either way),
        // but not running out of data.
        if (tjGetErrorCode(tj) != TJERR_WARNING || message.find("Premature end") != std::string::npos)
            in.fail(kFormat, "corrupt data (" + message + ")");
    }

    DecodedImage image = makeImage(width, height, grey ? "L" : cmyk ? "CMYK" : "RGB");
    if (cmyk)
        writeCmyk(image, pixels);
    else
        fillFromInterleaved(image, pixels.data(), static_cast<std::size_t>(width) * channels, channels);
    return image;
}

ImageSize jpegSize(std::span<const std::uint8_t> bytes) {
    tjhandle tj = threadDecompressor();
    int width = 0, height = 0, subsampling = 0, colorspace = 0;
    if (!tj || tjDecompressHeader3(tj, bytes.data(), static_cast<unsigned long>(bytes.size()), &width, &height,
                                   &subsampling, &colorspace) != 0)
        return std::nullopt;
    return std::pair{width, height};
}

} // namespace normlab::codecs
