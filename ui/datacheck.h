#pragma once

#include <string>
#include <vector>

#include "core/data/imageset.h"

namespace normlab {

// What the data-check panel says about one file that was read.
struct FileCheck {
    std::string path;
    std::uint64_t bytes = 0;
    std::string sha256;
    std::string verdict; // e.g. "matches the published MNIST file"
    std::string origin;  // mirror it was downloaded from, when recorded
};

// Compares each source file with the catalog's published checksums (MD5 of the .gz files) and
// looks up where it came from in NormLab's download manifest.
std::vector<FileCheck> checkSources(const std::vector<SourceFile>& sources);

} // namespace normlab
