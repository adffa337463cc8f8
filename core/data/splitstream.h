#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/datasetopener.h"
#include "core/data/imageset.h"

namespace normlab {

// Where a split's images lie in an uncompressed file, one after another (a plain IDX images file, a
// C-order .npy), and every image's label: what a viewer needs to read an image when it is shown
// (ArrayFileImages, core/data/imagesource.h) instead of holding the split.
struct SplitFileIndex {
    std::filesystem::path file;
    std::uint64_t dataOffset = 0;
    bool channelsLast = false; // .npy N x H x W x C: each image's channels interleaved
    bool transposed = false;   // EMNIST: each plane stored column-major
    std::vector<std::uint8_t> labels;
};

// One split read a chunk of images at a time, so that a pass over it (statistics, the Normalize
// line) holds a chunk and never the split: IDX files (plain or .gz), .npy pairs and .npz entries
// are read piece by piece from the files, CIFAR a batch file at a time, their digests computed on
// the way.
class SplitStream {
public:
    virtual ~SplitStream() = default;

    // The split before its images: data set, split, origin, image size, class names, notes and the
    // number of images (with --limit applied); no pixels, no labels.
    const ImageSet& about() const { return m_about; }

    // The next images, at most maxImages: an ImageSet of their pixels and labels (shape as
    // about()), with count 0 once every image was given. Throws Error("FILE: problem").
    ImageSet next(std::size_t maxImages);

    // After the last chunk: the files read, with their sizes and digests (the rest of each file is
    // read for them when --limit stopped early). Throws Error for bytes after the data.
    virtual std::vector<SourceFile> finish() = 0;

    // For a split whose images can be read one at a time from its file: where they lie and their
    // labels (as limitTo left them). Nothing for compressed, Fortran-ordered or generated data.
    virtual std::optional<SplitFileIndex> fileIndex() const { return std::nullopt; }

    // Sets the names a reader does not know: the data set id, the split and where it was found.
    void describe(const std::string& dataset, const std::string& split, const std::string& origin) {
        m_about.dataset = dataset, m_about.split = split, m_about.origin = origin;
    }
    // Gives only the first `limit` images (0: all), as --limit asks.
    void limitTo(std::size_t limit) {
        if (limit && limit < m_about.count) m_about.count = limit;
    }

protected:
    // Exactly `count` images, the next ones, into chunk.pixels and chunk.labels.
    virtual void read(ImageSet& chunk, std::size_t count) = 0;

    ImageSet m_about;
    std::size_t m_given = 0;
};

// A split already in memory, handed out in chunks: the data sets that are not streamed (generated
// digits, Fortran-ordered arrays) go through the same passes.
class LoadedSplitStream : public SplitStream {
public:
    explicit LoadedSplitStream(ImageSet set);
    std::vector<SourceFile> finish() override;

protected:
    void read(ImageSet& chunk, std::size_t count) override;

private:
    ImageSet m_set;
};

// The split of a request as a stream (--limit applied). Image folders are not streamed here: they
// have their own pass, which decodes on all cores (core/stats/folderstats.h). Throws Error as
// openSplit does.
std::unique_ptr<SplitStream> openSplitStream(const DatasetRequest& request, const std::string& split,
                                             const Progress& progress = {});

} // namespace normlab
