#pragma once

#include <algorithm>
#include <chrono>

#include <QTimer>

namespace normlab::test {

// Measures the longest gap between ticks of a 1 ms timer: how long the event loop was blocked.
class StallMeter {
public:
    StallMeter() {
        m_tick.setInterval(1);
        QObject::connect(&m_tick, &QTimer::timeout, [this] {
            const auto now = std::chrono::steady_clock::now();
            m_worstMs = std::max(m_worstMs, std::chrono::duration<double, std::milli>(now - m_last).count());
            m_last = now;
        });
        m_last = std::chrono::steady_clock::now();
        m_tick.start();
    }
    double stop() {
        m_tick.stop();
        return m_worstMs;
    }

private:
    QTimer m_tick;
    std::chrono::steady_clock::time_point m_last;
    double m_worstMs = 0;
};

} // namespace normlab::test
