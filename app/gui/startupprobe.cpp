#include "app/gui/startupprobe.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <time.h>
#include <unistd.h>

#include <QAbstractItemView>
#include <QCoreApplication>
#include <QEvent>
#include <QTimer>

namespace normlab {
namespace {

double clockSeconds(clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Seconds since this process started, from field 22 of /proc/self/stat (clock ticks after boot,
// 10 ms resolution); -1 when it cannot be read.
double secondsSinceProcessStart() {
    std::ifstream in("/proc/self/stat");
    std::string stat;
    std::getline(in, stat);
    const auto close = stat.rfind(')'); // the command name may contain spaces
    if (close == std::string::npos) return -1;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i)
        if (i == 22) return clockSeconds(CLOCK_BOOTTIME) - std::stod(field) / static_cast<double>(sysconf(_SC_CLK_TCK));
    return -1;
}

// The process's peak resident memory so far (VmHWM), in MB; -1 when it cannot be read.
double peakResidentMB() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return -1;
}

} // namespace

StartupProbe::StartupProbe(QAbstractItemView* grid, QObject* parent) : QObject(parent), m_grid(grid) {
    grid->viewport()->installEventFilter(this);
}

bool StartupProbe::eventFilter(QObject* watched, QEvent* event) {
    // With data: a first row whose thumbnail is there. An image folder's rows show before their
    // thumbnails, which are decoded on a worker; asking for it here is what a paint asks anyway.
    if (!m_reported && event->type() == QEvent::Paint && watched == m_grid->viewport() && m_grid->model() &&
        m_grid->model()->rowCount() > 0 && !m_grid->model()->index(0, 0).data(Qt::DecorationRole).isNull()) {
        m_reported = true;
        QTimer::singleShot(0, this, &StartupProbe::report); // after this paint has been handled
    }
    return false;
}

void StartupProbe::report() {
    std::printf("first paint with data: %.3f s after the process started (CLOCK_MONOTONIC %.6f), peak %.0f MB\n",
                secondsSinceProcessStart(), clockSeconds(CLOCK_MONOTONIC), peakResidentMB());
    std::fflush(stdout);
    QCoreApplication::quit();
}

} // namespace normlab
