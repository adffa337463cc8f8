#pragma once

#include <array>
#include <cstdint>
#include <optional>
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

// One archive that holds a data set's files (EMNIST's gzip.zip, CIFAR's .tar.gz): downloaded, its
// MD5 checked, and the members under `memberPrefix` unpacked into the data set's folder (keeping
// their paths below `stripPrefix` removed).
struct RemoteArchive {
    RemoteFile file;
    std::string memberPrefix; // unpack only members whose path starts with this
    std::string stripPrefix;  // removed from each member's path ("gzip/" for EMNIST)
};

// How a catalog data set's files are laid out and read.
enum class DatasetFormat {
    Idx,         // four IDX files (the MNIST family)
    CifarPython, // torchvision's cifar-10-batches-py / cifar-100-python pickles
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
    std::array<RemoteFile, 4> files;  // indexed by IdxRole (IDX data sets)
    std::string debianPackage = {};   // the Debian package that installs it under /usr/share/datasets
    DatasetFormat format = DatasetFormat::Idx;
    bool transposed = false;                   // images stored column-major (EMNIST): shown upright
    std::optional<RemoteArchive> archive = {}; // the files come in one archive
    std::string folder = {};                   // DATA_DIR/<folder> when shared by several entries; else the id
    std::string about = {};                    // one line for 'datasets' and the GUI: what it is
};

const std::vector<DatasetInfo>& datasetCatalog();

// The catalog entry with this id, or nullptr.
const DatasetInfo* findCatalogDataset(const std::string& id);

// Ids accepted by --dataset besides a path: the catalog's plus "synthetic".
std::vector<std::string> knownDatasetIds();

// The ids of EMNIST's splits as catalog entries: "emnist-byclass", … "emnist-mnist".
std::vector<std::string> emnistIds();

// Class names 0..9 as text, for digit data sets and custom folders.
std::vector<std::string> digitClassNames(int count = 10);

} // namespace normlab
