#pragma once

#include <filesystem>
#include <string>

#include "core/common/progress.h"
#include "core/data/formats/cifar/cifarlayout.h"
#include "core/data/imageset.h"

namespace normlab {

// Reads one split ("train" or "test") of CIFAR-10 or CIFAR-100 as published: the python pickles
// (cifar-10-batches-py: data_batch_1..5, test_batch, batches.meta; cifar-100-python: train, test,
// meta) or the binary records (cifar-10-batches-bin: data_batch_1..5.bin, test_batch.bin,
// batches.meta.txt; cifar-100-binary: train.bin, test.bin, fine/coarse_label_names.txt).
// folder is the batches folder or a folder holding it (a torchvision root). The result has
// 3 x 32 x 32 images (CIFAR's own byte order), labels, class names, and each file read (the
// names file included) with its size, SHA-256 and MD5. Reports progress per file and honours a
// stop request between files. Throws Error("PATH: problem") for missing or malformed files.
ImageSet readCifarPython(const std::filesystem::path& folder, const std::string& split,
                         CifarLabels labels = CifarLabels::Fine, const Progress& progress = {});
ImageSet readCifarBinary(const std::filesystem::path& folder, const std::string& split,
                         CifarLabels labels = CifarLabels::Fine, const Progress& progress = {});

// Reads a split of a folder detectCifarLayout found, in whichever format it has.
ImageSet readCifar(const CifarLayout& layout, const std::string& split, CifarLabels labels = CifarLabels::Fine,
                   const Progress& progress = {});

} // namespace normlab
