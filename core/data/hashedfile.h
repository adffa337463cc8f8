#pragma once

#include <cstdint>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include "core/data/imageset.h"

namespace normlab {

// A whole file read into memory whose SHA-256 and MD5 are computed on two other threads while the
// caller parses it: hashing a 30 MB batch takes longer than parsing it.
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

    const std::vector<std::uint8_t>& bytes() const { return m_bytes; }
    // The file's path, size and digests (waits for them). Once only.
    SourceFile source();

private:
    std::filesystem::path m_path;
    std::vector<std::uint8_t> m_bytes;
    std::future<std::string> m_sha256;
    std::future<std::string> m_md5;
};

} // namespace normlab
