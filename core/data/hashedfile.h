#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <future>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/data/imageset.h"
#include "core/common/mappedfile.h"

namespace normlab {

// A whole file, mapped into memory, whose SHA-256 and MD5 are computed on other threads while the
// caller parses it: hashing a 30 MB batch takes longer than parsing it. Readers of several files
// keep them until the end, so that the hashes of all run while the next files are parsed.
class HashedFile {
public:
    // SHA-256 identifies every file in exports; MD5 only matters where published checksums are MD5s
    // that NormLab compares with (it costs as much again: a third of reading CIFAR's pickles).
    enum class Digests { Sha256, Sha256AndMd5 };

    // Throws Error("PATH: reason") when the file cannot be read.
    explicit HashedFile(const std::filesystem::path& path, Digests digests = Digests::Sha256AndMd5);
    ~HashedFile(); // waits for the digests: they read bytes()
    HashedFile(const HashedFile&) = delete;
    HashedFile& operator=(const HashedFile&) = delete;

    std::span<const std::uint8_t> bytes() const { return m_file.bytes(); }
    // The file's path, size and digests (waits for them). Once only.
    SourceFile source();

private:
    std::filesystem::path m_path;
    MappedFile m_file;
    std::future<std::string> m_sha256;
    std::future<std::string> m_md5;
};

// The files of one data set, hashed while the reader goes on to the next: with 2 cores the digests
// of earlier batches run beside parsing and copying the later ones. At most `mappedAtMost` files
// stay mapped; the oldest is finished (its digests awaited, its mapping released) before another
// is opened.
class HashedFiles {
public:
    explicit HashedFiles(std::size_t mappedAtMost) : m_limit(mappedAtMost == 0 ? 1 : mappedAtMost) {}

    // Maps the file and starts its digests. Throws Error("PATH: reason").
    HashedFile& open(const std::filesystem::path& path, HashedFile::Digests digests);
    // Every file's path, size and digests, in the order they were opened (waits for them). Once only.
    std::vector<SourceFile> sources();

private:
    std::size_t m_limit;
    std::deque<std::unique_ptr<HashedFile>> m_open;
    std::vector<SourceFile> m_finished;
};

} // namespace normlab
