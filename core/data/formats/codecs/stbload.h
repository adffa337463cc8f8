#pragma once

// stb_image's loaders, owned and checked: the BMP and PPM/PGM decoders call it only after their
// headers passed Pillow's checks, so what it returns is Pillow's data.

#include <cstdint>
#include <memory>
#include <span>

#include "core/data/formats/codecs/codec.h"

namespace normlab::codecs {

struct StbFree {
    void operator()(void* pixels) const;
};

// Decodes to `channels` 8-bit (or, with sixteenBit, 16-bit) samples per pixel; throws unless stb
// reads the file at exactly width x height.
std::unique_ptr<void, StbFree> stbLoad(const Input& in, const char* format, int width, int height, int channels,
                                       bool sixteenBit = false);

} // namespace normlab::codecs
