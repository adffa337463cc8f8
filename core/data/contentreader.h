#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/data/imageset.h"

namespace normlab {

// A data file read front to back a piece at a time, so that a reader holds a piece and never the
// file: its content comes out as stored, or inflated when the file is gzip-compressed (libarchive's
// gzip filter, piece by piece), and its digests are computed from the same bytes as they pass.
// Plain reads rather than a mapping: pages of a mapped 30 GB file count in the process's memory
// while it runs, pages read through a buffer stay in the page cache the kernel reclaims.
class ContentReader {
public:
    enum class Digests { Sha256, Sha256AndMd5 };

    // Throws Error("PATH: reason") when the file cannot be opened.
    ContentReader(const std::filesystem::path& path, Digests digests);
    ~ContentReader();
    ContentReader(const ContentReader&) = delete;
    ContentReader& operator=(const ContentReader&) = delete;

    const std::filesystem::path& path() const;
    bool gzipped() const;
    std::uint64_t storedBytes() const; // the file's size on disk

    // Up to out.size() bytes of content; fewer only at its end. Throws Error("PATH: problem") for
    // a damaged or truncated gzip stream.
    std::size_t read(std::span<std::uint8_t> out);
    // Exactly out.size() bytes, else Error("PATH: truncated data (what)").
    void readExactly(std::span<std::uint8_t> out, const std::string& what);
    // True when no content is left (reads ahead one byte, kept for the next read).
    bool atEnd();
    // Content bytes given out so far; after finish, the content's whole size.
    std::uint64_t contentOffset() const;

    // Also the SHA-256 of the content (the decompressed bytes of a gzip file), starting with the
    // bytes already read, which the caller passes back in (the header it parsed).
    void digestContent(std::span<const std::uint8_t> alreadyRead);

    // Reads what is left of the file for its digests and gives its path, size, SHA-256 and MD5
    // (and the content's SHA-256 when asked for; for a plain file it is the SHA-256). Once only.
    SourceFile finish(std::string* contentSha256 = nullptr);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace normlab
