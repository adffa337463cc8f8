#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace normlab {

// The contents of one IDX file of unsigned bytes (type code 0x08): its dimensions and data.
struct IdxArray {
    std::vector<std::uint32_t> dims;
    std::vector<std::uint8_t> data;

    std::uint64_t elementCount() const;
};

// Reads a plain or gzip-compressed IDX file, validating the header against the real data size
// before any data-sized allocation. Throws Error("PATH: problem") on any malformed input.
// Digests of a file as stored (compressed or not): SHA-256 identifies it in exports, MD5 is what
// the published MNIST/FashionMNIST checksums use.
struct FileDigests {
    std::string sha256;
    std::string md5;
    bool gzipped = false; // stored gzip-compressed
    // SHA-256 of the decompressed content (header + data): what the catalog records for files
    // that are republished recompressed (Debian's). Only when asked for; equals sha256 for a file
    // stored uncompressed.
    std::string contentSha256;
};

// When digests is given it receives the file's digests, computed from the bytes already read, on
// a second thread while the file decompresses (they used to dominate loading).
// wantContentDigest(contentBytes) says whether contentSha256 is needed, once the size is known.
IdxArray readIdx(const std::filesystem::path& path, FileDigests* digests = nullptr,
                 const std::function<bool(std::uint64_t contentBytes)>& wantContentDigest = {});

// Parses IDX bytes already in memory (the gzip layer already removed). nameForErrors is used in
// messages only.
IdxArray parseIdx(std::vector<std::uint8_t> bytes, const std::filesystem::path& nameForErrors);

// The header of an unsigned-byte IDX file with these dimensions: with the data after it, the
// exact decompressed content of a file readIdx returned (for content digests).
std::vector<std::uint8_t> encodeIdxHeader(const std::vector<std::uint32_t>& dims);

// Serialises an array as IDX bytes, optionally gzip-compressed.
std::vector<std::uint8_t> encodeIdx(const IdxArray& array, bool gzipped);

// Writes an IDX file atomically (temp file + rename); .gz paths are compressed.
void writeIdx(const std::filesystem::path& path, const IdxArray& array);

} // namespace normlab
