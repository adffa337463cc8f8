#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace normlab {

// The Python values a data-set pickle holds. Global and Dtype are the numpy/codecs callables and
// dtypes the pickle builds its arrays with; a finished document rarely exposes them.
enum class PickleKind { None, Bool, Int, Float, Str, Bytes, List, Tuple, Dict, Array, Global, Dtype };

// "int", "bytes", "NumPy array", ... for messages.
const char* pickleKindName(PickleKind kind);

// A NumPy array rebuilt from numpy's _reconstruct call and its BUILD state.
struct PickleArray {
    std::string descr; // NumPy's dtype.str: "|u1", "<i8", ">f4"
    std::size_t itemSize = 0;
    std::vector<std::int64_t> shape;
    bool fortranOrder = false;
    std::span<const std::uint8_t> data; // itemSize x product(shape) bytes, a view (see Pickle)

    bool isUint8() const { return descr == "|u1"; }
};

// One value of a parsed pickle. Containers refer to other values of the same Pickle, so a value
// shared through the pickle's memo appears once (and a self-referencing list is no infinite tree).
// Accessors of another kind's contents return empty values: callers check kind() first.
class PickleValue {
public:
    PickleKind kind() const { return m_kind; }
    bool isText() const { return m_kind == PickleKind::Str || m_kind == PickleKind::Bytes; }
    bool isInt() const { return m_kind == PickleKind::Int || m_kind == PickleKind::Bool; }
    std::int64_t integer() const { return m_integer; } // Int, Bool (as 0/1, like Python)
    double real() const { return m_real; }             // Float
    // Str (UTF-8), Bytes (raw; Python 2 str is read as bytes), Global ("module.name"), Dtype (descr).
    std::string_view text() const { return m_text; }
    const std::vector<const PickleValue*>& items() const;                                  // List, Tuple
    const std::vector<std::pair<const PickleValue*, const PickleValue*>>& entries() const; // Dict
    // Dict: the value whose str or bytes key equals key (the last one, as Python keeps), or null.
    const PickleValue* find(std::string_view key) const;
    const PickleArray* array() const; // Array, once built; null otherwise

private:
    friend class PickleBuilder;
    struct Compound {
        std::vector<const PickleValue*> items;
        std::vector<std::pair<const PickleValue*, const PickleValue*>> entries;
        std::unique_ptr<PickleArray> array; // Array; Dtype: its descr and item size
        bool built = false;                 // Array: its BUILD state was applied; Dtype: its byte order was set
        int callable = 0;                   // Global: which known callable (picklereader.cpp)
    };
    PickleKind m_kind = PickleKind::None;
    std::int64_t m_integer = 0;
    double m_real = 0;
    std::string_view m_text;
    std::unique_ptr<Compound> m_compound; // containers, arrays, dtypes and globals only
};

// A parsed pickle: its values and the strings decoded while parsing. Text and array data are views
// into the parsed bytes (zero copy), which must outlive the Pickle, or into strings it owns.
class Pickle {
public:
    const PickleValue& root() const { return *m_store->root; }
    int protocol() const { return m_store->protocol; } // 0 or 1 when the pickle has no PROTO opcode

private:
    friend class PickleBuilder;
    friend Pickle parsePickle(std::span<const std::uint8_t> bytes, const std::string& nameForErrors);
    Pickle() = default; // only parsePickle makes one, always with a root

    struct Store {
        std::deque<PickleValue> values;  // a deque: values never move once made
        std::deque<std::string> decoded; // latin1 bytes decoded from _codecs.encode(str, 'latin1')
        const PickleValue* root = nullptr;
        int protocol = 0;
    };
    std::unique_ptr<Store> m_store = std::make_unique<Store>();
};

} // namespace normlab
