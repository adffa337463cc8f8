// The training engine module: core/train/engine/trainengine.h implemented with LibTorch. Built as
// libnormlab-engine.so with hidden visibility; only the two entry points below are exported.
#include <mutex>

#include "core/train/engine/comparisonrunner.h"
#include "core/train/engine/torchruntime.h"
#include "core/train/engine/trainengine.h"
#include "core/train/engine/trainer.h"

namespace normlab {
namespace {

class TorchEngine final : public TrainEngine {
public:
    std::string description() const override { return torchDescription(); }
    bool cudaAvailable() const override { return normlab::cudaAvailable(); }
    std::vector<std::string> availableDevices() const override { return normlab::availableDevices(); }
    std::string resolveDevice(const std::string& requested) const override { return normlab::resolveDevice(requested); }
    std::vector<RunResult> runComparison(const std::vector<TrainConfig>& configs, const TrainingData& data,
                                         const ComparisonControl& control,
                                         const ComparisonCallbacks& callbacks) const override {
        return normlab::runComparison(configs, data, control, callbacks);
    }
    std::vector<std::vector<float>> normalizedSample(const TrainConfig& config, const TrainingData& data,
                                                     int count) const override {
        return normlab::normalizedSample(config, data, count);
    }
};

} // namespace
} // namespace normlab

#define NORMLAB_ENGINE_EXPORT extern "C" __attribute__((visibility("default")))

NORMLAB_ENGINE_EXPORT const char* normlab_engine_version(int* abi) {
    *abi = normlab::kTrainEngineAbi;
    return NORMLAB_VERSION;
}

NORMLAB_ENGINE_EXPORT const normlab::TrainEngine* normlab_engine_open(int threads) {
    static normlab::TorchEngine engine;
    static std::once_flag configured;
    // LibTorch fixes its inter-op pool at the first tensor operation: configure before anything.
    std::call_once(configured, [threads] { normlab::configureTorchThreads(threads); });
    return &engine;
}
