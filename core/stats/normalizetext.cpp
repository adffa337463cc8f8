#include "core/stats/normalizetext.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "core/common/error.h"

namespace normlab {
namespace {

constexpr const char* kExpected = "expected transforms.Normalize((m1, m2, ...), (s1, s2, ...))";

// A small recursive-descent reader over the text; every error names the column.
class Reader {
public:
    explicit Reader(const std::string& text) : m_text(text) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw Error("cannot read the Normalize text: " + what + " at column " + std::to_string(m_pos + 1) + " (" +
                    kExpected + ")");
    }
    void skipSpace() {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
    }
    bool accept(char c) {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    void expect(char c, const char* what) {
        if (!accept(c)) fail(std::string("expected ") + what);
    }
    bool atEnd() {
        skipSpace();
        return m_pos == m_text.size();
    }
    // An identifier followed by '=' (a keyword argument), or empty.
    std::string keyword() {
        skipSpace();
        std::size_t end = m_pos;
        while (end < m_text.size() && (std::isalnum(static_cast<unsigned char>(m_text[end])) || m_text[end] == '_'))
            ++end;
        std::size_t eq = end;
        while (eq < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[eq])))
            ++eq;
        if (end == m_pos || eq >= m_text.size() || m_text[eq] != '=') return {};
        std::string name = m_text.substr(m_pos, end - m_pos);
        m_pos = eq + 1;
        return name;
    }
    double number() {
        double value = plainNumber();
        if (accept('/')) {
            const double divisor = plainNumber();
            if (divisor == 0) fail("division by zero");
            value /= divisor;
        }
        return value;
    }
    // A number, or a tuple / list of numbers.
    std::vector<double> values() {
        skipSpace();
        const char open = m_pos < m_text.size() ? m_text[m_pos] : '\0';
        if (open != '(' && open != '[') return {number()};
        ++m_pos;
        const char close = open == '(' ? ')' : ']';
        std::vector<double> list;
        while (!accept(close)) {
            if (!list.empty()) expect(',', "',' between numbers");
            if (accept(close)) break; // a trailing comma, as in (0.1307,)
            list.push_back(number());
        }
        if (list.empty()) fail("an empty list");
        return list;
    }
    // Moves past "transforms.Normalize(" / "T.Normalize(" / "Normalize(" when present.
    bool skipCallee() {
        const auto at = m_text.find("Normalize");
        if (at == std::string::npos) return false;
        m_pos = at + 9;
        expect('(', "'(' after Normalize");
        return true;
    }
    // An identifier such as True.
    void word() {
        skipSpace();
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() &&
               (std::isalnum(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_'))
            ++m_pos;
        if (m_pos == start) fail("expected True or False");
    }

private:
    double plainNumber() {
        skipSpace();
        const char* begin = m_text.data() + m_pos;
        const char* end = m_text.data() + m_text.size();
        if (begin != end && *begin == '+') ++begin; // from_chars takes no '+'
        double value = 0;
        const auto [ptr, ec] = std::from_chars(begin, end, value);
        if (ec != std::errc() || !std::isfinite(value)) fail("expected a number");
        m_pos = static_cast<std::size_t>(ptr - m_text.data());
        return value;
    }

    const std::string& m_text;
    std::size_t m_pos = 0;
};

} // namespace

NormalizeConstants parseNormalize(const std::string& text) {
    Reader in(text);
    const bool called = in.skipCallee(); // then a ')' ends the arguments; otherwise the text does
    NormalizeConstants c;
    bool haveMean = false, haveStd = false;
    for (int arg = 0;; ++arg) {
        if (called ? in.accept(')') : in.atEnd()) break;
        if (arg > 0) {
            in.expect(',', "',' between the arguments");
            if (called && in.accept(')')) break; // a trailing comma
        }
        std::string name = in.keyword();
        if (name.empty()) name = arg == 0 ? "mean" : arg == 1 ? "std" : "inplace";
        if (name == "inplace") { // Normalize's third argument does not change the values
            in.word();
            continue;
        }
        if (name != "mean" && name != "std") in.fail("unknown argument '" + name + "'");
        (name == "mean" ? c.mean : c.std) = in.values();
        (name == "mean" ? haveMean : haveStd) = true;
    }
    if (!haveMean || !haveStd) in.fail(haveMean ? "no std" : "no mean");
    if (!in.atEnd()) in.fail("unexpected text after the constants");
    if (c.mean.size() != c.std.size() && c.mean.size() != 1 && c.std.size() != 1)
        throw Error("the Normalize text has " + std::to_string(c.mean.size()) + " means but " +
                    std::to_string(c.std.size()) + " stds");
    for (double s : c.std)
        if (s <= 0) throw Error("the Normalize text has a std of " + std::to_string(s) + "; every std must be > 0");
    return c;
}

std::vector<double> parseNumberList(const std::string& text, const std::string& what) {
    try {
        Reader in(text);
        std::vector<double> list{in.number()};
        while (in.accept(','))
            list.push_back(in.number());
        if (!in.atEnd()) in.fail("unexpected text");
        return list;
    } catch (const Error&) {
        throw Error(what + ": expected numbers separated by commas, e.g. 0.4914,0.4822,0.4465; got '" + text + "'");
    }
}

} // namespace normlab
