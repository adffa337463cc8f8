#include "core/data/formats/pickle/picklevalue.h"

namespace normlab {
namespace {

const std::vector<const PickleValue*> kNoItems;
const std::vector<std::pair<const PickleValue*, const PickleValue*>> kNoEntries;

} // namespace

const char* pickleKindName(PickleKind kind) {
    switch (kind) {
    case PickleKind::None:
        return "None";
    case PickleKind::Bool:
        return "bool";
    case PickleKind::Int:
        return "int";
    case PickleKind::Float:
        return "float";
    case PickleKind::Str:
        return "str";
    case PickleKind::Bytes:
        return "bytes";
    case PickleKind::List:
        return "list";
    case PickleKind::Tuple:
        return "tuple";
    case PickleKind::Dict:
        return "dict";
    case PickleKind::Array:
        return "NumPy array";
    case PickleKind::Global:
        return "global";
    case PickleKind::Dtype:
        return "NumPy dtype";
    }
    return "value";
}

const std::vector<const PickleValue*>& PickleValue::items() const {
    const bool sequence = m_kind == PickleKind::List || m_kind == PickleKind::Tuple;
    return sequence && m_compound ? m_compound->items : kNoItems;
}

const std::vector<std::pair<const PickleValue*, const PickleValue*>>& PickleValue::entries() const {
    return m_kind == PickleKind::Dict && m_compound ? m_compound->entries : kNoEntries;
}

const PickleValue* PickleValue::find(std::string_view key) const {
    const auto& all = entries();
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (it->first->isText() && it->first->text() == key) return it->second;
    return nullptr;
}

const PickleArray* PickleValue::array() const {
    return m_kind == PickleKind::Array && m_compound && m_compound->built ? m_compound->array.get() : nullptr;
}

} // namespace normlab
