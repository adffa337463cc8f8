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
    std::string verdict; // e.g. "published FashionMNIST content (…); file recompressed"
    std::string origin;  // mirror it was downloaded from, when recorded, else where the set was found
};

// The loader's verdict on each source file against the published files, and where it came from:
// the mirror in NormLab's download manifest, else where the data set was found.
std::vector<FileCheck> checkSources(const std::vector<SourceFile>& sources, const std::string& datasetOrigin);

} // namespace normlab
