// libFuzzer target: the IDX reader on arbitrary bytes, plain or gzip. Any input must either
// parse or raise normlab::Error; a parsed plain file must encode back to the same bytes.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "core/common/error.h"
#include "core/common/filebytes.h"
#include "core/data/formats/idx/idxarray.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::uint8_t> bytes(data, data + size);
    try {
        const bool gzipped = normlab::looksGzipped(bytes);
        std::vector<std::uint8_t> plain = gzipped ? normlab::gunzip(bytes, "fuzz-input") : bytes;
        const std::vector<std::uint8_t> original = plain;
        const normlab::IdxArray array = normlab::parseIdx(std::move(plain), "fuzz-input");
        if (normlab::encodeIdx(array, false) != original)
            std::abort(); // the reader accepted something it does not describe exactly
    } catch (const normlab::Error&) {
        // Refused with a message: the expected outcome for malformed input.
    }
    return 0;
}
