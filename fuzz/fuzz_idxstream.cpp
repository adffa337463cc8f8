// libFuzzer target: the streamed IDX reader (idxsplitstream.h) against the whole one
// (loadIdxSplit) on arbitrary image and label files, plain or gzip. Both must refuse with
// normlab::Error or give the same images and labels, whatever the chunk size: the stream checks
// a .gz file's end only when it reaches it, and must not accept what the whole reader refuses.
// Input: two bytes (little-endian) giving the labels file's length, the labels file, the images.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/data/formats/idx/idxsplitloader.h"
#include "core/data/formats/idx/idxsplitstream.h"

namespace {

// A file in memory with a path (memfd), rewritten for each input.
struct MemoryFile {
    int fd = memfd_create("fuzz", 0);
    std::string path = "/proc/self/fd/" + std::to_string(fd);
    void write(const std::uint8_t* data, std::size_t size) const {
        if (ftruncate(fd, 0) != 0 || (size && pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))) std::abort();
    }
};

struct Split {
    std::vector<std::uint8_t> pixels, labels;
    bool operator==(const Split&) const = default;
};

// The outcome of one reader: its images and labels, or nothing and why.
std::string g_why;

std::optional<Split> whole(const std::string& images, const std::string& labels) {
    try {
        const normlab::ImageSet set = normlab::loadIdxSplit(images, labels, {});
        return Split{set.pixels, set.labels};
    } catch (const normlab::Error& e) {
        g_why = e.what();
        return std::nullopt;
    }
}

std::optional<Split> streamed(const std::string& images, const std::string& labels, std::size_t perChunk) {
    try {
        normlab::IdxSplitStream stream(images, labels, {}, false);
        Split split;
        for (auto chunk = stream.next(perChunk); chunk.count; chunk = stream.next(perChunk)) {
            split.pixels.insert(split.pixels.end(), chunk.pixels.begin(), chunk.pixels.end());
            split.labels.insert(split.labels.end(), chunk.labels.begin(), chunk.labels.end());
        }
        stream.finish();
        return split;
    } catch (const normlab::Error& e) {
        g_why = e.what();
        return std::nullopt;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const MemoryFile images, labels;
    if (size < 2) return 0;
    const std::size_t labelBytes = std::min<std::size_t>(data[0] | data[1] << 8, size - 2);
    labels.write(data + 2, labelBytes);
    images.write(data + 2 + labelBytes, size - 2 - labelBytes);
    const auto expected = whole(images.path, labels.path);
    const std::string wholeWhy = g_why;
    for (std::size_t perChunk : {1, 3, 64})
        if (streamed(images.path, labels.path, perChunk) != expected) { // the readers disagree
            std::fprintf(stderr, "whole: %s\nstreamed (%zu a chunk): %s\n",
                         expected ? "read" : wholeWhy.c_str(), perChunk, expected ? g_why.c_str() : "read");
            std::abort();
        }
    return 0;
}
