#include "core/data/formats/idx/idxsplitstream.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/data/catalog/publishedcheck.h"
#include "core/data/contentreader.h"
#include "core/data/formats/idx/idxarray.h"
#include "core/data/formats/idx/idxsplitloader.h"
#include "core/common/resourcelimits.h"

namespace normlab {

struct IdxSplitStream::State {
    std::filesystem::path imagesPath;
    ContentReader images;
    SourceFile labelsSource;
    std::vector<std::uint8_t> labels;
    IdxImageShape shape;
    IdxHeader header;
    bool transposed = false;
    std::size_t read = 0;       // images read from the file
    std::vector<std::uint8_t> pending; // pixels that came in with the header

    explicit State(const std::filesystem::path& path)
        : imagesPath(path), images(path, ContentReader::Digests::Sha256AndMd5) {}
};

IdxSplitStream::IdxSplitStream(const std::filesystem::path& imagesPath, const std::filesystem::path& labelsPath,
                               const std::vector<std::string>& classNames, bool transposed)
    : m_state(std::make_unique<State>(imagesPath)) {
    State& st = *m_state;
    const std::string name = imagesPath.string();
    // The header: as much of the content as the longest one, or all of a shorter content.
    std::vector<std::uint8_t> prefix(kIdxMaxHeaderBytes);
    prefix.resize(st.images.read(prefix));
    const bool wholeContent = prefix.size() < kIdxMaxHeaderBytes;
    if (st.images.gzipped() && !wholeContent) {
        // Its real size is known once inflated: until then, what DEFLATE can expand it to.
        st.header = parseIdxHeader(prefix, st.images.storedBytes() * kMaxDeflateRatio, name, IdxSize::AtMost);
    } else {
        st.header = parseIdxHeader(prefix, wholeContent ? prefix.size() : st.images.storedBytes(), name);
    }
    st.shape = checkIdxImages(st.header.dims, st.header.type, name);
    IdxFile labels = readIdxWithSource(labelsPath);
    if (labels.array.dims[0] != st.shape.count)
        throw Error(labelsPath.string() + ": has " + std::to_string(labels.array.dims[0]) + " labels but " + name +
                    " has " + std::to_string(st.shape.count) + " images");
    st.labelsSource = std::move(labels.source);
    st.transposed = transposed;

    m_about.count = st.shape.count;
    m_about.channels = static_cast<int>(st.shape.channels);
    m_about.height = static_cast<int>(transposed ? st.shape.width : st.shape.height);
    m_about.width = static_cast<int>(transposed ? st.shape.height : st.shape.width);
    m_about.labels = idxClassLabels(std::move(labels.array), labelsPath);
    if (transposed) m_about.notes.push_back(kTransposedNote);
    describeIdxLabels(m_about, classNames, labelsPath);
    st.labels = std::move(m_about.labels);
    m_about.labels.clear();

    // The published check may need the inflated content's SHA-256: from the header and first pixels on.
    if (st.images.gzipped() && contentDigestMayBeNeeded(st.header.headerBytes + st.header.dataBytes))
        st.images.digestContent(prefix);
    st.pending.assign(prefix.begin() + static_cast<std::ptrdiff_t>(st.header.headerBytes), prefix.end());
}

IdxSplitStream::~IdxSplitStream() = default;

std::optional<SplitFileIndex> IdxSplitStream::fileIndex() const {
    const State& st = *m_state;
    if (st.images.gzipped()) return std::nullopt; // an image's place is known only once inflated
    SplitFileIndex index{st.imagesPath, st.header.headerBytes, false, st.transposed, st.labels};
    index.labels.resize(m_about.count);
    return index;
}

void IdxSplitStream::read(ImageSet& chunk, std::size_t count) {
    State& st = *m_state;
    const std::size_t bytes = count * st.shape.imageBytes();
    chunk.pixels.resize(bytes);
    // The pixels that came with the header first.
    const std::size_t early = std::min(bytes, st.pending.size());
    std::copy_n(st.pending.begin(), early, chunk.pixels.begin());
    st.pending.erase(st.pending.begin(), st.pending.begin() + static_cast<std::ptrdiff_t>(early));
    st.images.readExactly(std::span(chunk.pixels).subspan(early),
                          "images " + std::to_string(st.read) + " to " + std::to_string(st.read + count - 1) +
                              " of the " + std::to_string(st.shape.count) + " the header declares");
    if (st.transposed) transposeImagePlanes(chunk.pixels.data(), count * st.shape.channels, st.shape.height, st.shape.width);
    chunk.labels.assign(st.labels.begin() + static_cast<std::ptrdiff_t>(st.read),
                        st.labels.begin() + static_cast<std::ptrdiff_t>(st.read + count));
    st.read += count;
}

std::vector<SourceFile> IdxSplitStream::finish() {
    State& st = *m_state;
    const std::string name = st.imagesPath.string();
    std::string contentSha256;
    SourceFile images = st.images.finish(&contentSha256);
    // A .gz file's size is checked here, where it is known (a plain file's was, with its header).
    const std::uint64_t contentBytes = st.header.headerBytes + st.header.dataBytes;
    const std::uint64_t inflated = st.images.contentOffset();
    if (inflated != contentBytes)
        throw Error(name + (inflated < contentBytes ? ": truncated data (the header declares " : ": ") +
                    (inflated < contentBytes
                         ? std::to_string(st.header.dataBytes) + " data bytes, the file inflates to " +
                               std::to_string(inflated - std::min<std::uint64_t>(inflated, st.header.headerBytes)) + ")"
                         : std::to_string(inflated - contentBytes) +
                               " unexpected bytes after the data the header declares"));
    const StoredFile stored{st.imagesPath.filename().string(), images.md5, st.images.gzipped(), contentBytes};
    images.published = describePublished(stored, [&] { return st.images.gzipped() ? contentSha256 : images.sha256; });
    return {std::move(images), std::move(st.labelsSource)};
}

} // namespace normlab
