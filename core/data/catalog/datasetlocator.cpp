#include "core/data/catalog/datasetlocator.h"

#include <array>
#include <cstdlib>
#include <sstream>

#include "core/data/catalog/datasetcatalog.h"

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

// A catalog file by its published name: "name.gz" may also be there decompressed (a plain file
// wins: it loads faster), and copies spell "-idx3-ubyte" as ".idx3-ubyte" too.
std::optional<std::filesystem::path> findNamed(const std::filesystem::path& folder, const std::string& published) {
    std::string stem = published;
    if (stem.size() > 3 && stem.ends_with(".gz")) stem.resize(stem.size() - 3);
    std::vector<std::string> stems = {stem};
    if (const auto at = stem.rfind("-idx"); at != std::string::npos)
        stems.push_back(stem.substr(0, at) + "." + stem.substr(at + 1));
    for (const std::string suffix : {"", ".gz"})
        for (const auto& candidateStem : stems) {
            const auto candidate = folder / (candidateStem + suffix);
            std::error_code ec;
            if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
        }
    return std::nullopt;
}

// The folder a catalog data set's files are in, below a folder where it is installed: CIFAR's
// batches folder (torchvision's name for it), or the folder itself for IDX files.
std::filesystem::path filesFolderIn(const std::filesystem::path& folder, const DatasetInfo& info) {
    return info.format == DatasetFormat::CifarPython ? folder / info.torchvisionFolder : folder;
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
    return dataDir / (info.folder.empty() ? info.id : info.folder);
}

std::vector<std::filesystem::path> catalogSearchFolders(const DatasetInfo& info, const std::filesystem::path& dataDir) {
    // torchvision keeps IDX files in ROOT/<Name>/raw and CIFAR's batches folder in ROOT itself.
    const auto torchvision =
        info.format == DatasetFormat::CifarPython ? dataDir : dataDir / info.torchvisionFolder / "raw";
    std::vector<std::filesystem::path> folders = {filesFolderIn(ownDatasetFolder(dataDir, info), info),
                                                  filesFolderIn(torchvision, info)};
    for (const auto& system : systemDatasetDirs())
        folders.push_back(filesFolderIn(system / info.id, info));
    return folders;
}

std::optional<DatasetFiles> findCatalogFilesIn(const std::filesystem::path& folder, const DatasetInfo& info) {
    if (info.format == DatasetFormat::CifarPython) {
        // The batches folder with its meta file; the reader checks the rest and names what is missing.
        const char* meta = info.id == "cifar10" ? "batches.meta" : "meta";
        std::error_code ec;
        if (!std::filesystem::is_regular_file(folder / meta, ec)) return std::nullopt;
        return DatasetFiles{folder, {}, {}, {}, {}};
    }
    std::array<std::filesystem::path, 4> found;
    for (std::size_t role = 0; role < 4; ++role) {
        auto file = findNamed(folder, info.files[role].name);
        if (!file) return std::nullopt;
        found[role] = *file;
    }
    return DatasetFiles{folder, found[0], found[1], found[2], found[3]};
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
    const auto folders = catalogSearchFolders(info, dataDir);
    if (auto own = findCatalogFilesIn(folders[0], info))
        return DatasetLocation{*own, "data directory " + dataDir.string()};
    if (auto torchvision = findCatalogFilesIn(folders[1], info)) {
        const auto root = info.format == DatasetFormat::Idx ? dataDir / info.torchvisionFolder : dataDir;
        return DatasetLocation{*torchvision, "torchvision folder " + root.string()};
    }
    const auto systems = systemDatasetDirs();
    for (std::size_t i = 0; i < systems.size(); ++i)
        if (auto installed = findCatalogFilesIn(folders[2 + i], info))
            return DatasetLocation{*installed, systemOrigin(info, systems[i])};
    return std::nullopt;
}

std::optional<DatasetFiles> locateFolderDataset(const std::filesystem::path& folder, std::string* catalogId) {
    if (auto direct = findIdxFilesIn(folder)) return direct;
    for (const auto& info : datasetCatalog())
        for (const auto& inside : {filesFolderIn(ownDatasetFolder(folder, info), info),
                                   folder / info.torchvisionFolder / "raw", filesFolderIn(folder, info), folder})
            if (auto found = findCatalogFilesIn(inside, info)) {
                if (catalogId) *catalogId = info.id;
                return found;
            }
    return std::nullopt;
}

} // namespace normlab
