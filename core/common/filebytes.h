#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace normlab {

// Reads a whole file. Throws Error("PATH: reason") when it cannot be opened or read.
std::vector<std::uint8_t> readFileBytes(const std::filesystem::path& path);

// Reads up to maxBytes from the start of a file (for header checks before a full read).
std::vector<std::uint8_t> readFilePrefix(const std::filesystem::path& path, std::size_t maxBytes);

// True when the bytes start with the gzip magic (1f 8b).
bool looksGzipped(const std::vector<std::uint8_t>& bytes);

// Decompresses a whole gzip buffer with libdeflate. The output size comes from the gzip trailer,
// bounded by what DEFLATE can expand to, so a forged trailer cannot force a huge allocation.
std::vector<std::uint8_t> gunzip(const std::vector<std::uint8_t>& compressed,
                                 const std::filesystem::path& nameForErrors);

// Compresses a buffer into gzip format (used to write .gz IDX files).
std::vector<std::uint8_t> gzip(const std::vector<std::uint8_t>& plain, int level = 6);

} // namespace normlab
