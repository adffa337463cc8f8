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

// One split of an image classification data set, held once as uint8 in N x C x H x W order.
// Normalized values are always computed from these bytes on demand, never stored as floats.
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

    std::size_t pixelsPerChannel() const { return static_cast<std::size_t>(height) * width; }
    std::size_t pixelsPerImage() const { return pixelsPerChannel() * channels; }
    const std::uint8_t* image(std::size_t index) const { return pixels.data() + index * pixelsPerImage(); }
    int classCount() const { return static_cast<int>(classNames.size()); }
};

} // namespace normlab
