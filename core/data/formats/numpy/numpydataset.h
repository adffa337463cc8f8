#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/data/imageset.h"
#include "core/data/formats/numpy/npyarray.h"

namespace normlab {

// Data sets stored as NumPy arrays: a pair of .npy files (images and labels) or a MedMNIST .npz.
//
// Images are uint8, N x H x W (grey) or N x H x W x C with C = 1, 3 or 4 (channels last, as NumPy,
// Keras and MedMNIST store them); they are transposed to ImageSet's N x C x H x W. Fortran-ordered
// arrays (np.asfortranarray, MATLAB exports) are converted to C order rather than refused: the
// values are the same, only their order in the file differs. Labels are any integer (or bool)
// dtype, shape (N,) or (N, 1), with values 0..255; class names are "0".."K-1" for K = max label + 1.
// Every problem is an Error("FILE: problem").

// Reads images and labels from two .npy files. The data set id is the images file's stem, or for
// the generic names labelsBesideImages pairs ("x_train", "train_images", ...) its folder's name;
// origin is "NumPy file IMAGES". Both files are recorded in sources with their digests.
ImageSet readNumpyImages(const std::filesystem::path& images, const std::filesystem::path& labels,
                         const std::string& split);

// The labels file that goes with an images .npy file, where one exists beside it. Pairs accepted:
//   x_S.npy or X_S.npy  -> y_S.npy       (Keras, scikit-learn: x_train / y_train)
//   x.npy or X.npy      -> y.npy
//   S_images.npy        -> S_labels.npy  (MedMNIST's key names: train_images / train_labels)
//   images_S.npy        -> labels_S.npy
//   images.npy          -> labels.npy
std::optional<std::filesystem::path> labelsBesideImages(const std::filesystem::path& images);

// Reads one split ("train", "val" or "test") of a MedMNIST .npz (np.savez or np.savez_compressed)
// from its arrays SPLIT_images and SPLIT_labels. The data set id is the file's stem ("pathmnist").
ImageSet readMedMnistNpz(const std::filesystem::path& npz, const std::string& split);

// The checks and the change of layout both readers share: count, pixels, labels and class names of
// an ImageSet from an images array and a labels array (names are for messages). The caller fills in
// dataset, split, origin and sources.
ImageSet imageSetFromNpy(NpyArray images, NpyArray labels, const std::string& imagesName,
                         const std::string& labelsName);

// The pieces the whole readers and the streamed ones (numpysplitstream.h) share.

// The images an images array's dtype and shape declare, checked (uint8; N x H x W or N x H x W x C
// with C = 1, 3 or 4; sides 1 to 4096). Throws Error("NAME: problem").
struct NpyImageShape {
    std::uint64_t count = 0, channels = 1, height = 0, width = 0;
    std::size_t imageBytes() const { return static_cast<std::size_t>(channels * height * width); }
};
NpyImageShape checkNpyImages(const std::string& descr, const std::vector<std::uint64_t>& shape,
                             const std::string& imagesName);
// Throws Error unless the labels array holds one label an image.
void checkNpyLabelCount(const std::vector<std::uint64_t>& labelsShape, std::uint64_t images,
                        const std::string& labelsName, const std::string& imagesName);
// The labels as bytes: any integer or bool dtype, shape (N,) or (N, 1), values 0..255.
std::vector<std::uint8_t> npyLabelBytes(NpyArray labels, const std::string& name);
// N x H x W x C to N x C x H x W in place, one image at a time.
void channelsLastToFirst(std::uint8_t* pixels, std::size_t count, std::size_t planeSize, std::size_t channels);
// Class names "0".."max label" of set.labels, with a note on labels no image has.
void describeNpyLabels(ImageSet& set);
// The data set id of an images .npy file (see readNumpyImages).
std::string numpyDatasetId(const std::filesystem::path& images);

} // namespace normlab
