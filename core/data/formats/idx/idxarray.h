#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace normlab {

// IDX type codes NormLab reads: unsigned bytes (images, labels) and big-endian 32-bit integers
// (QMNIST's labels, N x 8 with the class in column 0 and metadata in the others).
inline constexpr std::uint8_t kIdxUnsignedByte = 0x08;
inline constexpr std::uint8_t kIdxInt32 = 0x0C;

// The contents of one IDX file: its dimensions and data, as stored (int32 big-endian).
struct IdxArray {
    std::vector<std::uint32_t> dims;
    std::vector<std::uint8_t> data;
    std::uint8_t type = kIdxUnsignedByte;

    std::uint64_t elementCount() const;
    std::size_t elementSize() const { return type == kIdxInt32 ? 4 : 1; }
    // Element i of an int32 array.
    std::int32_t int32At(std::uint64_t i) const;
};

// The start of an IDX file's content: its type, dimensions, its own length and the data length
// they declare.
struct IdxHeader {
    std::uint8_t type = kIdxUnsignedByte;
    std::vector<std::uint32_t> dims;
    std::size_t headerBytes = 0;
    std::uint64_t dataBytes = 0;
};

// The longest IDX header (4 dimensions; the type byte allows no more).
inline constexpr std::size_t kIdxMaxHeaderBytes = 4 + 4 * 4;

// How contentBytes bounds a header's data: Exact for a plain file, whose data must fill it to the
// byte; AtMost for a gzip file read as a stream (the most it can inflate to), whose end its
// reader checks once it gets there.
enum class IdxSize { Exact, AtMost };

// Parses and validates a header from the first bytes of a file's content (at least the whole
// header, when the content has it). Throws Error("NAME: problem"), naming what the header declares
// and what the content holds.
IdxHeader parseIdxHeader(const std::vector<std::uint8_t>& prefix, std::uint64_t contentBytes, const std::string& name,
                         IdxSize size = IdxSize::Exact);

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
std::vector<std::uint8_t> encodeIdxHeader(const std::vector<std::uint32_t>& dims, std::uint8_t type = kIdxUnsignedByte);

// Serialises an array as IDX bytes, optionally gzip-compressed.
std::vector<std::uint8_t> encodeIdx(const IdxArray& array, bool gzipped);

// Writes an IDX file atomically (temp file + rename); .gz paths are compressed.
void writeIdx(const std::filesystem::path& path, const IdxArray& array);

} // namespace normlab
