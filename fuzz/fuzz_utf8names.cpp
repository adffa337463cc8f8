// libFuzzer target: names from the file system (class folders, file names, paths) are arbitrary
// bytes. Their one conversion to UTF-8 (core/common/utf8names.h) must give valid UTF-8 that the JSON
// writer accepts, change nothing that was valid already, and be its own fixed point.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "core/common/utf8names.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const std::string name = normlab::utf8Name(bytes);
    if (normlab::utf8Name(name) != name) std::abort(); // valid UTF-8 is left as it is
    nlohmann::json j = name;
    (void)j.dump(); // throws (and so fails) on invalid UTF-8
    return 0;
}
