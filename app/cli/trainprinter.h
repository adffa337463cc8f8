#pragma once

#include <cstdio>
#include <string>

#include "core/train/config/trainresult.h"

namespace normlab::cli {

// Human-readable progress of training runs: one line per epoch, and on a terminal a progress bar
// within the epoch that the next line overwrites.
class TrainPrinter {
public:
    TrainPrinter(std::FILE* out, bool terminal, int runCount, int epochs)
        : m_out(out), m_terminal(terminal), m_runCount(runCount), m_epochs(epochs) {}

    void runStarted(int run, const std::string& name, const std::string& device);
    void batch(int run, int epoch, int batch, int batches);
    void epoch(const std::string& name, const EpochMetric& m);
    void runFinished(const RunResult& r);

private:
    void clearBar();

    std::FILE* m_out;
    bool m_terminal;
    int m_runCount, m_epochs;
    bool m_barShown = false;
    std::string m_name;
};

} // namespace normlab::cli
