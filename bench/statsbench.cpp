// Benchmark (not a test): load and stats times for a 60,000-image split against, in the same run,
// one plain pass that only sums the bytes (the memory floor). Prints a Markdown table.
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <thread>

#include "bench/benchtimer.h"
#include "core/data/formats/idx/idxarray.h"
#include "core/data/formats/idx/idxsplitloader.h"
#include "core/data/synthetic/syntheticdigits.h"
#include "core/stats/statsengine.h"

using namespace normlab;

int main(int argc, char** argv) {
    const int repeats = argc > 1 ? std::atoi(argv[1]) : 15;
    const auto dir = std::filesystem::temp_directory_path() / "normlab-statsbench";
    std::filesystem::create_directories(dir);

    double generateMs = 0;
    ImageSet set;
    generateMs = bench::medianMs(3, [&] { set = generateSyntheticDigits("train", kSyntheticTrainCount); });
    const IdxArray images{{static_cast<std::uint32_t>(set.count), 28, 28}, set.pixels};
    const IdxArray labels{{static_cast<std::uint32_t>(set.count)}, set.labels};
    writeIdx(dir / "train-images-idx3-ubyte", images);
    writeIdx(dir / "train-labels-idx1-ubyte", labels);
    writeIdx(dir / "train-images-idx3-ubyte.gz", images);
    writeIdx(dir / "train-labels-idx1-ubyte.gz", labels);

    const double loadPlainMs = bench::medianMs(
        repeats, [&] { loadIdxSplit(dir / "train-images-idx3-ubyte", dir / "train-labels-idx1-ubyte", {}); });
    const double loadGzMs = bench::medianMs(
        repeats, [&] { loadIdxSplit(dir / "train-images-idx3-ubyte.gz", dir / "train-labels-idx1-ubyte.gz", {}); });
    volatile std::uint64_t sink = 0;
    const double plainPassMs = bench::medianMs(
        repeats, [&] { sink = std::accumulate(set.pixels.begin(), set.pixels.end(), std::uint64_t{0}); });
    const double countBytesMs = bench::medianMs(repeats, [&] { countBytes(set); });
    const double statsMs = bench::medianMs(repeats, [&] { computeStats(set); });
    std::filesystem::remove_all(dir);

    std::printf("NormLab stats benchmark: %zu images of 28x28 (%.1f MB), %u hardware threads, median of %d runs\n\n",
                set.count, set.pixels.size() / 1e6, std::thread::hardware_concurrency(), repeats);
    std::printf("| step | ms | x plain pass |\n|---|---:|---:|\n");
    auto row = [&](const char* name, double ms) { std::printf("| %s | %.1f | %.2f |\n", name, ms, ms / plainPassMs); };
    row("plain pass: sum all bytes, 1 thread (memory floor)", plainPassMs);
    row("generate synthetic digits (60,000)", generateMs);
    row("load plain IDX (read + validate + SHA-256)", loadPlainMs);
    row("load .gz IDX (read + gunzip + validate + SHA-256)", loadGzMs);
    row("byte counts only (normalization parameters)", countBytesMs);
    row("complete stats bundle (all methods, classes, maps)", statsMs);
    return 0;
}
