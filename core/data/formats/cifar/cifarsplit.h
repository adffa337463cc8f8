#pragma once

// Private to the CIFAR readers (cifarreader.cpp, cifarpython.cpp, cifarbinary.cpp).

#include <cstddef>
#include <string>

#include "core/common/progress.h"
#include "core/data/formats/cifar/cifarlayout.h"
#include "core/data/imageset.h"

namespace normlab {

// Batch files mapped at once while their SHA-256s run (30 MB each for CIFAR-10): enough for both
// cores to hash while the next batch is parsed and copied.
constexpr std::size_t kCifarFilesMapped = 3;

// An ImageSet with the split's identity and image shape and no images yet, once every file the
// split needs (its batches and its class names) was found: else Error naming the missing file and
// what the split needs.
ImageSet startCifarSplit(const CifarLayout& layout, const std::string& split, CifarLabels labels);

// Read the split's files in the layout's format (cifarpython.cpp, cifarbinary.cpp).
ImageSet readCifarPythonSplit(const CifarLayout& layout, const std::string& split, CifarLabels labels,
                              const Progress& progress);
ImageSet readCifarBinarySplit(const CifarLayout& layout, const std::string& split, CifarLabels labels,
                              const Progress& progress);

} // namespace normlab
