#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace normlab {

// "Is this data set here, where was it found, and what is the fix?" — answered once, for the
// loader's error, `normlab-cli datasets`, the GUI's data set list, its banner and the training
// form alike. Lives with the catalog (the lowest layer that needs it: the loader reports a missing
// data set itself), so the wording exists once.
struct DatasetAvailability {
    std::string id;
    std::string displayName;   // "FashionMNIST"; the request itself for what is not in the catalog
    bool catalog = false;      // a catalog entry (only those can be missing and downloaded)
    bool found = false;        // always true for the synthetic digits and for paths (judged when read)
    std::string origin;        // where it was found: "Debian package dataset-fashion-mnist"
    std::filesystem::path folder;            // the folder its files are in, when found
    std::vector<std::filesystem::path> searched; // every folder looked in, when missing
    std::string debianPackage; // the Debian package that installs it, or empty
    // How to get it, in the command-line's words: "sudo apt-get install dataset-fashion-mnist, or
    // normlab-cli download --dataset fashion-mnist". Empty when found.
    std::string fix;

    // "fashion-mnist: not found (looked in A, B); to get it: <fix>, or pass --data-dir"
    std::string notFoundMessage() const;
};

// Where `dataset` (a catalog id, "synthetic", or a path) stands in `dataDir` (empty: the default).
DatasetAvailability datasetAvailability(const std::string& dataset, const std::filesystem::path& dataDir);

} // namespace normlab
