#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace normlab {

// One downloadable file of a catalog data set with its published MD5 checksum (of the .gz file as
// published) and, where known, the SHA-256 and size of its decompressed content: repackagers such as
// Debian recompress the files, which changes the MD5 but not the content.
struct RemoteFile {
    std::string name;
    std::string md5;
    std::string contentSha256 = {}; // empty where no verified copy was at hand to compute it
    std::uint64_t contentBytes = 0;
};

// Where the four files sit in a catalog entry's files array.
enum class IdxRole { TrainImages = 0, TrainLabels = 1, TestImages = 2, TestLabels = 3 };

// A data set NormLab knows by name: its files, where to fetch them and how to label classes.
// Tests build entries of their own (local mirrors, generated files) with the same type.
struct DatasetInfo {
    std::string id;                // "mnist", "fashion-mnist"
    std::string displayName;       // "MNIST"
    std::string torchvisionFolder; // torchvision's ROOT/<folder>/raw layout
    std::vector<std::string> classNames;
    std::vector<std::string> mirrors; // base URLs, tried in order
    std::array<RemoteFile, 4> files;  // indexed by IdxRole
    std::string debianPackage = {};   // the Debian package that installs it under /usr/share/datasets
};

const std::vector<DatasetInfo>& datasetCatalog();

// The catalog entry with this id, or nullptr.
const DatasetInfo* findCatalogDataset(const std::string& id);

// Ids accepted by --dataset besides a path: the catalog's plus "synthetic".
std::vector<std::string> knownDatasetIds();

// Class names 0..9 as text, for digit data sets and custom folders.
std::vector<std::string> digitClassNames(int count = 10);

} // namespace normlab
