#include "core/data/formats/numpy/numpydataset.h"

#include <algorithm>
#include <cstring>

#include "core/common/error.h"
#include "core/data/catalog/datasetcatalog.h"
#include "core/data/labelgaps.h"
#include "core/data/formats/numpy/npyheader.h"
#include "core/data/formats/numpy/npzarchive.h"

namespace normlab {
namespace {

// The same bounds as IDX images (idxsplitloader.cpp): larger sides are not the small-image data
// sets NormLab explores, and a typo'd shape is caught here rather than as a huge allocation later.
constexpr std::uint64_t kMaxSide = 4096;
constexpr std::uint64_t kMaxLabel = 255; // ImageSet stores labels as uint8

const std::vector<std::string> kMedMnistSplits{"train", "val", "test"};

std::int64_t signedValue(std::uint64_t raw, std::size_t bytes) {
    const unsigned shift = 64 - 8 * static_cast<unsigned>(bytes);
    return static_cast<std::int64_t>(raw << shift) >> shift; // sign-extends from the item's top bit
}

std::vector<std::uint8_t> labelBytes(NpyArray labels, const std::string& name) {
    const char kind = labels.kind();
    const std::size_t item = labels.itemSize();
    if ((kind != 'i' && kind != 'u' && kind != 'b') || item == 0 || item > sizeof(std::uint64_t))
        throw Error(name + ": labels are " + labels.descr + "; NormLab reads integer class labels");
    const auto& shape = labels.shape;
    if (!(shape.size() == 1 || (shape.size() == 2 && shape[1] == 1)))
        throw Error(name + ": labels have shape " + npyShapeText(shape) + "; NormLab reads (N,) or (N, 1)");
    std::vector<std::uint8_t> out(labels.data.size() / item);
    for (std::size_t i = 0; i < out.size(); ++i) {
        std::uint64_t raw = 0;
        std::memcpy(&raw, labels.data.data() + i * item, item); // little-endian host and data
        const bool negative = kind == 'i' && signedValue(raw, item) < 0;
        if (negative || raw > kMaxLabel)
            throw Error(name + ": label " + (negative ? std::to_string(signedValue(raw, item)) : std::to_string(raw)) +
                        " at index " + std::to_string(i) + "; NormLab reads class labels 0.." +
                        std::to_string(kMaxLabel));
        out[i] = static_cast<std::uint8_t>(raw);
    }
    return out;
}

// N x H x W x C to N x C x H x W, one image at a time through a scratch copy of that image.
void channelsLastToFirst(std::vector<std::uint8_t>& pixels, std::size_t count, std::size_t planeSize,
                         std::size_t channels) {
    if (channels == 1) return;
    std::vector<std::uint8_t> image(planeSize * channels);
    for (std::size_t n = 0; n < count; ++n) {
        std::uint8_t* at = pixels.data() + n * image.size();
        std::memcpy(image.data(), at, image.size());
        for (std::size_t p = 0; p < planeSize; ++p)
            for (std::size_t c = 0; c < channels; ++c)
                at[c * planeSize + p] = image[p * channels + c];
    }
}

// "x_train" -> "y_train", "train_images" -> "train_labels", ...: the documented pairs.
std::optional<std::string> labelsStemFor(const std::string& stem) {
    if (stem == "x" || stem == "X") return "y";
    if (stem == "images") return "labels";
    if (stem.starts_with("x_") || stem.starts_with("X_")) return "y_" + stem.substr(2);
    if (stem.starts_with("images_")) return "labels_" + stem.substr(7);
    if (stem.ends_with("_images")) return stem.substr(0, stem.size() - 7) + "_labels";
    return std::nullopt;
}

std::string datasetIdFor(const std::filesystem::path& images) {
    const std::string stem = images.stem().string();
    const std::string folder = images.parent_path().filename().string();
    // "train_images" says nothing about the data set; the folder holding it usually does.
    return labelsStemFor(stem) && !folder.empty() ? folder : stem;
}

} // namespace

ImageSet imageSetFromNpy(NpyArray images, NpyArray labels, const std::string& imagesName,
                         const std::string& labelsName) {
    if (images.descr != "|u1")
        throw Error(imagesName + ": images are " + images.descr + "; NormLab reads uint8 images (|u1, 0..255)");
    const auto& shape = images.shape;
    const bool channelsLast = shape.size() == 4 && (shape[3] == 1 || shape[3] == 3 || shape[3] == 4);
    if (shape.size() != 3 && !channelsLast)
        throw Error(imagesName + ": images have shape " + npyShapeText(shape) +
                    "; NormLab reads N x H x W (grey) or N x H x W x C with C = 1, 3 or 4" +
                    (shape.size() == 4 && shape[1] <= 4 ? " (channels last, not first)" : ""));
    const std::uint64_t count = shape[0], height = shape[1], width = shape[2];
    const std::uint64_t channels = shape.size() == 4 ? shape[3] : 1;
    if (count == 0) throw Error(imagesName + ": contains no images");
    if (height == 0 || width == 0 || height > kMaxSide || width > kMaxSide)
        throw Error(imagesName + ": unsupported image size " + std::to_string(height) + "x" + std::to_string(width) +
                    " (1 to " + std::to_string(kMaxSide) + " pixels a side)");
    if (labels.shape.empty() || labels.shape[0] != count)
        throw Error(labelsName + ": has " +
                    (labels.shape.empty() ? "a single label" : std::to_string(labels.shape[0]) + " labels") + " but " +
                    imagesName + " has " + std::to_string(count) + " images");

    // Arrays made by hand (not by the parsers) must still describe their data exactly.
    if (images.data.size() != images.elementCount() || labels.data.size() != labels.elementCount() * labels.itemSize())
        throw Error(imagesName + ": array data does not match its shape");
    convertToCOrder(images);
    convertToCOrder(labels);
    ImageSet set;
    set.count = static_cast<std::size_t>(count);
    set.channels = static_cast<int>(channels);
    set.height = static_cast<int>(height);
    set.width = static_cast<int>(width);
    set.labels = labelBytes(std::move(labels), labelsName);
    set.pixels = std::move(images.data);
    channelsLastToFirst(set.pixels, set.count, set.pixelsPerChannel(), set.channels);
    set.classNames = digitClassNames(*std::max_element(set.labels.begin(), set.labels.end()) + 1);
    if (auto gaps = labelGapNote(set); !gaps.empty()) set.notes.push_back(std::move(gaps));
    return set;
}

std::optional<std::filesystem::path> labelsBesideImages(const std::filesystem::path& images) {
    if (images.extension() != ".npy") return std::nullopt;
    const auto stem = labelsStemFor(images.stem().string());
    if (!stem) return std::nullopt;
    const auto labels = images.parent_path() / (*stem + ".npy");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(labels, ec)) return std::nullopt;
    return labels;
}

ImageSet readNumpyImages(const std::filesystem::path& images, const std::filesystem::path& labels,
                         const std::string& split) {
    SourceFile imagesSource, labelsSource;
    NpyArray imagesArray = readNpy(images, &imagesSource);
    NpyArray labelsArray = readNpy(labels, &labelsSource);
    ImageSet set = imageSetFromNpy(std::move(imagesArray), std::move(labelsArray), images.string(), labels.string());
    set.dataset = datasetIdFor(images);
    set.split = split;
    set.origin = "NumPy file " + images.string();
    set.sources = {std::move(imagesSource), std::move(labelsSource)};
    return set;
}

ImageSet readMedMnistNpz(const std::filesystem::path& npz, const std::string& split) {
    const std::string name = npz.string();
    if (std::find(kMedMnistSplits.begin(), kMedMnistSplits.end(), split) == kMedMnistSplits.end())
        throw Error(name + ": no split '" + split + "' (MedMNIST files hold train, val and test)");
    const std::string imagesKey = split + "_images", labelsKey = split + "_labels";
    SourceFile source;
    auto arrays = readNpz(npz, {imagesKey, labelsKey}, &source);
    ImageSet set = imageSetFromNpy(std::move(arrays.at(imagesKey)), std::move(arrays.at(labelsKey)),
                                   name + " (" + imagesKey + ".npy)", name + " (" + labelsKey + ".npy)");
    set.dataset = npz.stem().string();
    set.split = split;
    set.origin = "NumPy file " + name;
    set.sources = {std::move(source)};
    return set;
}

} // namespace normlab
