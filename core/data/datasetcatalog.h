#pragma once

#include <array>
#include <string>
#include <vector>

namespace normlab {

// One downloadable file of a catalog data set with its published MD5 checksum.
struct RemoteFile {
    std::string name;
    std::string md5;
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
};

const std::vector<DatasetInfo>& datasetCatalog();

// The catalog entry with this id, or nullptr.
const DatasetInfo* findCatalogDataset(const std::string& id);

// Ids accepted by --dataset besides a path: the catalog's plus "synthetic".
std::vector<std::string> knownDatasetIds();

// Class names 0..9 as text, for digit data sets and custom folders.
std::vector<std::string> digitClassNames(int count = 10);

} // namespace normlab
