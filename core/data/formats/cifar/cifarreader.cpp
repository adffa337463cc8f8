#include "core/data/formats/cifar/cifarreader.h"

#include "core/common/error.h"
#include "core/common/joined.h"
#include "core/data/formats/cifar/cifarbatch.h"
#include "core/data/formats/cifar/cifarsplit.h"
#include "core/data/formats/cifar/cifarsplitstream.h"

namespace normlab {
namespace {

std::string formatName(CifarFormat format) {
    return format == CifarFormat::Python ? "python" : "binary";
}

CifarLayout requireLayout(const std::filesystem::path& folder, CifarFormat format) {
    for (const auto& layout : findCifarLayouts(folder))
        if (layout.format == format) return layout;
    const std::string expected = format == CifarFormat::Python
                                     ? "cifar-10-batches-py (batches.meta, data_batch_1..5, test_batch) or "
                                       "cifar-100-python (meta, train, test)"
                                     : "cifar-10-batches-bin (batches.meta.txt, data_batch_1..5.bin, test_batch.bin) "
                                       "or cifar-100-binary (fine_label_names.txt, train.bin, test.bin)";
    throw Error(folder.string() + ": no CIFAR " + formatName(format) + " files here or in a folder " + expected);
}

} // namespace

ImageSet startCifarSplit(const CifarLayout& layout, const std::string& split, CifarLabels labels) {
    auto files = layout.splitFiles(split);
    files.push_back(layout.namesFile(labels));
    std::vector<std::string> names;
    for (const auto& f : files)
        names.push_back(f.filename().string());
    for (const auto& f : files) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(f, ec))
            throw Error(f.string() + ": file not found (" + layout.datasetName() + "'s " + formatName(layout.format) +
                        " " + split + " split needs " + joined(names) + ")");
    }
    ImageSet set;
    set.dataset = layout.datasetId();
    set.split = split;
    set.origin = "folder " + layout.folder.string();
    set.channels = kCifarChannels;
    set.height = kCifarSide;
    set.width = kCifarSide;
    return set;
}

ImageSet readCifar(const CifarLayout& layout, const std::string& split, CifarLabels labels, const Progress& progress) {
    // The stream's one pass, taken whole: the same checks, digests and progress as statistics see.
    CifarSplitStream stream(layout, split, labels, progress);
    ImageSet set = stream.about();
    ImageSet images = stream.next(set.count);
    set.pixels = std::move(images.pixels);
    set.labels = std::move(images.labels);
    set.sources = stream.finish();
    return set;
}

ImageSet readCifarPython(const std::filesystem::path& folder, const std::string& split, CifarLabels labels,
                         const Progress& progress) {
    return readCifar(requireLayout(folder, CifarFormat::Python), split, labels, progress);
}

ImageSet readCifarBinary(const std::filesystem::path& folder, const std::string& split, CifarLabels labels,
                         const Progress& progress) {
    return readCifar(requireLayout(folder, CifarFormat::Binary), split, labels, progress);
}

} // namespace normlab
