// Benchmark helper (not a test), run by bench/datasets_processes.py as whole processes:
//   normlab-datasetbench write-cifar DIR   full-size CIFAR-10 pickles (50,000 + 10,000 images of
//                                          random pixels) laid out as Python 2's cPickle wrote them,
//                                          in DIR/cifar-10-batches-py
//   normlab-datasetbench decode FOLDER     decode every image of an image folder's train split on all
//                                          cores and nothing else: the floor `stats` is compared with
#include <atomic>
#include <cstdio>
#include <cstring>
#include <exception>

#include "core/common/parallel.h"
#include "core/data/imagedecoder.h"
#include "core/data/imagefolder.h"
#include "tests/support/cifarfiles.h"

using namespace normlab;

namespace {

int decodeAll(const std::filesystem::path& folder) {
    const ImageFolderSplit listing = listImageFolder(folder, "train");
    std::atomic<std::size_t> next{0};
    std::atomic<std::uint64_t> bytes{0};
    parallelRanges(workerCount(), workerCount(), [&](unsigned, std::size_t, std::size_t) {
        for (std::size_t i = next++; i < listing.files.size(); i = next++)
            bytes += decodeImageFile(listing.files[i].path).planar.size();
    });
    std::printf("decoded %zu images, %.1f MB of pixels\n", listing.files.size(), bytes / 1e6);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        if (argc == 3 && std::strcmp(argv[1], "write-cifar") == 0) {
            test::writeCifarPython(std::filesystem::path(argv[2]) / "cifar-10-batches-py",
                                   test::randomCifar(10, 10000, 1));
            return 0;
        }
        if (argc == 3 && std::strcmp(argv[1], "decode") == 0) return decodeAll(argv[2]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "normlab-datasetbench: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: normlab-datasetbench write-cifar DIR | decode FOLDER\n");
    return 2;
}
