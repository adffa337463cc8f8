#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace normlab {

struct DatasetInfo;

// The four IDX files of one data set on disk (for CIFAR: only the folder, its batches folder).
struct DatasetFiles {
    std::filesystem::path folder;
    std::filesystem::path trainImages, trainLabels, testImages, testLabels;
};

// A catalog data set found on disk, and where, in words a user recognises: "data directory
// /home/ana/.local/share/normlab", "Debian package dataset-fashion-mnist".
struct DatasetLocation {
    DatasetFiles files;
    std::string origin;
};

// NormLab's data directory: $NORMLAB_DATA_DIR, else $XDG_DATA_HOME/normlab, else
// ~/.local/share/normlab. --data-dir overrides all of these.
std::filesystem::path defaultDataDir();

// Folders that system-wide data set packages install into, in search order: DIR/datasets for each
// DIR of $XDG_DATA_DIRS (default /usr/local/share:/usr/share, as the XDG spec says). Debian's
// dataset-* packages install into /usr/share/datasets/<name>/.
std::vector<std::filesystem::path> systemDatasetDirs();

// The folder NormLab itself downloads a catalog data set into: DATA_DIR/<id>.
std::filesystem::path ownDatasetFolder(const std::filesystem::path& dataDir, const DatasetInfo& info);

// Every folder locateCatalogDataset looks in, in order (for messages that say where it looked).
std::vector<std::filesystem::path> catalogSearchFolders(const DatasetInfo& info, const std::filesystem::path& dataDir);

// Finds the four IDX files directly inside a folder (train-images…, train-labels…, t10k-images…,
// t10k-labels…, plain or .gz; a plain file wins over its .gz twin because it loads faster).
std::optional<DatasetFiles> findIdxFilesIn(const std::filesystem::path& folder);

// A catalog data set's files directly inside a folder, by their published names (plain or .gz);
// for CIFAR, the batches folder (cifar-10-batches-py) with its meta file.
std::optional<DatasetFiles> findCatalogFilesIn(const std::filesystem::path& folder, const DatasetInfo& info);

// Looks for a catalog data set in the user's data directory first — NormLab's own layout
// (DATA_DIR/<id>/) and torchvision's (DATA_DIR/<Folder>/raw/), so a PyTorch user's ./data folder
// works — then in the system folders (systemDatasetDirs()/<id>/).
std::optional<DatasetLocation> locateCatalogDataset(const DatasetInfo& info, const std::filesystem::path& dataDir);

// A folder the user pointed at: the four files inside it, or a torchvision root holding one
// catalog data set. Sets catalogId when the folder is a torchvision root of a known data set.
std::optional<DatasetFiles> locateFolderDataset(const std::filesystem::path& folder, std::string* catalogId);

} // namespace normlab
