#include "core/train/engine/comparisonrunner.h"

#include "core/common/error.h"
#include "core/train/engine/trainer.h"

namespace normlab {
namespace {

RunResult notStarted(int run, const TrainConfig& config, const std::string& why) {
    RunResult r;
    r.run = run;
    r.name = methodName(config.normalization);
    r.config = config;
    r.status = RunStatus::Cancelled;
    r.message = "not started: " + why;
    return r;
}

} // namespace

std::vector<RunResult> runComparison(const std::vector<TrainConfig>& configs, const TrainingData& data,
                                     const ComparisonControl& control, const ComparisonCallbacks& callbacks) {
    std::vector<RunResult> results;
    const auto stopRunRequested = [&](int run) { return control.stopRun && control.stopRun(run); };
    for (int i = 0; i < static_cast<int>(configs.size()); ++i) {
        const TrainConfig& config = configs[static_cast<std::size_t>(i)];
        RunResult result;
        if (control.stopAll.stop_requested()) {
            result = notStarted(i, config, "the comparison was stopped");
        } else if (stopRunRequested(i)) {
            result = notStarted(i, config, "stopped before it began");
        } else {
            if (callbacks.onRunStarted) callbacks.onRunStarted(i, config);
            std::stop_source runStop;
            TrainCallbacks cb;
            cb.stop = runStop.get_token();
            cb.onStep = callbacks.onStep;
            cb.onEpoch = callbacks.onEpoch;
            cb.onBatch = [&](int run, int epoch, int batch, int batches) {
                if (callbacks.onBatch) callbacks.onBatch(run, epoch, batch, batches);
                if (control.stopAll.stop_requested() || stopRunRequested(run)) runStop.request_stop();
            };
            try {
                result = trainRun(config, data, i, cb);
            } catch (const Error& e) { // an invalid configuration: this run fails, the others go on
                result = notStarted(i, config, "");
                result.status = RunStatus::Failed;
                result.message = e.what();
            }
        }
        if (callbacks.onRunFinished) callbacks.onRunFinished(result);
        results.push_back(std::move(result));
    }
    return results;
}

} // namespace normlab
