#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/formats/cifar/cifarlayout.h"
#include "core/data/imageset.h"

namespace normlab {

// What a front end asks for: a catalog id, "synthetic", "auto", or a path: a folder (IDX files, a
// torchvision root, a CIFAR batches folder, an image folder) or a file (.npy images with their
// labels beside them, a MedMNIST .npz).
struct DatasetRequest {
    std::string dataset = "auto";  // "auto": MNIST if found, else FashionMNIST if found, else synthetic
    std::filesystem::path dataDir; // empty: defaultDataDir()
    std::uint64_t syntheticSeed = 1;
    std::size_t limit = 0;     // keep only the first N images of a split (0: all)
    bool coarseLabels = false; // CIFAR-100's 20 superclasses instead of its 100 classes
};

// How a request's data is stored, which decides how it is read: image folders are decoded (and
// streamed by the stats command), everything else is read whole.
enum class DatasetKind { Synthetic, Catalog, IdxFolder, Cifar, NumpyPair, MedMnistNpz, ImageFolder };

// The data set "auto" stands for with this data directory: MNIST if it is found (data directory or
// system folders), else FashionMNIST if found, else the synthetic digits.
std::string resolveDatasetId(const DatasetRequest& request);

// The data directory a request uses: its own, else defaultDataDir().
std::filesystem::path dataDirOf(const DatasetRequest& request);

// What kind of data a request names. Throws Error for a path that is none of them, saying what
// NormLab reads.
DatasetKind datasetKind(const DatasetRequest& request);

// The splits a request's data set has, of "train", "val" and "test" (in that order).
std::vector<std::string> availableSplits(const DatasetRequest& request);

// The split training and the explorer hold out: "test" where there is one, else "val", else empty.
std::string heldOutSplit(const DatasetRequest& request);

// Loads one split ("train", "val" or "test"). Throws Error naming the data set, where it looked and
// what to do (download it, or pass --data-dir) when the files are not there, or which splits it
// has when it lacks this one.
ImageSet openSplit(const DatasetRequest& request, const std::string& split, const Progress& progress = {});

// The IDX files one split of a request is read from (a catalog data set or a folder of IDX files),
// and what they are; nullopt for data sets stored otherwise. Throws Error as openSplit does.
struct IdxSplitFiles {
    std::filesystem::path images, labels;
    std::string dataset, origin;
    std::vector<std::string> classNames; // the catalog's; empty for a custom folder
    bool transposed = false;             // EMNIST
};
std::optional<IdxSplitFiles> idxSplitFiles(const DatasetRequest& request, const std::string& split);

// The CIFAR batches folder a request reads (a catalog CIFAR, or a folder of CIFAR files), and how
// the data set is named; nullopt for data sets stored otherwise. Throws Error as openSplit does.
struct CifarSplitFolder {
    CifarLayout layout;
    std::string dataset, origin;
    CifarLabels labels = CifarLabels::Fine;
};
std::optional<CifarSplitFolder> cifarSplitFolder(const DatasetRequest& request);

// The images .npy of a split beside the file a request names, and its labels file. Throws Error
// naming what is missing.
struct NumpyPairFiles {
    std::filesystem::path images, labels;
};
NumpyPairFiles numpyPairFiles(const std::filesystem::path& file, const std::string& split);

// True for the split names NormLab uses: train, val, test.
bool isValidSplit(const std::string& split);

} // namespace normlab
