#include "core/data/imagesource.h"

#include "core/data/formats/codecs/imagedecoder.h"

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

} // namespace normlab
