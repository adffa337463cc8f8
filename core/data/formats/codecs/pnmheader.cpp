#include "core/data/formats/codecs/pnmheader.h"

#include <cstring>

namespace normlab::codecs {
namespace {

// Pillow stops a token after 10 characters.
constexpr std::size_t kMaxTokenLength = 10;

bool isSpace(std::uint8_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

class Tokens {
public:
    explicit Tokens(std::span<const std::uint8_t> bytes) : m_bytes(bytes) {}
    std::size_t pos = 0;

    // Pillow's _read_token: skips leading white space and '#' comments, ends at (and consumes) one
    // white-space character. A comment right after a digit would join two numbers in Pillow but not
    // in stb_image, so it is refused; so is anything but digits.
    bool next(std::uint64_t& value, std::string& error) {
        std::string token;
        while (pos < m_bytes.size()) {
            const std::uint8_t c = m_bytes[pos++];
            if (isSpace(c)) {
                if (token.empty()) continue;
                break;
            }
            if (c == '#') {
                if (!token.empty()) return fail(error, "comment inside a header number");
                while (pos < m_bytes.size() && m_bytes[pos] != '\r' && m_bytes[pos] != '\n')
                    ++pos;
                ++pos;
                continue;
            }
            if (c < '0' || c > '9') return fail(error, "unexpected character in the header");
            token += static_cast<char>(c);
            if (token.size() > kMaxTokenLength) return fail(error, "header number longer than 10 digits");
        }
        if (token.empty()) return fail(error, "file is truncated (incomplete header)");
        value = std::stoull(token);
        return true;
    }

private:
    static bool fail(std::string& error, const char* why) {
        error = why;
        return false;
    }
    std::span<const std::uint8_t> m_bytes;
};

} // namespace

PnmHeader readPnmHeader(std::span<const std::uint8_t> bytes) {
    PnmHeader h;
    // Pillow reads the magic up to the first white space: "P6" must be followed by one.
    if (bytes.size() < 3 || bytes[0] != 'P' || !isSpace(bytes[2])) {
        h.error = "not a PGM/PPM header";
        return h;
    }
    if (bytes[1] != '5' && bytes[1] != '6') {
        h.error = bytes[1] >= '1' && bytes[1] <= '4'
                      ? "plain-text (P1-P3) and bitmap (P4) files are not supported; only binary PGM/PPM (P5, P6)"
                      : "not a PGM/PPM header";
        return h;
    }
    h.channels = bytes[1] == '6' ? 3 : 1;
    Tokens tokens(bytes);
    tokens.pos = 3;
    std::uint64_t maxValue = 0;
    if (!tokens.next(h.width, h.error) || !tokens.next(h.height, h.error) || !tokens.next(maxValue, h.error)) return h;
    if (maxValue == 0 || maxValue > 65535) {
        h.error = "maxval " + std::to_string(maxValue) + " is outside 1..65535";
        return h;
    }
    h.maxValue = static_cast<std::uint32_t>(maxValue);
    h.dataOffset = tokens.pos;
    return h;
}

} // namespace normlab::codecs
