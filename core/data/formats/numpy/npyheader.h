#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace normlab {

// The part of a .npy file before its data: magic, version, header length and the header dict.
// Shared by the .npy reader and the .npz reader, which meets the same bytes inside a zip entry.
struct NpyHeader {
    std::string descr; // normalised: '|' for one-byte types, '<' for the others ("|u1", "<i8")
    std::size_t itemSize = 0;
    bool bigEndian = false; // the data is stored big-endian: readers swap it to little-endian
    std::vector<std::uint64_t> shape;
    bool fortranOrder = false;
    std::size_t headerBytes = 0; // from the magic to the end of the dict's padding: where data starts
    std::uint64_t dataBytes = 0; // what the shape and dtype declare
};

// Bytes enough to know a header's length in every version (1.0: 10, 2.0 and 3.0: 12).
inline constexpr std::size_t kNpyPreambleBytes = 12;

// The total header length (preamble + dict) from the first bytes of a file, after checking the magic,
// the version and that the length is sane. prefix may hold fewer than kNpyPreambleBytes only when the
// file itself is that short, which is then an error. Throws Error("NAME: problem").
std::size_t npyHeaderBytes(std::span<const std::uint8_t> prefix, const std::string& name);

// Parses the header; prefix must hold at least npyHeaderBytes(prefix) bytes. Checks the dict strictly
// (exactly the keys descr, fortran_order and shape), the dtype (bool, integers and floats of the usual
// sizes) and that shape x item size fits 64 bits. The data size is not checked: see checkNpyDataSize.
NpyHeader parseNpyHeader(std::span<const std::uint8_t> prefix, const std::string& name);

// Throws Error naming the expected and the actual byte counts unless available == header.dataBytes.
void checkNpyDataSize(const NpyHeader& header, std::uint64_t available, const std::string& name);

// A shape as Python writes it, for messages: "(3, 28, 28)", "(5,)", "()".
std::string npyShapeText(const std::vector<std::uint64_t>& shape);

} // namespace normlab
