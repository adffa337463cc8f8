#include "core/data/contentreader.h"

#include <cerrno>
#include <cstring>
#include <optional>

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/common/digest.h"
#include "core/common/error.h"

namespace normlab {
namespace {

// Pieces of the stored file: large enough that a read costs nothing per byte, small next to any
// memory budget.
constexpr std::size_t kPieceBytes = std::size_t{1} << 20;

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_read_free)>;

} // namespace

struct ContentReader::State {
    std::filesystem::path path;
    int fd = -1;
    std::uint64_t size = 0;
    bool gzipped = false;
    Digest sha256{Digest::Algorithm::Sha256};
    std::optional<Digest> md5;
    std::optional<Digest> contentSha256;
    std::uint64_t contentOffset = 0;
    std::optional<std::uint8_t> peeked; // one content byte read ahead by atEnd
    bool finished = false;

    // The gzip layer: libarchive pulls stored pieces through rawRead.
    ArchivePtr gz{nullptr, &archive_read_free};
    std::vector<std::uint8_t> raw;
    bool contentEnded = false;
    std::uint32_t contentCrc = 0; // CRC-32 of the inflated bytes, for the gzip trailer: libarchive does not check it

    std::string name() const { return path.string(); }

    // Stored bytes, each counted in the file's digests exactly once, in order.
    std::size_t readStored(std::uint8_t* out, std::size_t want) {
        std::size_t got = 0;
        while (got < want) {
            const ssize_t n = ::read(fd, out + got, want - got);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw Error(name() + ": cannot read: " + std::strerror(errno));
            if (n == 0) break;
            got += static_cast<std::size_t>(n);
        }
        sha256.update(out, got);
        if (md5) md5->update(out, got);
        return got;
    }

    static la_ssize_t rawRead(archive*, void* self, const void** buffer) {
        auto* st = static_cast<State*>(self);
        try {
            const std::size_t n = st->readStored(st->raw.data(), st->raw.size());
            *buffer = st->raw.data();
            return static_cast<la_ssize_t>(n);
        } catch (const Error&) {
            return -1; // libarchive reports it as a read error; the message below names the file
        }
    }

    void openGzip() {
        raw.resize(kPieceBytes);
        gz.reset(archive_read_new());
        if (!gz) throw Error(name() + ": out of memory for libarchive");
        archive_read_support_filter_gzip(gz.get());
        archive_read_support_format_raw(gz.get());
        archive_entry* entry = nullptr;
        if (archive_read_open(gz.get(), this, nullptr, &State::rawRead, nullptr) != ARCHIVE_OK ||
            archive_read_next_header(gz.get(), &entry) != ARCHIVE_OK)
            throw Error(name() + ": damaged gzip data: " + problem());
    }

    std::string problem() const {
        const char* text = archive_error_string(gz.get());
        return text ? text : "unknown libarchive error";
    }

    std::size_t readContent(std::uint8_t* out, std::size_t want) {
        std::size_t got = 0;
        if (!gzipped) {
            got = readStored(out, want);
        } else {
            while (got < want && !contentEnded) {
                const la_ssize_t n = archive_read_data(gz.get(), out + got, want - got);
                if (n < 0) throw Error(name() + ": damaged gzip data: " + problem());
                if (n == 0) contentEnded = true;
                got += static_cast<std::size_t>(std::max<la_ssize_t>(n, 0));
            }
        }
        if (contentSha256) contentSha256->update(out, got);
        if (gzipped) contentCrc = libdeflate_crc32(contentCrc, out, got);
        return got;
    }
};

ContentReader::ContentReader(const std::filesystem::path& path, Digests digests) : m_state(std::make_unique<State>()) {
    State& st = *m_state;
    st.path = path;
    st.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (st.fd < 0) throw Error(path.string() + ": cannot open: " + std::strerror(errno));
    struct stat info {};
    if (::fstat(st.fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(st.fd);
        throw Error(path.string() + ": not a regular file");
    }
    st.size = static_cast<std::uint64_t>(info.st_size);
    ::posix_fadvise(st.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    if (digests == Digests::Sha256AndMd5) st.md5.emplace(Digest::Algorithm::Md5);
    std::uint8_t magic[2] = {};
    st.gzipped = ::pread(st.fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (st.gzipped) st.openGzip();
}

ContentReader::~ContentReader() {
    if (m_state->fd >= 0) ::close(m_state->fd);
}

const std::filesystem::path& ContentReader::path() const {
    return m_state->path;
}

bool ContentReader::gzipped() const {
    return m_state->gzipped;
}

std::uint64_t ContentReader::storedBytes() const {
    return m_state->size;
}

std::uint64_t ContentReader::contentOffset() const {
    return m_state->contentOffset;
}

std::size_t ContentReader::read(std::span<std::uint8_t> out) {
    State& st = *m_state;
    if (out.empty()) return 0;
    std::size_t got = 0;
    if (st.peeked) {
        out[0] = *st.peeked;
        st.peeked.reset();
        got = 1;
    }
    got += st.readContent(out.data() + got, out.size() - got);
    st.contentOffset += got;
    return got;
}

void ContentReader::readExactly(std::span<std::uint8_t> out, const std::string& what) {
    const std::size_t got = read(out);
    if (got < out.size())
        throw Error(m_state->name() + ": truncated data (" + what + ": " + std::to_string(out.size()) +
                    " bytes expected, the file ends after " + std::to_string(got) + ")");
}

bool ContentReader::atEnd() {
    State& st = *m_state;
    if (st.peeked) return false;
    std::uint8_t byte = 0;
    if (st.readContent(&byte, 1) == 0) return true;
    st.peeked = byte;
    return false;
}

void ContentReader::digestContent(std::span<const std::uint8_t> alreadyRead) {
    State& st = *m_state;
    // A byte atEnd read ahead would have missed the digest, which starts here.
    if (st.peeked) throw Error("internal: digestContent after atEnd");
    st.contentSha256.emplace(Digest::Algorithm::Sha256);
    st.contentSha256->update(alreadyRead.data(), alreadyRead.size());
}

SourceFile ContentReader::finish(std::string* contentSha256) {
    State& st = *m_state;
    if (st.finished) throw Error("internal: ContentReader::finish called twice");
    st.finished = true;
    // What the caller did not read still belongs in the digests: the content's rest (inflated,
    // for a gzip file), then any stored bytes after the gzip stream.
    std::vector<std::uint8_t> piece(kPieceBytes);
    if (st.peeked) st.contentOffset += 1, st.peeked.reset();
    while (const std::size_t n = st.readContent(piece.data(), piece.size()))
        st.contentOffset += n;
    while (st.readStored(piece.data(), piece.size()) > 0) {
    }
    // libarchive neither checks the gzip trailer's CRC-32 nor refuses bytes after the gzip stream
    // (gzip ignores them with a warning); a damaged or appended-to file must not pass, as the whole
    // reader (libdeflate) refuses it: the last 8 bytes are the inflated bytes' CRC-32 and size
    // (mod 2^32), little-endian.
    if (st.gzipped) {
        std::uint8_t trailer[8] = {};
        if (st.size < 8 || ::pread(st.fd, trailer, 8, static_cast<off_t>(st.size - 8)) != 8)
            throw Error(st.name() + ": corrupt gzip file (no trailer)");
        const auto le32 = [&](int at) {
            return std::uint32_t{trailer[at]} | std::uint32_t{trailer[at + 1]} << 8 |
                   std::uint32_t{trailer[at + 2]} << 16 | std::uint32_t{trailer[at + 3]} << 24;
        };
        if (le32(0) != st.contentCrc)
            throw Error(st.name() + ": corrupt gzip file (the inflated data's CRC-32 is not the trailer's)");
        const std::uint32_t claimed = le32(4);
        if (claimed != static_cast<std::uint32_t>(st.contentOffset))
            throw Error(st.name() + ": corrupt gzip file (trailer claims " + std::to_string(claimed) + " bytes, " +
                        std::to_string(st.contentOffset) + " inflated: bytes after the gzip data?)");
    }
    SourceFile source;
    source.path = st.name();
    source.bytes = st.size;
    source.sha256 = st.sha256.hexFinal();
    if (st.md5) source.md5 = st.md5->hexFinal();
    if (contentSha256 && st.contentSha256) *contentSha256 = st.contentSha256->hexFinal();
    return source;
}

} // namespace normlab
