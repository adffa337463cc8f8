#pragma once

#include <cstdint>
#include <span>

namespace normlab::codecs {

// True when the JPEG's segments, walked by their lengths and through the entropy-coded data,
// reach an end-of-image marker. An EOI inside a segment (an EXIF thumbnail's) does not count.
bool hasEndOfImage(std::span<const std::uint8_t> bytes);

} // namespace normlab::codecs
