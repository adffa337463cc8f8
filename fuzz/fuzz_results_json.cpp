// libFuzzer target: reopening a saved results JSON (the GUI's "Open results"). Any text must be
// read or refused with normlab::Error, never crash.
#include <cstdint>
#include <string>

#include "core/common/error.h"
#include "core/train/experiment/resultsexport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto runs = normlab::resultsFromJson(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
        // Whatever was accepted must export again without trouble.
        normlab::resultsToCsv(runs);
        normlab::resultsToJson(runs);
    } catch (const normlab::Error&) {
    }
    return 0;
}
