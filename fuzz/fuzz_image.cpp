// libFuzzer target: the image decoder on arbitrary bytes. Any input must either decode or raise
// normlab::Error; a decoded image must have 3 x W x H bytes and the size its header reports.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "core/common/error.h"
#include "core/data/formats/codecs/imagedecoder.h"

namespace {
// Far below Pillow's limit, so that forged headers cannot take the fuzzer past -rss_limit_mb=2048
// with ASan's overhead, and garbage decodes stay fast.
constexpr std::uint64_t kFuzzMaxPixels = std::uint64_t{1} << 20;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    const auto headerSize = normlab::readImageSize(bytes);
    try {
        const normlab::DecodedImage image = normlab::decodeImage(bytes, "fuzz-input", kFuzzMaxPixels);
        const std::size_t pixels = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
        if (image.width <= 0 || image.height <= 0 || image.planar.size() != 3 * pixels || image.sourceMode.empty())
            std::abort();
        if (!headerSize || headerSize->first != image.width || headerSize->second != image.height) std::abort();
    } catch (const normlab::Error&) {
        // Refused with a message: the expected outcome for malformed input.
    }
    return 0;
}
