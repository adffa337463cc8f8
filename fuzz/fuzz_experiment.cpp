// libFuzzer target: reading an experiment file (train --experiment). Any text must be read or
// refused with normlab::Error, never crash; what is accepted must write and read back the same.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/common/error.h"
#include "core/train/experiment/experimentfile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto e = normlab::experimentFromJson(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
        const std::string text = normlab::experimentToJson(e);
        if (normlab::experimentToJson(normlab::experimentFromJson(text, "again.json")) != text) std::abort();
        // An accepted grid must expand; keep it small so a huge product is not mistaken for a hang.
        std::size_t runs = static_cast<std::size_t>(e.seeds);
        for (const auto& axis : e.grid)
            runs *= axis.values.size();
        if (runs <= 1000) normlab::expandGrid(e.base, e.grid, e.seeds);
    } catch (const normlab::Error&) {
    }
    return 0;
}
