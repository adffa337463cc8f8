#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace normlab {

struct DatasetInfo;

// The four IDX files of one data set on disk.
struct DatasetFiles {
    std::filesystem::path folder;
    std::filesystem::path trainImages, trainLabels, testImages, testLabels;
};

// NormLab's data directory: $NORMLAB_DATA_DIR, else $XDG_DATA_HOME/normlab, else
// ~/.local/share/normlab. --data-dir overrides all of these.
std::filesystem::path defaultDataDir();

// The folder NormLab itself downloads a catalog data set into: DATA_DIR/<id>.
std::filesystem::path ownDatasetFolder(const std::filesystem::path& dataDir, const DatasetInfo& info);

// Finds the four IDX files directly inside a folder (train-images…, train-labels…, t10k-images…,
// t10k-labels…, plain or .gz; a plain file wins over its .gz twin because it loads faster).
std::optional<DatasetFiles> findIdxFilesIn(const std::filesystem::path& folder);

// Looks for a catalog data set in NormLab's own layout (DATA_DIR/<id>/) and in torchvision's
// (DATA_DIR/<Folder>/raw/), so a PyTorch user's ./data folder works as a data directory.
std::optional<DatasetFiles> locateCatalogDataset(const DatasetInfo& info, const std::filesystem::path& dataDir);

// A folder the user pointed at: the four files inside it, or a torchvision root holding one
// catalog data set. Sets catalogId when the folder is a torchvision root of a known data set.
std::optional<DatasetFiles> locateFolderDataset(const std::filesystem::path& folder, std::string* catalogId);

} // namespace normlab
