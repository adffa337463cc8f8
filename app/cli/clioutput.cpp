#include "app/cli/clioutput.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>

#include <unistd.h>

#include "core/common/error.h"
#include "core/common/atomicfile.h"

namespace normlab::cli {

void emit(const std::string& text, const std::string& path) {
    if (path.empty() || path == "-") {
        std::cout << text;
        std::cout.flush();
        if (!std::cout) throw Error("cannot write to standard output");
        return;
    }
    writeFileAtomically(path, text);
}

bool stdoutIsTerminal() {
    return ::isatty(STDOUT_FILENO) == 1;
}
bool stderrIsTerminal() {
    return ::isatty(STDERR_FILENO) == 1;
}

Progress stderrProgress(const std::string& label) {
    if (!stderrIsTerminal()) return {};
    struct Bar {
        std::mutex mutex;
        std::chrono::steady_clock::time_point last;
        bool finished = false;
    };
    auto bar = std::make_shared<Bar>();
    return Progress{[bar, label](double fraction) {
                        std::lock_guard lock(bar->mutex);
                        const auto now = std::chrono::steady_clock::now();
                        if (bar->finished || (fraction < 1.0 && now - bar->last < std::chrono::milliseconds(100)))
                            return;
                        bar->last = now;
                        constexpr int kWidth = 30;
                        const int filled = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * kWidth);
                        std::fprintf(stderr, "\r\033[K%s [%s%s] %3.0f%%", label.c_str(),
                                     std::string(filled, '#').c_str(), std::string(kWidth - filled, '.').c_str(),
                                     fraction * 100);
                        if (fraction >= 1.0) {
                            std::fprintf(stderr, "\n");
                            bar->finished = true;
                        }
                        std::fflush(stderr);
                    },
                    {}};
}

void printNotes(const std::vector<std::string>& notes) {
    for (const auto& note : notes)
        std::fprintf(stderr, "%s: %s\n", note.starts_with("labels leave gaps") ? "warning" : "note", note.c_str());
}

} // namespace normlab::cli
