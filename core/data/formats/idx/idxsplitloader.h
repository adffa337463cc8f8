#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/data/imageset.h"

namespace normlab {

// Loads one split from an images file (N x H x W or N x C x H x W) and a labels file (N bytes, or
// N x K 32-bit integers with the class first, as QMNIST's). `transposed` flips images stored
// column-major (EMNIST) upright.
// Checks that the counts agree and every label is below the class count; when classNames is
// empty (a custom folder) the classes are 0..max(label). Records each file's size and SHA-256.
ImageSet loadIdxSplit(const std::filesystem::path& imagesPath, const std::filesystem::path& labelsPath,
                      const std::vector<std::string>& classNames, bool transposed = false);

} // namespace normlab
