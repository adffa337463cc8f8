#include "core/data/datasetopener.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/data/formats/cifar/cifarreader.h"
#include "core/data/catalog/datasetavailability.h"
#include "core/data/catalog/datasetcatalog.h"
#include "core/data/catalog/datasetlocator.h"
#include "core/data/formats/idx/idxsplitloader.h"
#include "core/data/formats/imagefolder/imagefolder.h"
#include "core/data/formats/numpy/numpydataset.h"
#include "core/data/synthetic/syntheticdigits.h"

namespace fs = std::filesystem;

namespace normlab {
namespace {

constexpr const char* kSplits[] = {"train", "val", "test"};

void applyLimit(ImageSet& set, std::size_t limit) {
    if (limit == 0 || limit >= set.count) return;
    set.count = limit;
    if (set.uniformSize()) {
        set.pixels.resize(limit * set.pixelsPerImage());
    } else {
        set.pixels.resize(set.shapes[limit].offset);
        set.shapes.resize(limit);
    }
    set.labels.resize(limit);
}

std::string knownIds() {
    std::string ids;
    for (const auto& known : knownDatasetIds())
        ids += (ids.empty() ? "" : ", ") + known;
    return ids;
}

CifarLabels cifarLabels(const DatasetRequest& request) {
    return request.coarseLabels ? CifarLabels::Coarse : CifarLabels::Fine;
}

// A .npy file names its split by "train", "val" or "test" in its name (x_train.npy); its twins
// for the other splits replace that word. A name without one is a single split, "train".
std::optional<fs::path> numpySplitFile(const fs::path& file, const std::string& split) {
    const std::string name = file.filename().string();
    for (const char* own : kSplits) {
        const auto at = name.find(own);
        if (at == std::string::npos) continue;
        auto twin = file.parent_path() / (name.substr(0, at) + split + name.substr(at + std::string(own).size()));
        std::error_code ec;
        return fs::is_regular_file(twin, ec) ? std::optional(twin) : std::nullopt;
    }
    return split == "train" ? std::optional(file) : std::nullopt;
}

} // namespace

NumpyPairFiles numpyPairFiles(const fs::path& file, const std::string& split) {
    const auto images = numpySplitFile(file, split);
    if (!images)
        throw Error(file.string() + ": no " + split +
                    " split beside it (a file for another split repeats "
                    "its name with 'train' replaced by '" +
                    split + "')");
    const auto labels = labelsBesideImages(*images);
    if (!labels)
        throw Error(images->string() + ": no labels file beside it (expected y_<split>.npy for x_<split>.npy, "
                                       "<split>_labels.npy for <split>_images.npy, or labels.npy for images.npy)");
    return {*images, *labels};
}

namespace {

bool hasExtension(const fs::path& path, const char* extension) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == extension;
}

} // namespace

fs::path dataDirOf(const DatasetRequest& request) {
    return request.dataDir.empty() ? defaultDataDir() : request.dataDir;
}

std::optional<IdxSplitFiles> idxSplitFiles(const DatasetRequest& request, const std::string& split) {
    const std::string id = resolveDatasetId(request);
    IdxSplitFiles out;
    DatasetFiles files;
    const auto kind = datasetKind(request);
    if (kind == DatasetKind::Catalog) {
        const DatasetInfo& info = *findCatalogDataset(id);
        if (info.format == DatasetFormat::CifarPython) return std::nullopt;
        const auto dataDir = dataDirOf(request);
        const auto found = locateCatalogDataset(info, dataDir);
        if (!found) throw Error(datasetAvailability(id, dataDir).notFoundMessage());
        files = found->files;
        out.dataset = id;
        out.origin = found->origin;
        out.classNames = info.classNames;
        out.transposed = info.transposed;
    } else if (kind == DatasetKind::IdxFolder) {
        std::string catalogId;
        files = *locateFolderDataset(id, &catalogId);
        const auto* known = catalogId.empty() ? nullptr : findCatalogDataset(catalogId);
        out.dataset = known ? catalogId : "custom";
        out.origin = "folder " + files.folder.string();
        if (known) out.classNames = known->classNames, out.transposed = known->transposed;
    } else {
        return std::nullopt;
    }
    if (split != "train" && split != "test")
        throw Error(files.folder.string() + ": no " + split + " split (IDX data sets have train and test)");
    out.images = split == "train" ? files.trainImages : files.testImages;
    out.labels = split == "train" ? files.trainLabels : files.testLabels;
    return out;
}

std::optional<CifarSplitFolder> cifarSplitFolder(const DatasetRequest& request) {
    const std::string id = resolveDatasetId(request);
    const auto kind = datasetKind(request);
    if (kind == DatasetKind::Cifar) {
        const auto layout = *detectCifarLayout(id);
        return CifarSplitFolder{layout, layout.datasetId(), "folder " + fs::path(id).string(), cifarLabels(request)};
    }
    if (kind != DatasetKind::Catalog || findCatalogDataset(id)->format != DatasetFormat::CifarPython)
        return std::nullopt;
    const auto dataDir = dataDirOf(request);
    const auto found = locateCatalogDataset(*findCatalogDataset(id), dataDir);
    if (!found) throw Error(datasetAvailability(id, dataDir).notFoundMessage());
    const auto layout = detectCifarLayout(found->files.folder);
    if (!layout) throw Error(found->files.folder.string() + ": not a CIFAR batches folder");
    return CifarSplitFolder{*layout, id, found->origin, cifarLabels(request)};
}

bool isValidSplit(const std::string& split) {
    return split == "train" || split == "val" || split == "test";
}

std::string resolveDatasetId(const DatasetRequest& request) {
    if (request.dataset != "auto") return request.dataset;
    for (const char* preferred : {"mnist", "fashion-mnist"})
        if (locateCatalogDataset(*findCatalogDataset(preferred), dataDirOf(request))) return preferred;
    return "synthetic";
}

DatasetKind datasetKind(const DatasetRequest& request) {
    const std::string id = resolveDatasetId(request);
    if (id == "synthetic") return DatasetKind::Synthetic;
    if (findCatalogDataset(id)) return DatasetKind::Catalog;
    const fs::path path(id);
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        if (hasExtension(path, ".npy")) return DatasetKind::NumpyPair;
        if (hasExtension(path, ".npz")) return DatasetKind::MedMnistNpz;
        throw Error(id + ": not a data set file NormLab reads (.npy images with labels beside them, or a MedMNIST "
                         ".npz); pass a folder for IDX files, CIFAR or an image folder");
    }
    if (!fs::is_directory(path, ec))
        throw Error(id + ": not a known data set (" + knownIds() + ") and no such file or folder");
    if (detectCifarLayout(path)) return DatasetKind::Cifar;
    if (locateFolderDataset(path, nullptr)) return DatasetKind::IdxFolder;
    if (looksLikeImageFolder(path)) return DatasetKind::ImageFolder;
    throw Error(path.string() + ": no data set here (NormLab reads IDX files — train-images-idx3-ubyte, "
                                "train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, plain or "
                                ".gz —, a torchvision root such as ./data, CIFAR's batches folders, or an image folder "
                                "ROOT/<class>/<image> as torchvision's ImageFolder)");
}

std::vector<std::string> availableSplits(const DatasetRequest& request) {
    switch (datasetKind(request)) {
    case DatasetKind::MedMnistNpz:
        return {"train", "val", "test"};
    case DatasetKind::ImageFolder:
        return imageFolderSplits(resolveDatasetId(request));
    case DatasetKind::NumpyPair: {
        std::vector<std::string> splits;
        for (const char* split : kSplits)
            if (numpySplitFile(resolveDatasetId(request), split)) splits.push_back(split);
        return splits;
    }
    default:
        return {"train", "test"};
    }
}

std::string heldOutSplit(const DatasetRequest& request) {
    const auto splits = availableSplits(request);
    for (const char* held : {"test", "val"})
        if (std::find(splits.begin(), splits.end(), held) != splits.end()) return held;
    return {};
}

ImageSet openSplit(const DatasetRequest& request, const std::string& split, const Progress& progress) {
    if (!isValidSplit(split)) throw Error("unknown split '" + split + "' (expected train, val or test)");
    const std::string id = resolveDatasetId(request);
    ImageSet set;
    switch (datasetKind(request)) {
    case DatasetKind::Synthetic: {
        if (split == "val") throw Error("synthetic: no val split (the synthetic digits have train and test)");
        const std::size_t full = syntheticSplitSize(split);
        const std::size_t count = request.limit ? std::min(request.limit, full) : full;
        set = generateSyntheticDigits(split, count, request.syntheticSeed, progress);
        set.origin = "generated by NormLab (seed " + std::to_string(request.syntheticSeed) + ")";
        break;
    }
    case DatasetKind::Catalog:
    case DatasetKind::IdxFolder:
    case DatasetKind::Cifar:
        if (const auto idx = idxSplitFiles(request, split)) {
            set = loadIdxSplit(idx->images, idx->labels, idx->classNames, idx->transposed);
            set.dataset = idx->dataset;
            set.origin = idx->origin;
        } else { // a catalog CIFAR, or a CIFAR folder
            const auto cifar = cifarSplitFolder(request);
            set = readCifar(cifar->layout, split, cifar->labels, progress);
            set.dataset = cifar->dataset;
            set.origin = cifar->origin;
        }
        break;
    case DatasetKind::NumpyPair: {
        const auto files = numpyPairFiles(id, split);
        set = readNumpyImages(files.images, files.labels, split);
        break;
    }
    case DatasetKind::MedMnistNpz:
        set = readMedMnistNpz(id, split);
        break;
    case DatasetKind::ImageFolder: {
        // --limit keeps the first images as torchvision lists them, before any is decoded.
        auto listing = listImageFolder(id, split);
        if (request.limit && request.limit < listing.files.size()) listing.files.resize(request.limit);
        set = loadImageFolder(listing, progress);
        break;
    }
    }
    if (request.coarseLabels && set.dataset != "cifar100")
        throw Error(id + ": coarse labels are CIFAR-100's 20 superclasses; this data set has none");
    set.split = split;
    applyLimit(set, request.limit);
    progress.update(1.0);
    return set;
}

} // namespace normlab
