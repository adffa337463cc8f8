#pragma once

#include <filesystem>
#include <string_view>

namespace normlab {

// Writes contents to a temporary file beside path, flushes it to disk, then renames it over path.
// Readers see either the old file or the complete new one, never a partial file. On any failure
// the temporary file is removed and Error("PATH: cannot write: reason") is thrown.
void writeFileAtomically(const std::filesystem::path& path, std::string_view contents);

} // namespace normlab
