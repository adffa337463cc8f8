// The NumPy half of PickleBuilder: an ndarray pickles as _reconstruct(ndarray, (0,), b'b') followed by
// BUILD with (version, shape, dtype, is_fortran, raw bytes), or for protocol 5 as
// _frombuffer(raw bytes, dtype, shape, order); a dtype as dtype('u1', False, True)
// followed by BUILD with (3, byte order, subarray, names, fields, ...); a NumPy scalar as
// scalar(dtype, raw bytes). Only plain numeric, bytes and unicode dtypes are read.
#include <algorithm>
#include <bit>
#include <cstring>

#include "core/common/error.h"
#include "core/data/formats/pickle/picklebuilder.h"

namespace normlab {
namespace {

constexpr std::size_t kMaxDims = 32;
constexpr std::uint64_t kMaxItemSize = std::uint64_t{1} << 20;
constexpr std::size_t kMaxItemSizeDigits = 7;
constexpr std::string_view kTypeLetters = "biufcSUVMm";
constexpr std::string_view kByteOrders = "<>|=";

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

// The item size of a type string such as "u1", "f8", "S10" or "U3" (4 bytes a character); 0 if it
// is not one NormLab reads.
std::uint64_t itemSizeOf(std::string_view type) {
    if (type.size() < 2 || type.size() > 1 + kMaxItemSizeDigits || kTypeLetters.find(type[0]) == std::string_view::npos)
        return 0;
    std::uint64_t size = 0;
    for (char c : type.substr(1)) {
        if (c < '0' || c > '9') return 0;
        size = size * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (type[0] == 'U') size *= 4;
    return size <= kMaxItemSize ? size : 0;
}

// A little- or big-endian integer of 1 to 8 bytes, widened to 64 bits.
std::uint64_t readUnsigned(std::span<const std::uint8_t> bytes, bool bigEndian) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i)
        v |= std::uint64_t{bytes[bigEndian ? bytes.size() - 1 - i : i]} << (8 * i);
    return v;
}

} // namespace

PickleValue* PickleBuilder::reconstructArray(const std::vector<const PickleValue*>& args) {
    if (args.size() != 3 || args[0]->kind() != PickleKind::Global || args[0]->m_compound->callable != kNdarray)
        fail("pickle calls numpy's _reconstruct" + at() + " with other arguments than (numpy.ndarray, shape, type)");
    PickleValue* v = makeCompound(PickleKind::Array);
    v->m_compound->array = std::make_unique<PickleArray>();
    return v;
}

PickleValue* PickleBuilder::makeDtype(const std::vector<const PickleValue*>& args) {
    if (args.empty() || !args[0]->isText()) fail("pickle calls numpy.dtype" + at() + " without a type string");
    const std::string_view type = args[0]->text();
    if (type.size() >= 1 && type[0] == 'O')
        fail("pickle holds a NumPy object array" + at() +
             " (dtype O needs Python objects, which NormLab does not read)");
    const std::uint64_t itemSize = itemSizeOf(type);
    if (itemSize == 0)
        fail("pickle has NumPy dtype '" + printableExcerpt(type) + "'" + at() + ", which NormLab does not read");
    PickleValue* v = makeCompound(PickleKind::Dtype);
    v->m_compound->array = std::make_unique<PickleArray>();
    v->m_compound->array->descr = "|" + std::string(type); // the byte order comes with BUILD
    v->m_compound->array->itemSize = static_cast<std::size_t>(itemSize);
    v->m_text = v->m_compound->array->descr;
    return v;
}

void PickleBuilder::buildDtype(PickleValue* dtype, const PickleValue* state) {
    const auto& s = state->items();
    if (state->kind() != PickleKind::Tuple || s.size() < 5 || !s[1]->isText() || s[1]->text().size() != 1 ||
        kByteOrders.find(s[1]->text()[0]) == std::string_view::npos)
        fail("pickle sets a NumPy dtype's state" + at() + " to something other than (version, byte order, ...)");
    for (std::size_t i = 2; i <= 4; ++i) // subarray, names, fields
        if (s[i]->kind() != PickleKind::None)
            fail("pickle has a structured NumPy dtype" + at() + ", which NormLab does not read");
    char order = s[1]->text()[0];
    if (order == '=') order = std::endian::native == std::endian::little ? '<' : '>';
    std::string& descr = dtype->m_compound->array->descr;
    descr[0] = order;
    dtype->m_text = descr;
    dtype->m_compound->built = true;
}

void PickleBuilder::buildArray(PickleValue* array, const PickleValue* state) {
    if (array->m_compound->built) fail("pickle sets a NumPy array's state twice" + at());
    // numpy writes (version, shape, dtype, is_fortran, data); very old numpy left out the version.
    const auto& s = state->items();
    const std::size_t first = s.size() == 5 ? 1 : 0;
    if (state->kind() != PickleKind::Tuple || (s.size() != 5 && s.size() != 4))
        fail("pickle sets a NumPy array's state" + at() +
             " to something other than (version, shape, dtype, order, data)");
    if (!s[first + 2]->isInt()) fail("pickle gives a NumPy array a memory order that is not a bool" + at());
    fillArray(array, s[first], s[first + 1], s[first + 2]->integer() != 0, s[first + 3]);
}

// numpy 1.16+ pickles a contiguous array for protocol 5 as _frombuffer(buffer, dtype, shape, order).
PickleValue* PickleBuilder::arrayFromBuffer(const std::vector<const PickleValue*>& args) {
    if (args.size() != 4 || args[3]->kind() != PickleKind::Str || (args[3]->text() != "C" && args[3]->text() != "F"))
        fail("pickle calls numpy's _frombuffer" + at() + " with other arguments than (buffer, dtype, shape, order)");
    PickleValue* v = makeCompound(PickleKind::Array);
    v->m_compound->array = std::make_unique<PickleArray>();
    fillArray(v, args[2], args[1], args[3]->text() == "F", args[0]);
    return v;
}

void PickleBuilder::fillArray(PickleValue* array, const PickleValue* shape, const PickleValue* dtype, bool fortran,
                              const PickleValue* data) {
    if (shape->kind() != PickleKind::Tuple || shape->items().size() > kMaxDims)
        fail("pickle gives a NumPy array a shape that is not a tuple of at most 32 sizes" + at());
    if (dtype->kind() != PickleKind::Dtype) fail("pickle gives a NumPy array no dtype" + at());
    if (data->kind() == PickleKind::List)
        fail("pickle holds a NumPy object array" + at() +
             " (its items are Python objects, which NormLab does not read)");
    if (data->kind() != PickleKind::Bytes)
        fail(std::string("pickle gives a NumPy array a ") + pickleKindName(data->kind()) + " as its data" + at() +
             ", not bytes");

    PickleArray& a = *array->m_compound->array;
    a.descr = dtype->m_compound->array->descr;
    a.itemSize = dtype->m_compound->array->itemSize;
    a.fortranOrder = fortran;
    // Saturate: any product past the data's size is an error anyway, and must not overflow.
    const std::uint64_t available = data->text().size();
    std::uint64_t needed = a.itemSize;
    bool saturated = false;
    for (const PickleValue* dim : shape->items()) {
        if (dim->kind() != PickleKind::Int || dim->integer() < 0)
            fail("pickle gives a NumPy array a size that is not a non-negative int" + at());
        a.shape.push_back(dim->integer());
        const auto d = static_cast<std::uint64_t>(dim->integer());
        saturated = saturated || (d != 0 && needed > available);
        needed = saturated ? available + 1 : needed * d;
    }
    if (saturated && std::find(a.shape.begin(), a.shape.end(), 0) != a.shape.end()) needed = 0;
    if (needed != available)
        fail("pickle's NumPy array of shape " + shapeText(a.shape) + " and dtype " + a.descr + at() + " needs " +
             (saturated ? "more than " + std::to_string(available) : std::to_string(needed)) +
             " bytes, but its data has " + std::to_string(available));
    a.data = {reinterpret_cast<const std::uint8_t*>(data->text().data()), data->text().size()};
    array->m_compound->built = true;
}

PickleValue* PickleBuilder::scalar(const std::vector<const PickleValue*>& args) {
    if (args.size() != 2 || args[0]->kind() != PickleKind::Dtype || args[1]->kind() != PickleKind::Bytes)
        fail("pickle calls numpy's scalar" + at() + " with other arguments than (dtype, bytes)");
    const PickleArray& type = *args[0]->m_compound->array;
    const std::string_view raw = args[1]->text();
    if (raw.size() != type.itemSize)
        fail("pickle's NumPy scalar of dtype " + type.descr + at() + " has " + std::to_string(raw.size()) + " bytes");
    const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size());
    const bool big = type.descr[0] == '>';
    const char letter = type.descr[1];
    const std::uint64_t bits = type.itemSize <= 8 ? readUnsigned(bytes, big) : 0;
    if (letter == 'b' && type.itemSize == 1) return boolean(bits != 0);
    if (letter == 'i' && type.itemSize <= 8) {
        const int unused = 64 - 8 * static_cast<int>(type.itemSize); // sign-extend
        return integer(static_cast<std::int64_t>(bits << unused) >> unused);
    }
    if (letter == 'u' && type.itemSize <= 8) {
        if (bits > static_cast<std::uint64_t>(INT64_MAX))
            fail("pickle's NumPy scalar " + std::to_string(bits) + at() + " is too large for a 64-bit integer");
        return integer(static_cast<std::int64_t>(bits));
    }
    if (letter == 'f' && type.itemSize == 8) return real(std::bit_cast<double>(bits));
    if (letter == 'f' && type.itemSize == 4) return real(std::bit_cast<float>(static_cast<std::uint32_t>(bits)));
    fail("pickle has a NumPy scalar of dtype " + type.descr + at() + ", which NormLab does not read");
}

} // namespace normlab
