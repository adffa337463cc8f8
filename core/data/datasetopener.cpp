#include "core/data/datasetopener.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/data/datasetcatalog.h"
#include "core/data/datasetlocator.h"
#include "core/data/idxsplitloader.h"
#include "core/data/syntheticdigits.h"

namespace normlab {
namespace {

std::filesystem::path dataDirOf(const DatasetRequest& request) {
    return request.dataDir.empty() ? defaultDataDir() : request.dataDir;
}

ImageSet loadFiles(const DatasetFiles& files, const std::string& split, const std::vector<std::string>& classNames) {
    return split == "train" ? loadIdxSplit(files.trainImages, files.trainLabels, classNames)
                            : loadIdxSplit(files.testImages, files.testLabels, classNames);
}

void applyLimit(ImageSet& set, std::size_t limit) {
    if (limit == 0 || limit >= set.count) return;
    set.count = limit;
    set.pixels.resize(limit * set.pixelsPerImage());
    set.labels.resize(limit);
}

} // namespace

bool isValidSplit(const std::string& split) {
    return split == "train" || split == "test";
}

std::string resolveDatasetId(const DatasetRequest& request) {
    if (request.dataset != "auto") return request.dataset;
    const auto* mnist = findCatalogDataset("mnist");
    return locateCatalogDataset(*mnist, dataDirOf(request)) ? "mnist" : "synthetic";
}

ImageSet openSplit(const DatasetRequest& request, const std::string& split, const Progress& progress) {
    if (!isValidSplit(split)) throw Error("unknown split '" + split + "' (expected train or test)");
    const std::string id = resolveDatasetId(request);
    ImageSet set;
    if (id == "synthetic") {
        const std::size_t full = syntheticSplitSize(split);
        const std::size_t count = request.limit ? std::min(request.limit, full) : full;
        set = generateSyntheticDigits(split, count, request.syntheticSeed, progress);
    } else if (const auto* info = findCatalogDataset(id)) {
        const auto dataDir = dataDirOf(request);
        const auto files = locateCatalogDataset(*info, dataDir);
        if (!files)
            throw Error(id + ": not found in " + dataDir.string() + " (looked in " +
                        ownDatasetFolder(dataDir, *info).string() + " and " +
                        (dataDir / info->torchvisionFolder / "raw").string() +
                        "); run 'normlab-cli download --dataset " + id + "' or pass --data-dir");
        set = loadFiles(*files, split, info->classNames);
        set.dataset = id;
    } else {
        const std::filesystem::path folder(id);
        std::error_code ec;
        if (!std::filesystem::is_directory(folder, ec))
            throw Error(id + ": not a known data set (" + [] {
                std::string ids;
                for (const auto& known : knownDatasetIds())
                    ids += (ids.empty() ? "" : ", ") + known;
                return ids;
            }() + ") and not a folder");
        std::string catalogId;
        const auto files = locateFolderDataset(folder, &catalogId);
        if (!files)
            throw Error(folder.string() +
                        ": no IDX data set here (expected train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                        "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, plain or .gz, or a torchvision "
                        "root with MNIST/raw or FashionMNIST/raw)");
        const auto* known = catalogId.empty() ? nullptr : findCatalogDataset(catalogId);
        set = loadFiles(*files, split, known ? known->classNames : std::vector<std::string>{});
        set.dataset = known ? catalogId : "custom";
    }
    set.split = split;
    applyLimit(set, request.limit);
    progress.update(1.0);
    return set;
}

} // namespace normlab
