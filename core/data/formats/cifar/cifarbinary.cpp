// CIFAR's binary form: fixed-size records, <label><3072 pixels> (CIFAR-10) or
// <coarse label><fine label><3072 pixels> (CIFAR-100); class names in text files, one a line.
#include "core/common/error.h"
#include "core/data/formats/cifar/cifarbatch.h"
#include "core/data/formats/cifar/cifarsplit.h"
#include "core/data/hashedfile.h"

namespace normlab {
namespace {

std::vector<std::string> namesOfLines(std::span<const std::uint8_t> bytes, const CifarLayout& layout,
                                      CifarLabels labels, const std::string& name) {
    std::vector<std::string> names;
    std::string line;
    auto finishLine = [&] {
        const auto first = line.find_first_not_of(" \t\r");
        if (first != std::string::npos) names.push_back(line.substr(first, line.find_last_not_of(" \t\r") - first + 1));
        line.clear();
    };
    for (std::uint8_t b : bytes) {
        if (b == '\n')
            finishLine();
        else
            line += static_cast<char>(b);
    }
    finishLine();
    const int classes = layout.classCount(labels);
    if (names.size() != static_cast<std::size_t>(classes))
        throw Error(name + ": has " + std::to_string(names.size()) + " class names (one a line), " +
                    layout.datasetName() + " has " + std::to_string(classes));
    return names;
}

} // namespace

ImageSet readCifarBinarySplit(const CifarLayout& layout, const std::string& split, CifarLabels labels,
                              const Progress& progress) {
    ImageSet set = startCifarSplit(layout, split, labels);
    const auto files = layout.splitFiles(split);
    const double steps = static_cast<double>(files.size()) + 1;
    const std::size_t labelBytes = layout.variant == 10 ? 1 : 2;
    const std::size_t recordBytes = labelBytes + kCifarImageBytes;
    // CIFAR-100's records hold the coarse label first, then the fine one.
    const std::size_t labelAt = layout.variant == 100 && labels == CifarLabels::Fine ? 1 : 0;
    const int classes = layout.classCount(labels);
    {
        const auto path = layout.namesFile(labels);
        HashedFile file(path, HashedFile::Digests::Sha256);
        set.classNames = namesOfLines(file.bytes(), layout, labels, path.string());
        set.sources.push_back(file.source());
        progress.update(1 / steps);
    }
    HashedFiles batches(kCifarFilesMapped);
    for (std::size_t i = 0; i < files.size(); ++i) {
        progress.throwIfStopped();
        const std::string name = files[i].string();
        HashedFile& file = batches.open(files[i], HashedFile::Digests::Sha256);
        const auto bytes = file.bytes();
        if (bytes.empty()) throw Error(name + ": contains no images (empty file)");
        if (bytes.size() % recordBytes != 0)
            throw Error(name + ": " + std::to_string(bytes.size()) + " bytes are not a whole number of " +
                        layout.datasetName() + " records of " + std::to_string(recordBytes) +
                        " bytes: the last record is partial (" + std::to_string(bytes.size() % recordBytes) +
                        " bytes)");
        const std::size_t count = bytes.size() / recordBytes;
        if (i == 0) { // CIFAR's batches are all the same size
            set.pixels.reserve(count * kCifarImageBytes * files.size());
            set.labels.reserve(count * files.size());
        }
        for (std::size_t r = 0; r < count; ++r) {
            const std::uint8_t* record = bytes.data() + r * recordBytes;
            if (record[labelAt] >= classes) throw cifarLabelError(record[labelAt], r, layout, labels, name);
            set.labels.push_back(record[labelAt]);
            set.pixels.insert(set.pixels.end(), record + labelBytes, record + recordBytes);
        }
        set.count += count;
        progress.update(static_cast<double>(i + 2) / steps);
    }
    for (auto& source : batches.sources())
        set.sources.push_back(std::move(source));
    return set;
}

} // namespace normlab
