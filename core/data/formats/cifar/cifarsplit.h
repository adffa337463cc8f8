#pragma once

// Private to the CIFAR readers (cifarreader.cpp, cifarsplitstream.cpp, cifarpython.cpp,
// cifarbinary.cpp).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

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

// One batch file's images (count x 3072 bytes, CIFAR's order) and labels, checked.
struct CifarBatchImages {
    std::vector<std::uint8_t> pixels, labels;
};

// The format-specific parts (cifarpython.cpp, cifarbinary.cpp). Each throws Error("NAME: problem")
// for a malformed file.
// The class names of the names file (the meta pickle, or the names text file).
std::vector<std::string> cifarPythonNames(std::span<const std::uint8_t> bytes, const CifarLayout& layout,
                                          CifarLabels labels, const std::string& name);
std::vector<std::string> cifarBinaryNames(std::span<const std::uint8_t> bytes, const CifarLayout& layout,
                                          CifarLabels labels, const std::string& name);
// The number of images of a batch file, so that the split's size is known before a pixel is copied.
std::size_t cifarPythonCount(std::span<const std::uint8_t> bytes, const CifarLayout& layout, CifarLabels labels,
                             const std::string& name);
std::size_t cifarBinaryCount(std::span<const std::uint8_t> bytes, const CifarLayout& layout, const std::string& name);
// The images and labels of a batch file.
CifarBatchImages cifarPythonBatch(std::span<const std::uint8_t> bytes, const CifarLayout& layout, CifarLabels labels,
                                  const std::string& name);
CifarBatchImages cifarBinaryBatch(std::span<const std::uint8_t> bytes, const CifarLayout& layout, CifarLabels labels,
                                  const std::string& name);

} // namespace normlab
