#include "core/train/config/trainresult.h"

namespace normlab {

std::string runStatusName(RunStatus status) {
    switch (status) {
    case RunStatus::Queued:
        return "queued";
    case RunStatus::Running:
        return "running";
    case RunStatus::Finished:
        return "finished";
    case RunStatus::Cancelled:
        return "cancelled";
    case RunStatus::Diverged:
        return "diverged";
    case RunStatus::Failed:
        return "failed";
    }
    return "unknown";
}

} // namespace normlab
