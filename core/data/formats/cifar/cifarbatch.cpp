#include "core/data/formats/cifar/cifarbatch.h"

#include "core/common/resourcelimits.h"

namespace normlab {
namespace {

constexpr std::size_t kMaxLabelItemSize = 8;

std::string labelsKey(const CifarLayout& layout, CifarLabels labels) {
    if (layout.variant == 10) return "labels";
    return labels == CifarLabels::Coarse ? "coarse_labels" : "fine_labels";
}

std::string namesKey(const CifarLayout& layout, CifarLabels labels) {
    if (layout.variant == 10) return "label_names";
    return labels == CifarLabels::Coarse ? "coarse_label_names" : "fine_label_names";
}

const PickleValue& entry(const PickleValue& root, const std::string& key, const std::string& name) {
    if (root.kind() != PickleKind::Dict)
        throw Error(name + ": holds a pickled " + pickleKindName(root.kind()) + ", not the dict of a CIFAR file");
    const PickleValue* v = root.find(key);
    if (!v) throw Error(name + ": has no '" + key + "' entry, which this CIFAR file needs");
    return *v;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

// (N, 3072) as CIFAR ships it, or (N, 3, 32, 32) as a re-saved copy may be: the same bytes.
bool isCifarShape(const std::vector<std::int64_t>& shape) {
    if (shape.size() == 2) return shape[1] == static_cast<std::int64_t>(kCifarImageBytes);
    return shape.size() == 4 && shape[1] == kCifarChannels && shape[2] == kCifarSide && shape[3] == kCifarSide;
}

std::span<const std::uint8_t> imagesOf(const PickleValue& data, const std::string& name) {
    const PickleArray* a = data.array();
    if (!a)
        throw Error(name + ": 'data' is a " + pickleKindName(data.kind()) +
                    ", not the uint8 NumPy array of shape (N, 3072) CIFAR has");
    if (!a->isUint8()) throw Error(name + ": 'data' has dtype " + a->descr + ", not CIFAR's uint8 (|u1)");
    if (!isCifarShape(a->shape))
        throw Error(name + ": 'data' has shape " + shapeText(a->shape) + ", not CIFAR's (N, 3072)");
    if (a->fortranOrder && a->shape[0] > 1)
        throw Error(name + ": 'data' is stored in Fortran order, not in CIFAR's C order (one image a row)");
    return a->data;
}

// One label of a list (ints, or NumPy integer scalars) or of a 1-D integer NumPy array.
std::int64_t arrayInteger(const PickleArray& a, std::size_t index) {
    const auto* p = a.data.data() + index * a.itemSize;
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < a.itemSize; ++i)
        v |= std::uint64_t{p[a.descr[0] == '>' ? a.itemSize - 1 - i : i]} << (8 * i);
    if (a.descr[1] == 'u') return static_cast<std::int64_t>(v); // out of range either way if huge
    const int unused = 64 - 8 * static_cast<int>(a.itemSize);
    return static_cast<std::int64_t>(v << unused) >> unused;
}

std::vector<std::uint8_t> labelsOf(const PickleValue& value, const std::string& key, std::size_t count,
                                   const CifarLayout& layout, CifarLabels which, const std::string& name) {
    const int classes = layout.classCount(which);
    std::vector<std::uint8_t> labels;
    auto add = [&](std::int64_t label) {
        if (label < 0 || label >= classes) throw cifarLabelError(label, labels.size(), layout, which, name);
        labels.push_back(static_cast<std::uint8_t>(label));
    };
    if (const PickleArray* a = value.array()) {
        const bool integer =
            a->descr.size() >= 3 && (a->descr[1] == 'i' || a->descr[1] == 'u') && a->itemSize <= kMaxLabelItemSize;
        if (!integer || a->shape.size() != 1)
            throw Error(name + ": '" + key + "' is a NumPy array of dtype " + a->descr + " and shape " +
                        shapeText(a->shape) + ", not a list of integer labels");
        if (static_cast<std::uint64_t>(a->shape[0]) != count)
            throw Error(name + ": has " + std::to_string(a->shape[0]) + " " + key + " for " + std::to_string(count) +
                        " images");
        labels.reserve(count);
        for (std::size_t i = 0; i < count; ++i)
            add(arrayInteger(*a, i));
        return labels;
    }
    if (value.kind() != PickleKind::List)
        throw Error(name + ": '" + key + "' is a " + pickleKindName(value.kind()) + ", not a list of labels");
    if (value.items().size() != count)
        throw Error(name + ": has " + std::to_string(value.items().size()) + " " + key + " for " +
                    std::to_string(count) + " images");
    labels.reserve(count);
    for (const PickleValue* item : value.items()) {
        if (item->kind() != PickleKind::Int)
            throw Error(name + ": " + key + "[" + std::to_string(labels.size()) + "] is a " +
                        pickleKindName(item->kind()) + ", not an int");
        add(item->integer());
    }
    return labels;
}

} // namespace

std::optional<Error> overlongNameError(const std::string& className, std::size_t index,
                                       const std::string& nameForErrors) {
    if (className.size() <= kMaxNameBytes) return std::nullopt;
    return Error(nameForErrors + ": class name " + std::to_string(index) + " is " + std::to_string(className.size()) +
                 " bytes long; NormLab takes names of at most " + std::to_string(kMaxNameBytes) +
                 " bytes (kMaxNameBytes in core/common/resourcelimits.h)");
}

Error cifarLabelError(std::int64_t label, std::size_t index, const CifarLayout& layout, CifarLabels labels,
                      const std::string& nameForErrors) {
    const bool coarse = layout.variant == 100 && labels == CifarLabels::Coarse;
    return Error(nameForErrors + ": label " + std::to_string(label) + " at index " + std::to_string(index) +
                 " is outside " + layout.datasetName() + "'s " + std::to_string(layout.classCount(labels)) +
                 (coarse ? " coarse" : "") + " classes");
}

CifarBatch decodeCifarBatch(const PickleValue& root, const CifarLayout& layout, CifarLabels labels,
                            const std::string& nameForErrors) {
    const std::string key = labelsKey(layout, labels);
    const PickleValue& data = entry(root, "data", nameForErrors);
    const PickleValue& labelValue = entry(root, key, nameForErrors);
    CifarBatch batch;
    batch.pixels = imagesOf(data, nameForErrors);
    const std::size_t count = batch.pixels.size() / kCifarImageBytes;
    if (count == 0) throw Error(nameForErrors + ": contains no images");
    batch.labels = labelsOf(labelValue, key, count, layout, labels, nameForErrors);
    return batch;
}

std::vector<std::string> decodeCifarNames(const PickleValue& root, const CifarLayout& layout, CifarLabels labels,
                                          const std::string& nameForErrors) {
    const std::string key = namesKey(layout, labels);
    const PickleValue& value = entry(root, key, nameForErrors);
    const auto classes = static_cast<std::size_t>(layout.classCount(labels));
    if (value.kind() != PickleKind::List || value.items().size() != classes)
        throw Error(nameForErrors + ": '" + key + "' is not a list of " + std::to_string(classes) +
                    " class names, as " + layout.datasetName() + " has");
    std::vector<std::string> names;
    for (const PickleValue* item : value.items()) {
        if (!item->isText() || item->text().empty())
            throw Error(nameForErrors + ": " + key + "[" + std::to_string(names.size()) + "] is not a class name");
        names.emplace_back(item->text());
        if (auto tooLong = overlongNameError(names.back(), names.size() - 1, nameForErrors)) throw *tooLong;
    }
    return names;
}

} // namespace normlab
