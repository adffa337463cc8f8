#include "core/data/sourcedigest.h"

#include <future>

#include "core/common/digest.h"

namespace normlab {

SourceFile sourceFileOf(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    SourceFile source;
    source.path = path.string();
    source.bytes = bytes.size();
    auto sha = std::async(std::launch::async, [&bytes] { return sha256Hex(bytes); });
    source.md5 = md5Hex(bytes);
    source.sha256 = sha.get();
    return source;
}

} // namespace normlab
