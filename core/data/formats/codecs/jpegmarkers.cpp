#include "core/data/formats/codecs/jpegmarkers.h"

#include <cstring>

namespace normlab::codecs {
namespace {

constexpr std::uint8_t kMarkerPrefix = 0xFF;
constexpr std::uint8_t kStartOfScan = 0xDA;
constexpr std::uint8_t kEndOfImage = 0xD9;

bool isRestart(std::uint8_t marker) {
    return marker >= 0xD0 && marker <= 0xD7;
}

// Markers without a length field.
bool isStandalone(std::uint8_t marker) {
    return marker == 0x01 || marker == 0xD8 || isRestart(marker);
}

// memchr, not std::find: glibc's is vectorized, and entropy-coded data is most of a JPEG.
std::size_t findPrefix(std::span<const std::uint8_t> bytes, std::size_t from) {
    if (from >= bytes.size()) return bytes.size();
    const void* hit = std::memchr(bytes.data() + from, kMarkerPrefix, bytes.size() - from);
    return hit ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(hit) - bytes.data()) : bytes.size();
}

// From inside entropy-coded data, the position of the next real marker's first 0xFF: FF 00 is a
// stuffed data byte and restart markers belong to the scan.
std::size_t skipEntropyData(std::span<const std::uint8_t> bytes, std::size_t pos) {
    for (;;) {
        pos = findPrefix(bytes, pos);
        std::size_t next = pos + 1;
        while (next < bytes.size() && bytes[next] == kMarkerPrefix)
            ++next;
        if (next >= bytes.size()) return bytes.size();
        if (bytes[next] != 0x00 && !isRestart(bytes[next])) return next - 1;
        pos = next + 1;
    }
}

} // namespace

bool hasEndOfImage(std::span<const std::uint8_t> bytes) {
    const std::size_t n = bytes.size();
    std::size_t pos = 2; // after SOI
    for (;;) {
        pos = findPrefix(bytes, pos); // libjpeg skips stray bytes between segments the same way
        while (pos < n && bytes[pos] == kMarkerPrefix)
            ++pos;
        if (pos >= n) return false;
        const std::uint8_t marker = bytes[pos++];
        if (marker == kEndOfImage) return true;
        if (marker == 0x00 || isStandalone(marker)) continue;
        if (pos + 2 > n) return false;
        const std::size_t length = std::size_t{bytes[pos]} << 8 | bytes[pos + 1];
        if (length < 2) return false;
        pos += length;
        if (marker == kStartOfScan) pos = skipEntropyData(bytes, pos);
    }
}

} // namespace normlab::codecs
