#include "core/data/formats/idx/idxsplitloader.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/common/resourcelimits.h"
#include "core/data/catalog/datasetcatalog.h"
#include "core/data/catalog/publishedcheck.h"
#include "core/data/formats/idx/idxarray.h"
#include "core/data/labelgaps.h"

namespace normlab {
namespace {

constexpr std::uint64_t kMaxSide = kMaxArrayImageSide; // core/common/resourcelimits.h
constexpr std::uint32_t kMaxChannels = 4;

} // namespace

IdxFile readIdxWithSource(const std::filesystem::path& path) {
    IdxFile file;
    FileDigests digests;
    file.array = readIdx(path, &digests, contentDigestMayBeNeeded);
    file.source.sha256 = digests.sha256;
    file.source.md5 = digests.md5;
    file.source.path = path.string();
    const auto header = encodeIdxHeader(file.array.dims, file.array.type);
    const StoredFile stored{path.filename().string(), digests.md5, digests.gzipped,
                            header.size() + file.array.data.size()};
    file.source.published = describePublished(stored, [&] { return digests.contentSha256; });
    std::error_code ec;
    file.source.bytes = std::filesystem::file_size(path, ec);
    return file;
}

std::vector<std::uint8_t> idxClassLabels(IdxArray&& labels, const std::filesystem::path& path) {
    const auto& dims = labels.dims;
    if (labels.type == kIdxUnsignedByte) {
        if (dims.size() != 1)
            throw Error(path.string() + ": a labels file of bytes needs 1 dimension, found " +
                        std::to_string(dims.size()));
        return std::move(labels.data);
    }
    if (dims.size() != 1 && dims.size() != 2)
        throw Error(path.string() +
                    ": a labels file of 32-bit integers needs 1 dimension or 2 (N x K, class first), "
                    "found " +
                    std::to_string(dims.size()));
    const std::uint64_t columns = dims.size() == 2 ? dims[1] : 1;
    if (columns == 0) throw Error(path.string() + ": labels have 0 columns");
    std::vector<std::uint8_t> classes(dims[0]);
    for (std::uint64_t i = 0; i < dims[0]; ++i) {
        const std::int32_t label = labels.int32At(i * columns);
        if (label < 0 || label > 255)
            throw Error(path.string() + ": label " + std::to_string(label) + " at index " + std::to_string(i) +
                        "; NormLab reads class labels 0..255");
        classes[i] = static_cast<std::uint8_t>(label);
    }
    return classes;
}

void transposeImagePlanes(std::uint8_t* pixels, std::size_t planes, std::uint32_t height, std::uint32_t width) {
    std::vector<std::uint8_t> plane(static_cast<std::size_t>(height) * width);
    for (std::size_t k = 0; k < planes; ++k) {
        std::uint8_t* p = pixels + k * plane.size();
        for (std::uint32_t y = 0; y < height; ++y)
            for (std::uint32_t x = 0; x < width; ++x)
                plane[static_cast<std::size_t>(x) * height + y] = p[static_cast<std::size_t>(y) * width + x];
        std::copy(plane.begin(), plane.end(), p);
    }
}

IdxImageShape checkIdxImages(const std::vector<std::uint32_t>& dims, std::uint8_t type, const std::string& imagesName) {
    if (dims.size() != 3 && dims.size() != 4)
        throw Error(imagesName + ": an images file needs 3 dimensions (N x H x W) or 4 (N x C x H x W), found " +
                    std::to_string(dims.size()));
    const IdxImageShape shape{dims[0], dims.size() == 4 ? dims[1] : 1, dims[dims.size() - 2], dims[dims.size() - 1]};
    if (shape.count == 0) throw Error(imagesName + ": contains no images");
    if (shape.channels == 0 || shape.channels > kMaxChannels || shape.height == 0 || shape.width == 0 ||
        shape.height > kMaxSide || shape.width > kMaxSide)
        throw Error(imagesName + ": unsupported image shape " + std::to_string(shape.channels) + "x" +
                    std::to_string(shape.height) + "x" + std::to_string(shape.width) + " (1 to " +
                    std::to_string(kMaxChannels) + " channels, 1 to " + std::to_string(kMaxSide) +
                    " pixels a side: kMaxArrayImageSide in core/common/resourcelimits.h)");
    if (type != kIdxUnsignedByte) throw Error(imagesName + ": images must be unsigned bytes (IDX type 0x08)");
    return shape;
}

void describeIdxLabels(ImageSet& set, const std::vector<std::string>& classNames,
                       const std::filesystem::path& labelsPath) {
    const int maxLabel = *std::max_element(set.labels.begin(), set.labels.end());
    if (classNames.empty()) {
        set.classNames = digitClassNames(maxLabel + 1);
        if (auto gaps = labelGapNote(set); !gaps.empty()) set.notes.push_back(std::move(gaps));
        return;
    }
    if (maxLabel >= static_cast<int>(classNames.size())) {
        const auto at = std::find(set.labels.begin(), set.labels.end(), static_cast<std::uint8_t>(maxLabel));
        throw Error(labelsPath.string() + ": label " + std::to_string(maxLabel) + " at index " +
                    std::to_string(at - set.labels.begin()) + " is out of range (" +
                    std::to_string(classNames.size()) + " classes)");
    }
    set.classNames = classNames;
}

ImageSet loadIdxSplit(const std::filesystem::path& imagesPath, const std::filesystem::path& labelsPath,
                      const std::vector<std::string>& classNames, bool transposed) {
    auto images = readIdxWithSource(imagesPath);
    auto labels = readIdxWithSource(labelsPath);
    const IdxImageShape shape = checkIdxImages(images.array.dims, images.array.type, imagesPath.string());
    if (labels.array.dims[0] != shape.count)
        throw Error(labelsPath.string() + ": has " + std::to_string(labels.array.dims[0]) + " labels but " +
                    imagesPath.string() + " has " + std::to_string(shape.count) + " images");

    ImageSet set;
    set.count = shape.count;
    set.channels = static_cast<int>(shape.channels);
    set.height = static_cast<int>(shape.height);
    set.width = static_cast<int>(shape.width);
    set.pixels = std::move(images.array.data);
    set.labels = idxClassLabels(std::move(labels.array), labelsPath);
    if (transposed) {
        transposeImagePlanes(set.pixels.data(), set.count * shape.channels, shape.height, shape.width);
        std::swap(set.height, set.width);
        set.notes.push_back(kTransposedNote);
    }
    describeIdxLabels(set, classNames, labelsPath);
    set.sources = {std::move(images.source), std::move(labels.source)};
    return set;
}

} // namespace normlab
