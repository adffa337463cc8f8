#include "core/train/experiment/lessonseeds.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/train/config/trainconfig.h"

namespace normlab {
namespace {

constexpr int kLessonSeeds = 3;
constexpr double kCpuCoreSecondsPerEpoch = 2 * 3.25; // 2 cores × 3.25 s (docs/benchmarks.md)
constexpr double kFastestCpuEpochSeconds = 0.5;      // more cores stop helping 6- and 12-channel convolutions
constexpr double kGpuEpochSeconds = 0.5;             // generous: the H100 target is 0.1 s

std::string minutes(double seconds) {
    const long rounded = std::lround(std::max(1.0, seconds / 60));
    return std::to_string(rounded) + (rounded == 1 ? " minute" : " minutes");
}

} // namespace

LessonSeeds lessonSeeds(double secondsPerEpoch, bool measured) {
    const double epochs = static_cast<double>(lessonMethods().size()) * lessonPreset().epochs;
    const double withSeeds = epochs * kLessonSeeds * secondsPerEpoch;
    const std::string basis =
        measured ? "measured on this machine" : "estimated; NormLab times the lesson's epochs once it has run";
    char perEpoch[32];
    std::snprintf(perEpoch, sizeof perEpoch, "%.1f s", secondsPerEpoch);
    const std::string epochText = std::string(perEpoch) + " per epoch, " + basis;
    if (withSeeds <= kLessonMinutes * 60)
        return {kLessonSeeds, "3 seeds per normalization, to show the seed-to-seed spread: about " +
                                  minutes(withSeeds) + " (" + epochText + ")."};
    return {1, "One seed: 3 seeds would take about " + minutes(withSeeds) + " here (" + epochText +
                   "), longer than a lesson's " + minutes(kLessonMinutes * 60) +
                   ". Set Seeds to 3 to see whether the difference is larger than seed-to-seed noise."};
}

double estimatedLessonEpochSeconds(bool cuda, unsigned cores) {
    if (cuda) return kGpuEpochSeconds;
    return std::max(kFastestCpuEpochSeconds, kCpuCoreSecondsPerEpoch / std::max(1u, cores));
}

} // namespace normlab
