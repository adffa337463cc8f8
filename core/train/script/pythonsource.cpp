#include "core/train/script/pythonsource.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "core/common/error.h"
#include "core/common/shortestnumber.h"

namespace normlab::python {
namespace {

// Bytes of a well-formed UTF-8 sequence starting at text[i], or 0.
std::size_t utf8Length(const std::string& text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF)
        length = 3;
    else if (lead >= 0xF0 && lead <= 0xF4)
        length = 4;
    else
        return 0;
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    // Overlong forms, surrogates and code points past U+10FFFF.
    if ((lead == 0xE0 && byte(i + 1) < 0xA0) || (lead == 0xED && byte(i + 1) > 0x9F) ||
        (lead == 0xF0 && byte(i + 1) < 0x90) || (lead == 0xF4 && byte(i + 1) > 0x8F))
        return 0;
    return length;
}

// "1" -> "1.0": a float literal, so the value stays a float in Python.
std::string asFloat(std::string text) {
    if (text.find_first_of(".eEni") == std::string::npos) text += ".0";
    return text;
}

} // namespace

std::string string(const std::string& text, const std::string& what) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8Length(text, i);
        if (length == 0) throw Error(what + " " + text + ": not UTF-8 text, which a Python script cannot name");
        const char c = text[i];
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (length == 1 && (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned char>(c));
            out += escaped;
        } else {
            out.append(text, i, length);
        }
        i += length;
    }
    return out + "\"";
}

std::string comment(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8Length(text, i);
        const bool control = length == 1 && (static_cast<unsigned char>(text[i]) < 0x20 || text[i] == 0x7F);
        if (length == 0 || control)
            out += '?';
        else
            out.append(text, i, length);
        i += std::max<std::size_t>(length, 1);
    }
    return out;
}

std::string shortestFloat(double value) {
    return asFloat(shortestText(value));
}

std::string fullFloat(double value) {
    std::ostringstream out;
    out.precision(17);
    out << value;
    return asFloat(out.str());
}

std::string fullTuple(const std::vector<double>& values) {
    std::string out = "(";
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? ", " : "") + fullFloat(values[i]);
    return out + (values.size() == 1 ? ",)" : ")"); // a one-element tuple needs its comma
}

} // namespace normlab::python
