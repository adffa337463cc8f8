#include "core/export/npywriter.h"

#include <bit>
#include <cstring>

#include "core/common/error.h"

namespace normlab {
namespace {

static_assert(std::endian::native == std::endian::little, "the .npy writer assumes a little-endian host");

constexpr std::size_t kHeaderAlignment = 64; // what numpy itself writes

template <typename T>
std::string encode(const std::vector<T>& values, const std::vector<std::size_t>& shape, const char* descr) {
    std::size_t product = 1;
    std::string dims;
    for (auto d : shape) {
        product *= d;
        dims += std::to_string(d) + ", ";
    }
    if (product != values.size()) throw Error("npy: shape does not match the number of values");
    // Python tuple syntax: (1, 28, 28), but (5,) for one dimension.
    dims.resize(dims.size() - (shape.size() > 1 ? 2 : 1));
    std::string header = std::string("{'descr': '") + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    const std::size_t preamble = 6 + 2 + 2; // magic, version, header length
    const std::size_t padded =
        (preamble + header.size() + 1 + kHeaderAlignment - 1) / kHeaderAlignment * kHeaderAlignment;
    header.append(padded - preamble - header.size() - 1, ' ');
    header.push_back('\n');
    std::string out("\x93NUMPY\x01\x00", 8);
    out.push_back(static_cast<char>(header.size() & 0xff));
    out.push_back(static_cast<char>(header.size() >> 8));
    out += header;
    const std::size_t start = out.size();
    out.resize(start + values.size() * sizeof(T));
    if (!values.empty()) std::memcpy(out.data() + start, values.data(), values.size() * sizeof(T));
    return out;
}

} // namespace

std::string encodeNpy(const std::vector<double>& values, const std::vector<std::size_t>& shape) {
    return encode(values, shape, "<f8");
}
std::string encodeNpy(const std::vector<float>& values, const std::vector<std::size_t>& shape) {
    return encode(values, shape, "<f4");
}
std::string encodeNpy(const std::vector<std::int64_t>& values, const std::vector<std::size_t>& shape) {
    return encode(values, shape, "<i8");
}

} // namespace normlab
