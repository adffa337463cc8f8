#include "core/session/epochtime.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/common/digest.h"
#include "core/common/error.h"
#include "core/train/engine/trainengine.h"

namespace normlab {
namespace {

// The first `count` images of a split: a copy, so the sample trains like the whole split.
ImageSet firstImages(const ImageSet& set, std::size_t count) {
    ImageSet out = set;
    count = std::min(count, set.count);
    out.count = count;
    out.pixels.assign(set.pixels.begin(), set.pixels.begin() + static_cast<std::ptrdiff_t>(count * set.pixelsPerImage()));
    out.labels.assign(set.labels.begin(), set.labels.begin() + static_cast<std::ptrdiff_t>(count));
    return out;
}

std::string rounded(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, seconds < 10 ? "%.1f s" : "%.0f s", seconds);
    return text;
}

// "40 seconds", "1 minute", "7 minutes", "2 hours 10 minutes".
std::string duration(double seconds) {
    if (seconds < 55) return std::to_string(std::max(5L, std::lround(seconds / 5) * 5)) + " seconds";
    const long minutes = std::max(1L, std::lround(seconds / 60));
    if (minutes < 120) return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
    return std::to_string(minutes / 60) + " hours " + std::to_string(minutes % 60) + " minutes";
}

} // namespace

double epochWork(std::size_t trainImages, std::size_t testImages) {
    return static_cast<double>(trainImages) + kTestImageWork * static_cast<double>(testImages);
}

EpochCalibration calibrateEpoch(const TrainEngine& engine, const TrainConfig& config, const TrainingData& data,
                                std::stop_token stop) {
    const std::size_t batch = static_cast<std::size_t>(std::max(1, config.batchSize));
    TrainingData sample;
    sample.train = firstImages(data.train, kCalibrationBatches * batch);
    sample.test = firstImages(data.test, batch);
    sample.params = data.params;
    TrainConfig timed = config;
    timed.epochs = 2;
    timed.reportsPerEpoch = 1;
    EpochCalibration result;
    result.sampleTrain = sample.train.count;
    result.sampleTest = sample.test.count;
    ComparisonCallbacks callbacks;
    callbacks.onEpoch = [&](const EpochMetric& e) {
        if (e.epoch == 2) result.sampleSeconds = e.epochSeconds;
    };
    const std::vector<RunResult> runs = engine.runComparison({timed}, sample, {stop, {}}, callbacks);
    if (stop.stop_requested()) throw Cancelled();
    // A run that diverges in its second epoch has still timed it; one that failed earlier has not.
    if (result.sampleSeconds <= 0)
        throw Error("timing a few batches failed: " + (runs.empty() ? std::string("no run") : runs.front().message));
    result.epochSeconds = result.sampleSeconds * epochWork(data.train.count, data.test.count) /
                          epochWork(result.sampleTrain, result.sampleTest);
    return result;
}

std::string deviceKind(const std::string& device) {
    return device.rfind("cuda", 0) == 0 ? "cuda" : "cpu";
}

std::string epochTimeKey(const TrainConfig& config, const std::string& deviceKind) {
    // The data set may be a folder's path: hashed, so the key has no '/' (a settings group).
    const std::string what = config.dataset + '\n' + std::to_string(config.limit) + '\n' + config.model + '\n' +
                             std::to_string(config.batchSize) + '\n' + deviceKind;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(what.data());
    return deviceKind + '-' + sha256Hex({bytes, what.size()}).substr(0, 16);
}

std::string estimateText(std::size_t runs, int epochs, double epochSeconds, EpochTimeBasis basis) {
    const double total = static_cast<double>(runs) * epochs * epochSeconds;
    const char* from = basis == EpochTimeBasis::Seen ? "as epochs took here" : "timed on a few batches here";
    return "about " + duration(total) + " for " + std::to_string(runs) + (runs == 1 ? " run" : " runs") + " × " +
           std::to_string(epochs) + (epochs == 1 ? " epoch" : " epochs") + " (" + rounded(epochSeconds) +
           " per epoch, " + from + ")";
}

std::string remainingText(double seconds) {
    return "about " + duration(seconds) + " left";
}

std::string sharedCoresNote(double seenEpochSeconds, double expectedEpochSeconds) {
    if (expectedEpochSeconds <= 0 || seenEpochSeconds <= kSharedCoresRatio * expectedEpochSeconds) return {};
    char ratio[16];
    std::snprintf(ratio, sizeof ratio, "%.1f", seenEpochSeconds / expectedEpochSeconds);
    return std::string("epochs take ") + ratio + " times as long as timed: other work is sharing the cores "
           "(another program, or NormLab computing statistics)";
}

} // namespace normlab
