#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace normlab::test {

// The images and labels of one generated CIFAR split.
struct CifarSplitData {
    std::vector<std::uint8_t> pixels; // count x 3072, CIFAR's order: 1024 red, 1024 green, 1024 blue
    std::vector<int> fine;            // CIFAR-10's only labels
    std::vector<int> coarse;          // CIFAR-100 only
    std::size_t count() const { return fine.size(); }
};

// A small generated CIFAR-10 (train in 5 batches) or CIFAR-100 data set.
struct CifarData {
    int variant = 10;
    std::size_t perBatch = 0; // images in each file
    CifarSplitData train, test;
    std::vector<std::string> fineNames, coarseNames;
};

CifarData randomCifar(int variant, std::size_t perBatch, std::uint64_t seed);

// Writes data as the CIFAR site publishes it into folder (the batches folder itself): pickles
// made the way Python 2's cPickle made them, or binary records and names files.
void writeCifarPython(const std::filesystem::path& folder, const CifarData& data);
void writeCifarBinary(const std::filesystem::path& folder, const CifarData& data);

// One batch pickle {'data', labels..., 'batch_label', 'filenames'} as Python 2 wrote it; shape
// and type are the data array's (CIFAR's: (N, 3072), "u1").
struct LabelList {
    std::string key;
    std::vector<int> values;
};
std::vector<std::uint8_t> py2BatchPickle(const std::vector<std::uint8_t>& raw, const std::vector<std::int64_t>& shape,
                                         const std::vector<LabelList>& labels, const std::string& type = "u1",
                                         char byteOrder = '|');

} // namespace normlab::test
