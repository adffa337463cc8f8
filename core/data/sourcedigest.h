#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/data/imageset.h"

namespace normlab {

// The record of a file a data set was read from (path, size, SHA-256, MD5), from the bytes already
// read, so the file is read once. The two digests run side by side, one per core.
SourceFile sourceFileOf(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);

} // namespace normlab
