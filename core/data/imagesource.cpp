#include "core/data/imagesource.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/common/error.h"
#include "core/data/formats/codecs/imagedecoder.h"
#include "core/data/formats/idx/idxsplitloader.h"
#include "core/data/formats/numpy/numpydataset.h"

namespace normlab {
namespace {

class HeldImages final : public ImageSource {
public:
    explicit HeldImages(ImageSet set) {
        // about() describes, m_set holds: the pixels are moved aside while the rest is copied.
        std::vector<std::uint8_t> pixels = std::move(set.pixels);
        set.pixels = {};
        m_about = set;
        set.pixels = std::move(pixels);
        m_set = std::move(set);
    }

    ImagePixels pixels(std::size_t index) const override {
        ImagePixels image;
        image.channels = m_set.channels;
        image.height = m_set.heightOf(index);
        image.width = m_set.widthOf(index);
        const std::uint8_t* first = m_set.image(index);
        image.bytes.assign(first, first + image.plane() * image.channels);
        return image;
    }

    bool held() const override { return true; }

private:
    ImageSet m_set;
};

} // namespace

ImageSourcePtr heldImages(ImageSet set) {
    return std::make_shared<HeldImages>(std::move(set));
}

FolderImages::FolderImages(ImageFolderSplit listing) : m_listing(std::move(listing)) {
    // The folder's size is left for the statistics pass to count: stat'ing 100,000 files here
    // would delay the first thumbnail by as much as listing them took.
    m_about = describeImageFolder(m_listing, 0);
    m_about.count = m_listing.files.size();
    m_about.labels.reserve(m_about.count);
    for (const auto& file : m_listing.files)
        m_about.labels.push_back(static_cast<std::uint8_t>(file.label));
}

ImagePixels FolderImages::pixels(std::size_t index) const {
    DecodedImage decoded = decodeImageFile(m_listing.files.at(index).path);
    ImagePixels image;
    image.channels = 3; // converted to RGB, as the statistics see it
    image.height = decoded.height;
    image.width = decoded.width;
    image.bytes = std::move(decoded.planar);
    return image;
}

ArrayFileImages::ArrayFileImages(ImageSet about, SplitFileIndex index) : m_index(std::move(index)) {
    m_about = std::move(about);
    m_about.labels = m_index.labels;
    m_fd = ::open(m_index.file.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) throw Error(m_index.file.string() + ": cannot open: " + std::strerror(errno));
}

ArrayFileImages::~ArrayFileImages() {
    ::close(m_fd);
}

ImagePixels ArrayFileImages::pixels(std::size_t index) const {
    ImagePixels image;
    image.channels = m_about.channels;
    image.height = m_about.height;
    image.width = m_about.width;
    const std::size_t bytes = image.plane() * static_cast<std::size_t>(image.channels);
    image.bytes.resize(bytes);
    const auto offset = static_cast<off_t>(m_index.dataOffset + index * bytes);
    for (std::size_t done = 0; done < bytes;) {
        const ssize_t got = ::pread(m_fd, image.bytes.data() + done, bytes - done, offset + static_cast<off_t>(done));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0)
            throw Error(m_index.file.string() + ": cannot read image " + std::to_string(index) +
                        (got < 0 ? std::string(": ") + std::strerror(errno)
                                 : " (the file is shorter than when it was opened)"));
        done += static_cast<std::size_t>(got);
    }
    if (m_index.channelsLast) channelsLastToFirst(image.bytes.data(), 1, image.plane(), image.channels);
    // Stored column-major: the stored plane is width x height of the upright one.
    if (m_index.transposed)
        transposeImagePlanes(image.bytes.data(), image.channels, static_cast<std::uint32_t>(image.width),
                             static_cast<std::uint32_t>(image.height));
    return image;
}

} // namespace normlab
