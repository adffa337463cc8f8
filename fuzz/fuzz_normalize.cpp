// libFuzzer target: the Normalize text a user pastes (normlab-cli check --normalize, the GUI's
// Check constants panel). A bad text must end in normlab::Error, never a crash or a hang.
#include <cstdint>
#include <string>

#include "core/common/error.h"
#include "core/stats/normalizetext.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        normlab::parseNormalize(text);
    } catch (const normlab::Error&) {
    }
    try {
        normlab::parseNumberList(text, "--mean");
    } catch (const normlab::Error&) {
    }
    return 0;
}
