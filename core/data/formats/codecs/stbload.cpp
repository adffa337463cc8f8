#include "core/data/formats/codecs/stbload.h"

#include <climits>
#include <string>

#include <stb/stb_image.h>

namespace normlab::codecs {

void StbFree::operator()(void* pixels) const {
    stbi_image_free(pixels);
}

std::unique_ptr<void, StbFree> stbLoad(const Input& in, const char* format, int width, int height, int channels,
                                       bool sixteenBit) {
    if (in.bytes.size() > INT_MAX) in.fail(format, "file larger than 2 GB");
    const auto size = static_cast<int>(in.bytes.size());
    int w = 0, h = 0, fileChannels = 0;
    std::unique_ptr<void, StbFree> pixels(
        sixteenBit
            ? static_cast<void*>(stbi_load_16_from_memory(in.bytes.data(), size, &w, &h, &fileChannels, channels))
            : static_cast<void*>(stbi_load_from_memory(in.bytes.data(), size, &w, &h, &fileChannels, channels)));
    if (!pixels) {
        const char* reason = stbi_failure_reason(); // thread-local in stb_image
        in.fail(format, std::string("corrupt file (stb_image: ") + (reason ? reason : "unknown error") + ")");
    }
    if (w != width || h != height)
        in.fail(format, "stb_image read " + std::to_string(w) + "x" + std::to_string(h) + " where the header says " +
                            std::to_string(width) + "x" + std::to_string(height));
    return pixels;
}

} // namespace normlab::codecs
