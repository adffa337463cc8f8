#include "core/data/labelgaps.h"

#include <algorithm>
#include <array>

namespace normlab {
namespace {

// "0-9, 200" from the used labels.
std::string ranges(const std::array<bool, 256>& used, bool wanted) {
    std::string text;
    for (int v = 0; v < 256;) {
        if (used[v] != wanted) {
            ++v;
            continue;
        }
        int end = v;
        while (end + 1 < 256 && used[end + 1] == wanted)
            ++end;
        if (wanted == false && end == 255) break; // past the largest label is not a gap
        text += (text.empty() ? "" : ", ") + std::to_string(v) + (end > v ? "-" + std::to_string(end) : "");
        v = end + 1;
    }
    return text;
}

} // namespace

std::string labelGapNote(const ImageSet& set) {
    std::array<bool, 256> used{};
    int largest = -1;
    for (auto label : set.labels) {
        used[label] = true;
        largest = std::max(largest, int{label});
    }
    int empty = 0;
    for (int v = 0; v < largest; ++v)
        empty += !used[v];
    if (empty == 0) return {};
    std::array<bool, 256> unusedBelow = used;
    for (int v = largest + 1; v < 256; ++v)
        unusedBelow[v] = true; // only gaps below the largest label count
    return "labels leave gaps: " + ranges(used, true) + " are used, so " + std::to_string(empty) +
           " classes in between (" + ranges(unusedBelow, false) + ") have no images";
}

} // namespace normlab
