#include "core/common/filebytes.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include <libdeflate.h>

#include "core/common/error.h"
#include "core/common/resourcelimits.h"

namespace normlab {
namespace {

constexpr std::uint64_t kMaxDecompressedBytes = kMaxInflatedFileBytes; // core/common/resourcelimits.h

std::string describeErrno(const std::filesystem::path& path, const char* what) {
    return path.string() + ": " + what + ": " + std::strerror(errno);
}

} // namespace

std::vector<std::uint8_t> readFileBytes(const std::filesystem::path& path) {
    return readFilePrefix(path, SIZE_MAX);
}

std::vector<std::uint8_t> readFilePrefix(const std::filesystem::path& path, std::size_t maxBytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw Error(path.string() + ": is a directory, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(describeErrno(path, "cannot open"));
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::uint64_t>(in.tellg());
    in.seekg(0, std::ios::beg);
    const std::size_t toRead = size < maxBytes ? static_cast<std::size_t>(size) : maxBytes;
    std::vector<std::uint8_t> bytes(toRead);
    if (toRead > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(toRead)))
        throw Error(describeErrno(path, "read failed"));
    return bytes;
}

bool looksGzipped(const std::vector<std::uint8_t>& bytes) {
    return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

std::vector<std::uint8_t> gunzip(const std::vector<std::uint8_t>& compressed,
                                 const std::filesystem::path& nameForErrors) {
    const std::string name = nameForErrors.string();
    // Smallest gzip member: 10-byte header + 2-byte empty block + 8-byte trailer.
    if (compressed.size() < 18)
        throw Error(name + ": corrupt gzip file (only " + std::to_string(compressed.size()) + " bytes)");
    const std::size_t n = compressed.size();
    const std::uint64_t declared = std::uint64_t{compressed[n - 4]} | std::uint64_t{compressed[n - 3]} << 8 |
                                   std::uint64_t{compressed[n - 2]} << 16 | std::uint64_t{compressed[n - 1]} << 24;
    if (declared > n * kMaxDeflateRatio || declared > kMaxDecompressedBytes)
        throw Error(name + ": corrupt gzip file (trailer claims " + std::to_string(declared) + " bytes from " +
                    std::to_string(n) + " compressed)");
    std::unique_ptr<libdeflate_decompressor, decltype(&libdeflate_free_decompressor)> dec(
        libdeflate_alloc_decompressor(), &libdeflate_free_decompressor);
    if (!dec) throw Error(name + ": out of memory for the gzip decompressor");
    std::vector<std::uint8_t> out(static_cast<std::size_t>(declared));
    std::size_t inUsed = 0, outUsed = 0;
    const auto rc =
        libdeflate_gzip_decompress_ex(dec.get(), compressed.data(), n, out.data(), out.size(), &inUsed, &outUsed);
    if (rc != LIBDEFLATE_SUCCESS)
        throw Error(name + ": corrupt gzip file (" +
                    (rc == LIBDEFLATE_BAD_DATA ? std::string("bad compressed data or checksum")
                                               : std::string("size does not match its trailer")) +
                    ")");
    if (inUsed != n)
        throw Error(name + ": gzip file has " + std::to_string(n - inUsed) +
                    " unexpected bytes after its first member");
    out.resize(outUsed);
    return out;
}

std::vector<std::uint8_t> gzip(const std::vector<std::uint8_t>& plain, int level) {
    std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)> comp(
        libdeflate_alloc_compressor(level), &libdeflate_free_compressor);
    if (!comp) throw Error("out of memory for the gzip compressor");
    std::vector<std::uint8_t> out(libdeflate_gzip_compress_bound(comp.get(), plain.size()));
    const std::size_t used = libdeflate_gzip_compress(comp.get(), plain.data(), plain.size(), out.data(), out.size());
    if (used == 0) throw Error("gzip compression failed");
    out.resize(used);
    return out;
}

} // namespace normlab
