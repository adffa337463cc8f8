#pragma once

// Private to the pickle reader: makes the values of a Pickle, within a bound on their number, and
// carries out the few Python calls data-set pickles make (numpy's array, dtype and scalar
// reconstruction, _codecs.encode and bytes()). Nothing else can be called, so no pickle runs code.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/data/formats/pickle/picklevalue.h"

namespace normlab {

// The callables a Global value may stand for (PickleValue::Compound::callable).
enum PickleCallable { kReconstruct = 1, kFromBuffer, kNdarray, kDtype, kScalar, kCodecsEncode, kBytesType };

class PickleBuilder {
public:
    PickleBuilder(Pickle& pickle, std::string nameForErrors);

    // Where the opcode being read starts, for messages.
    void setOffset(std::size_t offset) { m_offset = offset; }
    std::string at() const; // " at offset N"
    // Throws Error("NAME: problem").
    [[noreturn]] void fail(const std::string& problem) const;

    PickleValue* none() { return m_none; }
    PickleValue* boolean(bool value) { return value ? m_true : m_false; }
    PickleValue* integer(std::int64_t value);
    PickleValue* real(double value);
    PickleValue* text(PickleKind kind, std::string_view text); // Str or Bytes
    PickleValue* container(PickleKind kind);                   // an empty List, Tuple or Dict
    PickleValue* tuple(const std::vector<PickleValue*>& items);

    void append(PickleValue* list, PickleValue* item);
    void setItem(PickleValue* dict, PickleValue* key, PickleValue* value);
    // Fails for anything but the callables named above.
    PickleValue* global(std::string_view module, std::string_view name);
    PickleValue* reduce(const PickleValue* callable, const PickleValue* args);
    void build(PickleValue* object, const PickleValue* state);

    void finish(const PickleValue* root, int protocol);

private:
    PickleValue* make(PickleKind kind);
    PickleValue* makeCompound(PickleKind kind);
    PickleValue* reconstructArray(const std::vector<const PickleValue*>& args);
    PickleValue* makeDtype(const std::vector<const PickleValue*>& args);
    PickleValue* decodeLatin1(const std::vector<const PickleValue*>& args);
    PickleValue* scalar(const std::vector<const PickleValue*>& args);
    PickleValue* arrayFromBuffer(const std::vector<const PickleValue*>& args);
    void buildArray(PickleValue* array, const PickleValue* state);
    void fillArray(PickleValue* array, const PickleValue* shape, const PickleValue* dtype, bool fortran,
                   const PickleValue* data);
    void buildDtype(PickleValue* dtype, const PickleValue* state);

    Pickle::Store& m_store;
    std::string m_name;
    std::size_t m_offset = 0;
    std::size_t m_made = 0;
    PickleValue* m_none;
    PickleValue* m_true;
    PickleValue* m_false;
};

// Up to maxChars of outside text for a one-line message: bytes other than printable ASCII become '?'.
std::string printableExcerpt(std::string_view text, std::size_t maxChars = 60);

} // namespace normlab
