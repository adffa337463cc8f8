#include "core/data/formats/idx/idxsplitloader.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/data/catalog/datasetcatalog.h"
#include "core/data/formats/idx/idxarray.h"
#include "core/data/labelgaps.h"
#include "core/data/catalog/publishedcheck.h"

namespace normlab {
namespace {

constexpr std::uint32_t kMaxSide = 4096;
constexpr std::uint32_t kMaxChannels = 4;

struct ReadFile {
    IdxArray array;
    SourceFile source;
};

ReadFile readWithSource(const std::filesystem::path& path) {
    ReadFile file;
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

// The class of each image: a labels file of bytes (N), or of 32-bit integers N x K whose first
// column is the class (QMNIST; the other columns are writer ids and the like).
std::vector<std::uint8_t> classLabels(IdxArray&& labels, const std::filesystem::path& path) {
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

// EMNIST's images are stored transposed (column-major): each image is flipped about its diagonal.
void transposeImages(std::vector<std::uint8_t>& pixels, std::size_t planes, std::uint32_t height, std::uint32_t width) {
    std::vector<std::uint8_t> plane(static_cast<std::size_t>(height) * width);
    for (std::size_t k = 0; k < planes; ++k) {
        std::uint8_t* p = pixels.data() + k * plane.size();
        for (std::uint32_t y = 0; y < height; ++y)
            for (std::uint32_t x = 0; x < width; ++x)
                plane[static_cast<std::size_t>(x) * height + y] = p[static_cast<std::size_t>(y) * width + x];
        std::copy(plane.begin(), plane.end(), p);
    }
}

} // namespace

ImageSet loadIdxSplit(const std::filesystem::path& imagesPath, const std::filesystem::path& labelsPath,
                      const std::vector<std::string>& classNames, bool transposed) {
    auto images = readWithSource(imagesPath);
    auto labels = readWithSource(labelsPath);
    const std::string imagesName = imagesPath.string();
    const auto& dims = images.array.dims;
    if (dims.size() != 3 && dims.size() != 4)
        throw Error(imagesName + ": an images file needs 3 dimensions (N x H x W) or 4 (N x C x H x W), found " +
                    std::to_string(dims.size()));
    const std::uint32_t channels = dims.size() == 4 ? dims[1] : 1;
    const std::uint32_t height = dims[dims.size() - 2];
    const std::uint32_t width = dims[dims.size() - 1];
    if (dims[0] == 0) throw Error(imagesName + ": contains no images");
    if (channels == 0 || channels > kMaxChannels || height == 0 || width == 0 || height > kMaxSide || width > kMaxSide)
        throw Error(imagesName + ": unsupported image shape " + std::to_string(channels) + "x" +
                    std::to_string(height) + "x" + std::to_string(width));
    if (images.array.type != kIdxUnsignedByte)
        throw Error(imagesName + ": images must be unsigned bytes (IDX type 0x08)");
    if (labels.array.dims[0] != dims[0])
        throw Error(labelsPath.string() + ": has " + std::to_string(labels.array.dims[0]) + " labels but " +
                    imagesName + " has " + std::to_string(dims[0]) + " images");

    ImageSet set;
    set.count = dims[0];
    set.channels = static_cast<int>(channels);
    set.height = static_cast<int>(height);
    set.width = static_cast<int>(width);
    set.pixels = std::move(images.array.data);
    set.labels = classLabels(std::move(labels.array), labelsPath);
    if (transposed) {
        transposeImages(set.pixels, set.count * channels, height, width);
        std::swap(set.height, set.width);
        set.notes.push_back("stored transposed (as EMNIST's files are); shown upright");
    }
    const int maxLabel = *std::max_element(set.labels.begin(), set.labels.end());
    if (classNames.empty()) {
        set.classNames = digitClassNames(maxLabel + 1);
        if (auto gaps = labelGapNote(set); !gaps.empty()) set.notes.push_back(std::move(gaps));
    } else {
        if (maxLabel >= static_cast<int>(classNames.size())) {
            const auto at = std::find(set.labels.begin(), set.labels.end(), static_cast<std::uint8_t>(maxLabel));
            throw Error(labelsPath.string() + ": label " + std::to_string(maxLabel) + " at index " +
                        std::to_string(at - set.labels.begin()) + " is out of range (" +
                        std::to_string(classNames.size()) + " classes)");
        }
        set.classNames = classNames;
    }
    set.sources = {std::move(images.source), std::move(labels.source)};
    return set;
}

} // namespace normlab
