// libFuzzer target: the pickle reader on arbitrary bytes, then the CIFAR checks on the dict it made.
// Any input must either parse or raise normlab::Error; every value reached must be consistent (an
// array's data exactly its shape's size, inside the input) and no cycle may hang the walk.
#include <cstdint>
#include <cstdlib>
#include <unordered_set>
#include <vector>

#include "core/common/error.h"
#include "core/data/formats/cifar/cifarbatch.h"
#include "core/data/formats/pickle/picklereader.h"

namespace {

void checkArray(const normlab::PickleArray& a) {
    std::uint64_t n = a.itemSize;
    for (auto d : a.shape)
        n *= static_cast<std::uint64_t>(d); // the reader refused products past the data's size
    if (a.itemSize == 0 || n != a.data.size()) std::abort();
    volatile std::uint8_t touch = 0;
    if (!a.data.empty()) touch = a.data.front() ^ a.data.back(); // ASan: the view is readable
    (void)touch;
}

// Visits every value once, so a self-referencing list ends the walk.
void walk(const normlab::PickleValue& root) {
    std::unordered_set<const normlab::PickleValue*> seen;
    std::vector<const normlab::PickleValue*> todo{&root};
    while (!todo.empty()) {
        const normlab::PickleValue* v = todo.back();
        todo.pop_back();
        if (!seen.insert(v).second) continue;
        if (const auto* a = v->array()) checkArray(*a);
        for (const auto* item : v->items())
            todo.push_back(item);
        for (const auto& [key, value] : v->entries()) {
            if (!key->isText()) std::abort(); // the reader only makes str or bytes keys
            todo.push_back(value);
        }
    }
}

void checkCifar(const normlab::PickleValue& root, int variant, normlab::CifarLabels labels) {
    const normlab::CifarLayout layout{normlab::CifarFormat::Python, variant, {}};
    try {
        const auto batch = normlab::decodeCifarBatch(root, layout, labels, "fuzz-input");
        if (batch.count() == 0 || batch.pixels.size() != batch.count() * normlab::kCifarImageBytes) std::abort();
        for (auto label : batch.labels)
            if (label >= layout.classCount(labels)) std::abort();
    } catch (const normlab::Error&) {
    }
    try {
        const auto names = normlab::decodeCifarNames(root, layout, labels, "fuzz-input");
        if (names.size() != static_cast<std::size_t>(layout.classCount(labels))) std::abort();
    } catch (const normlab::Error&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const normlab::Pickle pickle = normlab::parsePickle({data, size}, "fuzz-input");
        walk(pickle.root());
        if (pickle.root().kind() == normlab::PickleKind::Dict) {
            checkCifar(pickle.root(), 10, normlab::CifarLabels::Fine);
            checkCifar(pickle.root(), 100, normlab::CifarLabels::Fine);
            checkCifar(pickle.root(), 100, normlab::CifarLabels::Coarse);
        }
    } catch (const normlab::Error&) {
        // Refused with a message: the expected outcome for malformed input.
    }
    return 0;
}
