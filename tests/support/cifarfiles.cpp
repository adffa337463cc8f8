#include "tests/support/cifarfiles.h"

#include "core/common/splitmix.h"
#include "core/common/atomicfile.h"
#include "tests/support/py2pickle.h"

namespace normlab::test {
namespace {

// Written whole or not at all (no Qt here: the benchmarks write CIFAR files with this too).
void writeBytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    std::filesystem::create_directories(path.parent_path());
    writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

constexpr std::size_t kImageBytes = 3072;
constexpr int kCifar10TrainBatches = 5;

CifarSplitData randomSplit(int variant, std::size_t count, SplitMix64& rng) {
    CifarSplitData split;
    split.pixels.resize(count * kImageBytes);
    for (auto& p : split.pixels)
        p = static_cast<std::uint8_t>(rng.below(256));
    for (std::size_t i = 0; i < count; ++i) {
        split.fine.push_back(static_cast<int>(rng.below(variant)));
        if (variant == 100) split.coarse.push_back(static_cast<int>(rng.below(20)));
    }
    return split;
}

std::vector<std::string> names(const std::string& prefix, int count) {
    std::vector<std::string> out;
    for (int i = 0; i < count; ++i)
        out.push_back(prefix + std::to_string(i));
    return out;
}

std::vector<int> slice(const std::vector<int>& v, std::size_t from, std::size_t count) {
    return {v.begin() + static_cast<std::ptrdiff_t>(from), v.begin() + static_cast<std::ptrdiff_t>(from + count)};
}

// Images [from, from + count) of a split as one batch file's pickle.
std::vector<std::uint8_t> batchOf(const CifarData& data, const CifarSplitData& split, std::size_t from,
                                  std::size_t count) {
    const auto begin = split.pixels.begin() + static_cast<std::ptrdiff_t>(from * kImageBytes);
    const std::vector<std::uint8_t> raw(begin, begin + static_cast<std::ptrdiff_t>(count * kImageBytes));
    const std::vector<std::int64_t> shape{static_cast<std::int64_t>(count), static_cast<std::int64_t>(kImageBytes)};
    if (data.variant == 10) return py2BatchPickle(raw, shape, {{"labels", slice(split.fine, from, count)}});
    return py2BatchPickle(
        raw, shape,
        {{"fine_labels", slice(split.fine, from, count)}, {"coarse_labels", slice(split.coarse, from, count)}});
}

std::vector<std::uint8_t> metaPickle(const CifarData& data) {
    Py2PickleWriter w;
    w.emptyDict();
    w.mark();
    if (data.variant == 10) {
        w.string("num_cases_per_batch");
        w.integer(static_cast<std::int64_t>(data.perBatch));
        w.string("label_names");
        w.stringList(data.fineNames);
        w.string("num_vis");
        w.integer(3072);
    } else {
        w.string("fine_label_names");
        w.stringList(data.fineNames);
        w.string("coarse_label_names");
        w.stringList(data.coarseNames);
    }
    w.setItems();
    w.stop();
    return w.bytes();
}

std::vector<std::uint8_t> records(const CifarData& data, const CifarSplitData& split, std::size_t from,
                                  std::size_t count) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = from; i < from + count; ++i) {
        if (data.variant == 100) out.push_back(static_cast<std::uint8_t>(split.coarse[i]));
        out.push_back(static_cast<std::uint8_t>(split.fine[i]));
        const auto* image = split.pixels.data() + i * kImageBytes;
        out.insert(out.end(), image, image + kImageBytes);
    }
    return out;
}

std::vector<std::uint8_t> lines(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& n : names)
        text += n + "\n";
    text += "\n"; // the published files end with a blank line
    return {text.begin(), text.end()};
}

} // namespace

CifarData randomCifar(int variant, std::size_t perBatch, std::uint64_t seed) {
    SplitMix64 rng(seed);
    CifarData data;
    data.variant = variant;
    data.perBatch = perBatch;
    data.train = randomSplit(variant, variant == 10 ? perBatch * kCifar10TrainBatches : perBatch, rng);
    data.test = randomSplit(variant, perBatch, rng);
    data.fineNames = names(variant == 10 ? "class" : "fine", variant);
    if (variant == 100) data.coarseNames = names("coarse", 20);
    return data;
}

std::vector<std::uint8_t> py2BatchPickle(const std::vector<std::uint8_t>& raw, const std::vector<std::int64_t>& shape,
                                         const std::vector<LabelList>& labels, const std::string& type,
                                         char byteOrder) {
    Py2PickleWriter w;
    w.emptyDict();
    w.mark();
    w.string("data");
    w.array(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()), shape, type, byteOrder);
    for (const auto& l : labels) {
        w.string(l.key);
        w.intList(l.values);
    }
    w.string("batch_label");
    w.string("training batch 1 of 5");
    w.string("filenames");
    std::vector<std::string> files;
    for (std::size_t i = 0; i < labels.front().values.size(); ++i)
        files.push_back("image_" + std::to_string(i) + ".png");
    w.stringList(files);
    w.setItems();
    w.stop();
    return w.bytes();
}

void writeCifarPython(const std::filesystem::path& folder, const CifarData& data) {
    if (data.variant == 10) {
        for (int b = 0; b < kCifar10TrainBatches; ++b)
            writeBytes(folder / ("data_batch_" + std::to_string(b + 1)),
                       batchOf(data, data.train, b * data.perBatch, data.perBatch));
        writeBytes(folder / "test_batch", batchOf(data, data.test, 0, data.perBatch));
        writeBytes(folder / "batches.meta", metaPickle(data));
    } else {
        writeBytes(folder / "train", batchOf(data, data.train, 0, data.perBatch));
        writeBytes(folder / "test", batchOf(data, data.test, 0, data.perBatch));
        writeBytes(folder / "meta", metaPickle(data));
    }
}

void writeCifarBinary(const std::filesystem::path& folder, const CifarData& data) {
    if (data.variant == 10) {
        for (int b = 0; b < kCifar10TrainBatches; ++b)
            writeBytes(folder / ("data_batch_" + std::to_string(b + 1) + ".bin"),
                       records(data, data.train, b * data.perBatch, data.perBatch));
        writeBytes(folder / "test_batch.bin", records(data, data.test, 0, data.perBatch));
        writeBytes(folder / "batches.meta.txt", lines(data.fineNames));
    } else {
        writeBytes(folder / "train.bin", records(data, data.train, 0, data.perBatch));
        writeBytes(folder / "test.bin", records(data, data.test, 0, data.perBatch));
        writeBytes(folder / "fine_label_names.txt", lines(data.fineNames));
        writeBytes(folder / "coarse_label_names.txt", lines(data.coarseNames));
    }
}

} // namespace normlab::test
