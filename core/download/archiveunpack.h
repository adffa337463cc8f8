#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/common/progress.h"

namespace normlab {

// Unpacks the regular files of an archive (zip, tar.gz, … — whatever libarchive reads) whose
// paths start with memberPrefix into `folder`, with stripPrefix removed from the front of each
// path. Each file is written under a temporary name and renamed into place, so a failure leaves no
// partial file behind. Members with absolute paths or ".." are refused (an archive cannot write
// outside the folder). Returns the files written, relative to `folder`. Throws Error naming the
// archive and the problem, or Cancelled.
std::vector<std::filesystem::path> unpackArchive(const std::filesystem::path& archive,
                                                 const std::filesystem::path& folder, const std::string& memberPrefix,
                                                 const std::string& stripPrefix, const Progress& progress = {});

} // namespace normlab
