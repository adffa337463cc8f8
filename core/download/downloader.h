#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/data/catalog/datasetcatalog.h"
#include "core/download/manifest.h"

namespace normlab {

struct DownloadProgress {
    std::string file;
    int fileIndex = 0, fileCount = 0;
    std::uint64_t fileBytes = 0;
    std::uint64_t fileTotal = 0; // 0 while unknown
    double overall = 0;          // 0..1 over all files
};

struct DownloadOptions {
    std::vector<std::string> extraMirrors; // tried before the catalog's mirrors
    bool force = false;                    // re-download files that are present and valid
    long connectTimeoutSeconds = 15;
    long stallTimeoutSeconds = 30; // abort a transfer that receives nothing for this long
    std::function<void(const DownloadProgress&)> onProgress;
    std::function<void(const std::string&)> onMessage; // "mirror X failed: …, trying Y"
    std::stop_token stop;
};

struct DownloadedFile {
    std::string name;
    std::string url; // where it came from (empty when it was already present)
    std::string mirror;
    std::uint64_t bytes = 0;
    std::string md5;
    bool alreadyPresent = false;
};

struct DownloadReport {
    std::filesystem::path folder;
    std::vector<DownloadedFile> files;
};

// The file beside the data recording where each file came from.
inline constexpr const char* kManifestName = "normlab-manifest.json";

// Fetches a catalog data set's four files into DATA_DIR/<id>/, trying the mirrors in order and
// moving on at connection errors, HTTP errors, time-outs and checksum mismatches. Each file is
// written to a temporary name, its MD5 checked, then renamed into place; a failure or a stop
// request removes the partial file, so the loader never sees a broken file. Throws Error (all
// mirrors failed, naming each reason) or Cancelled.
DownloadReport downloadDataset(const DatasetInfo& info, const std::filesystem::path& dataDir,
                               const DownloadOptions& options);

} // namespace normlab
