#pragma once

#include <string>
#include <vector>

namespace normlab {

// Sets LibTorch's intra-op thread count (0: all cores) and a single inter-op thread, and keeps
// large buffers in the malloc heap. Call once at program start, before any tensor work: LibTorch
// refuses to change inter-op threads later.
void configureTorchThreads(int intraOpThreads = 0);

bool cudaAvailable();
// "cpu" plus "cuda:0" … for each CUDA device LibTorch sees.
std::vector<std::string> availableDevices();
// Turns auto / cpu / cuda / cuda:N into a concrete device name. Throws Error, saying why, when the
// device is not available (e.g. this LibTorch is CPU-only).
std::string resolveDevice(const std::string& requested);
// e.g. "LibTorch 1.13.1 (CPU only)" or "LibTorch 2.4.0 (CUDA, 1 device)".
std::string torchDescription();

} // namespace normlab
