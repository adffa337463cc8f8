// libFuzzer target: the .npy parser, the .npz reader (libarchive, from memory) and the data set
// checks on whatever they accept. Any input must either be read or raise normlab::Error; an
// accepted array's data must be exactly its shape times its item size.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "core/common/error.h"
#include "core/data/formats/numpy/npyarray.h"
#include "core/data/formats/numpy/npzarchive.h"
#include "core/data/formats/numpy/numpydataset.h"

namespace {

void requireConsistent(const normlab::NpyArray& array) {
    if (array.data.size() != array.elementCount() * array.itemSize()) std::abort();
}

void requireConsistent(const normlab::ImageSet& set) {
    if (set.pixels.size() != set.count * set.pixelsPerImage() || set.labels.size() != set.count) std::abort();
}

// Reads the array as images (with matching labels) and as labels (with matching images).
void tryAsDataSet(const normlab::NpyArray& array) {
    if (array.shape.empty() || array.elementCount() == 0) return; // shape[0] is then no real count
    const std::uint64_t count = array.shape[0];
    const normlab::NpyArray labels{"|u1", {count}, false, std::vector<std::uint8_t>(count, 0)};
    const normlab::NpyArray images{"|u1", {count, 1, 1}, false, std::vector<std::uint8_t>(count, 0)};
    try {
        requireConsistent(normlab::imageSetFromNpy(array, labels, "fuzz-images", "fuzz-labels"));
    } catch (const normlab::Error&) {
    }
    try {
        requireConsistent(normlab::imageSetFromNpy(images, array, "fuzz-images", "fuzz-labels"));
    } catch (const normlab::Error&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    try {
        if (size >= 2 && data[0] == 'P' && data[1] == 'K') { // a zip archive: the .npz path
            auto arrays = normlab::readNpz(bytes, "fuzz-input", {});
            for (const auto& [key, array] : arrays) {
                requireConsistent(array);
                tryAsDataSet(array);
            }
            if (arrays.contains("train_images") && arrays.contains("train_labels"))
                requireConsistent(normlab::imageSetFromNpy(arrays.at("train_images"), arrays.at("train_labels"),
                                                           "fuzz-images", "fuzz-labels"));
        } else {
            normlab::NpyArray array = normlab::parseNpy(bytes, "fuzz-input");
            requireConsistent(array);
            tryAsDataSet(array);
            normlab::convertToCOrder(array);
            requireConsistent(array);
        }
    } catch (const normlab::Error&) {
        // Refused with a message: the expected outcome for malformed input.
    }
    return 0;
}
