#include "core/train/engine/torchruntime.h"

#include <thread>

#include <dlfcn.h>
#include <malloc.h>

#include <torch/torch.h>
#include <torch/version.h>

#include "core/common/error.h"

namespace normlab {

namespace {

// glibc hands large blocks (> 128 KiB by default, adapting upwards) back to the kernel on free,
// so every batch's activations and im2col buffers were mmapped, page-faulted and unmapped again:
// a quarter of CPU training time went to the kernel. Keeping them in the heap removes that.
constexpr int kMmapThreshold = 32 << 20; // glibc refuses more than HEAP_MAX_SIZE / 2 (32 MiB)
constexpr int kTrimThreshold = 1 << 30;
constexpr int kTopPad = 256 << 20;

void keepLargeBuffersInTheHeap() {
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
    mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
    mallopt(M_TOP_PAD, kTopPad);
#endif
}

// LibTorch already spreads work over its own OpenMP threads and calls BLAS from inside them.
// A multi-threaded OpenBLAS (Debian's libopenblas0-pthread) then starts a second pool on the same
// cores, and the two spin and yield against each other: on 2 cores that doubled the CPU epoch
// time. Found at run time, so any BLAS works and none is linked.
void singleThreadedBlas() {
    using SetThreads = void (*)(int);
    if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) set(1);
}

} // namespace

void configureTorchThreads(int intraOpThreads) {
    keepLargeBuffersInTheHeap();
    singleThreadedBlas();
    const int n =
        intraOpThreads > 0 ? intraOpThreads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    torch::set_num_threads(n);
    try {
        torch::set_num_interop_threads(1);
    } catch (const c10::Error&) {
        // Already fixed by earlier tensor work; harmless, the intra-op setting still applies.
    }
}

bool cudaAvailable() {
    return torch::cuda::is_available();
}

std::vector<std::string> availableDevices() {
    std::vector<std::string> devices{"cpu"};
    if (cudaAvailable())
        for (std::size_t i = 0; i < torch::cuda::device_count(); ++i)
            devices.push_back("cuda:" + std::to_string(i));
    return devices;
}

std::string resolveDevice(const std::string& requested) {
    if (requested == "cpu") return "cpu";
    if (requested == "auto") return cudaAvailable() ? "cuda:0" : "cpu";
    if (requested.rfind("cuda", 0) == 0) {
        if (!cudaAvailable()) throw Error("device " + requested + " requested, but " + torchDescription());
        const std::string name = requested == "cuda" ? "cuda:0" : requested;
        const int index = std::stoi(name.substr(5));
        if (index >= static_cast<int>(torch::cuda::device_count()))
            throw Error("device " + name + " requested, but only " + std::to_string(torch::cuda::device_count()) +
                        " CUDA device(s) are visible");
        return name;
    }
    throw Error("unknown device '" + requested + "' (expected auto, cpu, cuda or cuda:N)");
}

std::string torchDescription() {
    std::string text = std::string("LibTorch ") + TORCH_VERSION;
    if (cudaAvailable())
        text += " (CUDA, " + std::to_string(torch::cuda::device_count()) + " device(s))";
    else
        text += " (CPU only: this LibTorch was built without CUDA or no GPU is visible)";
    return text;
}

} // namespace normlab
