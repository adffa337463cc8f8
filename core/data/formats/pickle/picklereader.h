#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/data/formats/pickle/picklevalue.h"

namespace normlab {

// Parses a Python pickle of the kind data sets ship: the binary opcodes of protocols 1 to 5 that
// Python 2's cPickle and Python 3's pickle write for dicts, lists, tuples, str, bytes, ints,
// floats, bools, None and NumPy arrays (numpy's _reconstruct with its BUILD state or _frombuffer, dtypes,
// scalars, and _codecs.encode for Python 3's bytes under protocol 2). No Python code is run and
// no other callable is accepted.
//
// Bounded: a declared length is checked against the bytes that remain before anything is read or
// allocated, and the number of values, marks and memo entries is limited. Any other input throws
// Error("NAME: problem at offset N"). The result's text and array data are views into bytes,
// which must outlive it.
Pickle parsePickle(std::span<const std::uint8_t> bytes, const std::string& nameForErrors);

} // namespace normlab
