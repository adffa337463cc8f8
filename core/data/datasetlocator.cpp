#include "core/data/datasetlocator.h"

#include <array>
#include <cstdlib>

#include "core/data/datasetcatalog.h"

namespace normlab {
namespace {

std::optional<std::filesystem::path> findOne(const std::filesystem::path& folder, const std::string& prefix,
                                             const std::string& kind) {
    // "-idx3-ubyte" is the usual spelling; some copies use ".idx3-ubyte".
    const std::array<std::string, 2> separators = {"-", "."};
    const std::array<std::string, 2> suffixes = {"", ".gz"};
    for (const auto& suffix : suffixes)
        for (const auto& sep : separators) {
            const auto candidate = folder / (prefix + sep + kind + "-ubyte" + suffix);
            std::error_code ec;
            if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
        }
    return std::nullopt;
}

std::filesystem::path envPath(const char* name) {
    const char* value = std::getenv(name);
    return value && *value ? std::filesystem::path(value) : std::filesystem::path();
}

} // namespace

std::filesystem::path defaultDataDir() {
    if (auto dir = envPath("NORMLAB_DATA_DIR"); !dir.empty()) return dir;
    if (auto xdg = envPath("XDG_DATA_HOME"); !xdg.empty()) return xdg / "normlab";
    if (auto home = envPath("HOME"); !home.empty()) return home / ".local" / "share" / "normlab";
    return std::filesystem::path(".normlab-data");
}

std::filesystem::path ownDatasetFolder(const std::filesystem::path& dataDir, const DatasetInfo& info) {
    return dataDir / info.id;
}

std::optional<DatasetFiles> findIdxFilesIn(const std::filesystem::path& folder) {
    auto trainImages = findOne(folder, "train-images", "idx3");
    auto trainLabels = findOne(folder, "train-labels", "idx1");
    auto testImages = findOne(folder, "t10k-images", "idx3");
    auto testLabels = findOne(folder, "t10k-labels", "idx1");
    if (!trainImages || !trainLabels || !testImages || !testLabels) return std::nullopt;
    return DatasetFiles{folder, *trainImages, *trainLabels, *testImages, *testLabels};
}

std::optional<DatasetFiles> locateCatalogDataset(const DatasetInfo& info, const std::filesystem::path& dataDir) {
    if (auto own = findIdxFilesIn(ownDatasetFolder(dataDir, info))) return own;
    return findIdxFilesIn(dataDir / info.torchvisionFolder / "raw");
}

std::optional<DatasetFiles> locateFolderDataset(const std::filesystem::path& folder, std::string* catalogId) {
    if (auto direct = findIdxFilesIn(folder)) return direct;
    for (const auto& info : datasetCatalog())
        if (auto found = locateCatalogDataset(info, folder)) {
            if (catalogId) *catalogId = info.id;
            return found;
        }
    return std::nullopt;
}

} // namespace normlab
