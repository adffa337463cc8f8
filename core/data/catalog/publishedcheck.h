#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace normlab {

// One file as it was read, for comparison with the catalog's published files.
struct StoredFile {
    std::string name;               // file name, e.g. "train-images-idx3-ubyte.gz"
    std::string md5;                // of the bytes as stored
    bool gzipped = false;           // stored gzip-compressed
    std::uint64_t contentBytes = 0; // decompressed size
};

// Says what a file is compared with the catalog's published files (the MNIST family): the
// published file itself (its MD5 as torchvision lists it), the published content stored otherwise
// (recompressed by a repackager such as Debian, or decompressed — recognised by the SHA-256 of
// the decompressed bytes), or neither. contentSha256 is only called when the decompressed size
// equals a published file's, so unrelated data never pays for a second digest.
std::string describePublished(const StoredFile& file, const std::function<std::string()>& contentSha256);

// True when a file of this decompressed size could be published content the catalog recognises
// by its SHA-256: loaders compute that digest early (beside decompression) only then.
bool contentDigestMayBeNeeded(std::uint64_t contentBytes);

} // namespace normlab
