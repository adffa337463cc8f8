#pragma once

#include <functional>
#include <stop_token>

#include "core/common/error.h"

namespace normlab {

// Long work reports a fraction in [0, 1] and checks for a stop request between chunks.
// Both members are optional: a default Progress never reports and never stops.
struct Progress {
    std::function<void(double fraction)> report;
    std::stop_token stop;

    void update(double fraction) const {
        if (report) report(fraction);
    }
    bool stopRequested() const { return stop.stop_requested(); }
    void throwIfStopped() const {
        if (stop.stop_requested()) throw Cancelled();
    }
    // The share [start, start + share) of this progress, for one step of several.
    Progress part(double start, double share) const {
        if (!report) return {{}, stop};
        return {[outer = report, start, share](double f) { outer(start + share * f); }, stop};
    }
};

} // namespace normlab
