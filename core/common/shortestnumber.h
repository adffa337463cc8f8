#pragma once

#include <charconv>
#include <string>

namespace normlab {

// The shortest decimal text that reads back as exactly this double ("0.3157", not
// "0.31569999999999998"), for CSV files people open in spreadsheets and parse again.
inline std::string shortestText(double value) {
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::string("nan");
}

} // namespace normlab
