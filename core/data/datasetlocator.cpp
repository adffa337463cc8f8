#include "core/data/datasetlocator.h"

#include <array>
#include <cstdlib>
#include <sstream>

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

// Debian installs dataset packages under /usr/share/datasets; a copy anywhere else (say
// /usr/local/share/datasets) was put there by hand, so it is not named after the package.
std::string systemOrigin(const DatasetInfo& info, const std::filesystem::path& systemDir) {
    if (!info.debianPackage.empty() && systemDir == std::filesystem::path("/usr/share/datasets"))
        return "Debian package " + info.debianPackage;
    return "system data folder " + (systemDir / info.id).string();
}

} // namespace

std::filesystem::path defaultDataDir() {
    if (auto dir = envPath("NORMLAB_DATA_DIR"); !dir.empty()) return dir;
    if (auto xdg = envPath("XDG_DATA_HOME"); !xdg.empty()) return xdg / "normlab";
    if (auto home = envPath("HOME"); !home.empty()) return home / ".local" / "share" / "normlab";
    return std::filesystem::path(".normlab-data");
}

std::vector<std::filesystem::path> systemDatasetDirs() {
    const char* value = std::getenv("XDG_DATA_DIRS");
    std::stringstream dirs(value && *value ? value : "/usr/local/share:/usr/share");
    std::vector<std::filesystem::path> result;
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        // The spec allows only absolute paths; relative entries are ignored.
        if (dir.empty() || dir.front() != '/') continue;
        result.push_back((std::filesystem::path(dir) / "datasets").lexically_normal());
    }
    return result;
}

std::filesystem::path ownDatasetFolder(const std::filesystem::path& dataDir, const DatasetInfo& info) {
    return dataDir / info.id;
}

std::vector<std::filesystem::path> catalogSearchFolders(const DatasetInfo& info, const std::filesystem::path& dataDir) {
    std::vector<std::filesystem::path> folders = {ownDatasetFolder(dataDir, info),
                                                  dataDir / info.torchvisionFolder / "raw"};
    for (const auto& system : systemDatasetDirs())
        folders.push_back(system / info.id);
    return folders;
}

std::optional<DatasetFiles> findIdxFilesIn(const std::filesystem::path& folder) {
    auto trainImages = findOne(folder, "train-images", "idx3");
    auto trainLabels = findOne(folder, "train-labels", "idx1");
    auto testImages = findOne(folder, "t10k-images", "idx3");
    auto testLabels = findOne(folder, "t10k-labels", "idx1");
    if (!trainImages || !trainLabels || !testImages || !testLabels) return std::nullopt;
    return DatasetFiles{folder, *trainImages, *trainLabels, *testImages, *testLabels};
}

std::optional<DatasetLocation> locateCatalogDataset(const DatasetInfo& info, const std::filesystem::path& dataDir) {
    if (auto own = findIdxFilesIn(ownDatasetFolder(dataDir, info)))
        return DatasetLocation{*own, "data directory " + dataDir.string()};
    if (auto torchvision = findIdxFilesIn(dataDir / info.torchvisionFolder / "raw"))
        return DatasetLocation{*torchvision, "torchvision folder " + (dataDir / info.torchvisionFolder).string()};
    for (const auto& system : systemDatasetDirs())
        if (auto installed = findIdxFilesIn(system / info.id))
            return DatasetLocation{*installed, systemOrigin(info, system)};
    return std::nullopt;
}

std::optional<DatasetFiles> locateFolderDataset(const std::filesystem::path& folder, std::string* catalogId) {
    if (auto direct = findIdxFilesIn(folder)) return direct;
    for (const auto& info : datasetCatalog())
        for (const auto& inside : {ownDatasetFolder(folder, info), folder / info.torchvisionFolder / "raw"})
            if (auto found = findIdxFilesIn(inside)) {
                if (catalogId) *catalogId = info.id;
                return found;
            }
    return std::nullopt;
}

} // namespace normlab
