#include "core/train/script/scriptdata.h"

#include <filesystem>

#include "core/common/error.h"
#include "core/data/catalog/datasetcatalog.h"
#include "core/data/datasetopener.h"

namespace fs = std::filesystem;

namespace normlab {
namespace {

// The script runs from any folder: every path it reads is absolute.
SourceFile absolute(SourceFile file) {
    file.path = fs::absolute(fs::path(file.path)).lexically_normal().string();
    return file;
}

std::vector<SourceFile> absolute(const std::vector<SourceFile>& files) {
    std::vector<SourceFile> out;
    for (const auto& f : files)
        out.push_back(absolute(f));
    return out;
}

bool endsWith(const std::string& text, const std::string& end) {
    return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

// A CIFAR split's sources are its class-names file, then its batches (core/data/formats/cifar/cifarpython.cpp):
// the script needs the batches alone, since it names classes by number as training does.
std::vector<SourceFile> cifarBatches(const ImageSet& set) {
    if (set.sources.size() < 2) throw Error(set.origin + ": CIFAR split without batch files");
    return absolute(std::vector<SourceFile>(set.sources.begin() + 1, set.sources.end()));
}

} // namespace

ScriptData scriptDataFor(const TrainConfig& config, const TrainingData& data) {
    const DatasetRequest request = datasetRequestFor(config);
    const DatasetKind kind = datasetKind(request);
    if (kind == DatasetKind::Synthetic)
        throw Error("synthetic: the built-in digits exist only inside NormLab, so a Python script cannot read them; "
                    "write them as IDX files with 'normlab-cli export --dataset synthetic --seed " +
                    std::to_string(config.seed) + " --out DIR' and train on --dataset DIR");

    ScriptData d;
    d.dataset = data.train.dataset;
    d.origin = data.train.origin;
    d.heldOutSplit = heldOutSplit(request);
    d.channels = data.train.channels;
    d.height = data.train.height;
    d.width = data.train.width;
    d.classes = data.train.classCount();
    d.params = data.params;
    d.trainFiles = absolute(data.train.sources);
    d.testFiles = absolute(data.test.sources);

    const DatasetInfo* catalog = findCatalogDataset(data.train.dataset);
    switch (kind) {
    case DatasetKind::Catalog:
    case DatasetKind::IdxFolder:
    case DatasetKind::Cifar:
        if (catalog && catalog->format == DatasetFormat::Idx) {
            d.format = ScriptDataFormat::Idx;
            d.transposed = catalog->transposed;
        } else if (kind == DatasetKind::IdxFolder) {
            d.format = ScriptDataFormat::Idx; // a folder of IDX files NormLab does not know by name
        } else {
            // CIFAR's two published forms differ by the batches' names: data_batch_1 or data_batch_1.bin.
            d.trainFiles = cifarBatches(data.train);
            d.testFiles = cifarBatches(data.test);
            d.format = endsWith(d.trainFiles.front().path, ".bin") ? ScriptDataFormat::CifarBinary
                                                                   : ScriptDataFormat::CifarPickle;
            d.cifarVariant = data.train.dataset == "cifar100" ? 100 : 10;
        }
        break;
    case DatasetKind::NumpyPair:
        d.format = ScriptDataFormat::NumpyPair;
        break;
    case DatasetKind::MedMnistNpz:
        d.format = ScriptDataFormat::MedMnistNpz;
        break;
    case DatasetKind::ImageFolder: // its one source is the folder holding the split's class folders
        d.format = ScriptDataFormat::ImageFolder;
        break;
    case DatasetKind::Synthetic:
        break; // refused above
    }
    return d;
}

} // namespace normlab
