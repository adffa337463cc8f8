#include "tests/support/testdata.h"

#include <QProcess>

#include <algorithm>
#include <fstream>

#include "core/common/splitmix.h"
#include "core/data/catalog/datasetcatalog.h"
#include "core/data/formats/idx/idxarray.h"

namespace normlab::test {

ImageSet randomImageSet(std::size_t count, int classes, std::uint64_t seed, int channels, int height, int width) {
    ImageSet set;
    set.dataset = "custom";
    set.split = "train";
    set.count = count;
    set.channels = channels;
    set.height = height;
    set.width = width;
    set.classNames = digitClassNames(classes);
    SplitMix64 rng(seed);
    set.pixels.resize(count * set.pixelsPerImage());
    for (auto& px : set.pixels) {
        const double u = rng.uniform(0, 1);
        px = u < 0.6 ? 0 : (u < 0.7 ? 255 : static_cast<std::uint8_t>(rng.below(256)));
    }
    set.labels.resize(count);
    for (auto& l : set.labels)
        l = static_cast<std::uint8_t>(rng.below(classes));
    return set;
}

ImageSet randomMixedSizeSet(std::size_t count, int classes, std::uint64_t seed, int channels, int maxSide) {
    ImageSet set = randomImageSet(0, classes, seed, channels, 0, 0);
    SplitMix64 rng(seed);
    set.count = count;
    for (std::size_t i = 0; i < count; ++i) {
        ImageShape shape{1 + static_cast<int>(rng.below(maxSide)), 1 + static_cast<int>(rng.below(maxSide)),
                         set.pixels.size()};
        const std::size_t bytes = static_cast<std::size_t>(shape.height) * shape.width * channels;
        for (std::size_t k = 0; k < bytes; ++k) {
            const double u = rng.uniform(0, 1);
            set.pixels.push_back(u < 0.6 ? 0 : (u < 0.7 ? 255 : static_cast<std::uint8_t>(rng.below(256))));
        }
        set.shapes.push_back(shape);
        set.labels.push_back(static_cast<std::uint8_t>(rng.below(classes)));
    }
    return set;
}

static void writeSplit(const std::filesystem::path& dir, const ImageSet& set, const std::string& prefix,
                       const std::string& ext) {
    IdxArray images;
    images.dims = {static_cast<std::uint32_t>(set.count)};
    if (set.channels != 1) images.dims.push_back(set.channels);
    images.dims.push_back(set.height);
    images.dims.push_back(set.width);
    images.data = set.pixels;
    writeIdx(dir / (prefix + "-images-idx3-ubyte" + ext), images);
    writeIdx(dir / (prefix + "-labels-idx1-ubyte" + ext),
             IdxArray{{static_cast<std::uint32_t>(set.count)}, set.labels});
}

ImageSet wholeSplit(const ImageSource& source) {
    ImageSet set = source.about();
    set.pixels.clear();
    set.shapes.clear();
    bool oneSize = true;
    for (std::size_t i = 0; i < source.count(); ++i) {
        const ImagePixels image = source.pixels(i);
        set.channels = image.channels;
        set.shapes.push_back({image.height, image.width, set.pixels.size()});
        oneSize = oneSize && image.height == set.shapes[0].height && image.width == set.shapes[0].width;
        set.pixels.insert(set.pixels.end(), image.bytes.begin(), image.bytes.end());
    }
    if (oneSize && !set.shapes.empty()) {
        set.height = set.shapes[0].height;
        set.width = set.shapes[0].width;
        set.shapes.clear();
    } else if (!set.shapes.empty()) {
        set.height = set.width = 0;
    }
    return set;
}

void writeIdxDataset(const std::filesystem::path& dir, const ImageSet& train, const ImageSet& test, bool gzipped) {
    std::filesystem::create_directories(dir);
    writeSplit(dir, train, "train", gzipped ? ".gz" : "");
    writeSplit(dir, test, "t10k", gzipped ? ".gz" : "");
}

void writeBytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::uint8_t> idxBytes(std::uint8_t type, const std::vector<std::uint32_t>& dims, std::size_t dataBytes) {
    std::vector<std::uint8_t> b{0, 0, type, static_cast<std::uint8_t>(dims.size())};
    for (auto d : dims)
        for (int s = 24; s >= 0; s -= 8)
            b.push_back(static_cast<std::uint8_t>(d >> s));
    for (std::size_t i = 0; i < dataBytes; ++i)
        b.push_back(static_cast<std::uint8_t>(i * 7));
    return b;
}

std::vector<std::string> filesIn(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file()) names.push_back(std::filesystem::relative(it->path(), dir).string());
    std::sort(names.begin(), names.end());
    return names;
}

std::filesystem::path debianFashionMnist() {
    const std::filesystem::path folder = "/usr/share/datasets/fashion-mnist";
    std::error_code ec;
    return std::filesystem::is_regular_file(folder / "train-images-idx3-ubyte.gz", ec) ? folder
                                                                                       : std::filesystem::path();
}

QString pythonWith(const QStringList& modules) {
    for (const QString& candidate : {QStringLiteral("python3"), QStringLiteral("/usr/bin/python3")}) {
        QProcess p;
        p.start(candidate, {QStringLiteral("-c"), QStringLiteral("import ") + modules.join(QStringLiteral(", "))});
        if (p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0) return candidate;
    }
    return {};
}

} // namespace normlab::test
