#pragma once

#include <cstddef>
#include <cstdint>

// Every limit NormLab puts on what outside data may make it allocate or do, in one place: each
// exists because a file can declare a size it does not have (a forged header, a decompression
// bomb) and the readers refuse it with a one-line error naming the file and the limit before any
// allocation of that size. docs/reliability.md lists them with the tests that hit them.
namespace normlab {

// DEFLATE cannot expand data more than about 1032:1: a gzip trailer, a .npz entry or an IDX header
// inside a .gz file that declares more than 1032 x the compressed size is forged.
inline constexpr std::uint64_t kMaxDeflateRatio = 1032;

// Pillow refuses images above twice its MAX_IMAGE_PIXELS (a DecompressionBombError); so does
// NormLab's image decoder, for every format.
inline constexpr std::uint64_t kMaxImagePixels = 178'956'970;

// Sides of the images of array formats (IDX, .npy, .npz): larger ones are not the small-image data
// sets these formats hold, and a typo'd shape is caught here rather than as a huge allocation.
inline constexpr std::uint64_t kMaxArrayImageSide = 4096;

// A gzip file read whole (labels, small IDX files, a CIFAR .tar.gz's members): 2 GB inflated, 40x
// MNIST's largest file. Larger data streams (core/data/contentreader.h) and meets no such limit.
inline constexpr std::uint64_t kMaxInflatedFileBytes = std::uint64_t{2} << 30;

// Pickles (CIFAR's python batches): Python's cPickle nests a few MARKs deep and memoizes a few
// values for a data set; a hostile file could nest or memoize without end.
inline constexpr std::size_t kMaxPickleMarkDepth = 1000;
inline constexpr std::size_t kMaxPickleMemoEntries = std::size_t{1} << 20;
// Every push counts, memo references included: list items and stack entries stay bounded too.
inline constexpr std::size_t kMaxPicklePushes = std::size_t{1} << 22;
// Values built: a CIFAR-100 train pickle builds about 150,000 (labels and file names).
inline constexpr std::size_t kMaxPickleValues = std::size_t{1} << 20;

// A .npy header's dict: NumPy itself refuses longer ones (numpy.lib.format, max_header_size).
inline constexpr std::size_t kMaxNpyHeaderBytes = 10000;

// One PNG chunk (libspng's limit, set per image): a forged length cannot make it allocate more.
inline constexpr std::size_t kMaxPngChunkBytes = std::size_t{64} << 20;

// A class name read from a data set's files (CIFAR's names files and meta pickles, `merge`'s part
// files): a name is a word or a few, shown in a combo box and a table header; a "name" of megabytes
// is a damaged file.
inline constexpr std::size_t kMaxNameBytes = 1024;

} // namespace normlab
