// The pickle reader on pickles Python really wrote (copied here as bytes, so no Python is needed),
// on Python 2 cPickle's CIFAR opcodes, and on every kind of malformed or hostile input.
#include <QtTest>

#include "core/common/error.h"
#include "core/common/resourcelimits.h"
#include "core/data/formats/pickle/picklereader.h"
#include "tests/support/cifarfiles.h"

using namespace normlab;

namespace {

const std::string kName = "test.pkl";

template <std::size_t N> std::string bytesOf(const char (&literal)[N]) {
    return std::string(literal, N - 1);
}

std::span<const std::uint8_t> spanOf(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string textOf(const std::span<const std::uint8_t> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// Python 3.11, numpy 1.24: pickle.dumps({'data': np.arange(6, dtype=np.uint8).reshape(2, 3) + 250,
// 'labels': [1, 2], b'k': b'', 'x': b'ab\xff'}, protocol=2), then protocol=4.
const std::string kPython3Protocol2 = bytesOf(
    "\x80\x02}q\x00(X\x04\x00\x00\x00"
    "dataq\x01"
    "cnumpy.core.multiarray\x0a_reconstruct\x0aq\x02"
    "cnumpy\x0andarray\x0aq\x03K\x00\x85q\x04"
    "c_codecs\x0a"
    "encode\x0aq\x05X\x01\x00\x00\x00"
    "bq\x06X\x06\x00\x00\x00latin1q\x07\x86q\x08Rq\x09\x87q\x0aRq\x0b(K\x01K\x02K\x03\x86q\x0c"
    "cnumpy\x0a"
    "dtype\x0aq\x0dX\x02\x00\x00\x00u1q\x0e\x89\x88\x87q\x0fRq\x10(K\x03X\x01\x00\x00\x00|q\x11NNNJ\xff\xff\xff\xffJ"
    "\xff\xff\xff\xffK\x00tq\x12"
    "b\x89h\x05X\x0c\x00\x00\x00\xc3\xba\xc3\xbb\xc3\xbc\xc3\xbd\xc3\xbe\xc3\xbfq\x13h\x07\x86q\x14Rq\x15tq\x16"
    "bX\x06\x00\x00\x00labelsq\x17]q\x18(K\x01K\x02"
    "eh\x05X\x01\x00\x00\x00kq\x19h\x07\x86q\x1aRq\x1b"
    "c__builtin__\x0a"
    "bytes\x0aq\x1c)Rq\x1dX\x01\x00\x00\x00xq\x1eh\x05X\x04\x00\x00\x00"
    "ab\xc3\xbfq\x1fh\x07\x86q Rq!u.");
const std::string kPython3Protocol4 = bytesOf(
    "\x80\x04\x95\xbd\x00\x00\x00\x00\x00\x00\x00}\x94(\x8c\x04"
    "data\x94\x8c\x15numpy.core.multiarray\x94\x8c\x0c_reconstruct\x94\x93\x94\x8c\x05numpy\x94\x8c\x07ndarray\x94"
    "\x93\x94K\x00\x85\x94"
    "C\x01"
    "b\x94\x87\x94R\x94(K\x01K\x02K\x03\x86\x94h\x05\x8c\x05"
    "dtype\x94\x93\x94\x8c\x02u1\x94\x89\x88\x87\x94R\x94(K\x03\x8c\x01|\x94NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK"
    "\x00t\x94"
    "b\x89"
    "C\x06\xfa\xfb\xfc\xfd\xfe\xff\x94t\x94"
    "b\x8c\x06labels\x94]\x94(K\x01K\x02"
    "eC\x01k\x94"
    "C\x00\x94\x8c\x01x\x94"
    "C\x03"
    "ab\xff\x94u.");
// pickle.dumps([np.int64(-5), np.uint8(200), np.float32(1.5), np.bool_(True)], protocol=2)
const std::string kNumpyScalars = bytesOf(
    "\x80\x02]q\x00(cnumpy.core.multiarray\x0ascalar\x0aq\x01"
    "cnumpy\x0a"
    "dtype\x0aq\x02X\x02\x00\x00\x00i8q\x03\x89\x88\x87q\x04Rq\x05(K\x03X\x01\x00\x00\x00<q\x06NNNJ\xff\xff\xff\xffJ"
    "\xff\xff\xff\xffK\x00tq\x07"
    "bc_codecs\x0a"
    "encode\x0aq\x08X\x10\x00\x00\x00\xc3\xbb\xc3\xbf\xc3\xbf\xc3\xbf\xc3\xbf\xc3\xbf\xc3\xbf\xc3\xbfq\x09X\x06\x00"
    "\x00\x00latin1q\x0a\x86q\x0bRq\x0c\x86q\x0dRq\x0eh\x01h\x02X\x02\x00\x00\x00u1q\x0f\x89\x88\x87q\x10Rq\x11(K"
    "\x03X\x01\x00\x00\x00|q\x12NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tq\x13"
    "bh\x08X\x02\x00\x00\x00\xc3\x88q\x14h\x0a\x86q\x15Rq\x16\x86q\x17Rq\x18h\x01h\x02X\x02\x00\x00\x00"
    "f4q\x19\x89\x88\x87q\x1aRq\x1b(K\x03h\x06NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tq\x1c"
    "bh\x08X\x05\x00\x00\x00\x00\x00\xc3\x80\x3fq\x1dh\x0a\x86q\x1eRq\x1f\x86q Rq!h\x01h\x02X\x02\x00\x00\x00"
    "b1q\x22\x89\x88\x87q#Rq$(K\x03h\x12NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tq%bh\x08X\x01\x00\x00\x00\x01q&h"
    "\x0a\x86q'Rq(\x86q)Rq*e.");
// pickle.dumps(np.array([3, -1], dtype='>i4'), protocol=4)
const std::string kBigEndianArray = bytesOf(
    "\x80\x04\x95\x90\x00\x00\x00\x00\x00\x00\x00\x8c\x15numpy.core.multiarray\x94\x8c\x0c_reconstruct\x94\x93\x94"
    "\x8c\x05numpy\x94\x8c\x07ndarray\x94\x93\x94K\x00\x85\x94"
    "C\x01"
    "b\x94\x87\x94R\x94(K\x01K\x02\x85\x94h\x03\x8c\x05"
    "dtype\x94\x93\x94\x8c\x02i4\x94\x89\x88\x87\x94R\x94(K\x03\x8c\x01>\x94NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK"
    "\x00t\x94"
    "b\x89"
    "C\x08\x00\x00\x00\x03\xff\xff\xff\xff\x94t\x94"
    "b.");

} // namespace

class TestPickleReader : public QObject {
    Q_OBJECT

    // Asserts that parsing fails with a one-line message naming the file and containing problem.
    void expectError(const std::string& bytes, const std::string& problem) {
        try {
            parsePickle(spanOf(bytes), kName);
            QFAIL(("no error; expected: " + problem).c_str());
        } catch (const Error& e) {
            const std::string message = e.what();
            QVERIFY2(message.rfind(kName + ": ", 0) == 0, e.what());
            QVERIFY2(message.find(problem) != std::string::npos, e.what());
            QVERIFY2(message.find('\n') == std::string::npos, e.what());
        }
    }

    void checkSmallDict(const Pickle& p, int protocol) {
        QCOMPARE(p.protocol(), protocol);
        const PickleValue& root = p.root();
        QCOMPARE(root.kind(), PickleKind::Dict);
        QCOMPARE(root.entries().size(), std::size_t{4});
        const PickleArray* data = root.find("data")->array();
        QVERIFY(data);
        QCOMPARE(data->descr, std::string("|u1"));
        QCOMPARE(data->shape, (std::vector<std::int64_t>{2, 3}));
        QVERIFY(!data->fortranOrder);
        QCOMPARE(textOf(data->data), std::string("\xfa\xfb\xfc\xfd\xfe\xff"));
        const PickleValue* labels = root.find("labels");
        QCOMPARE(labels->kind(), PickleKind::List);
        QCOMPARE(labels->items().size(), std::size_t{2});
        QCOMPARE(labels->items()[1]->integer(), std::int64_t{2});
        QCOMPARE(root.find("k")->kind(), PickleKind::Bytes); // b'' (protocol 2: bytes())
        QCOMPARE(root.find("k")->text(), std::string_view());
        QCOMPARE(root.find("x")->text(), std::string_view("ab\xff"));
        QCOMPARE(root.entries()[2].first->kind(), PickleKind::Bytes); // the key b'k'
        QCOMPARE(root.entries()[0].first->kind(), PickleKind::Str);
    }

private Q_SLOTS:
    void python3Protocol2() { checkSmallDict(parsePickle(spanOf(kPython3Protocol2), kName), 2); }
    void python3Protocol4() {
        const Pickle p = parsePickle(spanOf(kPython3Protocol4), kName);
        checkSmallDict(p, 4);
        // Zero copy: the array's bytes are the file's own.
        const auto data = p.root().find("data")->array()->data;
        QVERIFY(data.data() >= spanOf(kPython3Protocol4).data());
        QVERIFY(data.data() < spanOf(kPython3Protocol4).data() + kPython3Protocol4.size());
    }
    void numpyScalars() {
        const Pickle p = parsePickle(spanOf(kNumpyScalars), kName);
        const auto& items = p.root().items();
        QCOMPARE(items.size(), std::size_t{4});
        QCOMPARE(items[0]->kind(), PickleKind::Int);
        QCOMPARE(items[0]->integer(), std::int64_t{-5});
        QCOMPARE(items[1]->integer(), std::int64_t{200});
        QCOMPARE(items[2]->kind(), PickleKind::Float);
        QCOMPARE(items[2]->real(), 1.5);
        QCOMPARE(items[3]->kind(), PickleKind::Bool);
        QCOMPARE(items[3]->integer(), std::int64_t{1});
    }
    void bigEndianArrayKeepsItsByteOrder() {
        const Pickle p = parsePickle(spanOf(kBigEndianArray), kName);
        const PickleArray* a = p.root().array();
        QVERIFY(a);
        QCOMPARE(a->descr, std::string(">i4"));
        QCOMPARE(a->itemSize, std::size_t{4});
        QCOMPARE(a->shape, (std::vector<std::int64_t>{2}));
    }
    void python2CifarBatch() {
        const std::vector<std::uint8_t> raw(2 * 3072, 7);
        const auto bytes = test::py2BatchPickle(raw, {2, 3072}, {{"labels", {3, 9}}});
        const Pickle p = parsePickle(bytes, kName);
        QCOMPARE(p.protocol(), 2);
        const PickleValue* data = p.root().find("data");
        QVERIFY(data && data->array());
        QCOMPARE(data->array()->data.size(), raw.size());
        QVERIFY(data->array()->data.data() > bytes.data()); // a view into the file's bytes: no copy
        QVERIFY(data->array()->data.data() + raw.size() < bytes.data() + bytes.size());
        QCOMPARE(p.root().find("labels")->items()[1]->integer(), std::int64_t{9});
        QCOMPARE(p.root().find("batch_label")->text(), std::string_view("training batch 1 of 5"));
        QCOMPARE(p.root().find("filenames")->items().size(), std::size_t{2});
    }
    void integersAndFloats() {
        // [BININT -2, LONG1 -129 (2 bytes), LONG1 0 (no bytes), LONG4 2^40, BININT2 65535, BINFLOAT -0.5]
        const Pickle p = parsePickle(spanOf(bytesOf("\x80\x02](J\xfe\xff\xff\xff\x8a\x02\x7f\xff\x8a\x00"
                                                    "\x8b\x06\x00\x00\x00\x00\x00\x00\x00\x00\x01M\xff\xff"
                                                    "G\xbf\xe0\x00\x00\x00\x00\x00\x00"
                                                    "e.")),
                                     kName);
        const auto& items = p.root().items();
        QCOMPARE(items.size(), std::size_t{6});
        QCOMPARE(items[0]->integer(), std::int64_t{-2});
        QCOMPARE(items[1]->integer(), std::int64_t{-129});
        QCOMPARE(items[2]->integer(), std::int64_t{0});
        QCOMPARE(items[3]->integer(), std::int64_t{1} << 40);
        QCOMPARE(items[4]->integer(), std::int64_t{65535});
        QCOMPARE(items[5]->real(), -0.5);
    }
    void memoSharesOneValue() {
        // [x, x] where x = [] memoized once: both items are the same value.
        const Pickle p = parsePickle(spanOf(bytesOf("\x80\x02](]q\x01h\x01"
                                                    "e.")),
                                     kName);
        QCOMPARE(p.root().items().size(), std::size_t{2});
        QCOMPARE(p.root().items()[0], p.root().items()[1]);
    }
    void selfReferenceIsNoInfiniteTree() {
        // l = []; l.append(l)
        const Pickle p = parsePickle(spanOf(bytesOf("\x80\x02]q\x00h\x00"
                                                    "a.")),
                                     kName);
        QCOMPARE(p.root().items().size(), std::size_t{1});
        QCOMPARE(p.root().items()[0], &p.root());
    }

    void emptyInput() { expectError({}, "empty file"); }
    void hugeDeclaredLengthsFailBeforeAnyAllocation() {
        expectError(bytesOf("\x80\x04\x8d\x00\x00\x00\x00\x00\x01\x00\x00"
                            "abc"),
                    "pickle declares a 1099511627776-byte string at offset 2, but the file has only 3 bytes left");
        expectError(
            bytesOf("\x80\x04\x8e\xff\xff\xff\xff\xff\xff\xff\xff."),
            "pickle declares a 18446744073709551615-byte bytes object at offset 2, but the file has only 1 bytes left");
        expectError(bytesOf("\x80\x02T\xff\xff\xff\x7f."), "declares a 2147483647-byte string at offset 2");
        expectError(bytesOf("\x80\x02T\xff\xff\xff\xff."), "negative string length at offset 2");
        expectError(bytesOf("\x80\x04\x95\x00\x00\x00\x00\x00\x01\x00\x00."), "1099511627776-byte frame");
        expectError(bytesOf("\x80\x02\x8b\x00\x00\x00\x10."), "268435456-byte integer at offset 2");
    }
    void everyTruncationIsAnError() {
        const auto full = test::py2BatchPickle(std::vector<std::uint8_t>(3072, 1), {1, 3072}, {{"labels", {4}}});
        for (std::size_t n = 0; n < full.size(); ++n) {
            try {
                parsePickle(std::span(full.data(), n), kName);
                QFAIL(qPrintable(QStringLiteral("a pickle cut to %1 bytes was accepted").arg(n)));
            } catch (const Error& e) {
                const std::string message = e.what();
                QVERIFY2(message.rfind(kName + ": ", 0) == 0 && message.find('\n') == std::string::npos, e.what());
                // Cut in an opcode, in a string (its declared length exceeds what is left), or before STOP.
                const bool expected = message.find("pickle ends") != std::string::npos ||
                                      message.find("bytes left") != std::string::npos ||
                                      (n == 0 && message.find("empty file") != std::string::npos);
                QVERIFY2(expected, e.what());
            }
        }
    }
    void unknownOpcode() {
        expectError(bytesOf("\x80\x02\xff."), "unknown pickle opcode 0xff at offset 2");
        expectError(bytesOf("\x80\x02I1\n."), "unknown pickle opcode 0x49 ('I') at offset 2");
    }
    void newerProtocol() { expectError(bytesOf("\x80\x06N."), "pickle protocol 6 at offset 0 is newer"); }
    void trailingBytes() { expectError(bytesOf("\x80\x02N.xyz"), "3 unexpected bytes after its STOP opcode"); }
    void noStop() { expectError(bytesOf("\x80\x02N"), "without its STOP opcode"); }
    void stackMisuse() {
        expectError(bytesOf("\x80\x02."), "needs a value the stack does not have");
        expectError(bytesOf("\x80\x02]K\x01(a."), "needs a value the stack does not have above its MARK");
        expectError(bytesOf("\x80\x02]K\x01"
                            "e."),
                    "has no MARK before it");
        expectError(bytesOf("\x80\x02h\x05."), "memo entry 5");
        expectError(bytesOf("\x80\x02K\x01K\x02"
                            "a."),
                    "appends to a int");
        expectError(bytesOf("\x80\x02}(K\x01K\x02u."), "dict key that is a int");
        expectError(bytesOf("\x80\x02}(U\x01"
                            "au."),
                    "has a key without a value");
    }
    void onlyKnownCallables() {
        expectError(bytesOf("\x80\x02"
                            "cos\nsystem\n."),
                    "refers to os.system at offset 2");
        expectError(bytesOf("\x80\x04\x8c\x02os\x8c\x06system\x93."), "refers to os.system");
        expectError(bytesOf("\x80\x02K\x01)R."), "calls a int");
        expectError(bytesOf("\x80\x02"
                            "cnumpy\nndarray\n)R."),
                    "numpy.ndarray at offset 18, which NormLab");
    }
    void boundedNesting() {
        expectError("\x80\x02" + std::string(2000, '('), "nests more than 1000 MARKs");
        expectError("\x80\x02" + std::string(std::size_t{1} << 21, ']'), "more than 1048576 values");
        // One value memoized under ever new indexes (LONG_BINPUT), and fetched again and again
        // (BINGET): neither makes new values, both are bounded (core/common/resourcelimits.h).
        std::string memo = "\x80\x02N";
        for (std::uint32_t i = 0; i <= kMaxPickleMemoEntries; ++i) {
            memo += 'r';
            for (int b = 0; b < 4; ++b)
                memo += static_cast<char>((i >> (8 * b)) & 0xff);
        }
        expectError(memo, "stores more than 1048576 memo entries");
        std::string gets = "\x80\x02Nq";
        gets += '\0'; // BINPUT 0
        for (std::size_t i = 0; i <= kMaxPicklePushes; ++i) {
            gets += 'h'; // BINGET 0
            gets += '\0';
        }
        expectError(gets, "pushes more than 4194304 values");
    }
    void unsupportedArrays() {
        std::string objectArray = kBigEndianArray;
        objectArray.replace(objectArray.find("i4"), 2, "O8");
        expectError(objectArray, "object array");
        std::string structured = kBigEndianArray;
        structured.replace(structured.find("NNN"), 3, "NK\x01N");
        expectError(structured, "structured NumPy dtype");
        std::string shortData = kBigEndianArray;
        shortData.replace(shortData.find("K\x02\x85"), 3, "K\x03\x85");
        expectError(shortData, "array of shape (3,) and dtype >i4 at offset 153 needs 12 bytes, but its data has 8");
        std::string notLatin1 = kPython3Protocol2;
        notLatin1.replace(notLatin1.find("\xc3\xba"), 2, "\xe2\x82");
        expectError(notLatin1, "not latin1");
    }
};

QTEST_GUILESS_MAIN(TestPickleReader)
#include "tst_picklereader.moc"
