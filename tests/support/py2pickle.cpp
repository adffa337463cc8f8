#include "tests/support/py2pickle.h"

namespace normlab::test {
namespace {

constexpr std::size_t kAppendsBatch = 1000; // cPickle's BATCHSIZE

} // namespace

Py2PickleWriter::Py2PickleWriter() {
    op(0x80);
    op(2);
}

void Py2PickleWriter::littleEndian(std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i)
        m_out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void Py2PickleWriter::put() {
    if (m_memo < 256) {
        op('q');
        littleEndian(m_memo, 1);
    } else {
        op('r');
        littleEndian(m_memo, 4);
    }
    ++m_memo;
}

void Py2PickleWriter::emptyDict() {
    op('}');
    put();
}

void Py2PickleWriter::mark() {
    op('(');
}

void Py2PickleWriter::setItems() {
    op('u');
}

void Py2PickleWriter::stop() {
    op('.');
}

void Py2PickleWriter::string(std::string_view s) {
    if (s.size() < 256) {
        op('U');
        littleEndian(s.size(), 1);
    } else {
        op('T');
        littleEndian(s.size(), 4);
    }
    raw(s);
    put();
}

void Py2PickleWriter::integer(std::int64_t v) {
    if (v >= 0 && v < 256) {
        op('K');
        littleEndian(static_cast<std::uint64_t>(v), 1);
    } else if (v >= 0 && v < 65536) {
        op('M');
        littleEndian(static_cast<std::uint64_t>(v), 2);
    } else {
        op('J');
        littleEndian(static_cast<std::uint64_t>(v), 4);
    }
}

void Py2PickleWriter::intList(const std::vector<int>& values) {
    op(']');
    put();
    for (std::size_t start = 0; start < values.size(); start += kAppendsBatch) {
        mark();
        for (std::size_t i = start; i < values.size() && i < start + kAppendsBatch; ++i)
            integer(values[i]);
        op('e');
    }
}

void Py2PickleWriter::stringList(const std::vector<std::string>& values) {
    op(']');
    put();
    for (std::size_t start = 0; start < values.size(); start += kAppendsBatch) {
        mark();
        for (std::size_t i = start; i < values.size() && i < start + kAppendsBatch; ++i)
            string(values[i]);
        op('e');
    }
}

void Py2PickleWriter::global(std::string_view module, std::string_view name) {
    op('c');
    raw(module);
    raw("\n");
    raw(name);
    raw("\n");
    put();
}

void Py2PickleWriter::array(std::string_view data, const std::vector<std::int64_t>& shape, std::string_view type,
                            char byteOrder) {
    // _reconstruct(ndarray, (0,), 'b')
    global("numpy.core.multiarray", "_reconstruct");
    global("numpy", "ndarray");
    integer(0);
    op(0x85); // TUPLE1
    op('U');
    littleEndian(1, 1);
    raw("b");
    op(0x87); // TUPLE3
    op('R');
    put();
    // BUILD (1, shape, dtype, False, data)
    mark();
    integer(1);
    mark();
    for (auto d : shape)
        integer(d);
    op('t');
    global("numpy", "dtype");
    op('U');
    littleEndian(type.size(), 1);
    raw(type);
    integer(0);
    integer(1);
    op(0x87);
    op('R');
    put();
    mark(); // the dtype's state: (3, byte order, None, None, None, -1, -1, 0)
    integer(3);
    op('U');
    littleEndian(1, 1);
    m_out.push_back(static_cast<std::uint8_t>(byteOrder));
    op('N');
    op('N');
    op('N');
    for (int i = 0; i < 2; ++i) {
        op('J');
        littleEndian(0xffffffffu, 4);
    }
    integer(0);
    op('t');
    op('b');
    op(0x89); // NEWFALSE: C order
    op('T');
    littleEndian(data.size(), 4);
    raw(data);
    op('t');
    op('b');
}

} // namespace normlab::test
