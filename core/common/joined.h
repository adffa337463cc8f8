#pragma once

#include <string>
#include <vector>

namespace normlab {

// "a, b, c": lists of names in messages ("expected one of …").
inline std::string joined(const std::vector<std::string>& items, const std::string& separator = ", ") {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

} // namespace normlab
