#include "core/data/formats/idx/idxarray.h"

#include <future>
#include <sstream>
#include <tuple>

#include "core/common/digest.h"
#include "core/common/error.h"
#include "core/common/filebytes.h"
#include "core/common/atomicfile.h"

namespace normlab {
namespace {

constexpr std::uint8_t kMaxDims = 4;
constexpr std::size_t kMaxHeaderBytes = 4 + 4 * 255;

std::string hexByte(std::uint8_t b) {
    static const char* digits = "0123456789abcdef";
    return std::string("0x") + digits[b >> 4] + digits[b & 15];
}

std::uint32_t readBigEndian32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | std::uint32_t{p[3]};
}

} // namespace

IdxHeader parseIdxHeader(const std::vector<std::uint8_t>& bytes, std::uint64_t totalSize, const std::string& name,
                         IdxSize size) {
    if (totalSize == 0) throw Error(name + ": empty file");
    if (bytes.size() < 4)
        throw Error(name + ": truncated header (" + std::to_string(totalSize) +
                    " bytes, an IDX header needs at least 4)");
    if (bytes[0] != 0 || bytes[1] != 0)
        throw Error(name + ": not an IDX file (bad magic " + hexByte(bytes[0]) + " " + hexByte(bytes[1]) +
                    ", expected 0x00 0x00)");
    if (bytes[2] != kIdxUnsignedByte && bytes[2] != kIdxInt32)
        throw Error(name + ": unsupported IDX type code " + hexByte(bytes[2]) +
                    " (NormLab reads unsigned bytes, 0x08, and 32-bit integers, 0x0c)");
    const std::uint8_t ndims = bytes[3];
    if (ndims == 0 || ndims > kMaxDims)
        throw Error(name + ": unsupported IDX dimension count " + std::to_string(ndims) + " (expected 1 to 4)");
    IdxHeader header;
    header.type = bytes[2];
    header.headerBytes = 4 + 4 * std::size_t{ndims};
    if (bytes.size() < header.headerBytes)
        throw Error(name + ": truncated header (" + std::to_string(totalSize) + " bytes, header needs " +
                    std::to_string(header.headerBytes) + ")");
    std::uint64_t product = header.type == kIdxInt32 ? 4 : 1; // bytes
    for (std::size_t d = 0; d < ndims; ++d) {
        const std::uint32_t dim = readBigEndian32(bytes.data() + 4 + 4 * d);
        header.dims.push_back(dim);
        // Saturate instead of overflowing: any product past the file size is an error anyway.
        product = (dim != 0 && product > totalSize / dim) ? totalSize + 1 : product * dim;
    }
    header.dataBytes = product;
    const std::uint64_t available = totalSize - header.headerBytes;
    if (product > available) {
        std::ostringstream dims;
        for (std::size_t d = 0; d < header.dims.size(); ++d)
            dims << (d ? "x" : "") << header.dims[d];
        throw Error(
            name + ": truncated data (header declares " + dims.str() + " = " +
            (product > totalSize ? std::string("more bytes than the file has") : std::to_string(product) + " bytes") +
            ", file has " + std::to_string(available) + " data bytes)");
    }
    if (product < available && size == IdxSize::Exact)
        throw Error(name + ": " + std::to_string(available - product) +
                    " unexpected bytes after the data the header declares");
    return header;
}

std::uint64_t IdxArray::elementCount() const {
    std::uint64_t n = 1;
    for (auto d : dims)
        n *= d;
    return n;
}

IdxArray parseIdx(std::vector<std::uint8_t> bytes, const std::filesystem::path& nameForErrors) {
    const IdxHeader header = parseIdxHeader(bytes, bytes.size(), nameForErrors.string());
    IdxArray array;
    array.dims = header.dims;
    array.type = header.type;
    bytes.erase(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(header.headerBytes));
    array.data = std::move(bytes);
    return array;
}

IdxArray readIdx(const std::filesystem::path& path, FileDigests* digests,
                 const std::function<bool(std::uint64_t)>& wantContentDigest) {
    const std::string name = path.string();
    // Look at the start first: a plain file's header is validated against the file size before
    // its data is read, so a forged header never causes a data-sized allocation.
    auto prefix = readFilePrefix(path, kMaxHeaderBytes);
    const bool gzipped = looksGzipped(prefix);
    if (!gzipped) {
        std::error_code ec;
        const std::uint64_t size = std::filesystem::file_size(path, ec);
        if (ec) throw Error(name + ": cannot read size: " + ec.message());
        parseIdxHeader(prefix, size, name);
    }
    auto bytes = readFileBytes(path);
    if (!digests) return parseIdx(gzipped ? gunzip(bytes, path) : std::move(bytes), path);

    digests->gzipped = gzipped;
    if (!gzipped) { // the file is its own content: two digests, one per core
        auto sha = std::async(std::launch::async, [&bytes] { return sha256Hex(bytes); });
        digests->md5 = md5Hex(bytes);
        digests->sha256 = sha.get();
        if (wantContentDigest && wantContentDigest(bytes.size())) digests->contentSha256 = digests->sha256;
        return parseIdx(std::move(bytes), path);
    }
    // The file's digests and its decompression (plus, when wanted, the content's digest) are
    // independent: they run side by side.
    auto fileDigests = std::async(std::launch::async, [&bytes] { return std::pair{sha256Hex(bytes), md5Hex(bytes)}; });
    auto content = gunzip(bytes, path);
    if (wantContentDigest && wantContentDigest(content.size())) digests->contentSha256 = sha256Hex(content);
    std::tie(digests->sha256, digests->md5) = fileDigests.get();
    return parseIdx(std::move(content), path);
}

std::int32_t IdxArray::int32At(std::uint64_t i) const {
    return static_cast<std::int32_t>(readBigEndian32(data.data() + 4 * i));
}

std::vector<std::uint8_t> encodeIdxHeader(const std::vector<std::uint32_t>& dims, std::uint8_t type) {
    if (dims.empty() || dims.size() > kMaxDims) throw Error("IDX arrays need 1 to 4 dimensions");
    std::vector<std::uint8_t> bytes{0, 0, type, static_cast<std::uint8_t>(dims.size())};
    for (auto d : dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes.push_back(static_cast<std::uint8_t>(d >> shift));
    return bytes;
}

std::vector<std::uint8_t> encodeIdx(const IdxArray& array, bool gzipped) {
    auto bytes = encodeIdxHeader(array.dims, array.type);
    if (array.elementCount() * array.elementSize() != array.data.size())
        throw Error("IDX array dimensions do not match its data size");
    bytes.insert(bytes.end(), array.data.begin(), array.data.end());
    return gzipped ? gzip(bytes) : bytes;
}

void writeIdx(const std::filesystem::path& path, const IdxArray& array) {
    const auto bytes = encodeIdx(array, path.extension() == ".gz");
    writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

} // namespace normlab
