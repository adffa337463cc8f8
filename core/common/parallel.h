#pragma once

#include <cstddef>
#include <functional>

namespace normlab {

// Number of worker threads core loops use: the hardware's, at least one.
unsigned workerCount();

// Splits [0, count) into one contiguous range per worker and runs body(worker, begin, end) on
// each, the first on the calling thread. The first exception thrown by any worker is rethrown.
void parallelRanges(std::size_t count, unsigned workers,
                    const std::function<void(unsigned worker, std::size_t begin, std::size_t end)>& body);

} // namespace normlab
