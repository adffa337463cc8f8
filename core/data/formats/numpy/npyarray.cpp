#include "core/data/formats/numpy/npyarray.h"

#include <algorithm>
#include <cstring>
#include <new>

#include "core/common/error.h"
#include "core/common/filebytes.h"
#include "core/data/hashedfile.h"
#include "core/data/formats/numpy/npyheader.h"

namespace normlab {
namespace {

// Enough for the preamble and the longest header npyHeaderBytes accepts.
constexpr std::size_t kMaxHeaderPrefix = kNpyPreambleBytes + 10000;

void swapToLittleEndian(std::vector<std::uint8_t>& data, std::size_t itemSize) {
    for (std::size_t at = 0; at + itemSize <= data.size(); at += itemSize)
        std::reverse(data.begin() + static_cast<std::ptrdiff_t>(at),
                     data.begin() + static_cast<std::ptrdiff_t>(at + itemSize));
}

} // namespace

std::size_t NpyArray::itemSize() const {
    return descr.size() > 2 ? static_cast<std::size_t>(descr[2] - '0') : 0;
}

std::uint64_t NpyArray::elementCount() const {
    std::uint64_t n = 1;
    for (auto d : shape)
        n *= d;
    return n;
}

NpyArray npyArrayFromData(const NpyHeader& header, std::vector<std::uint8_t> data) {
    if (data.size() != header.dataBytes) throw Error("npy: data size does not match its header");
    NpyArray array;
    array.descr = header.descr;
    array.shape = header.shape;
    array.fortranOrder = header.fortranOrder;
    if (header.bigEndian) swapToLittleEndian(data, header.itemSize);
    array.data = std::move(data);
    return array;
}

NpyArray parseNpy(std::span<const std::uint8_t> bytes, const std::string& nameForErrors) {
    const NpyHeader header = parseNpyHeader(bytes, nameForErrors);
    checkNpyDataSize(header, bytes.size() - header.headerBytes, nameForErrors);
    return npyArrayFromData(header, std::vector<std::uint8_t>(bytes.begin() + header.headerBytes, bytes.end()));
}

NpyArray parseNpy(std::vector<std::uint8_t>&& bytes, const std::string& nameForErrors) {
    const NpyHeader header = parseNpyHeader(bytes, nameForErrors);
    checkNpyDataSize(header, bytes.size() - header.headerBytes, nameForErrors);
    bytes.erase(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(header.headerBytes));
    return npyArrayFromData(header, std::move(bytes));
}

NpyArray readNpy(const std::filesystem::path& path, SourceFile* source) {
    const std::string name = path.string();
    // The header is checked against the file's real size first, so a forged shape never leads to a
    // read (or an allocation) of the size it declares.
    const auto prefix = readFilePrefix(path, kMaxHeaderPrefix);
    const NpyHeader header = parseNpyHeader(prefix, name);
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) throw Error(name + ": cannot read size: " + ec.message());
    checkNpyDataSize(header, size - header.headerBytes, name);
    try {
        // The digests run on other threads while the array is parsed (a copy, cheap beside them).
        HashedFile file(path);
        NpyArray array = parseNpy(std::span<const std::uint8_t>(file.bytes()), name);
        if (source) *source = file.source();
        return array;
    } catch (const std::bad_alloc&) {
        throw Error(name + ": not enough memory for its " + std::to_string(size) + " bytes");
    }
}

void convertToCOrder(NpyArray& array) {
    if (!array.fortranOrder) return;
    array.fortranOrder = false;
    const std::size_t dims = array.shape.size();
    const std::size_t item = array.itemSize();
    if (dims < 2 || array.data.empty()) return; // one dimension reads the same either way
    if (item == 0 || array.data.size() != array.elementCount() * item)
        throw Error("npy: array data does not match its shape and dtype"); // made by hand, not by a reader
    // Walk the C-order index like an odometer (last index fastest) and keep the Fortran offset of
    // the same element in step with it.
    std::vector<std::uint64_t> stride(dims, 1), index(dims, 0);
    for (std::size_t d = 1; d < dims; ++d)
        stride[d] = stride[d - 1] * array.shape[d - 1];
    std::vector<std::uint8_t> out(array.data.size());
    std::uint64_t from = 0;
    for (std::size_t to = 0; to < out.size(); to += item) {
        std::memcpy(out.data() + to, array.data.data() + from * item, item);
        for (std::size_t d = dims; d-- > 0;) {
            from += stride[d];
            if (++index[d] < array.shape[d]) break;
            from -= stride[d] * array.shape[d];
            index[d] = 0;
        }
    }
    array.data = std::move(out);
}

} // namespace normlab
