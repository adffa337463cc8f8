// CIFAR's binary form: fixed-size records, <label><3072 pixels> (CIFAR-10) or
// <coarse label><fine label><3072 pixels> (CIFAR-100); class names in text files, one a line.
#include "core/common/error.h"
#include "core/data/formats/cifar/cifarbatch.h"
#include "core/data/formats/cifar/cifarsplit.h"

namespace normlab {
namespace {

std::size_t labelBytesOf(const CifarLayout& layout) {
    return layout.variant == 10 ? 1 : 2;
}

} // namespace

std::vector<std::string> cifarBinaryNames(std::span<const std::uint8_t> bytes, const CifarLayout& layout,
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
    for (std::size_t i = 0; i < names.size(); ++i)
        if (auto tooLong = overlongNameError(names[i], i, name)) throw *tooLong;
    const int classes = layout.classCount(labels);
    if (names.size() != static_cast<std::size_t>(classes))
        throw Error(name + ": has " + std::to_string(names.size()) + " class names (one a line), " +
                    layout.datasetName() + " has " + std::to_string(classes));
    return names;
}

std::size_t cifarBinaryCount(std::span<const std::uint8_t> bytes, const CifarLayout& layout, const std::string& name) {
    const std::size_t recordBytes = labelBytesOf(layout) + kCifarImageBytes;
    if (bytes.empty()) throw Error(name + ": contains no images (empty file)");
    if (bytes.size() % recordBytes != 0)
        throw Error(name + ": " + std::to_string(bytes.size()) + " bytes are not a whole number of " +
                    layout.datasetName() + " records of " + std::to_string(recordBytes) +
                    " bytes: the last record is partial (" + std::to_string(bytes.size() % recordBytes) + " bytes)");
    return bytes.size() / recordBytes;
}

CifarBatchImages cifarBinaryBatch(std::span<const std::uint8_t> bytes, const CifarLayout& layout, CifarLabels labels,
                                  const std::string& name) {
    const std::size_t labelBytes = labelBytesOf(layout);
    const std::size_t recordBytes = labelBytes + kCifarImageBytes;
    // CIFAR-100's records hold the coarse label first, then the fine one.
    const std::size_t labelAt = layout.variant == 100 && labels == CifarLabels::Fine ? 1 : 0;
    const int classes = layout.classCount(labels);
    const std::size_t count = cifarBinaryCount(bytes, layout, name);
    CifarBatchImages batch;
    batch.pixels.reserve(count * kCifarImageBytes);
    batch.labels.reserve(count);
    for (std::size_t r = 0; r < count; ++r) {
        const std::uint8_t* record = bytes.data() + r * recordBytes;
        if (record[labelAt] >= classes) throw cifarLabelError(record[labelAt], r, layout, labels, name);
        batch.labels.push_back(record[labelAt]);
        batch.pixels.insert(batch.pixels.end(), record + labelBytes, record + recordBytes);
    }
    return batch;
}

} // namespace normlab
