#include "app/cli/trainprinter.h"

namespace normlab::cli {
namespace {

constexpr int kBarWidth = 30;

} // namespace

void TrainPrinter::clearBar() {
    if (m_barShown) std::fprintf(m_out, "\r\033[K");
    m_barShown = false;
}

void TrainPrinter::runStarted(int run, const std::string& name, const std::string& device) {
    m_name = name;
    std::fprintf(m_out, "run %d/%d: %s on %s\n", run + 1, m_runCount, name.c_str(), device.c_str());
    std::fflush(m_out);
}

void TrainPrinter::batch(int, int epoch, int batch, int batches) {
    if (!m_terminal) return;
    const int filled = batch * kBarWidth / batches;
    std::fprintf(m_out, "\r  [%s] epoch %d/%d [%s%s] %d/%d", m_name.c_str(), epoch, m_epochs,
                 std::string(filled, '#').c_str(), std::string(kBarWidth - filled, '.').c_str(), batch, batches);
    std::fflush(m_out);
    m_barShown = true;
}

void TrainPrinter::epoch(const std::string& name, const EpochMetric& m) {
    clearBar();
    std::fprintf(m_out, "  [%s] epoch %2d/%d  loss %.4f  acc %.4f | test loss %.4f  acc %.4f | %.2f s\n", name.c_str(),
                 m.epoch, m_epochs, m.trainLoss, m.trainAccuracy, m.testLoss, m.testAccuracy, m.epochSeconds);
    std::fflush(m_out);
}

void TrainPrinter::runFinished(const RunResult& r) {
    clearBar();
    std::fprintf(m_out, "run %d/%d: %s %s after %.2f s%s%s\n", r.run + 1, m_runCount, r.name.c_str(),
                 runStatusName(r.status).c_str(), r.seconds, r.message.empty() ? "" : ": ", r.message.c_str());
    std::fflush(m_out);
}

} // namespace normlab::cli
