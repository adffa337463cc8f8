// libFuzzer target: the part files `normlab-cli stats --shard K/N` writes and `merge` reads back,
// which a job array's nodes hand around (and a user may edit). A bad file must end in
// normlab::Error, never a crash, a hang or an allocation from a declared size; a file that parses
// must also merge (one part that is the whole split) without crashing.
#include <cstdint>
#include <string_view>

#include "core/common/error.h"
#include "core/stats/statspart.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const normlab::StatsPart part =
            normlab::statsPartFromJson(std::string_view(reinterpret_cast<const char*>(data), size), "part.json");
        normlab::mergeStatsParts({part}, {"part.json"});
    } catch (const normlab::Error&) {
    }
    return 0;
}
