#include "core/data/codecs/pixels.h"

namespace normlab::codecs {

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
        if (channels >= 3) {
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
