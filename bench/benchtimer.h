#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace normlab::bench {

// Median wall time in milliseconds over `repeats` runs (after one warm-up run): robust to the
// occasional hiccup of a shared machine.
inline double medianMs(int repeats, const std::function<void()>& body) {
    body();
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        body();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace normlab::bench
