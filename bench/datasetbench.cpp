// Benchmark helper (not a test), run by bench/datasets_processes.py as whole processes:
//   normlab-datasetbench write-cifar DIR   full-size CIFAR-10 pickles (50,000 + 10,000 images of
//                                          random pixels) laid out as Python 2's cPickle wrote them,
//                                          in DIR/cifar-10-batches-py
//   normlab-datasetbench decode FOLDER     decode every image of an image folder's train split on all
//                                          cores and nothing else: the floor `stats` is compared with
//   normlab-datasetbench cifar-steps DIR [REPEATS]
//                                          the steps of `stats` on DIR's CIFAR-10 train split in one
//                                          process (median ms): load, byte counts, complete bundle,
//                                          against one plain pass over the pixels
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <numeric>
#include <vector>

#include "bench/benchtimer.h"
#include "core/common/parallel.h"
#include "core/data/formats/cifar/cifarreader.h"
#include "core/data/formats/codecs/imagedecoder.h"
#include "core/data/formats/imagefolder/imagefolder.h"
#include "core/stats/statsengine.h"
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

// CPU time of the whole process (all threads), in ms: on a shared virtual machine it varies far
// less than wall time, which also counts the time other guests hold the cores.
double processCpuMs() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

struct StepTime {
    double wallMs; // median
    double cpuMs;  // least: the run other guests disturbed least
};

StepTime timeStep(int repeats, const std::function<void()>& body) {
    std::vector<double> cpu;
    const double wall = bench::medianMs(repeats, [&] {
        const double before = processCpuMs();
        body();
        cpu.push_back(processCpuMs() - before);
    });
    return {wall, *std::min_element(cpu.begin(), cpu.end())};
}

// Where the time of `stats --dataset cifar10` goes, step by step, in one process.
int cifarSteps(const std::filesystem::path& root, int repeats) {
    ImageSet set;
    const StepTime load = timeStep(repeats, [&] { set = readCifarPython(root, "train"); });
    volatile std::uint64_t sink = 0;
    const StepTime plain =
        timeStep(repeats, [&] { sink = std::accumulate(set.pixels.begin(), set.pixels.end(), std::uint64_t{0}); });
    const StepTime count = timeStep(repeats, [&] { countBytes(set); });
    const StepTime stats = timeStep(repeats, [&] { computeStats(set); });
    std::printf(
        "CIFAR-10 train split: %zu images (%.1f MB), %u workers, median wall time and least CPU time of %d runs\n\n",
        set.count, set.pixels.size() / 1e6, workerCount(), repeats);
    std::printf("| step | wall ms | CPU ms | x plain pass (CPU) |\n|---|---:|---:|---:|\n");
    auto row = [&](const char* name, StepTime t) {
        std::printf("| %s | %.1f | %.1f | %.2f |\n", name, t.wallMs, t.cpuMs, t.cpuMs / plain.cpuMs);
    };
    row("plain pass: sum all bytes, 1 thread", plain);
    row("load the pickles (map + parse + copy + SHA-256)", load);
    row("byte counts only (normalization parameters)", count);
    row("complete stats bundle", stats);
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
        if ((argc == 3 || argc == 4) && std::strcmp(argv[1], "cifar-steps") == 0)
            return cifarSteps(argv[2], argc == 4 ? std::atoi(argv[3]) : 7);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "normlab-datasetbench: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "usage: normlab-datasetbench write-cifar DIR | decode FOLDER | cifar-steps DIR [REPEATS]\n");
    return 2;
}
