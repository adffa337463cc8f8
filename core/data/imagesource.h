#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/data/formats/imagefolder/imagefolder.h"
#include "core/data/imageset.h"
#include "core/data/splitstream.h"

namespace normlab {

// One image's pixels as ImageSet holds them: channels x height x width bytes, planes of R, G, B.
struct ImagePixels {
    int channels = 1, height = 0, width = 0;
    std::vector<std::uint8_t> bytes;
    std::size_t plane() const { return static_cast<std::size_t>(height) * width; }
};

// The images of a split, one at a time: what a viewer needs to show any of them without holding
// their pixels. A split small enough to hold (MNIST's 47 MB, CIFAR's 150 MB) is held; an image folder
// is an index of its files (path and label: about 100 bytes an image, 130 MB for ImageNet's 1.28
// million) and decodes an image when asked, so a folder larger than memory can be browsed.
class ImageSource {
public:
    virtual ~ImageSource() = default;

    // The split without pixels: identity, count, labels, class names, channels, notes, sources.
    // Height and width are 0 when they are known only once an image is decoded (an image folder).
    const ImageSet& about() const { return m_about; }
    std::size_t count() const { return m_about.count; }

    // Image `index`'s pixels. Safe to call from several threads at once. Throws Error("FILE:
    // problem") for a file that does not decode (changed or removed since it was listed).
    virtual ImagePixels pixels(std::size_t index) const = 0;

    // True when pixels() copies from memory (microseconds; a view may ask on the GUI thread), false
    // when it reads and decodes a file (milliseconds for a photograph: ask on a worker).
    virtual bool held() const = 0;

protected:
    ImageSet m_about;
};

using ImageSourcePtr = std::shared_ptr<const ImageSource>;

// A split already in memory.
ImageSourcePtr heldImages(ImageSet set);

// An image folder's split (listImageFolder), decoded an image at a time as torchvision's default
// loader does; labels and names as loadImageFolder gives them. Creating it reads no image file.
class FolderImages final : public ImageSource {
public:
    explicit FolderImages(ImageFolderSplit listing);
    ImagePixels pixels(std::size_t index) const override;
    bool held() const override { return false; }
    // The files, for a streamed statistics pass over the same images.
    const ImageFolderSplit& listing() const { return m_listing; }

private:
    ImageFolderSplit m_listing;
};

// A split whose images lie one after another in an uncompressed file (a plain IDX images file, a
// C-order .npy; SplitStream::fileIndex says where): image i is one read at its offset, its
// channels put first and EMNIST's planes turned upright as the readers do. Holds the labels only.
class ArrayFileImages final : public ImageSource {
public:
    // about: the split as its stream describes it (shape, names, notes, count); throws Error when
    // the file cannot be opened.
    ArrayFileImages(ImageSet about, SplitFileIndex index);
    ~ArrayFileImages() override;
    ArrayFileImages(const ArrayFileImages&) = delete;
    ArrayFileImages& operator=(const ArrayFileImages&) = delete;
    ImagePixels pixels(std::size_t index) const override;
    bool held() const override { return false; }

private:
    SplitFileIndex m_index;
    int m_fd = -1; // pread is safe from several threads at once
};

} // namespace normlab
