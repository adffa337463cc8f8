// libFuzzer target: the download manifest beside the data (outside input: anyone can edit it).
#include <cstdint>
#include <string>

#include "core/download/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    normlab::parseManifestSources(std::string(reinterpret_cast<const char*>(data), size)); // must never throw
    return 0;
}
