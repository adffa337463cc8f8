#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace normlab {

struct NpyHeader;
struct SourceFile;

// One array read from a .npy file (NumPy's format, versions 1.0, 2.0 and 3.0; the writer's
// counterpart is core/export/npywriter.h). Only bool, integer and float dtypes are read. Data is
// always little-endian: big-endian files are converted while reading, and descr then says '<'.
struct NpyArray {
    std::string descr; // "|u1", "<i8", "<f4": byte order, kind, item size
    std::vector<std::uint64_t> shape;
    bool fortranOrder = false; // data is stored first index fastest; see convertToCOrder
    std::vector<std::uint8_t> data;

    char kind() const { return descr.size() > 1 ? descr[1] : '\0'; } // 'b', 'i', 'u' or 'f'
    std::size_t itemSize() const;
    std::uint64_t elementCount() const;
};

// Parses a whole .npy file held in memory. Throws Error("NAME: problem") for a bad magic or
// version, a header that is malformed or longer than the file, an unsupported dtype (object,
// string, structured, complex arrays), a shape whose size overflows, or data that is shorter or
// longer than shape x item size; nothing is allocated from a size the file declares before that
// size has been checked against the bytes that are really there.
NpyArray parseNpy(std::span<const std::uint8_t> bytes, const std::string& nameForErrors);
// The same, taking the bytes over: the data stays where it is, without a second copy.
NpyArray parseNpy(std::vector<std::uint8_t>&& bytes, const std::string& nameForErrors);

// Reads and parses a .npy file; the header is checked against the file's size before its data is read.
// When source is given it receives the file's path, size and digests, from the same single read.
NpyArray readNpy(const std::filesystem::path& path, SourceFile* source = nullptr);

// An array from a parsed header and exactly header.dataBytes of data as stored (big-endian data
// is swapped here). For readers that find the bytes elsewhere, such as a .npz entry.
NpyArray npyArrayFromData(const NpyHeader& header, std::vector<std::uint8_t> data);

// Reorders a Fortran-ordered array's data into C order (last index fastest) and clears the flag;
// C-ordered arrays are left alone.
void convertToCOrder(NpyArray& array);

} // namespace normlab
