#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace normlab::test {

// Writes pickles opcode for opcode as Python 2's cPickle wrote CIFAR's python files (protocol 2):
// str as SHORT_BINSTRING/BINSTRING, ints as BININT1/BININT2/BININT, every object memoized with
// BINPUT/LONG_BINPUT from index 1, lists filled by APPENDS in batches of 1000, NumPy arrays as
// numpy.core.multiarray._reconstruct + BUILD with the raw bytes as one BINSTRING.
class Py2PickleWriter {
public:
    Py2PickleWriter(); // PROTO 2

    void emptyDict();
    void mark();
    void setItems();
    void stop();
    void string(std::string_view s);
    void integer(std::int64_t v);
    void intList(const std::vector<int>& values);
    void stringList(const std::vector<std::string>& values);
    // A NumPy array of the given shape; type "u1" with byte order '|' is CIFAR's uint8.
    void array(std::string_view raw, const std::vector<std::int64_t>& shape, std::string_view type = "u1",
               char byteOrder = '|');
    void raw(std::string_view bytes) { m_out.insert(m_out.end(), bytes.begin(), bytes.end()); }

    const std::vector<std::uint8_t>& bytes() const { return m_out; }

private:
    void op(std::uint8_t code) { m_out.push_back(code); }
    void littleEndian(std::uint64_t v, int bytes);
    void put();
    void global(std::string_view module, std::string_view name);

    std::vector<std::uint8_t> m_out;
    std::uint32_t m_memo = 1;
};

} // namespace normlab::test
