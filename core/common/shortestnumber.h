#pragma once

#include <charconv>
#include <string>

namespace normlab {

// Appends the shortest decimal text that reads back as exactly this double ("0.3157", not
// "0.31569999999999998") to `out`, without a string of its own (the export writes 300,000 of
// them); false, appending nothing, when it has no such text.
inline bool appendShortestText(std::string& out, double value) {
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error != std::errc()) return false;
    out.append(buffer, end);
    return true;
}

// The same as a string, for CSV files people open in spreadsheets and parse again.
inline std::string shortestText(double value) {
    std::string text;
    return appendShortestText(text, value) ? text : std::string("nan");
}

} // namespace normlab
