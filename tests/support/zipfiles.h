#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace normlab::test {

// A zip archive written by libarchive, as np.savez (stored) or np.savez_compressed (deflate)
// would write it: one member per entry, named as given (NumPy's members end in ".npy").
std::vector<std::uint8_t> zipBytes(const std::vector<std::pair<std::string, std::vector<std::uint8_t>>>& entries,
                                   bool deflate);

} // namespace normlab::test
