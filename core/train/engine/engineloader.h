#pragma once

#include <string>

#include "core/train/engine/trainengine.h"

namespace normlab {

// The training engine, loaded on first use (thread-safe: concurrent first calls load it once).
// Looks in this order and takes the first module that loads:
//   1. $NORMLAB_ENGINE, when set (and then nothing else);
//   2. beside the installed program: <bin>/../<libdir>/normlab/libnormlab-engine-cuda.so, then
//      libnormlab-engine.so — a CUDA build that cannot load (no driver) falls back to the CPU one;
//   3. for a program run from its build tree, that tree's module.
// Throws Error naming every module tried and why it did not load, and saying that statistics,
// export and download work without it. A failed load is tried again on the next call.
const TrainEngine& trainEngine();

// True once trainEngine() has succeeded. Never loads anything.
bool trainEngineLoaded();

// LibTorch's intra-op threads when the engine loads (0, the default: all cores). Call before the
// first trainEngine(); later calls have no effect, as LibTorch fixes its pools at first use.
void setTrainEngineThreads(int threads);

// Where the engine came from, e.g. "/usr/lib/x86_64-linux-gnu/normlab/libnormlab-engine.so";
// empty until loaded.
std::string trainEnginePath();

// Why modules found before the loaded one did not load (e.g. a CUDA engine without a driver, so the
// CPU engine runs); empty when the first one found loaded.
std::string trainEngineSkipped();

} // namespace normlab
