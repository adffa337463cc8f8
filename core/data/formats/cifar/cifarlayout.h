#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace normlab {

// The two forms the CIFAR site publishes: Python pickles and fixed-size binary records.
enum class CifarFormat { Python, Binary };

// CIFAR-100 labels each image with one of 100 fine classes and one of 20 coarse superclasses;
// CIFAR-10 has only its 10 (fine) classes.
enum class CifarLabels { Fine, Coarse };

// One of the four CIFAR folders: cifar-10-batches-py, cifar-100-python, cifar-10-batches-bin,
// cifar-100-binary (the names of the published archives' folders, which torchvision keeps).
struct CifarLayout {
    CifarFormat format = CifarFormat::Python;
    int variant = 10;             // 10 or 100
    std::filesystem::path folder; // the batches folder itself

    std::string datasetId() const { return variant == 10 ? "cifar10" : "cifar100"; } // catalog id
    std::string datasetName() const { return variant == 10 ? "CIFAR-10" : "CIFAR-100"; }
    // The files of a split ("train" or "test") in reading order, in folder. Throws Error for
    // another split name.
    std::vector<std::filesystem::path> splitFiles(const std::string& split) const;
    // The file holding the class names: a pickle (Python) or a text file, one name a line (binary).
    std::filesystem::path namesFile(CifarLabels labels) const;
    // How many classes the labels have: 10, 100 or 20. Throws Error for CIFAR-10's coarse labels.
    int classCount(CifarLabels labels) const;
};

// The CIFAR folders at folder: the folder itself when it is one (by its name or by its files),
// else those of the four folder names inside it (a torchvision root), in the order above.
std::vector<CifarLayout> findCifarLayouts(const std::filesystem::path& folder);

// The first of findCifarLayouts, for a front end that opens one data set per folder.
std::optional<CifarLayout> detectCifarLayout(const std::filesystem::path& folder);

inline bool isCifarFolder(const std::filesystem::path& folder) {
    return detectCifarLayout(folder).has_value();
}

} // namespace normlab
