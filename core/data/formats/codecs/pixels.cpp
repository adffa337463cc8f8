#include "core/data/formats/codecs/pixels.h"

#include "core/common/cpufeatures.h"

namespace normlab::codecs {
namespace {

// Splitting RGB triples into planes takes about 100 us per 256x256 image as plain x86-64 code,
// a sixth of a JPEG decode; with SSSE3's byte shuffles GCC vectorizes it to about 13 us. The loop
// is compiled for AVX2, SSSE3 and the baseline, and the best the CPU has is chosen at run time
// (core/common/cpufeatures.h says why not with target_clones), so the binary runs on any x86-64.
inline __attribute__((always_inline)) void splitLoop(const std::uint8_t* __restrict in, std::uint8_t* __restrict r,
                                                     std::uint8_t* __restrict g, std::uint8_t* __restrict b,
                                                     int count) {
    for (int x = 0; x < count; ++x) {
        r[x] = in[3 * x];
        g[x] = in[3 * x + 1];
        b[x] = in[3 * x + 2];
    }
}

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define NORMLAB_SPLIT_VERSIONS 1
#define NORMLAB_VECTORIZED_FOR(isa) __attribute__((target(isa), optimize("tree-vectorize", "vect-cost-model=dynamic")))

NORMLAB_VECTORIZED_FOR("avx2")
void splitAvx2(const std::uint8_t* in, std::uint8_t* r, std::uint8_t* g, std::uint8_t* b, int count) {
    splitLoop(in, r, g, b, count);
}

NORMLAB_VECTORIZED_FOR("ssse3")
void splitSsse3(const std::uint8_t* in, std::uint8_t* r, std::uint8_t* g, std::uint8_t* b, int count) {
    splitLoop(in, r, g, b, count);
}
#endif

void splitTriples(const std::uint8_t* in, std::uint8_t* r, std::uint8_t* g, std::uint8_t* b, int count) {
#ifdef NORMLAB_SPLIT_VERSIONS
    if (cpuHasAvx2()) return splitAvx2(in, r, g, b, count);
    if (cpuHasSsse3()) return splitSsse3(in, r, g, b, count);
#endif
    splitLoop(in, r, g, b, count);
}

} // namespace

DecodedImage makeImage(int width, int height, std::string sourceMode) {
    DecodedImage image;
    image.width = width;
    image.height = height;
    image.planar.resize(std::size_t{3} * static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    image.sourceMode = std::move(sourceMode);
    return image;
}

PlanarRow planarRow(DecodedImage& image, int y) {
    const std::size_t plane = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
    std::uint8_t* r = image.planar.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width);
    return {r, r + plane, r + 2 * plane};
}

void fillFromInterleaved(DecodedImage& image, const std::uint8_t* pixels, std::size_t rowStride, int channels) {
    const auto c = static_cast<std::size_t>(channels);
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* in = pixels + static_cast<std::size_t>(y) * rowStride;
        const PlanarRow out = planarRow(image, y);
        if (channels == 3) {
            splitTriples(in, out.r, out.g, out.b, image.width);
        } else if (channels > 3) {
            for (int x = 0; x < image.width; ++x, in += c) {
                out.r[x] = in[0];
                out.g[x] = in[1];
                out.b[x] = in[2];
            }
        } else {
            for (int x = 0; x < image.width; ++x, in += c)
                out.r[x] = out.g[x] = out.b[x] = in[0];
        }
    }
}

} // namespace normlab::codecs
