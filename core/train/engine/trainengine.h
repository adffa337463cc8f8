#pragma once

#include <string>
#include <vector>

#include "core/train/engine/comparisonrunner.h"
#include "core/train/config/trainconfig.h"
#include "core/train/config/trainingdata.h"
#include "core/train/config/trainresult.h"

namespace normlab {

// Everything in NormLab that needs LibTorch, behind one interface. It is built as a module
// (libnormlab-engine.so) that front ends load only when training is asked for
// (core/train/engine/engineloader.h): LibTorch's libraries cost ~1 s and ~160 MB to map and initialise,
// and statistics, export, download and --version never use them. It also lets a CPU and a CUDA
// build of the engine sit side by side.
//
// The interface passes C++ types, so engine and front end must come from the same build: the
// loader checks kTrainEngineAbi and the version before using a module. Bump kTrainEngineAbi when
// anything here, or a type it passes, changes.
inline constexpr int kTrainEngineAbi = 1;

class TrainEngine {
public:
    virtual ~TrainEngine() = default;

    // e.g. "LibTorch 1.13.1 (CPU only)" or "LibTorch 2.4.0 (CUDA, 1 device)".
    virtual std::string description() const = 0;
    virtual bool cudaAvailable() const = 0;
    // "cpu" plus "cuda:0" … for each CUDA device LibTorch sees.
    virtual std::vector<std::string> availableDevices() const = 0;
    // auto / cpu / cuda / cuda:N → a concrete device; throws Error saying why one is not available.
    virtual std::string resolveDevice(const std::string& requested) const = 0;

    // core/train/engine/comparisonrunner.h: one run loop, one stop policy.
    virtual std::vector<RunResult> runComparison(const std::vector<TrainConfig>& configs, const TrainingData& data,
                                                 const ComparisonControl& control,
                                                 const ComparisonCallbacks& callbacks) const = 0;
    // core/train/engine/trainer.h: training images exactly as the network receives them.
    virtual std::vector<std::vector<float>> normalizedSample(const TrainConfig& config, const TrainingData& data,
                                                             int count) const = 0;
};

} // namespace normlab

// The module's two entry points (C linkage, so dlsym finds them by these names):
//   const char* normlab_engine_version(int* abi);   // NORMLAB_VERSION, and kTrainEngineAbi
//   const normlab::TrainEngine* normlab_engine_open(int threads);  // configures LibTorch's threads
//                                                                  // (0: all cores) once
#define NORMLAB_ENGINE_VERSION_SYMBOL "normlab_engine_version"
#define NORMLAB_ENGINE_OPEN_SYMBOL "normlab_engine_open"
