#include "core/data/formats/numpy/numpydataset.h"

#include <algorithm>
#include <cstring>

#include "core/common/error.h"
#include "core/common/resourcelimits.h"
#include "core/data/catalog/datasetcatalog.h"
#include "core/data/labelgaps.h"
#include "core/data/formats/numpy/npyheader.h"
#include "core/data/formats/numpy/npzarchive.h"

namespace normlab {
namespace {

constexpr std::uint64_t kMaxSide = kMaxArrayImageSide;
constexpr std::uint64_t kMaxLabel = 255; // ImageSet stores labels as uint8

const std::vector<std::string> kMedMnistSplits{"train", "val", "test"};

std::int64_t signedValue(std::uint64_t raw, std::size_t bytes) {
    const unsigned shift = 64 - 8 * static_cast<unsigned>(bytes);
    return static_cast<std::int64_t>(raw << shift) >> shift; // sign-extends from the item's top bit
}

} // namespace

std::vector<std::uint8_t> npyLabelBytes(NpyArray labels, const std::string& name) {
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

void channelsLastToFirst(std::uint8_t* pixels, std::size_t count, std::size_t planeSize, std::size_t channels) {
    if (channels == 1) return;
    std::vector<std::uint8_t> image(planeSize * channels);
    for (std::size_t n = 0; n < count; ++n) {
        std::uint8_t* at = pixels + n * image.size();
        std::memcpy(image.data(), at, image.size());
        for (std::size_t p = 0; p < planeSize; ++p)
            for (std::size_t c = 0; c < channels; ++c)
                at[c * planeSize + p] = image[p * channels + c];
    }
}

namespace {

// "x_train" -> "y_train", "train_images" -> "train_labels", ...: the documented pairs.
std::optional<std::string> labelsStemFor(const std::string& stem) {
    if (stem == "x" || stem == "X") return "y";
    if (stem == "images") return "labels";
    if (stem.starts_with("x_") || stem.starts_with("X_")) return "y_" + stem.substr(2);
    if (stem.starts_with("images_")) return "labels_" + stem.substr(7);
    if (stem.ends_with("_images")) return stem.substr(0, stem.size() - 7) + "_labels";
    return std::nullopt;
}

} // namespace

std::string numpyDatasetId(const std::filesystem::path& images) {
    const std::string stem = images.stem().string();
    const std::string folder = images.parent_path().filename().string();
    // "train_images" says nothing about the data set; the folder holding it usually does.
    return labelsStemFor(stem) && !folder.empty() ? folder : stem;
}

NpyImageShape checkNpyImages(const std::string& descr, const std::vector<std::uint64_t>& shape,
                             const std::string& imagesName) {
    if (descr != "|u1") throw Error(imagesName + ": images are " + descr + "; NormLab reads uint8 images (|u1, 0..255)");
    const bool channelsLast = shape.size() == 4 && (shape[3] == 1 || shape[3] == 3 || shape[3] == 4);
    if (shape.size() != 3 && !channelsLast)
        throw Error(imagesName + ": images have shape " + npyShapeText(shape) +
                    "; NormLab reads N x H x W (grey) or N x H x W x C with C = 1, 3 or 4" +
                    (shape.size() == 4 && shape[1] <= 4 ? " (channels last, not first)" : ""));
    const NpyImageShape out{shape[0], shape.size() == 4 ? shape[3] : 1, shape[1], shape[2]};
    if (out.count == 0) throw Error(imagesName + ": contains no images");
    if (out.height == 0 || out.width == 0 || out.height > kMaxSide || out.width > kMaxSide)
        throw Error(imagesName + ": unsupported image size " + std::to_string(out.height) + "x" +
                    std::to_string(out.width) + " (1 to " + std::to_string(kMaxSide) +
                    " pixels a side: kMaxArrayImageSide in core/common/resourcelimits.h)");
    return out;
}

void checkNpyLabelCount(const std::vector<std::uint64_t>& labelsShape, std::uint64_t images,
                        const std::string& labelsName, const std::string& imagesName) {
    if (labelsShape.empty() || labelsShape[0] != images)
        throw Error(labelsName + ": has " +
                    (labelsShape.empty() ? "a single label" : std::to_string(labelsShape[0]) + " labels") + " but " +
                    imagesName + " has " + std::to_string(images) + " images");
}

void describeNpyLabels(ImageSet& set) {
    set.classNames = digitClassNames(*std::max_element(set.labels.begin(), set.labels.end()) + 1);
    if (auto gaps = labelGapNote(set); !gaps.empty()) set.notes.push_back(std::move(gaps));
}

ImageSet imageSetFromNpy(NpyArray images, NpyArray labels, const std::string& imagesName,
                         const std::string& labelsName) {
    const NpyImageShape shape = checkNpyImages(images.descr, images.shape, imagesName);
    checkNpyLabelCount(labels.shape, shape.count, labelsName, imagesName);

    // Arrays made by hand (not by the parsers) must still describe their data exactly.
    if (images.data.size() != images.elementCount() || labels.data.size() != labels.elementCount() * labels.itemSize())
        throw Error(imagesName + ": array data does not match its shape");
    convertToCOrder(images);
    convertToCOrder(labels);
    ImageSet set;
    set.count = static_cast<std::size_t>(shape.count);
    set.channels = static_cast<int>(shape.channels);
    set.height = static_cast<int>(shape.height);
    set.width = static_cast<int>(shape.width);
    set.labels = npyLabelBytes(std::move(labels), labelsName);
    set.pixels = std::move(images.data);
    channelsLastToFirst(set.pixels.data(), set.count, set.pixelsPerChannel(), set.channels);
    describeNpyLabels(set);
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
    set.dataset = numpyDatasetId(images);
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
