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

} // namespace normlab
