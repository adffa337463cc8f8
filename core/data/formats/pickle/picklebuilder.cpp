#include "core/data/formats/pickle/picklebuilder.h"

#include "core/common/error.h"
#include "core/common/resourcelimits.h"

namespace normlab {
namespace {

// A CIFAR-100 train pickle makes about 150,000 values (two labels and a file name an image);
// seven times that is a pickle NormLab was not made for, and bounds the memory (~100 MB) a small
// hostile file can claim with one-byte opcodes that each make a value.
constexpr std::size_t kMaxValues = kMaxPickleValues; // core/common/resourcelimits.h

struct KnownGlobal {
    std::string_view module, name;
    PickleCallable callable;
};
// numpy 2 renamed numpy.core to numpy._core; Python 2 pickles say __builtin__, Python 3 builtins.
constexpr KnownGlobal kKnownGlobals[] = {
    {"numpy.core.multiarray", "_reconstruct", kReconstruct},
    {"numpy._core.multiarray", "_reconstruct", kReconstruct},
    {"numpy.core.numeric", "_frombuffer", kFromBuffer},
    {"numpy._core.numeric", "_frombuffer", kFromBuffer},
    {"numpy.core.multiarray", "scalar", kScalar},
    {"numpy._core.multiarray", "scalar", kScalar},
    {"numpy", "ndarray", kNdarray},
    {"numpy", "dtype", kDtype},
    {"_codecs", "encode", kCodecsEncode},
    {"__builtin__", "bytes", kBytesType},
    {"builtins", "bytes", kBytesType},
};

} // namespace

std::string printableExcerpt(std::string_view text, std::size_t maxChars) {
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < maxChars; ++i)
        out += (text[i] >= 0x20 && text[i] < 0x7f) ? text[i] : '?';
    if (text.size() > maxChars) out += "...";
    return out;
}

PickleBuilder::PickleBuilder(Pickle& pickle, std::string nameForErrors)
    : m_store(*pickle.m_store), m_name(std::move(nameForErrors)) {
    m_none = make(PickleKind::None);
    m_true = make(PickleKind::Bool);
    m_true->m_integer = 1;
    m_false = make(PickleKind::Bool);
}

std::string PickleBuilder::at() const {
    return " at offset " + std::to_string(m_offset);
}

void PickleBuilder::fail(const std::string& problem) const {
    throw Error(m_name + ": " + problem);
}

PickleValue* PickleBuilder::make(PickleKind kind) {
    if (++m_made > kMaxValues)
        fail("pickle has more than " + std::to_string(kMaxValues) + " values" + at() +
             " (NormLab reads data-set pickles, not arbitrary object graphs)");
    PickleValue& v = m_store.values.emplace_back();
    v.m_kind = kind;
    return &v;
}

PickleValue* PickleBuilder::makeCompound(PickleKind kind) {
    PickleValue* v = make(kind);
    v->m_compound = std::make_unique<PickleValue::Compound>();
    return v;
}

PickleValue* PickleBuilder::integer(std::int64_t value) {
    PickleValue* v = make(PickleKind::Int);
    v->m_integer = value;
    return v;
}

PickleValue* PickleBuilder::real(double value) {
    PickleValue* v = make(PickleKind::Float);
    v->m_real = value;
    return v;
}

PickleValue* PickleBuilder::text(PickleKind kind, std::string_view text) {
    PickleValue* v = make(kind);
    v->m_text = text;
    return v;
}

PickleValue* PickleBuilder::container(PickleKind kind) {
    return makeCompound(kind);
}

PickleValue* PickleBuilder::tuple(const std::vector<PickleValue*>& items) {
    PickleValue* v = makeCompound(PickleKind::Tuple);
    v->m_compound->items.assign(items.begin(), items.end());
    return v;
}

void PickleBuilder::append(PickleValue* list, PickleValue* item) {
    if (list->kind() != PickleKind::List)
        fail(std::string("pickle appends to a ") + pickleKindName(list->kind()) + at() + ", not to a list");
    list->m_compound->items.push_back(item);
}

void PickleBuilder::setItem(PickleValue* dict, PickleValue* key, PickleValue* value) {
    if (dict->kind() != PickleKind::Dict)
        fail(std::string("pickle sets an item of a ") + pickleKindName(dict->kind()) + at() + ", not of a dict");
    if (!key->isText())
        fail(std::string("pickle has a dict key that is a ") + pickleKindName(key->kind()) + at() +
             " (NormLab reads dicts with str or bytes keys)");
    dict->m_compound->entries.emplace_back(key, value);
}

PickleValue* PickleBuilder::global(std::string_view module, std::string_view name) {
    for (const auto& known : kKnownGlobals) {
        if (known.module != module || known.name != name) continue;
        PickleValue* v = makeCompound(PickleKind::Global);
        v->m_compound->callable = known.callable;
        v->m_text = m_store.decoded.emplace_back(std::string(module) + "." + std::string(name));
        return v;
    }
    fail("pickle refers to " + printableExcerpt(module) + "." + printableExcerpt(name) + at() +
         ", which is not part of a NumPy data-set pickle");
}

PickleValue* PickleBuilder::reduce(const PickleValue* callable, const PickleValue* args) {
    if (callable->kind() != PickleKind::Global)
        fail(std::string("pickle calls a ") + pickleKindName(callable->kind()) + at() + ", not a function");
    if (args->kind() != PickleKind::Tuple)
        fail("pickle calls " + std::string(callable->text()) + " with a " + pickleKindName(args->kind()) + at() +
             " instead of an argument tuple");
    const auto& a = args->items();
    switch (callable->m_compound->callable) {
    case kReconstruct:
        return reconstructArray(a);
    case kFromBuffer:
        return arrayFromBuffer(a);
    case kDtype:
        return makeDtype(a);
    case kScalar:
        return scalar(a);
    case kCodecsEncode:
        return decodeLatin1(a);
    case kBytesType:
        if (!a.empty()) fail("pickle calls bytes() with arguments" + at() + " (only the empty bytes() is read)");
        return text(PickleKind::Bytes, {});
    default:
        fail("pickle calls " + std::string(callable->text()) + at() + ", which NormLab does not reconstruct");
    }
}

void PickleBuilder::build(PickleValue* object, const PickleValue* state) {
    if (object->kind() == PickleKind::Array) return buildArray(object, state);
    if (object->kind() == PickleKind::Dtype) return buildDtype(object, state);
    fail(std::string("pickle sets the state of a ") + pickleKindName(object->kind()) + at() +
         " (only NumPy arrays and dtypes are read)");
}

// Python 3 pickles bytes for protocol 2 as _codecs.encode(str, 'latin1'), the str holding one
// character per byte, UTF-8 encoded: decode them back (the one copy of such an array's data).
PickleValue* PickleBuilder::decodeLatin1(const std::vector<const PickleValue*>& args) {
    if (args.size() != 2 || args[0]->kind() != PickleKind::Str || args[1]->kind() != PickleKind::Str ||
        (args[1]->text() != "latin1" && args[1]->text() != "latin-1"))
        fail("pickle calls _codecs.encode" + at() + " with other arguments than (str, 'latin1')");
    const std::string_view utf8 = args[0]->text();
    std::string& out = m_store.decoded.emplace_back(utf8.size(), '\0'); // never longer than its UTF-8
    char* to = out.data(); // a local pointer: a char store could alias the string's own fields
    const auto* from = reinterpret_cast<const std::uint8_t*>(utf8.data());
    const auto* end = from + utf8.size();
    while (from < end) {
        const std::uint8_t lead = *from;
        if (lead < 0x80) {
            *to++ = static_cast<char>(lead);
            ++from;
            continue;
        }
        // Only U+0080..U+00FF can be latin1: lead byte 0xc2 or 0xc3 and one continuation byte.
        if ((lead != 0xc2 && lead != 0xc3) || end - from < 2 || (from[1] & 0xc0) != 0x80)
            fail("pickle's _codecs.encode" + at() + " has a character that is not latin1 (byte " +
                 std::to_string(from - reinterpret_cast<const std::uint8_t*>(utf8.data())) + " of its text)");
        *to++ = static_cast<char>(((lead & 0x1f) << 6) | (from[1] & 0x3f));
        from += 2;
    }
    out.resize(static_cast<std::size_t>(to - out.data()));
    return text(PickleKind::Bytes, out);
}

void PickleBuilder::finish(const PickleValue* root, int protocol) {
    m_store.root = root;
    m_store.protocol = protocol;
}

} // namespace normlab
