#include "core/data/formats/pickle/picklereader.h"

#include <bit>
#include <cstring>
#include <unordered_map>

#include "core/common/error.h"
#include "core/common/resourcelimits.h"
#include "core/data/formats/pickle/picklebuilder.h"

namespace normlab {
namespace {

// Bounds on nesting, memo and pushes: core/common/resourcelimits.h.
constexpr std::size_t kMaxMarkDepth = kMaxPickleMarkDepth;
constexpr std::size_t kMaxMemoEntries = kMaxPickleMemoEntries;
constexpr std::size_t kMaxPushes = kMaxPicklePushes;
constexpr int kHighestProtocol = 5;
constexpr int kMaxIntegerBytes = 8;

// The opcodes read, named as in Python's Lib/pickle.py.
enum Opcode : std::uint8_t {
    kMark = '(',
    kStop = '.',
    kPop = '0',
    kPopMark = '1',
    kDup = '2',
    kNone = 'N',
    kBinInt = 'J',
    kBinInt1 = 'K',
    kBinInt2 = 'M',
    kBinFloat = 'G',
    kBinString = 'T',
    kShortBinString = 'U',
    kBinUnicode = 'X',
    kBinBytes = 'B',
    kShortBinBytes = 'C',
    kAppend = 'a',
    kAppends = 'e',
    kBuild = 'b',
    kGlobal = 'c',
    kDict = 'd',
    kEmptyDict = '}',
    kList = 'l',
    kEmptyList = ']',
    kTuple = 't',
    kEmptyTuple = ')',
    kSetItem = 's',
    kSetItems = 'u',
    kReduce = 'R',
    kBinGet = 'h',
    kLongBinGet = 'j',
    kBinPut = 'q',
    kLongBinPut = 'r',
    kProto = 0x80,
    kTuple1 = 0x85,
    kTuple2 = 0x86,
    kTuple3 = 0x87,
    kNewTrue = 0x88,
    kNewFalse = 0x89,
    kLong1 = 0x8a,
    kLong4 = 0x8b,
    kShortBinUnicode = 0x8c,
    kBinUnicode8 = 0x8d,
    kBinBytes8 = 0x8e,
    kStackGlobal = 0x93,
    kMemoize = 0x94,
    kFrame = 0x95,
    kByteArray8 = 0x96,
};

std::string opcodeText(std::uint8_t op) {
    static const char* digits = "0123456789abcdef";
    std::string s = std::string("0x") + digits[op >> 4] + digits[op & 15];
    if (op >= 0x20 && op < 0x7f) s += std::string(" ('") + static_cast<char>(op) + "')";
    return s;
}

class PickleReader {
public:
    PickleReader(std::span<const std::uint8_t> bytes, const std::string& name, Pickle& pickle)
        : m_bytes(bytes), m_build(pickle, name) {}

    void run() {
        if (m_bytes.empty()) m_build.fail("empty file");
        while (m_pos < m_bytes.size()) {
            m_build.setOffset(m_pos);
            m_op = m_bytes[m_pos++];
            if (m_op == kStop) return stop();
            step();
        }
        m_build.fail("pickle ends at offset " + std::to_string(m_bytes.size()) +
                     " without its STOP opcode (truncated file?)");
    }

private:
    std::size_t remaining() const { return m_bytes.size() - m_pos; }

    [[noreturn]] void truncated() {
        m_build.fail("pickle ends in the middle of opcode " + opcodeText(m_op) + m_build.at() + " (truncated file?)");
    }
    std::span<const std::uint8_t> take(std::size_t n) {
        if (remaining() < n) truncated();
        const auto out = m_bytes.subspan(m_pos, n);
        m_pos += n;
        return out;
    }
    std::uint64_t readLittleEndian(std::size_t n) {
        const auto b = take(n);
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < n; ++i)
            v |= std::uint64_t{b[i]} << (8 * i);
        return v;
    }
    // A length read from the file is checked against what is left before anything is taken.
    std::string_view takeDeclared(std::uint64_t length, const char* what) {
        if (length > remaining())
            m_build.fail("pickle declares a " + std::to_string(length) + "-byte " + what + m_build.at() +
                         ", but the file has only " + std::to_string(remaining()) + " bytes left");
        const auto b = take(static_cast<std::size_t>(length));
        return {reinterpret_cast<const char*>(b.data()), b.size()};
    }
    std::string_view takeLine() {
        const auto* start = m_bytes.data() + m_pos;
        const void* end = std::memchr(start, '\n', remaining());
        if (!end) truncated();
        const auto length = static_cast<std::size_t>(static_cast<const std::uint8_t*>(end) - start);
        take(length + 1);
        return {reinterpret_cast<const char*>(start), length};
    }

    void push(PickleValue* v) {
        if (++m_pushes > kMaxPushes)
            m_build.fail("pickle pushes more than " + std::to_string(kMaxPushes) + " values" + m_build.at());
        m_stack.push_back(v);
    }
    PickleValue* top() {
        if (m_stack.empty()) underflow();
        return m_stack.back();
    }
    PickleValue* pop() {
        PickleValue* v = top();
        m_stack.pop_back();
        return v;
    }
    [[noreturn]] void underflow() {
        m_build.fail("pickle opcode " + opcodeText(m_op) + m_build.at() + " needs a value the stack does not have" +
                     (m_marks.empty() ? "" : " above its MARK"));
    }
    // Python keeps the values pushed since a MARK on a stack of their own: the same here.
    void mark() {
        if (m_marks.size() >= kMaxMarkDepth)
            m_build.fail("pickle nests more than " + std::to_string(kMaxMarkDepth) + " MARKs" + m_build.at());
        m_marks.push_back(std::move(m_stack));
        m_stack.clear();
    }
    std::vector<PickleValue*> popMark() {
        if (m_marks.empty())
            m_build.fail("pickle opcode " + opcodeText(m_op) + m_build.at() + " has no MARK before it");
        std::vector<PickleValue*> items = std::move(m_stack);
        m_stack = std::move(m_marks.back());
        m_marks.pop_back();
        return items;
    }
    std::vector<PickleValue*> popN(std::size_t n) {
        if (m_stack.size() < n) underflow();
        std::vector<PickleValue*> items(m_stack.end() - static_cast<std::ptrdiff_t>(n), m_stack.end());
        m_stack.resize(m_stack.size() - n);
        return items;
    }

    void put(std::uint64_t index) {
        if (m_memo.size() >= kMaxMemoEntries && !m_memo.contains(index))
            m_build.fail("pickle stores more than " + std::to_string(kMaxMemoEntries) + " memo entries" + m_build.at());
        m_memo[index] = top();
    }
    void get(std::uint64_t index) {
        const auto it = m_memo.find(index);
        if (it == m_memo.end())
            m_build.fail("pickle refers to memo entry " + std::to_string(index) + m_build.at() +
                         ", which it never stored");
        push(it->second);
    }

    void integerOfBytes(std::uint64_t length) {
        const auto b = takeDeclared(length, "integer");
        if (b.size() > kMaxIntegerBytes)
            m_build.fail("pickle has a " + std::to_string(b.size()) + "-byte integer" + m_build.at() +
                         ", larger than NormLab's 64 bits");
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < b.size(); ++i)
            v |= std::uint64_t{static_cast<std::uint8_t>(b[i])} << (8 * i);
        const int unused = 64 - 8 * static_cast<int>(b.size()); // two's complement: sign-extend
        push(m_build.integer(b.empty() ? 0 : static_cast<std::int64_t>(v << unused) >> unused));
    }
    void signedLength(const char* what) {
        const auto length = static_cast<std::int32_t>(readLittleEndian(4));
        if (length < 0) m_build.fail("pickle declares a negative " + std::string(what) + " length" + m_build.at());
        push(m_build.text(PickleKind::Bytes, takeDeclared(static_cast<std::uint64_t>(length), what)));
    }

    void setItems(PickleValue* dict, const std::vector<PickleValue*>& items) {
        if (items.size() % 2 != 0) m_build.fail("pickle's SETITEMS" + m_build.at() + " has a key without a value");
        for (std::size_t i = 0; i < items.size(); i += 2)
            m_build.setItem(dict, items[i], items[i + 1]);
    }

    void stop() {
        PickleValue* root = pop();
        if (remaining() > 0)
            m_build.fail("pickle has " + std::to_string(remaining()) + " unexpected bytes after its STOP opcode" +
                         m_build.at());
        m_build.finish(root, m_protocol);
    }

    void step();

    std::span<const std::uint8_t> m_bytes;
    PickleBuilder m_build;
    std::size_t m_pos = 0;
    std::uint8_t m_op = 0;
    int m_protocol = 0;
    std::size_t m_pushes = 0;
    std::vector<PickleValue*> m_stack;
    std::vector<std::vector<PickleValue*>> m_marks;
    std::unordered_map<std::uint64_t, PickleValue*> m_memo;
};

void PickleReader::step() {
    switch (m_op) {
    case kProto:
        m_protocol = static_cast<int>(readLittleEndian(1));
        if (m_protocol > kHighestProtocol)
            m_build.fail("pickle protocol " + std::to_string(m_protocol) + m_build.at() +
                         " is newer than NormLab reads (up to 5)");
        return;
    case kFrame: // a hint for buffered readers; the whole file is in memory already
        if (const std::uint64_t length = readLittleEndian(8); length > remaining())
            m_build.fail("pickle declares a " + std::to_string(length) + "-byte frame" + m_build.at() +
                         ", but the file has only " + std::to_string(remaining()) + " bytes left");
        return;
    case kMark:
        return mark();
    case kPop:
        pop();
        return;
    case kPopMark:
        popMark();
        return;
    case kDup:
        return push(top());
    case kNone:
        return push(m_build.none());
    case kNewTrue:
        return push(m_build.boolean(true));
    case kNewFalse:
        return push(m_build.boolean(false));
    case kBinInt1:
        return push(m_build.integer(static_cast<std::int64_t>(readLittleEndian(1))));
    case kBinInt2:
        return push(m_build.integer(static_cast<std::int64_t>(readLittleEndian(2))));
    case kBinInt:
        return push(m_build.integer(static_cast<std::int32_t>(readLittleEndian(4))));
    case kLong1:
        return integerOfBytes(readLittleEndian(1));
    case kLong4: {
        const auto length = static_cast<std::int32_t>(readLittleEndian(4));
        if (length < 0) m_build.fail("pickle declares a negative integer length" + m_build.at());
        return integerOfBytes(static_cast<std::uint64_t>(length));
    }
    case kBinFloat: { // big-endian IEEE 754
        const auto b = take(8);
        std::uint64_t bits = 0;
        for (auto byte : b)
            bits = bits << 8 | byte;
        return push(m_build.real(std::bit_cast<double>(bits)));
    }
    // Python 2's str is read as bytes, as pickle.load(encoding='bytes') does.
    case kShortBinString:
        return push(m_build.text(PickleKind::Bytes, takeDeclared(readLittleEndian(1), "string")));
    case kBinString:
        return signedLength("string");
    case kShortBinUnicode:
        return push(m_build.text(PickleKind::Str, takeDeclared(readLittleEndian(1), "string")));
    case kBinUnicode:
        return push(m_build.text(PickleKind::Str, takeDeclared(readLittleEndian(4), "string")));
    case kBinUnicode8:
        return push(m_build.text(PickleKind::Str, takeDeclared(readLittleEndian(8), "string")));
    case kShortBinBytes:
        return push(m_build.text(PickleKind::Bytes, takeDeclared(readLittleEndian(1), "bytes object")));
    case kBinBytes:
        return push(m_build.text(PickleKind::Bytes, takeDeclared(readLittleEndian(4), "bytes object")));
    case kBinBytes8:
    case kByteArray8:
        return push(m_build.text(PickleKind::Bytes, takeDeclared(readLittleEndian(8), "bytes object")));
    case kEmptyList:
        return push(m_build.container(PickleKind::List));
    case kEmptyDict:
        return push(m_build.container(PickleKind::Dict));
    case kEmptyTuple:
        return push(m_build.container(PickleKind::Tuple));
    case kTuple:
        return push(m_build.tuple(popMark()));
    case kTuple1:
        return push(m_build.tuple(popN(1)));
    case kTuple2:
        return push(m_build.tuple(popN(2)));
    case kTuple3:
        return push(m_build.tuple(popN(3)));
    case kList: {
        auto items = popMark();
        PickleValue* list = m_build.container(PickleKind::List);
        for (auto* item : items)
            m_build.append(list, item);
        return push(list);
    }
    case kDict: {
        auto items = popMark();
        PickleValue* dict = m_build.container(PickleKind::Dict);
        setItems(dict, items);
        return push(dict);
    }
    case kAppend: {
        PickleValue* item = pop();
        return m_build.append(top(), item);
    }
    case kAppends: {
        auto items = popMark();
        PickleValue* list = top();
        for (auto* item : items)
            m_build.append(list, item);
        return;
    }
    case kSetItem: {
        PickleValue* value = pop();
        PickleValue* key = pop();
        return m_build.setItem(top(), key, value);
    }
    case kSetItems: {
        auto items = popMark();
        return setItems(top(), items);
    }
    case kGlobal: {
        const auto module = takeLine();
        const auto name = takeLine();
        return push(m_build.global(module, name));
    }
    case kStackGlobal: {
        PickleValue* name = pop();
        PickleValue* module = pop();
        if (name->kind() != PickleKind::Str || module->kind() != PickleKind::Str)
            m_build.fail("pickle's STACK_GLOBAL" + m_build.at() + " names a global with something other than str");
        return push(m_build.global(module->text(), name->text()));
    }
    case kReduce: {
        PickleValue* args = pop();
        PickleValue* callable = pop();
        return push(m_build.reduce(callable, args));
    }
    case kBuild: {
        PickleValue* state = pop();
        return m_build.build(top(), state);
    }
    case kBinPut:
        return put(readLittleEndian(1));
    case kLongBinPut:
        return put(readLittleEndian(4));
    case kMemoize:
        return put(m_memo.size());
    case kBinGet:
        return get(readLittleEndian(1));
    case kLongBinGet:
        return get(readLittleEndian(4));
    default:
        m_build.fail("unknown pickle opcode " + opcodeText(m_op) + m_build.at() +
                     " (NormLab reads the binary opcodes of NumPy data-set pickles)");
    }
}

} // namespace

Pickle parsePickle(std::span<const std::uint8_t> bytes, const std::string& nameForErrors) {
    Pickle pickle;
    PickleReader(bytes, nameForErrors, pickle).run();
    return pickle;
}

} // namespace normlab
