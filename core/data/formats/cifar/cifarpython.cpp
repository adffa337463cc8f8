// CIFAR's python form: each file one pickled dict (cifarbatch.h says which entries are read).
#include "core/data/formats/cifar/cifarbatch.h"
#include "core/data/formats/cifar/cifarsplit.h"
#include "core/data/formats/pickle/picklereader.h"

namespace normlab {

std::vector<std::string> cifarPythonNames(std::span<const std::uint8_t> bytes, const CifarLayout& layout,
                                          CifarLabels labels, const std::string& name) {
    return decodeCifarNames(parsePickle(bytes, name).root(), layout, labels, name);
}

// Parsing walks the opcodes and labels only: the pixels are a view into the file's bytes.
std::size_t cifarPythonCount(std::span<const std::uint8_t> bytes, const CifarLayout& layout, CifarLabels labels,
                             const std::string& name) {
    const Pickle pickle = parsePickle(bytes, name);
    return decodeCifarBatch(pickle.root(), layout, labels, name).count();
}

CifarBatchImages cifarPythonBatch(std::span<const std::uint8_t> bytes, const CifarLayout& layout, CifarLabels labels,
                                  const std::string& name) {
    const Pickle pickle = parsePickle(bytes, name);
    CifarBatch batch = decodeCifarBatch(pickle.root(), layout, labels, name);
    return {{batch.pixels.begin(), batch.pixels.end()}, std::move(batch.labels)};
}

} // namespace normlab
