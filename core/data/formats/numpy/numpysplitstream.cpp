#include "core/data/formats/numpy/numpysplitstream.h"

#include <algorithm>
#include <future>

#include "core/common/error.h"
#include "core/data/contentreader.h"
#include "core/data/formats/numpy/npyheader.h"
#include "core/data/formats/numpy/npzarchive.h"
#include "core/data/formats/numpy/numpydataset.h"

namespace normlab {
namespace {

const char* const kMedMnistSplits[] = {"train", "val", "test"};

// What both streams share once the images' header is known: the shape checks, the labels, the
// change to channels first, one chunk's labels.
class NumpyImagesStream : public SplitStream {
protected:
    void describeImages(const std::string& descr, const std::vector<std::uint64_t>& shape, NpyArray labels,
                        const std::string& imagesName, const std::string& labelsName) {
        m_shape = checkNpyImages(descr, shape, imagesName);
        checkNpyLabelCount(labels.shape, m_shape.count, labelsName, imagesName);
        convertToCOrder(labels);
        m_about.count = static_cast<std::size_t>(m_shape.count);
        m_about.channels = static_cast<int>(m_shape.channels);
        m_about.height = static_cast<int>(m_shape.height);
        m_about.width = static_cast<int>(m_shape.width);
        m_about.labels = npyLabelBytes(std::move(labels), labelsName);
        describeNpyLabels(m_about);
        m_labels = std::move(m_about.labels);
        m_about.labels.clear();
    }

    // The chunk's pixels as stored were read into chunk.pixels: to channels first, and its labels.
    void finishChunk(ImageSet& chunk, std::size_t count) {
        channelsLastToFirst(chunk.pixels.data(), count, chunk.pixelsPerChannel(), m_shape.channels);
        const auto first = m_labels.begin() + static_cast<std::ptrdiff_t>(m_read);
        chunk.labels.assign(first, first + static_cast<std::ptrdiff_t>(count));
        m_read += count;
    }

    NpyImageShape m_shape;
    std::vector<std::uint8_t> m_labels;
    std::size_t m_read = 0;
};

class NpyPairStream : public NumpyImagesStream {
public:
    NpyPairStream(std::unique_ptr<ContentReader> images, const NpyHeader& header,
                  const std::filesystem::path& labelsPath)
        : m_images(std::move(images)), m_dataOffset(header.headerBytes) {
        NpyArray labels = readNpy(labelsPath, &m_labelsSource);
        describeImages(header.descr, header.shape, std::move(labels), m_images->path().string(), labelsPath.string());
    }

    std::vector<SourceFile> finish() override { return {m_images->finish(), std::move(m_labelsSource)}; }

    // C order and not compressed (openNpyPairStream reads the others whole).
    std::optional<SplitFileIndex> fileIndex() const override {
        SplitFileIndex index{m_images->path(), m_dataOffset, true, false, m_labels};
        index.labels.resize(m_about.count);
        return index;
    }

protected:
    void read(ImageSet& chunk, std::size_t count) override {
        chunk.pixels.resize(count * m_shape.imageBytes());
        m_images->readExactly(chunk.pixels,
                              "images " + std::to_string(m_read) + " to " + std::to_string(m_read + count - 1));
        finishChunk(chunk, count);
    }

private:
    std::unique_ptr<ContentReader> m_images;
    std::uint64_t m_dataOffset;
    SourceFile m_labelsSource;
};

class NpzStream : public NumpyImagesStream {
public:
    NpzStream(const std::filesystem::path& npz, const std::string& split) {
        const std::string name = npz.string(), imagesKey = split + "_images", labelsKey = split + "_labels";
        // The labels first, from their own entry; then the images entry, a chunk at a time, while
        // another thread reads the whole file for its digests (libarchive seeks in the archive,
        // so the digests cannot come from the bytes it reads).
        NpyArray labels = std::move(readNpzArrays(npz, {labelsKey}).at(labelsKey));
        m_entry = std::make_unique<NpzEntryStream>(npz, imagesKey);
        m_digests = std::async(std::launch::async, [npz] {
            ContentReader file(npz, ContentReader::Digests::Sha256AndMd5);
            return file.finish();
        });
        const NpyHeader& header = m_entry->header();
        // Each image of a Fortran-ordered entry is spread over the whole entry.
        if (header.fortranOrder) throw Error(m_entry->name() + ": Fortran-ordered images are read whole");
        describeImages(header.descr, header.shape, std::move(labels), m_entry->name(),
                       name + " (" + labelsKey + ".npy)");
    }

    std::vector<SourceFile> finish() override {
        if (m_read == m_shape.count) m_entry->checkEnd();
        m_entry.reset();
        return {m_digests.get()};
    }

protected:
    void read(ImageSet& chunk, std::size_t count) override {
        chunk.pixels.resize(count * m_shape.imageBytes());
        m_entry->readExactly(chunk.pixels);
        finishChunk(chunk, count);
    }

private:
    std::unique_ptr<NpzEntryStream> m_entry;
    std::future<SourceFile> m_digests;
};

// The header of the .npy file `reader` starts: the data follows it.
NpyHeader readNpyHeader(ContentReader& reader) {
    const std::string name = reader.path().string();
    std::vector<std::uint8_t> prefix(kNpyPreambleBytes);
    prefix.resize(reader.read(prefix));
    const std::size_t headerBytes = npyHeaderBytes(prefix, name);
    const std::size_t have = prefix.size();
    prefix.resize(headerBytes);
    reader.readExactly(std::span(prefix).subspan(have), "its header");
    NpyHeader header = parseNpyHeader(prefix, name);
    checkNpyDataSize(header, reader.storedBytes() - header.headerBytes, name);
    return header;
}

} // namespace

std::unique_ptr<SplitStream> openNpyPairStream(const std::filesystem::path& images,
                                               const std::filesystem::path& labels, const std::string& split) {
    auto reader = std::make_unique<ContentReader>(images, ContentReader::Digests::Sha256AndMd5);
    const NpyHeader header = readNpyHeader(*reader);
    std::unique_ptr<SplitStream> stream;
    if (header.fortranOrder || reader->gzipped()) {
        reader.reset();
        stream = std::make_unique<LoadedSplitStream>(readNumpyImages(images, labels, split));
    } else {
        stream = std::make_unique<NpyPairStream>(std::move(reader), header, labels);
    }
    stream->describe(numpyDatasetId(images), split, "NumPy file " + images.string());
    return stream;
}

std::unique_ptr<SplitStream> openMedMnistNpzStream(const std::filesystem::path& npz, const std::string& split) {
    if (std::find(std::begin(kMedMnistSplits), std::end(kMedMnistSplits), split) == std::end(kMedMnistSplits))
        throw Error(npz.string() + ": no split '" + split + "' (MedMNIST files hold train, val and test)");
    std::unique_ptr<SplitStream> stream;
    try {
        stream = std::make_unique<NpzStream>(npz, split);
    } catch (const Error&) {
        // What the stream does not take (a Fortran-ordered entry, an archive libarchive will not
        // read entry by entry from the file) is read whole, which also gives the message for a
        // file that is really damaged.
        stream = std::make_unique<LoadedSplitStream>(readMedMnistNpz(npz, split));
    }
    stream->describe(npz.stem().string(), split, "NumPy file " + npz.string());
    return stream;
}

} // namespace normlab
