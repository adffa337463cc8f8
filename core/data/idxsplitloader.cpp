#include "core/data/idxsplitloader.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/data/datasetcatalog.h"
#include "core/data/idxarray.h"
#include "core/data/publishedcheck.h"

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
    const auto header = encodeIdxHeader(file.array.dims);
    const StoredFile stored{path.filename().string(), digests.md5, digests.gzipped,
                            header.size() + file.array.data.size()};
    file.source.published = describePublished(stored, [&] { return digests.contentSha256; });
    std::error_code ec;
    file.source.bytes = std::filesystem::file_size(path, ec);
    return file;
}

} // namespace

ImageSet loadIdxSplit(const std::filesystem::path& imagesPath, const std::filesystem::path& labelsPath,
                      const std::vector<std::string>& classNames) {
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
    if (labels.array.dims.size() != 1)
        throw Error(labelsPath.string() + ": a labels file needs 1 dimension, found " +
                    std::to_string(labels.array.dims.size()));
    if (labels.array.dims[0] != dims[0])
        throw Error(labelsPath.string() + ": has " + std::to_string(labels.array.dims[0]) + " labels but " +
                    imagesName + " has " + std::to_string(dims[0]) + " images");

    ImageSet set;
    set.count = dims[0];
    set.channels = static_cast<int>(channels);
    set.height = static_cast<int>(height);
    set.width = static_cast<int>(width);
    set.pixels = std::move(images.array.data);
    set.labels = std::move(labels.array.data);
    const int maxLabel = *std::max_element(set.labels.begin(), set.labels.end());
    if (classNames.empty()) {
        set.classNames = digitClassNames(maxLabel + 1);
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
