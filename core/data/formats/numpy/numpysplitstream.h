#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/data/splitstream.h"

namespace normlab {

// NumPy data sets as streams (numpydataset.h describes the layouts and the checks, which are the
// same): the labels are read whole (a few bytes an image), the images a chunk at a time from the
// file or from inside the .npz entry, inflated piece by piece, and digested on the way.

// A pair of .npy files. A Fortran-ordered images array (each image's pixels spread over the whole
// file) is read whole instead.
std::unique_ptr<SplitStream> openNpyPairStream(const std::filesystem::path& images,
                                               const std::filesystem::path& labels, const std::string& split);

// One split of a MedMNIST .npz (arrays SPLIT_images and SPLIT_labels).
std::unique_ptr<SplitStream> openMedMnistNpzStream(const std::filesystem::path& npz, const std::string& split);

} // namespace normlab
