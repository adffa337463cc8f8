#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace normlab {

// A file a data set was read from, recorded so exports can say exactly what they describe.
struct SourceFile {
    std::string path;
    std::uint64_t bytes = 0;
    std::string sha256;
    std::string md5; // empty for generated data
    // What the file is compared with the catalog's published files, e.g. "published FashionMNIST
    // content; file recompressed". Empty for generated data.
    std::string published;
};

// Where one image of a set whose images differ in size lies in its pixels, and its size.
struct ImageShape {
    int height = 0, width = 0;
    std::size_t offset = 0; // of its first byte in ImageSet::pixels
};

// One split of an image classification data set, held once as uint8, each image C x H x W (planes
// of R, G, B) and the images one after the other. Normalized values are always computed from these
// bytes on demand, never stored as floats. Most data sets share one size (height x width); an
// image folder may mix sizes, and then height and width are 0 and `shapes` has one entry per image.
struct ImageSet {
    std::string dataset; // catalog id ("mnist", "fashion-mnist", "synthetic") or "custom"
    std::string split;   // "train" or "test"
    std::string origin;  // where it was found, e.g. "Debian package dataset-fashion-mnist"
    std::size_t count = 0;
    int channels = 1;
    int height = 0;
    int width = 0;
    std::vector<std::uint8_t> pixels;
    std::vector<std::uint8_t> labels;
    std::vector<std::string> classNames;
    std::vector<SourceFile> sources;
    std::vector<ImageShape> shapes; // empty when every image is height x width
    // What NormLab did to the data as it read it, for exports and the GUI: "EMNIST stores images
    // transposed; shown upright", "converted to RGB as torchvision's default loader does".
    std::vector<std::string> notes;

    bool uniformSize() const { return shapes.empty(); }
    // For a set of one size; 0 for a set of mixed sizes.
    std::size_t pixelsPerChannel() const { return static_cast<std::size_t>(height) * width; }
    std::size_t pixelsPerImage() const { return pixelsPerChannel() * channels; }
    int heightOf(std::size_t index) const { return shapes.empty() ? height : shapes[index].height; }
    int widthOf(std::size_t index) const { return shapes.empty() ? width : shapes[index].width; }
    std::size_t pixelsPerChannel(std::size_t index) const {
        return shapes.empty() ? pixelsPerChannel()
                              : static_cast<std::size_t>(shapes[index].height) * shapes[index].width;
    }
    const std::uint8_t* image(std::size_t index) const {
        return pixels.data() + (shapes.empty() ? index * pixelsPerImage() : shapes[index].offset);
    }
    int classCount() const { return static_cast<int>(classNames.size()); }
};

} // namespace normlab
