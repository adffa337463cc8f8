#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/common/progress.h"
#include "core/data/imageset.h"

namespace normlab {

// What a front end asks for: a catalog id, "synthetic", "auto" or a folder path.
struct DatasetRequest {
    std::string dataset = "auto";  // "auto": MNIST if found, else FashionMNIST if found, else synthetic
    std::filesystem::path dataDir; // empty: defaultDataDir()
    std::uint64_t syntheticSeed = 1;
    std::size_t limit = 0; // keep only the first N images of a split (0: all)
};

// The data set "auto" stands for with this data directory: MNIST if it is found (data directory or
// system folders), else FashionMNIST if found, else the synthetic digits.
std::string resolveDatasetId(const DatasetRequest& request);

// The data directory a request uses: its own, else defaultDataDir().
std::filesystem::path dataDirOf(const DatasetRequest& request);

// Loads one split ("train" or "test"). Throws Error naming the data set, where it looked and what
// to do (download it, or pass --data-dir) when the files are not there.
ImageSet openSplit(const DatasetRequest& request, const std::string& split, const Progress& progress = {});

// True for the two split names NormLab uses.
bool isValidSplit(const std::string& split);

} // namespace normlab
