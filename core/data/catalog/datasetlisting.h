#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace normlab {

// One data set a front end offers: every catalog entry (found on disk or not) and the synthetic
// digits, so the GUI's lists and `normlab-cli datasets` come from one place.
struct DatasetChoice {
    std::string id;          // "mnist", "fashion-mnist", "synthetic"
    std::string displayName; // "MNIST"
    bool found = false;
    std::string origin; // where it was found ("Debian package dataset-fashion-mnist"), or empty
    std::string folder; // the folder its files are in, or empty
    std::string fix;    // how to get it when it is not found
};

// Catalog data sets in catalog order, then the synthetic digits.
std::vector<DatasetChoice> listDatasets(const std::filesystem::path& dataDir);

} // namespace normlab
