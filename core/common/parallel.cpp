#include "core/common/parallel.h"

#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace normlab {

unsigned workerCount() {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

void parallelRanges(std::size_t count, unsigned workers,
                    const std::function<void(unsigned, std::size_t, std::size_t)>& body) {
    if (workers == 0) workers = 1;
    if (count < workers) workers = count == 0 ? 1 : static_cast<unsigned>(count);
    std::exception_ptr firstError;
    std::mutex errorMutex;
    auto guarded = [&](unsigned w) {
        const std::size_t begin = count * w / workers;
        const std::size_t end = count * (w + 1) / workers;
        try {
            body(w, begin, end);
        } catch (...) {
            std::lock_guard lock(errorMutex);
            if (!firstError) firstError = std::current_exception();
        }
    };
    std::vector<std::jthread> threads;
    threads.reserve(workers - 1);
    for (unsigned w = 1; w < workers; ++w)
        threads.emplace_back(guarded, w);
    guarded(0);
    threads.clear(); // joins
    if (firstError) std::rethrow_exception(firstError);
}

} // namespace normlab
