#pragma once

#include <string>

namespace normlab {

// How many seeds the GUI's lesson preset repeats each run with. Three are enough to see the
// seed-to-seed spread the lesson's one-run-per-condition conclusion ignores; the preset uses them
// when the whole comparison (2 normalizations × 3 seeds × 20 epochs) is expected to finish within
// kLessonMinutes, else one seed, and `why` says so either way (a teacher plans the lesson's time).
inline constexpr double kLessonMinutes = 10;

struct LessonSeeds {
    int seeds = 1;
    std::string why;
};

// secondsPerEpoch: one lesson epoch on the device that will train; measured says whether it was
// timed on this machine or estimated (estimatedLessonEpochSeconds).
LessonSeeds lessonSeeds(double secondsPerEpoch, bool measured);

// A lesson epoch (lesson-cnn, FashionMNIST's 60,000 images, batch 1000) when none was timed here:
// docs/benchmarks.md measured 3.25 s on 2 CPU cores, which scales about with the cores; on a GPU
// it is well under a second.
double estimatedLessonEpochSeconds(bool cuda, unsigned cores);

} // namespace normlab
