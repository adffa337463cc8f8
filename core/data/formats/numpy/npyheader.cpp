#include "core/data/formats/numpy/npyheader.h"

#include <bit>
#include <optional>
#include <string_view>

#include "core/common/error.h"
#include "core/common/resourcelimits.h"

namespace normlab {
namespace {

static_assert(std::endian::native == std::endian::little, "the .npy reader assumes a little-endian host");

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr std::size_t kMagicBytes = 6;
constexpr std::size_t kVersionOneLengthAt = 8; // 1.0: a 2-byte length; 2.0 and 3.0: 4 bytes
// NumPy itself refuses longer headers unless told otherwise (max_header_size); plain dtypes need ~120.
constexpr std::size_t kMaxDictBytes = kMaxNpyHeaderBytes; // core/common/resourcelimits.h
// NumPy allows 32 dimensions (64 since 2.0).
constexpr std::size_t kMaxDims = 64;
constexpr std::size_t kMaxQuotedHeader = 120; // how much of a bad header an error message shows

std::string printable(std::string_view text) {
    // The padding NumPy adds is no part of the problem.
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n'))
        text.remove_suffix(1);
    std::string out;
    for (char c : text.substr(0, kMaxQuotedHeader))
        out += (c >= 0x20 && c < 0x7f) ? c : '?';
    return text.size() > kMaxQuotedHeader ? out + "..." : out;
}

// A strict reader of the one Python literal a .npy header holds:
// {'descr': '<u1', 'fortran_order': False, 'shape': (3, 28, 28), }
// Spacing, key order, either quote and trailing commas vary between writers; anything else is refused,
// as NumPy's own ast.literal_eval would refuse it.
class DictParser {
public:
    DictParser(std::string_view text, const std::string& name) : m_text(text), m_name(name) {}

    NpyHeader parse() {
        NpyHeader header;
        std::optional<std::string> descr;
        std::optional<bool> fortranOrder;
        std::optional<std::vector<std::uint64_t>> shape;
        skipSpace();
        expect('{', "the header to start with '{'");
        for (;;) {
            skipSpace();
            if (consume('}')) break;
            const std::string key = parseString();
            skipSpace();
            expect(':', "':' after a key");
            skipSpace();
            if (key == "descr" && !descr) {
                if (peek() == '[') fail("structured dtypes (a list as descr) are not supported");
                descr = parseString();
            } else if (key == "fortran_order" && !fortranOrder) {
                fortranOrder = parseBool();
            } else if (key == "shape" && !shape) {
                shape = parseTuple();
            } else {
                fail((descr && key == "descr") || (fortranOrder && key == "fortran_order") || (shape && key == "shape")
                         ? "key '" + key + "' appears twice"
                         : "unexpected key '" + key + "'");
            }
            skipSpace();
            if (consume(',')) continue;
            expect('}', "',' or '}' after a value");
            break;
        }
        skipSpace();
        if (m_pos != m_text.size()) fail("text after the dict");
        if (!descr) fail("no 'descr'");
        if (!fortranOrder) fail("no 'fortran_order'");
        if (!shape) fail("no 'shape'");
        header.descr = *descr;
        header.fortranOrder = *fortranOrder;
        header.shape = std::move(*shape);
        return header;
    }

private:
    [[noreturn]] void fail(const std::string& problem) const {
        throw Error(m_name + ": bad .npy header: " + problem + " in \"" + printable(m_text) + "\"");
    }
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    bool consume(char c) {
        if (m_pos >= m_text.size() || m_text[m_pos] != c) return false;
        ++m_pos;
        return true;
    }
    void expect(char c, const char* what) {
        if (!consume(c)) fail(std::string("expected ") + what);
    }
    void skipSpace() {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    std::string parseString() {
        const char quote = peek();
        if (quote != '\'' && quote != '"') fail("expected a quoted string");
        ++m_pos;
        std::string out;
        for (;;) {
            if (m_pos >= m_text.size()) fail("unterminated string");
            const char c = m_text[m_pos++];
            if (c == quote) return out;
            // Keys and plain dtypes are printable ASCII; escapes would only serve names NormLab refuses anyway.
            if (c == '\\' || c < 0x20 || c >= 0x7f) fail("unsupported character in a string");
            out += c;
        }
    }

    bool parseBool() {
        for (const bool value : {true, false}) {
            const std::string_view word = value ? "True" : "False";
            if (m_text.substr(m_pos, word.size()) == word) {
                m_pos += word.size();
                return value;
            }
        }
        fail("fortran_order is not True or False");
    }

    std::uint64_t parseDimension() {
        const std::size_t start = m_pos;
        std::uint64_t value = 0;
        while (peek() >= '0' && peek() <= '9') {
            const auto digit = static_cast<std::uint64_t>(peek() - '0');
            if (value > (UINT64_MAX - digit) / 10) fail("a dimension past 64 bits");
            value = value * 10 + digit;
            ++m_pos;
        }
        if (m_pos == start) fail("expected a non-negative dimension");
        if (m_text[start] == '0' && m_pos - start > 1) fail("a dimension with a leading zero");
        consume('L'); // Python 2's long literals, as NumPy on Python 2 wrote them
        return value;
    }

    std::vector<std::uint64_t> parseTuple() {
        expect('(', "shape to be a tuple");
        std::vector<std::uint64_t> dims;
        skipSpace();
        if (consume(')')) return dims;
        for (;;) {
            if (dims.size() == kMaxDims) fail("more than " + std::to_string(kMaxDims) + " dimensions");
            dims.push_back(parseDimension());
            skipSpace();
            const bool comma = consume(',');
            skipSpace();
            if (consume(')')) {
                // Python reads (5) as the number 5: a one-dimensional shape needs its comma.
                if (dims.size() == 1 && !comma) {
                    const std::string n = std::to_string(dims[0]);
                    fail("shape (" + n + ") is a number, not a tuple; write (" + n + ",)");
                }
                return dims;
            }
            if (!comma) fail("expected ',' or ')' in shape");
        }
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    const std::string& m_name;
};

std::uint64_t readLittleEndian(const std::uint8_t* p, std::size_t bytes) {
    std::uint64_t value = 0;
    for (std::size_t i = bytes; i-- > 0;)
        value = value << 8 | p[i];
    return value;
}

// Checks the dtype string and normalises it; unsupported types are named with what NormLab reads.
void applyDescr(NpyHeader& header, const std::string& descr, const std::string& name) {
    std::string_view rest = descr;
    char order = '=';
    if (!rest.empty() && (rest[0] == '<' || rest[0] == '>' || rest[0] == '|' || rest[0] == '=')) {
        order = rest[0];
        rest.remove_prefix(1);
    }
    const char kind = rest.empty() ? '\0' : rest[0];
    const std::string_view digits = rest.empty() ? rest : rest.substr(1);
    if (kind == 'O')
        throw Error(name + ": object arrays ('" + descr +
                    "') hold pickled Python objects, not numbers; NormLab cannot read them");
    std::size_t size = 0;
    if (digits == "1" || digits == "2" || digits == "4" || digits == "8")
        size = static_cast<std::size_t>(digits[0] - '0');
    const bool supported =
        (kind == 'b' && size == 1) || ((kind == 'i' || kind == 'u') && size != 0) || (kind == 'f' && size >= 2);
    if (!supported)
        throw Error(name + ": unsupported dtype '" + printable(descr) +
                    "' (NormLab reads bool, integer and float arrays)");
    header.bigEndian = order == '>' && size > 1;
    header.itemSize = size;
    header.descr = std::string(1, size == 1 ? '|' : '<') + kind + std::to_string(size);
}

} // namespace

std::size_t npyHeaderBytes(std::span<const std::uint8_t> prefix, const std::string& name) {
    if (prefix.size() < kMagicBytes ||
        std::string_view(reinterpret_cast<const char*>(prefix.data()), kMagicBytes) != kMagic)
        throw Error(name + ": not a .npy file (it does not start with \\x93NUMPY)");
    if (prefix.size() < kVersionOneLengthAt)
        throw Error(name + ": truncated header (" + std::to_string(prefix.size()) + " bytes)");
    const int major = prefix[6], minor = prefix[7];
    if ((major < 1 || major > 3) || minor != 0)
        throw Error(name + ": unsupported .npy version " + std::to_string(major) + "." + std::to_string(minor) +
                    " (NormLab reads 1.0, 2.0 and 3.0)");
    const std::size_t lengthBytes = major == 1 ? 2 : 4;
    const std::size_t preamble = kVersionOneLengthAt + lengthBytes;
    if (prefix.size() < preamble)
        throw Error(name + ": truncated header (" + std::to_string(prefix.size()) + " bytes)");
    const std::uint64_t dictBytes = readLittleEndian(prefix.data() + kVersionOneLengthAt, lengthBytes);
    if (dictBytes > kMaxDictBytes)
        throw Error(name + ": header of " + std::to_string(dictBytes) + " bytes is longer than NumPy reads (" +
                    std::to_string(kMaxDictBytes) + ")");
    return preamble + static_cast<std::size_t>(dictBytes);
}

NpyHeader parseNpyHeader(std::span<const std::uint8_t> prefix, const std::string& name) {
    const std::size_t total = npyHeaderBytes(prefix, name);
    if (prefix.size() < total)
        throw Error(name + ": truncated header (it declares " + std::to_string(total) + " bytes, the file has " +
                    std::to_string(prefix.size()) + ")");
    const std::size_t preamble = prefix[6] == 1 ? kVersionOneLengthAt + 2 : kVersionOneLengthAt + 4;
    // Version 3.0 allows UTF-8 where 1.0 and 2.0 have Latin-1: no difference for the ASCII NormLab accepts.
    const std::string_view text(reinterpret_cast<const char*>(prefix.data()) + preamble, total - preamble);
    NpyHeader header = DictParser(text, name).parse();
    const std::string descr = header.descr;
    applyDescr(header, descr, name);
    header.headerBytes = total;

    std::uint64_t bytes = header.itemSize;
    for (const auto d : header.shape)
        if (__builtin_mul_overflow(bytes, d, &bytes))
            throw Error(name + ": shape " + npyShapeText(header.shape) + " of " + header.descr +
                        " needs more bytes than 64 bits can count");
    header.dataBytes = bytes;
    return header;
}

void checkNpyDataSize(const NpyHeader& header, std::uint64_t available, const std::string& name) {
    if (available < header.dataBytes)
        throw Error(name + ": truncated data (shape " + npyShapeText(header.shape) + " of " + header.descr + " needs " +
                    std::to_string(header.dataBytes) + " bytes, the file has " + std::to_string(available) + ")");
    if (available > header.dataBytes)
        throw Error(name + ": " + std::to_string(available - header.dataBytes) + " unexpected bytes after the " +
                    std::to_string(header.dataBytes) + " bytes of data the header declares");
}

std::string npyShapeText(const std::vector<std::uint64_t>& shape) {
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

} // namespace normlab
