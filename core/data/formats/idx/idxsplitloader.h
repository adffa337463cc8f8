#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/data/formats/idx/idxarray.h"
#include "core/data/imageset.h"

namespace normlab {

// Loads one split from an images file (N x H x W or N x C x H x W) and a labels file (N bytes, or
// N x K 32-bit integers with the class first, as QMNIST's). `transposed` flips images stored
// column-major (EMNIST) upright.
// Checks that the counts agree and every label is below the class count; when classNames is
// empty (a custom folder) the classes are 0..max(label). Records each file's size and SHA-256.
ImageSet loadIdxSplit(const std::filesystem::path& imagesPath, const std::filesystem::path& labelsPath,
                      const std::vector<std::string>& classNames, bool transposed = false);

// The pieces loadIdxSplit and the streamed reader (idxsplitstream.h) share.

// An IDX file read whole with its path, size, digests and what it is among published files.
struct IdxFile {
    IdxArray array;
    SourceFile source;
};
IdxFile readIdxWithSource(const std::filesystem::path& path);

// The images an images file's header declares, checked: 3 or 4 dimensions, unsigned bytes, 1 to 4
// channels, sides of 1 to 4096. Throws Error("NAME: problem").
struct IdxImageShape {
    std::uint32_t count = 0, channels = 1, height = 0, width = 0;
    std::size_t imageBytes() const { return std::size_t{channels} * height * width; }
};
IdxImageShape checkIdxImages(const std::vector<std::uint32_t>& dims, std::uint8_t type, const std::string& imagesName);

// The class of each image: a labels file of bytes (N), or of 32-bit integers N x K whose first
// column is the class (QMNIST; the other columns are writer ids and the like).
std::vector<std::uint8_t> idxClassLabels(IdxArray&& labels, const std::filesystem::path& path);

// EMNIST's images are stored transposed (column-major): each plane is flipped about its diagonal.
void transposeImagePlanes(std::uint8_t* pixels, std::size_t planes, std::uint32_t height, std::uint32_t width);
inline constexpr const char* kTransposedNote = "stored transposed (as EMNIST's files are); shown upright";

// Sets classNames from the labels already in set: the catalog's names, checked against the largest
// label, or "0".."max" for a custom folder (with a note on labels no image has).
void describeIdxLabels(ImageSet& set, const std::vector<std::string>& classNames,
                       const std::filesystem::path& labelsPath);

} // namespace normlab
